// Fault-matrix tests: pools and fault rules on the emulator of the ctest
// fixture `emulator` (tests/emulator/README.md). Its description and control
// API come from tests/common/emulator_control.hpp (shared with the
// integration tests).
//
// Every test makes its own pool and scopes its fault rules to its own app
// client id, so the tests (and the integration tests) may run in parallel
// against the one emulator without disturbing each other. Requests that
// reach the emulator are counted with a zero-delay `delay` rule scoped the
// same way (its `seen` counter), not with the global /_emulator/stats, which
// other tests running at the same time also move.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cognito/client.hpp"
#include "cognito/curl_transport.hpp"
#include "emulator_control.hpp"  // tests/common: control(), str(), quote(), ...

namespace faults {

using Clock = std::chrono::steady_clock;
using emutest::control;
using emutest::emulator_available;
using emutest::Json;
using emutest::quote;
using emutest::str;
using emutest::unique;

/// The emulator's endpoint, "http://127.0.0.1:<port>/".
inline const std::string& endpoint() { return emutest::emulator().endpoint; }

inline constexpr const char* kPassword = "Fault#Passw0rd1";

/// Retry settings small enough for tests: 4 attempts, 10 ms base, 20 ms
/// throttle base, 200 ms cap, and the given deadline.
cognito::RetryPolicy fast_retries(std::chrono::milliseconds deadline, int attempts = 4);

/// A pool of its own with one app client and confirmed users.
class Pool {
 public:
  /// `client_settings`: extra members of the app client (JSON, without braces);
  /// `pool_settings`: extra members of the pool.
  explicit Pool(std::string_view client_settings = {}, std::string_view pool_settings = {});
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  const std::string& id() const { return id_; }
  const std::string& client_id() const { return client_id_; }

  /// A confirmed user with kPassword and `extra` user members (JSON, no braces).
  void add_user(const std::string& username, std::string_view extra = {}) const;

  /// A Client over a fresh CurlTransport (`opts`) with `retry`.
  cognito::Client client(const cognito::RetryPolicy& retry, cognito::CurlTransportOptions opts = {}) const;

  /// Adds a fault rule scoped to this pool's client (members of the rule, JSON
  /// without braces, e.g. R"("kind":"throttle","operation":"GetUser")");
  /// returns its id. The pool's rules are removed by the destructor.
  int fault(std::string_view rule) const;
  /// A zero-delay rule that counts this client's requests of `operation`.
  int counter(std::string_view operation) const;
  /// The `seen` counter of rule `id` (0 when the rule is gone).
  int seen(int id) const;
  /// Moves this pool's clock.
  void advance(std::chrono::seconds by) const;

 private:
  std::string id_;
  std::string client_id_;
  mutable std::vector<int> rules_;
};

/// USER_PASSWORD_AUTH sign-in to the end; the first error otherwise.
cognito::Result<cognito::SignedIn> sign_in_password(cognito::Client& client, const std::string& username,
                                                    std::string_view password = kPassword);
/// USER_SRP_AUTH sign-in to the end.
cognito::Result<cognito::SignedIn> sign_in_srp(cognito::Client& client, const std::string& username,
                                               std::string_view password = kPassword);

/// Milliseconds since `start`.
inline std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace faults
