// libcognito — SECRET_HASH (cognito/srp.hpp).
#include "cognito/srp.hpp"
#include "crypto/crypto.hpp"

namespace cognito {

Result<std::string> secret_hash(std::string_view client_secret, std::string_view username,
                                std::string_view client_id) {
  if (client_secret.empty()) return fail(ErrorCode::InvalidArgument, "SECRET_HASH: the client secret is empty");
  if (client_id.empty()) return fail(ErrorCode::InvalidArgument, "SECRET_HASH: the client id is empty");
  auto mac = crypto::hmac_sha256(client_secret, {username, client_id});
  if (!mac) return std::move(mac).error();
  return crypto::base64_encode(mac->view());
}

}  // namespace cognito
