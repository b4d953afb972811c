// Internal: values the Client fills into requests that leave them empty.
#pragma once

#include <string_view>

#include "cognito/secret.hpp"

namespace cognito::detail {

/// Passed to the request encoders by Client. With it, an encoder
///  - writes `client_id` into an empty `ClientId` member;
///  - computes `SecretHash` = secret_hash(client_secret, Username, ClientId)
///    when the request has that member, leaves it unset, and a secret is known;
///  - writes the raw secret into an unset `ClientSecret` member
///    (GetTokensFromRefreshToken, RevokeToken).
struct RequestDefaults {
  std::string_view client_id;
  const SecretString* client_secret = nullptr;  ///< null or empty: the app client has no secret
};

}  // namespace cognito::detail
