// cognito_call — call any SigV4-free Cognito User Pools operation with a JSON
// body and print the JSON answer, like `aws cognito-idp <op> --cli-input-json`.
//
//   cognito_call [--endpoint URL] [--region R] OPERATION [JSON]
//
// JSON defaults to stdin when omitted. COGNITO_ENDPOINT / COGNITO_REGION are
// read from the environment. Exit status 0 on success; on failure the Cognito
// exception name and message go to stderr and the status is 1.
#include <cognito/cognito.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  cognito::ClientConfig cfg;
  if (const char* e = std::getenv("COGNITO_ENDPOINT")) cfg.endpoint = e;
  if (const char* r = std::getenv("COGNITO_REGION")) cfg.region = r;
  std::string operation, body;
  bool have_body = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--endpoint" && i + 1 < argc) {
      cfg.endpoint = argv[++i];
    } else if (a == "--region" && i + 1 < argc) {
      cfg.region = argv[++i];
    } else if (a == "-h" || a == "--help") {
      std::puts("usage: cognito_call [--endpoint URL] [--region R] OPERATION [JSON]");
      return 0;
    } else if (operation.empty()) {
      operation = a;
    } else {
      body = a;
      have_body = true;
    }
  }
  if (operation.empty()) {
    std::fputs("usage: cognito_call [--endpoint URL] [--region R] OPERATION [JSON]\n", stderr);
    return 2;
  }
  if (!have_body) body.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());

  auto client = cognito::Client::create(std::move(cfg));
  if (!client) {
    std::fprintf(stderr, "%s\n", client.error().to_string().c_str());
    return 1;
  }
  auto answer = client->call(operation, body);
  cognito::secure_wipe(body);
  if (!answer) {
    std::fprintf(stderr, "%s\n", answer.error().to_string().c_str());
    return 1;
  }
  std::fwrite(answer->data(), 1, answer->size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}
