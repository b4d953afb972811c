// Test helper: RSA keys generated with OpenSSL, RS256-signed JWTs and a JWKS
// document for them (tokens_*_test.cpp, session_*_test.cpp).
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"

namespace cognito::test {

inline std::string b64url(std::string_view bytes) { return crypto::base64url_encode(bytes); }

/// A 2048-bit RSA key pair with a kid.
class RsaTestKey {
 public:
  explicit RsaTestKey(std::string kid) : kid_(std::move(kid)), pkey_(EVP_RSA_gen(2048), &EVP_PKEY_free) {
    if (!pkey_) throw std::runtime_error("EVP_RSA_gen failed");
  }

  [[nodiscard]] const std::string& kid() const { return kid_; }

  /// The public key as a JWK (kty RSA, alg RS256, use sig).
  [[nodiscard]] std::string jwk() const {
    return R"({"alg":"RS256","e":")" + component(OSSL_PKEY_PARAM_RSA_E) + R"(","kid":")" + kid_ +
           R"(","kty":"RSA","n":")" + component(OSSL_PKEY_PARAM_RSA_N) + R"(","use":"sig"})";
  }
  /// The modulus as base64url (used as an HMAC key in the alg-confusion test).
  [[nodiscard]] std::string modulus_b64url() const { return component(OSSL_PKEY_PARAM_RSA_N); }

  /// RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
  [[nodiscard]] std::string sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) != 1)
      throw std::runtime_error("EVP_DigestSignInit failed");
    std::size_t len = 0;
    const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1)
      throw std::runtime_error("EVP_DigestSign (size) failed");
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg, message.size()) != 1)
      throw std::runtime_error("EVP_DigestSign failed");
    sig.resize(len);
    return sig;
  }

  /// A compact JWS: header {"kid":..., "alg":"RS256"} (or `header_json`), `payload_json`.
  [[nodiscard]] std::string jwt(std::string_view payload_json, std::string header_json = {}) const {
    if (header_json.empty()) header_json = R"({"kid":")" + kid_ + R"(","alg":"RS256"})";
    const std::string input = b64url(header_json) + "." + b64url(payload_json);
    return input + "." + b64url(sign(input));
  }

 private:
  [[nodiscard]] std::string component(const char* name) const {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey_.get(), name, &bn) != 1) throw std::runtime_error("EVP_PKEY_get_bn_param");
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return b64url(bytes);
  }

  std::string kid_;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey_;
};

/// Keys generated on first use, once per test program (key generation is slow,
/// so tests that only need well-formed tokens use unsigned_jwt() instead).
struct TestKeys {
  static const RsaTestKey& id() {
    static const RsaTestKey key("id-key-1");
    return key;
  }
  static const RsaTestKey& access() {
    static const RsaTestKey key("access-key-1");
    return key;
  }
  static const RsaTestKey& other() {  // not in the JWKS
    static const RsaTestKey key("other-key-1");
    return key;
  }
  /// The JWKS of the ID and access keys.
  static std::string jwks() { return R"({"keys":[)" + id().jwk() + "," + access().jwk() + "]}"; }
};

/// A token with `payload_json` and a dummy signature: enough for JwtClaims::decode
/// and Tokens::update_times, which check no signature.
inline std::string unsigned_jwt(std::string_view payload_json) {
  return b64url(R"({"kid":"unsigned","alg":"RS256"})") + "." + b64url(payload_json) + "." + b64url("sig");
}

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline constexpr const char* kTestIssuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test";
inline constexpr const char* kTestClient = "client123";

/// Claims of a Cognito ID token.
inline std::string id_claims(std::int64_t iat, std::int64_t exp, std::string iss = kTestIssuer,
                             std::string aud = std::string("\"") + kTestClient + "\"",
                             std::string use = "id") {
  return R"({"sub":"5f7c","aud":)" + aud + R"(,"email_verified":true,"token_use":")" + use +
         R"(","auth_time":)" + std::to_string(iat) + R"(,"iss":")" + iss +
         R"(","cognito:username":"alice","exp":)" + std::to_string(exp) + R"(,"iat":)" + std::to_string(iat) +
         R"(,"email":"alice@example.com"})";
}

/// Claims of a Cognito access token.
inline std::string access_claims(std::int64_t iat, std::int64_t exp, std::string iss = kTestIssuer,
                                 std::string client = kTestClient, std::string use = "access") {
  return R"({"sub":"5f7c","iss":")" + iss + R"(","client_id":")" + client + R"(","origin_jti":"o1","token_use":")" +
         use + R"(","scope":"aws.cognito.signin.user.admin","auth_time":)" + std::to_string(iat) +
         R"(,"exp":)" + std::to_string(exp) + R"(,"iat":)" + std::to_string(iat) +
         R"(,"jti":"j1","username":"alice"})";
}

/// An InitiateAuth answer with (unsigned) tokens issued at `iat` for `lifetime` seconds.
inline std::string auth_result_json(std::int64_t iat, std::int64_t lifetime, bool with_refresh = false) {
  std::string out = R"({"AuthenticationResult":{"AccessToken":")" + unsigned_jwt(access_claims(iat, iat + lifetime)) +
                    R"(","IdToken":")" + unsigned_jwt(id_claims(iat, iat + lifetime)) + R"(","ExpiresIn":)" +
                    std::to_string(lifetime) + R"(,"TokenType":"Bearer")";
  if (with_refresh) out += R"(,"RefreshToken":"refresh-2")";
  out += R"(},"ChallengeParameters":{}})";
  return out;
}

}  // namespace cognito::test
