// libcognito C API — private: the handle structs behind the opaque C types,
// error slots, logging, and the exception firewall every entry point uses.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cognito/cognito.h"
#include "cognito/auth.hpp"
#include "cognito/client.hpp"
#include "cognito/config.hpp"
#include "cognito/error.hpp"
#include "cognito/http.hpp"
#include "cognito/model.hpp"
#include "cognito/secret.hpp"
#include "cognito/tokens.hpp"
#include "cognito/version.hpp"

namespace capi {

using cognito::Error;
using cognito::ErrorCode;
using cognito::SecretString;

inline int code_of(ErrorCode c) noexcept { return static_cast<int>(c); }

// ---- error detail stored on a handle (SQLite style) ----------------------------

struct ErrorSlot {
  int code = COGNITO_OK;
  std::string message;
  std::string service;     // Cognito exception name, "" if none
  std::string request_id;  // "" if none
  int http_status = 0;
  const char* fixed = nullptr;  // static text, used when copying the message failed

  void clear() noexcept {
    code = COGNITO_OK;
    message.clear();
    service.clear();
    request_id.clear();
    http_status = 0;
    fixed = nullptr;
  }
  /// Records `e`; never throws (falls back to a static text when out of memory).
  int set(const Error& e) noexcept;
  int set(int c, std::string_view msg) noexcept;
  /// Fatal or allocation failure: static text only.
  int set_static(int c, const char* msg) noexcept {
    clear();
    code = c;
    fixed = msg;
    return c;
  }
  const char* msg() const noexcept;
};

// ---- logging -----------------------------------------------------------------

/// The C++ log sink that passes each line (NUL-terminated) to `fn`. The
/// lines themselves come from the C++ library: one implementation logs for
/// both APIs.
cognito::LogSink log_sink(int min_level, cognito_log_fn fn, void* user_data);

/// A -2xx code from the application's transport as an ErrorCode: codes this
/// version does not define become ErrorCode::Transport.
ErrorCode transport_code(int rc) noexcept;

// ---- strings -------------------------------------------------------------------

/// True for a NUL-terminated string that is valid UTF-8 without control
/// characters other than tab (for names, ids, URLs).
bool valid_text(const char* s) noexcept;
/// True when (p, n) is valid UTF-8 (p may be NULL only when n == 0).
bool valid_utf8(const char* p, std::size_t n) noexcept;
/// A required text argument: non-NULL, non-empty, valid_text().
inline bool req_text(const char* s) noexcept { return valid_text(s) && s[0] != '\0'; }
/// A required (p, n) argument: non-NULL, non-empty, valid UTF-8.
inline bool req_bytes(const char* p, std::size_t n) noexcept { return p != nullptr && n > 0 && valid_utf8(p, n); }
/// (p, n) as a SecretString (p may be NULL when n == 0).
inline SecretString secret(const char* p, std::size_t n) {
  return SecretString(std::string_view(p == nullptr ? "" : p, n));
}
/// Makes s.data()[s.size()] a NUL so borrowed pointers are C strings.
void terminate(SecretString& s);
/// Allocates an owned string for a `char **` out parameter.
char* dup_owned(std::string_view s);
/// Stores an owned copy of `s` in *out (and its length in *len if non-NULL).
int give(std::string_view s, char** out, std::size_t* len);

/// A time argument: 0 = the system clock, else milliseconds since the epoch.
std::optional<cognito::SystemTime> time_arg(std::int64_t now_unix_ms) noexcept;
std::int64_t unix_seconds(cognito::SystemTime t) noexcept;

// ---- copies of move-only C++ values ----------------------------------------------

cognito::ClientConfig clone_config(const cognito::ClientConfig& c);
cognito::SignInRequest clone_request(const cognito::SignInRequest& r);
cognito::Answer clone_answer(const cognito::Answer& a);

// ---- the firewall ---------------------------------------------------------------

/// Holds a handle's busy flag for one call. A call that finds the flag taken
/// (another thread using the handle, or one of the handle's own callbacks
/// calling back into it) does not own it and must return
/// COGNITO_E_INVALID_STATE at once, touching nothing: the handle, its error
/// details included, belong to the call in progress.
class CallGuard {
 public:
  explicit CallGuard(std::atomic<bool>& busy) noexcept
      : busy_(busy), owned_(!busy.exchange(true, std::memory_order_acquire)) {}
  ~CallGuard() {
    if (owned_) busy_.store(false, std::memory_order_release);
  }
  CallGuard(const CallGuard&) = delete;
  CallGuard& operator=(const CallGuard&) = delete;
  [[nodiscard]] bool owned() const noexcept { return owned_; }

 private:
  std::atomic<bool>& busy_;
  bool owned_;
};

/// Runs `f` (which returns a status) and turns exceptions into
/// COGNITO_E_NOMEM / COGNITO_E_INTERNAL (recorded in `slot` if given).
template <class F>
int guard(ErrorSlot* slot, F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    if (slot != nullptr) slot->set_static(COGNITO_E_NOMEM, "out of memory");
    return COGNITO_E_NOMEM;
  } catch (...) {
    if (slot != nullptr) slot->set_static(COGNITO_E_INTERNAL, "internal error: unexpected exception");
    return COGNITO_E_INTERNAL;
  }
}

/// For getters: returns `fallback` if `f` throws.
template <class T, class F>
T guard_get(T fallback, F&& f) noexcept {
  try {
    return f();
  } catch (...) {
    return fallback;
  }
}

}  // namespace capi

// ---- the handles -------------------------------------------------------------------

struct cognito_attributes {
  std::vector<std::pair<std::string, std::string>> items;

  void set(std::string name, std::string value);
  const std::string* get(std::string_view name) const noexcept;
  void load(const std::map<std::string, std::string>& m);
  void load(const std::vector<cognito::Attribute>& v);
  std::map<std::string, std::string> to_map() const;
  std::vector<cognito::Attribute> to_list() const;
};

/// Transport settings kept independent of whether libcurl is built in.
struct capi_transport_settings {
  std::int64_t connect_timeout_ms = 10'000;
  std::int64_t request_timeout_ms = 30'000;
  std::string ca_file, ca_path, proxy, user_agent_suffix;
  std::size_t max_response_bytes = 1u << 20;
  bool allow_insecure_http = false;
  cognito_transport_fn fn = nullptr;
  void* user_data = nullptr;
};

struct cognito_config {
  cognito::ClientConfig client;
  capi_transport_settings transport;
  mutable capi::ErrorSlot err;  // setter failures and client/auth creation failures
};

struct cognito_http_request {
  const cognito::HttpRequest* request = nullptr;
  std::int64_t timeout_ms = 0;
  const std::atomic<bool>* cancelled = nullptr;  ///< the call's cancel flag (client transports)
};

struct cognito_http_response {
  cognito::HttpResponse response;
  /// The client's max response bytes (cognito_config_set_max_response_bytes):
  /// append_body refuses to grow the body past it and remembers that it did.
  std::size_t max_body = SIZE_MAX;
  bool body_too_large = false;
};

struct cognito_step {
  cognito::Step step;
  cognito_attributes parameters;
  cognito_attributes user_attributes;
  std::string previous_message;

  void load(cognito::Step s);
};

struct cognito_answer {
  cognito::Answer answer;
};

struct cognito_sign_in_request {
  cognito::SignInRequest request;
};

struct cognito_session {
  std::string username;
  cognito::Tokens tokens;
  std::optional<cognito::DeviceCredentials> device;
  int flags = 0;

  /// A session from a finished sign-in; `used_device` is the request's device.
  static std::unique_ptr<cognito_session> from(cognito::SignedIn s,
                                               const std::optional<cognito::DeviceCredentials>& used_device);
  /// Applies a refresh's outcome: new tokens (refresh token only if rotated).
  void update(cognito::SignedIn s);
  void normalize();
};

struct cognito_client {
  std::optional<cognito::Client> client;
  capi::ErrorSlot err;
  bool poisoned = false;
  std::atomic<bool> busy{false};  ///< a call is in progress (capi::CallGuard)
  std::optional<cognito::CodeDeliveryDetails> delivery;
};

struct cognito_sign_in {
  std::optional<cognito::SignInProgress> progress;
  cognito_step step;
  int state = COGNITO_EVENT_FAILED;
  bool taken = false;
  std::optional<cognito::DeviceCredentials> used_device;
};

struct cognito_auth {
  std::optional<cognito::AuthMachine> machine;
  capi::ErrorSlot err;
  bool poisoned = false;
  std::atomic<bool> busy{false};  ///< a call is in progress (capi::CallGuard)
  bool taken = false;
  std::optional<cognito::DeviceCredentials> used_device;
  // The event of the last next_event(), kept so borrowed pointers stay valid.
  int kind = 0;
  std::optional<cognito::SendRequest> pending;
  cognito_http_request request_view;
  cognito_step step;

  void forget_event() noexcept {
    kind = 0;
    pending.reset();
    request_view = {};
  }
};

struct cognito_user {
  std::string username;
  cognito_attributes attributes;
  std::optional<std::string> preferred_mfa;
  std::vector<std::string> mfa;
  std::vector<std::string> auth_factors;
  std::string json;
};

struct capi_device {
  std::string key;
  cognito_attributes attributes;
  std::int64_t created_at = 0;
  std::int64_t last_authenticated_at = 0;
};

struct cognito_devices {
  std::vector<capi_device> items;
  std::optional<std::string> pagination_token;
};

namespace capi {

/// Runs one client call: the busy check, NULL / fatal checks, error slot and
/// delivery reset, and the exception firewall (Client logs the exchanges).
template <class F>
int with_client(cognito_client* c, F&& f) noexcept {
  if (c == nullptr) return COGNITO_E_INVALID_ARG;
  const CallGuard call(c->busy);
  if (!call.owned()) return COGNITO_E_INVALID_STATE;
  if (c->poisoned)
    return c->err.set_static(COGNITO_E_INVALID_STATE, "the client is unusable after a fatal error");
  c->err.clear();
  c->delivery.reset();
  const int rc = guard(&c->err, [&]() -> int { return f(*c->client); });
  if (cognito_is_fatal(rc)) c->poisoned = true;
  return rc;
}

}  // namespace capi
