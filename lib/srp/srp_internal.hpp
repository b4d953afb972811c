// libcognito (internal) — SRP test hooks, known-answer helpers and the server
// side of the math (for tests, the benchmark and emulators). No OpenSSL types.
//
// Nothing here is for production sign-ins: the public API is cognito/srp.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cognito/result.hpp"
#include "cognito/srp.hpp"

namespace cognito::detail {

/// Intermediate values of one respond(), as minimal lowercase hex.
/// Contains secrets (x, S, K): tests only.
struct SrpTrace {
  std::string A_hex;
  std::string u_hex;
  std::string x_hex;
  std::string S_hex;
  std::string K_hex;        ///< the 16-byte HKDF key (not minimal: 32 digits)
  std::string message_hex;  ///< the signed message (not minimal)
};

/// Faults to inject into respond().
struct SrpHooks {
  bool force_u_zero = false;  ///< pretend H(PAD(A) ‖ PAD(B)) came out as zero
};

struct SrpClientAccess {
  /// respond() with the pool name (or device group key) given directly, the
  /// exact TIMESTAMP string to sign, and optional trace/hooks.
  static Result<PasswordClaim> respond_raw(SrpClient& client, std::string_view name,
                                           std::string_view id, std::string_view password,
                                           const SrpChallenge& challenge, std::string_view timestamp,
                                           SrpTrace* trace = nullptr, const SrpHooks* hooks = nullptr);
  /// The private ephemeral `a` as minimal hex (empty after use or move).
  static std::string a_hex(const SrpClient& client);
};

/// N, g and k of the group as minimal lowercase hex.
std::string srp_N_hex();
std::string srp_k_hex();

/// PAD (Java BigInteger.toByteArray) of a signed hex integer, as hex.
/// InvalidArgument for malformed input.
Result<std::string> srp_pad_hex(std::string_view signed_hex);

/// x (hex) and v = g^x mod N (hex) for name/id/password and a signed SALT hex.
Result<std::string> srp_x_hex(std::string_view name, std::string_view id, std::string_view password,
                              std::string_view salt_hex);
Result<std::string> srp_verifier_hex(std::string_view name, std::string_view id,
                                     std::string_view password, std::string_view salt_hex);

/// Server side: B = (k·v + g^b) mod N.
Result<std::string> srp_server_B_hex(std::string_view v_hex, std::string_view b_hex);
/// Server side: u = H(PAD(A) ‖ PAD(B)), S = (A · v^u)^b mod N.
Result<std::string> srp_server_S_hex(std::string_view A_hex, std::string_view B_hex,
                                     std::string_view v_hex, std::string_view b_hex);

/// ConfirmDevice verifier from a given device password and raw salt bytes
/// (16 random bytes as drawn; PAD is applied here).
Result<DeviceVerifier> device_verifier_from(std::string_view device_group_key,
                                            std::string_view device_key,
                                            std::string_view device_password,
                                            std::string_view salt_bytes);

}  // namespace cognito::detail
