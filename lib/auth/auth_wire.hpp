// Internal: the pure helpers of the sign-in machine — building the HTTP
// request, decoding answers, the JSON-inside-string challenge parameters, the
// otpauth:// URI. Nothing here decides a transition; that is auth_machine.cpp.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cognito/error.hpp"
#include "cognito/http.hpp"
#include "cognito/model.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "core/service_error.hpp"

namespace cognito::detail::auth {

/// "AWSCognitoIdentityProviderService." — the X-Amz-Target prefix.
inline constexpr std::string_view kTargetPrefix = "AWSCognitoIdentityProviderService.";

/// POST `endpoint` with the awsJson1_1 headers for `operation` and `body`.
HttpRequest make_http_request(std::string_view endpoint, std::string_view operation, SecretString body);

/// A copy of `r` (the body is cloned).
HttpRequest clone_request(const HttpRequest& r);

/// True for HTTP 2xx.
constexpr bool is_success(int status) noexcept { return status >= 200 && status < 300; }

/// Decodes a 2xx answer with the generated codec. The error (MalformedResponse,
/// MissingField, WrongType) carries the answer's HTTP status and request id.
template <class T>
Result<T> decode(const HttpResponse& response);

/// Parses a JSON array of strings carried inside a string parameter
/// (MFAS_CAN_CHOOSE, MFAS_CAN_SETUP, requiredAttributes). WrongType naming
/// `what` when it is not one.
Result<std::vector<std::string>> parse_string_list(std::string_view json, std::string_view what);
/// Parses a JSON object carried inside a string parameter (userAttributes).
/// String values are kept as they are, other scalars as their JSON text;
/// null members are skipped. WrongType naming `what` when it is not an object.
Result<std::map<std::string, std::string>> parse_string_map(std::string_view json, std::string_view what);
/// True when `json` is one well-formed JSON value.
bool is_json(std::string_view json);

/// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string percent_encode(std::string_view s);
/// otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>, percent-encoded.
SecretString totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

/// ASCII case-insensitive substring test.
bool contains_ci(std::string_view haystack, std::string_view needle) noexcept;

/// Error helpers (messages never carry values, only names).
Error protocol_error(ErrorCode code, std::string message, const HttpResponse* response = nullptr);

// ---- template definition ------------------------------------------------------

template <class T>
Result<T> decode(const HttpResponse& response) {
  T out;
  if (auto r = from_json(response.body.reveal(), out); !r) {
    Error e = std::move(r).error();
    detail::attach_response(e, response);
    return e;
  }
  return out;
}

}  // namespace cognito::detail::auth
