// libcognito (internal) — the cryptographic primitives the library needs.
//
// Code outside lib/crypto and lib/srp gets its cryptography from here, never
// from OpenSSL directly; the header names no OpenSSL type. Byte strings are
// passed as std::string_view (any bytes, not only text).
//
// Failures are reported through Result:
//   ErrorCode::Crypto           an OpenSSL primitive failed (should not happen)
//   ErrorCode::Random           the CSPRNG failed
//   ErrorCode::InvalidArgument  malformed input (bad Base64, bad RSA key, ...);
//                               callers map it to their own code
//                               (SrpBadServerValue, TokenInvalid, ...).
// All functions are thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito::crypto {

inline constexpr std::size_t kSha256Size = 32;

/// A SHA-256 digest or HMAC-SHA256 value. Wiped when destroyed, so it may
/// hold secret-derived values (every copy wipes itself).
struct Digest {
  std::array<unsigned char, kSha256Size> bytes{};

  Digest() = default;
  Digest(const Digest&) = default;
  Digest& operator=(const Digest&) = default;
  ~Digest() { secure_wipe(bytes.data(), bytes.size()); }

  [[nodiscard]] std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
  [[nodiscard]] const unsigned char* data() const noexcept { return bytes.data(); }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return kSha256Size; }
};

// ---- hashing -----------------------------------------------------------------

/// SHA-256 of `data`.
Result<Digest> sha256(std::string_view data);
/// SHA-256 of the concatenation of `parts` (nothing is copied).
Result<Digest> sha256(std::initializer_list<std::string_view> parts);

/// HMAC-SHA256(key, data).
Result<Digest> hmac_sha256(std::string_view key, std::string_view data);
/// HMAC-SHA256(key, concatenation of `parts`).
Result<Digest> hmac_sha256(std::string_view key, std::initializer_list<std::string_view> parts);

/// HKDF-SHA256 (RFC 5869): PRK = HMAC(salt, ikm), then the expand step with
/// `info`, writing `out_len` (1..8160) bytes to `out`. Cognito SRP uses
/// salt = PAD(u), ikm = PAD(S), info = "Caldera Derived Key", out_len = 16.
Result<void> hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info,
                         unsigned char* out, std::size_t out_len);

// ---- Base64 (OpenSSL EVP_EncodeBlock / EVP_DecodeBlock) ----------------------

/// Length of the standard (padded) Base64 encoding of n bytes.
constexpr std::size_t base64_encoded_size(std::size_t n) noexcept { return (n + 2) / 3 * 4; }

/// Standard alphabet, `=` padding, no line breaks.
std::string base64_encode(std::string_view bytes);
/// Same, written to `out`, which must hold base64_encoded_size(bytes.size())
/// characters (no terminator is written). For encoding secrets straight into
/// a SecretString: `s.resize(base64_encoded_size(n)); base64_encode_into(b, s.mutable_data());`
void base64_encode_into(std::string_view bytes, char* out);
/// Strict standard Base64: length a multiple of 4, alphabet A-Z a-z 0-9 + /,
/// at most two `=` only at the end, no whitespace. InvalidArgument otherwise.
/// The empty string decodes to the empty string.
Result<std::string> base64_decode(std::string_view text);

/// URL-safe alphabet (`-`, `_`), no padding (as in JWTs).
std::string base64url_encode(std::string_view bytes);
/// URL-safe alphabet, padding optional (JWT segments have none).
/// InvalidArgument on any other character or an impossible length.
Result<std::string> base64url_decode(std::string_view text);

// ---- randomness and comparison -----------------------------------------------

/// Fills `out` with n bytes from OpenSSL's CSPRNG (RAND_bytes).
/// ErrorCode::Random when the generator fails; the buffer is then wiped.
Result<void> random_bytes(void* out, std::size_t n);

/// Constant-time equality of the contents (CRYPTO_memcmp). Lengths are not
/// treated as secret: different lengths compare unequal immediately.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// ---- RSA (JWT RS256) ---------------------------------------------------------

/// An RSA public key, e.g. one entry of a Cognito JWKS (`kty` = "RSA").
/// Cheap to copy (shared, immutable); safe to use from several threads.
class RsaPublicKey {
 public:
  /// Smallest modulus accepted, in bits (Cognito signs with 2048-bit keys).
  static constexpr int kMinBits = 2048;
  /// Largest modulus accepted, in bits.
  static constexpr int kMaxBits = 8192;

  /// From the big-endian modulus and public exponent bytes.
  /// InvalidArgument when the key is malformed, the modulus is outside
  /// [kMinBits, kMaxBits] or the exponent is even or < 3.
  static Result<RsaPublicKey> from_components(std::string_view modulus, std::string_view exponent);
  /// From the JWK members `n` and `e` (base64url).
  static Result<RsaPublicKey> from_jwk(std::string_view n_b64url, std::string_view e_b64url);

  /// RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256") over `message`.
  /// true: valid. false: not a valid signature of this key (also for a wrong
  /// length). An Error only when OpenSSL itself fails.
  [[nodiscard]] Result<bool> verify_rs256(std::string_view message, std::string_view signature) const;

  /// Modulus size in bits.
  [[nodiscard]] int bits() const noexcept;

  struct Key;  // the OpenSSL key, defined in rsa.cpp

 private:
  explicit RsaPublicKey(std::shared_ptr<const Key> key) : key_(std::move(key)) {}
  std::shared_ptr<const Key> key_;
};

}  // namespace cognito::crypto
