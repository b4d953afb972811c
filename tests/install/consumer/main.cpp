// An out-of-tree program using the installed library.
#include <cognito/cognito.hpp>

#include <cstdio>

int main() {
  if (cognito::version_num() != COGNITO_VERSION_NUM) {
    std::fprintf(stderr, "header/library version mismatch\n");
    return 1;
  }
  cognito::ClientConfig cfg;
  cfg.user_pool_id = "eu-west-1_Example";
  auto endpoint = cognito::resolve_endpoint(cfg);
  if (!endpoint || *endpoint != "https://cognito-idp.eu-west-1.amazonaws.com/") return 1;
  // AWS .NET SDK known answer.
  auto hash = cognito::secret_hash("secret", "Mess", "age");
  if (!hash || *hash != "qnR8UCqJggD55PohusaBNviGoOJ67HC6Btry4qXLVZc=") return 1;
  std::printf("consumer: libcognito %s works\n", cognito::version_string());
  return 0;
}
