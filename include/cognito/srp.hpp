// libcognito — SRP-6a exactly as Amazon Cognito does it, SECRET_HASH, and the
// device verifier for ConfirmDevice.
//
// A user-password sign-in (USER_SRP_AUTH) with this header:
//
//   auto srp = cognito::SrpClient::create();          // a and A, before any I/O
//   // InitiateAuth { AuthFlow: USER_SRP_AUTH, AuthParameters: { USERNAME, SRP_A: srp->A_hex() } }
//   // ... the answer is ChallengeName PASSWORD_VERIFIER with SALT, SRP_B,
//   // SECRET_BLOCK, USER_ID_FOR_SRP in ChallengeParameters.
//   auto claim = srp->respond(pool_id, params["USER_ID_FOR_SRP"], password,
//                             {params["SALT"], params["SRP_B"], params["SECRET_BLOCK"]});
//   // RespondToAuthChallenge { PASSWORD_VERIFIER:
//   //   PASSWORD_CLAIM_SIGNATURE: claim->signature, TIMESTAMP: claim->timestamp,
//   //   PASSWORD_CLAIM_SECRET_BLOCK: the SECRET_BLOCK as received, USERNAME: ... }
//
// Device sign-in (DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER) is the same with
// respond_device(), and ConfirmDevice needs generate_device_verifier().
//
// Errors: ErrorCode::SrpBadServerValue for a malformed or unsafe SALT / SRP_B /
// SECRET_BLOCK: B mod N == 0, u == 0, empty or non-hex values, SRP_B longer
// than 1536 hex digits (twice N), SALT longer than 1024, SECRET_BLOCK that is
// not standard padded Base64 or longer than 64 KiB. InvalidArgument for bad
// caller input, Random when the CSPRNG fails, Crypto when an OpenSSL primitive
// fails. Nothing throws (apart from std::bad_alloc). The free functions are
// thread-safe, and so are distinct SrpClient objects (the group's precomputed
// values are shared read-only).
//
// Testing: randomness is injected only through SrpOptions::random (or the
// `random` argument of generate_device_verifier); the time is an explicit
// argument of respond() that defaults to the system clock. Fixed private
// values for known-answer tests go through SrpClient::create_with_fixed_a().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cognito/export.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito {

namespace detail {
struct SrpClientAccess;  // test/internal hooks (lib/srp/srp_internal.hpp)
}

/// SECRET_HASH = Base64(HMAC-SHA256(key = client_secret, message = username ‖ client_id)),
/// all three as UTF-8 bytes (the secret is used as text, not Base64-decoded).
/// Use the username exactly as sent in the same request (after the first
/// challenge: the canonical USERNAME / USER_ID_FOR_SRP from the service).
/// InvalidArgument when client_secret or client_id is empty.
COGNITO_API Result<std::string> secret_hash(std::string_view client_secret, std::string_view username,
                                            std::string_view client_id);

/// The TIMESTAMP string of an SRP response for a UTC instant, exactly as the
/// service wants it: "Tue Nov 3 07:05:09 UTC 2026" (English names, day of month
/// not padded, 24-hour clock, fractions of a second dropped). Locale-independent.
COGNITO_API std::string srp_timestamp(std::chrono::system_clock::time_point when);
/// The same for whole seconds since 1970-01-01T00:00:00Z (may be negative).
COGNITO_API std::string srp_timestamp_unix(std::int64_t unix_seconds);

/// A source of random bytes: fill `out` with `n` bytes, return false on failure.
/// Leave it empty everywhere except in tests: the default is OpenSSL RAND_bytes.
using SrpRandom = std::function<bool(unsigned char* out, std::size_t n)>;

/// Options for SrpClient::create().
struct SrpOptions {
  /// Size of the private ephemeral `a` in bits: 256..1024, a multiple of 8.
  /// 256 bits gives the 128-bit security level of the 3072-bit group and is
  /// about 2x faster than the 1024 bits the AWS SDKs use.
  std::size_t ephemeral_bits = 256;
  /// Where `a` comes from. Empty (the default): OpenSSL's CSPRNG.
  SrpRandom random;
};

/// What the service sent with PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER
/// (ChallengeParameters). The views only need to live during respond().
struct SrpChallenge {
  std::string_view salt;          ///< SALT: hex, may be odd-length, upper case or negative
  std::string_view srp_b;         ///< SRP_B: hex
  std::string_view secret_block;  ///< SECRET_BLOCK: standard Base64
};

/// The answer to a password (or device password) verifier challenge.
struct PasswordClaim {
  std::string signature;  ///< PASSWORD_CLAIM_SIGNATURE (standard Base64)
  std::string timestamp;  ///< TIMESTAMP: send exactly this string (it was signed)
};

/// The client side of one SRP sign-in. create() draws the private `a` and
/// computes A = g^a mod N at once, so A is ready before the network call and
/// only g^x and the shared secret remain for respond().
///
/// Single use: once respond()/respond_device() has got past its argument
/// checks it consumes the ephemeral (a is wiped, whatever the outcome, also
/// when the server's values are rejected); a later call fails with InvalidState.
/// Move-only; the secret `a` is wiped on destruction. One object must not be
/// used from several threads at once; distinct objects are independent.
class COGNITO_API SrpClient {
 public:
  /// Draws `a` (options.ephemeral_bits bits) and computes A.
  /// InvalidArgument for a bad ephemeral_bits, Random when the source fails.
  static Result<SrpClient> create(const SrpOptions& options = {});

  /// FOR KNOWN-ANSWER TESTS ONLY: uses the given private value `a` (hex, up to
  /// 8192 bits, not zero) instead of a random one. Never use it with a real
  /// service -- a fixed or guessable `a` gives the password away.
  static Result<SrpClient> create_with_fixed_a(std::string_view a_hex);

  SrpClient(SrpClient&& other) noexcept;
  SrpClient& operator=(SrpClient&& other) noexcept;
  SrpClient(const SrpClient&) = delete;
  SrpClient& operator=(const SrpClient&) = delete;
  ~SrpClient();

  /// SRP_A: A as lowercase hex without leading zeros. Empty after a move.
  [[nodiscard]] const std::string& A_hex() const noexcept;

  /// The PASSWORD_VERIFIER answer of a user sign-in.
  ///  - pool_id: the user pool id ("us-east-1_AbCdEfGhI"); its part after the
  ///    first '_' is the pool name that enters x and the signature.
  ///  - user_id_for_srp: the challenge's USER_ID_FOR_SRP (never the alias the
  ///    user typed).
  ///  - password: UTF-8; pass a SecretString with `.reveal()`. Not kept.
  ///  - now: the instant put into TIMESTAMP (UTC).
  [[nodiscard]] Result<PasswordClaim> respond(
      std::string_view pool_id, std::string_view user_id_for_srp, std::string_view password,
      const SrpChallenge& challenge,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  /// The DEVICE_PASSWORD_VERIFIER answer of a device sign-in (DEVICE_SRP_AUTH):
  /// the same math with the device group key in place of the pool name, the
  /// device key in place of the user, and the device password.
  [[nodiscard]] Result<PasswordClaim> respond_device(
      std::string_view device_group_key, std::string_view device_key, std::string_view device_password,
      const SrpChallenge& challenge,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

 private:
  struct Impl;
  explicit SrpClient(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
  friend struct detail::SrpClientAccess;
};

/// A new device's secrets and its ConfirmDevice DeviceSecretVerifierConfig.
struct DeviceVerifier {
  /// The device password: Base64 of 40 random bytes. Store it with the device
  /// key and group key; respond_device() needs it at every device sign-in.
  SecretString device_password;
  /// DeviceSecretVerifierConfig.Salt: Base64(PAD(salt)) of a 16-byte random salt.
  std::string salt;
  /// DeviceSecretVerifierConfig.PasswordVerifier: Base64(PAD(g^x mod N)).
  std::string password_verifier;
};

/// Generates a device password and salt and the verifier for ConfirmDevice,
/// from NewDeviceMetadata's DeviceGroupKey and DeviceKey. Random bytes are
/// drawn as 40 (password) then 16 (salt); `random` empty = OpenSSL's CSPRNG.
/// InvalidArgument when a key is empty, Random when the source fails.
COGNITO_API Result<DeviceVerifier> generate_device_verifier(std::string_view device_group_key,
                                                            std::string_view device_key,
                                                            const SrpRandom& random = {});

}  // namespace cognito
