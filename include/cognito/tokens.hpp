// libcognito — tokens, remembered devices, JWT claims and verification.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cognito/export.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito {

namespace detail {
struct JwksAccess;  // lib/tokens: key lookup for verify_jwt
}

using SystemTime = std::chrono::system_clock::time_point;

/// The tokens of a signed-in user.
///
/// Expiry is judged with the clock drift between this machine and Cognito
/// taken into account: at sign-in (and refresh) `clock_drift` = local now -
/// the tokens' `iat`, and a token counts as expired when
/// now - clock_drift >= exp.
///
/// Tokens whose claims cannot be read (not JWTs) get their times from
/// ExpiresIn at sign-in and refresh instead: issued_at = the local time of the
/// answer, expires_at = that + expires_in, no drift.
///
/// A plain value: move it freely; copy it explicitly with clone().
struct COGNITO_API Tokens {
  SecretString id_token;
  SecretString access_token;
  SecretString refresh_token;  ///< kept from sign-in across refreshes unless rotated
  std::string token_type = "Bearer";
  std::int32_t expires_in = 0;  ///< seconds, as Cognito sent it
  SystemTime issued_at{};       ///< iat of the access token (server clock)
  SystemTime expires_at{};      ///< the earlier exp of the access and ID tokens (server clock)
  std::chrono::seconds clock_drift{0};  ///< local clock minus server clock

  /// Fills issued_at/expires_at/clock_drift from the access and ID tokens'
  /// claims (no signature check), as received at local time `now`:
  /// clock_drift = now - min(iat of access, iat of ID). The ID token may be
  /// empty. TokenInvalid when the access token is missing or unreadable or a
  /// token has no numeric iat/exp; the fields are then left unchanged.
  Result<void> update_times(SystemTime now);

  /// True when the access or ID token expires within `margin` of `now`
  /// (local clock, corrected by clock_drift), and when the times were never
  /// filled in. The margin is capped at half the tokens' lifetime, so tokens
  /// that live 5 minutes are not refreshed at once with the default margin.
  /// Any margin and drift are accepted: a negative margin counts as none, and
  /// values beyond the clock's range (seconds::max()) are clamped to it.
  [[nodiscard]] bool needs_refresh(SystemTime now,
                                   std::chrono::seconds margin = std::chrono::seconds(300)) const noexcept;

  [[nodiscard]] Tokens clone() const;
};

/// What an app stores to sign in later as a remembered device (protocol §5).
/// The library writes no files: persist these per (pool, canonical username),
/// with the device password protected like a password.
struct COGNITO_API DeviceCredentials {
  std::string device_key;        ///< "us-east-1_<uuid>"
  std::string device_group_key;
  SecretString device_password;  ///< random, generated when the device was confirmed

  [[nodiscard]] DeviceCredentials clone() const {
    return DeviceCredentials{device_key, device_group_key, device_password.clone()};
  }
};

/// The decoded header and payload of a JWT (no verification).
struct COGNITO_API JwtClaims {
  std::string header_json;   ///< the decoded header, e.g. {"kid":"...","alg":"RS256"}
  std::string payload_json;  ///< the decoded payload

  /// Splits and decodes a compact JWS. TokenInvalid when it is not one.
  static Result<JwtClaims> decode(std::string_view jwt);

  /// A string claim ("sub", "cognito:username", "token_use", ...), if present and a string.
  [[nodiscard]] std::optional<std::string> string_claim(std::string_view name) const;
  /// A numeric claim ("exp", "iat", "auth_time"), if present and a number.
  [[nodiscard]] std::optional<std::int64_t> int_claim(std::string_view name) const;
  /// A string header member ("kid", "alg").
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

/// The pool's signing keys (its JWKS document), parsed.
class COGNITO_API Jwks {
 public:
  /// Parses a JWKS JSON document; keys that are not RS256 RSA keys are ignored.
  /// TokenInvalid when the document is malformed or holds no usable key.
  static Result<Jwks> parse(std::string_view json);
  Jwks(Jwks&&) noexcept;
  Jwks& operator=(Jwks&&) noexcept;
  Jwks(const Jwks&);
  Jwks& operator=(const Jwks&);
  ~Jwks();

  [[nodiscard]] bool has_key(std::string_view kid) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept;

  struct Impl;

 private:
  explicit Jwks(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend struct detail::JwksAccess;
};

enum class TokenUse { Id, Access };

/// What verify_jwt() requires of a token. `issuer` and `client_id` must be set.
struct JwtExpectations {
  std::string issuer;     ///< e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC
  std::string client_id;  ///< ID tokens: aud (a string, or an array holding it); access tokens: client_id
  TokenUse token_use = TokenUse::Access;
  std::chrono::seconds leeway{60};
};

/// Verifies a Cognito JWT: header alg exactly "RS256", RS256 signature by the
/// key of `jwks` named by the header's kid, then iss, token_use, aud/client_id,
/// exp (required; expired when exp <= now - leeway), iat (required; not after
/// now + leeway) and nbf (if present); a negative leeway counts as none and one
/// beyond the range of the time arithmetic (seconds::max()) is clamped to it
/// instead of overflowing. Returns the claims, or TokenInvalid
/// saying which check failed (never quoting the token). InvalidArgument when
/// `expect` lacks the issuer or client id. Revocation is not visible in a JWT
/// (ask Cognito: GetUser). Thread-safe.
COGNITO_API Result<JwtClaims> verify_jwt(std::string_view jwt, const Jwks& jwks, const JwtExpectations& expect,
                                         SystemTime now);

/// The issuer of a pool's tokens on AWS: https://cognito-idp.<region>.amazonaws.com/<poolId>
/// (amazonaws.com.cn for cn-* regions). "" when the pool id has no region prefix.
COGNITO_API std::string default_issuer(std::string_view user_pool_id);

}  // namespace cognito
