// Integration tests: pools of their own on the local emulator started by the
// ctest fixture `emulator` (tests/emulator), and small helpers (TOTP codes,
// driving a sign-in to the end). The emulator's description, its control API
// under /_emulator/ and the naming helpers are shared with the fault tests
// (tests/common/emulator_control.hpp).
//
// Every test creates its own pool (POST /_emulator/pools) and users, so tests
// are independent and may run in any order or in parallel; the pool's own
// clock is moved for expiry tests, never the emulator-wide one.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cognito/client.hpp"
#include "cognito/curl_transport.hpp"
#include "emulator_control.hpp"  // tests/common: emulator(), control(), str(), quote(), ...

namespace itest {

using emutest::control;
using emutest::emulator;
using emutest::EmulatorInfo;
using emutest::Json;
using emutest::quote;
using emutest::str;
using emutest::unique;
using emutest::url_encode;

inline constexpr const char* kPassword = "Passw0rd!x";

struct AppClient {
  std::string id;
  std::string secret;  ///< "" for a public client
};

/// A pool made for one test. Default clients: "public" (no secret, every
/// flow), "secret" (with a generated secret), "rotation" (refresh-token
/// rotation with a 10 s grace period).
class TestPool {
 public:
  /// `settings`: extra members of the pool configuration, e.g. R"("mfa":"ON")".
  explicit TestPool(std::string_view settings = {}, std::string_view clients_json = {});

  const std::string& id() const { return id_; }
  const AppClient& app_client(const std::string& name) const;

  /// A Client for app client `name`, over a CurlTransport to the emulator.
  /// Its wall clock follows this pool's clock offset (see advance()).
  cognito::Client client(const std::string& name = "public") const;

  /// POST /pools/{id}/users with `user_json` (a JSON object). Returns the user view.
  Json add_user(std::string_view user_json) const;
  /// A confirmed user `username` with kPassword, a verified email and `extra` members.
  void add_simple_user(const std::string& username, std::string_view extra = {}) const;
  Json update_user(const std::string& username, std::string_view changes_json) const;
  Json user(const std::string& username) const;

  /// The newest code sent to `username` (optionally with this `purpose`); fails the test if none.
  std::string last_code(const std::string& username, std::string_view purpose = {}) const;
  /// Number of messages sent to `username`.
  std::size_t outbox_size(const std::string& username) const;

  /// Moves this pool's clock (codes, sessions, tokens, SRP TIMESTAMP checks).
  void advance(std::chrono::seconds by);
  /// The pool's current time (seconds since the epoch, fractional).
  double now() const;

 private:
  std::string id_;
  std::map<std::string, AppClient> clients_;
  std::shared_ptr<std::chrono::seconds> offset_;  ///< shared with the clients' wall clocks
};

/// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s steps) for a Base32 secret at `unix_seconds`.
std::string totp(std::string_view base32_secret, double unix_seconds);

/// Signs in to the end without questions; fails the test on a question.
cognito::SignedIn sign_in_done(cognito::Client& client, cognito::SignInRequest request);

/// Answers the current step, requiring success; returns the next progress state.
void answer_ok(cognito::Client& client, cognito::SignInProgress& progress, cognito::Answer answer);

cognito::SecretString password(std::string_view p = kPassword);

}  // namespace itest
