// libcognito (internal, lib/srp only) — Cognito's SRP group and the byte-level
// rules: PAD (Java BigInteger.toByteArray), server hex parsing, x.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cognito/result.hpp"
#include "crypto/crypto.hpp"
#include "crypto/ossl.hpp"

namespace cognito::detail::srp {

/// The 3072-bit group of RFC 3526/5054, g = 2, k = H(PAD(N) ‖ PAD(g)).
/// Built once (thread-safe static initialisation) and read-only afterwards,
/// so it is shared by all threads.
struct Group {
  crypto::BnPtr N;
  crypto::BnPtr g;
  crypto::BnPtr k;
  crypto::BnPtr k_mont;       ///< k in Montgomery form (k·R mod N)
  crypto::BnMontCtxPtr mont;  ///< Montgomery context for N
};

/// The group, or null if OpenSSL failed to set it up.
const Group* group() noexcept;

/// N as upper-case hex (the RFC text), for tests.
extern const char* const kNHex;

/// PAD output is at most 1 + 384 bytes for values below 2^3072.
inline constexpr std::size_t kPadMax = 385;
/// Largest SRP_B accepted: twice the hex length of N.
inline constexpr std::size_t kMaxBHexDigits = 2 * 768;
/// Largest SALT accepted (Cognito sends 32 hex digits; leave room).
inline constexpr std::size_t kMaxSaltHexDigits = 1024;
/// Largest SECRET_BLOCK accepted (Cognito's are about 1.7 KB).
inline constexpr std::size_t kMaxSecretBlockChars = 64 * 1024;
/// Largest private value accepted by create_with_fixed_a (8192 bits).
inline constexpr std::size_t kMaxFixedAHexDigits = 2048;

/// A hex integer as the server prints it (Java BigInteger.toString(16)).
struct HexValue {
  bool negative = false;
  std::string magnitude;  ///< big-endian bytes of |n| without leading zero bytes (empty = 0)
};

/// Parses `text`: an optional '-' (only when allow_negative), then 1..max_digits
/// hex digits of either case; odd length and leading zeros are fine.
/// `code` and `what` shape the error ("SALT is not valid hex").
Result<HexValue> parse_hex(std::string_view text, bool allow_negative, std::size_t max_digits,
                           ErrorCode code, const char* what);

/// PAD of a non-negative big-endian magnitude (leading zeros allowed):
/// minimal bytes, 0x00 prepended when the top bit is set, "\0" for zero.
std::string pad_unsigned(std::string_view magnitude);
/// PAD of a signed value: Java BigInteger.toByteArray (two's complement).
std::string pad_signed(const HexValue& v);
/// PAD of a non-negative bignum into `out`, which has room for `cap` bytes;
/// returns the length, or 0 when it does not fit (BN_num_bytes + 1 always
/// fits; kPadMax fits every value below N).
std::size_t pad_bn(const BIGNUM* v, unsigned char* out, std::size_t cap);

/// Lowercase hex of big-endian bytes; `minimal` drops leading zero nibbles
/// (and gives "0" for zero), as BigInteger.toString(16).
std::string to_hex(std::string_view bytes, bool minimal);
/// Minimal lowercase hex of a non-negative bignum.
std::string bn_to_hex(const BIGNUM* v);

/// x = H(PAD(salt) ‖ H(name ‖ id ‖ ":" ‖ password)), as a digest.
Result<crypto::Digest> compute_x(std::string_view pad_salt, std::string_view name, std::string_view id,
                                 std::string_view password);

/// v = g^x mod N (constant time in x) into `v`.
Result<void> compute_verifier(const crypto::Digest& x, BIGNUM* v, BN_CTX* ctx);

}  // namespace cognito::detail::srp
