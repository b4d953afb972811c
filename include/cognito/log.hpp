// libcognito — the log hook.
//
// The library logs structure only: operation names, attempt numbers, HTTP
// status codes, x-amzn-RequestId values, sizes, durations, error codes and the
// service's exception names, sign-in steps and challenge names, header names.
// Never a body, a header's value, a username, a password, a code, a Session, a
// token, a key, an SRP value or a service error's message (it may quote user
// input). That holds at every level, Trace included.
#pragma once

#include <functional>
#include <string_view>

#include "cognito/export.hpp"

namespace cognito {

/// Severity, most severe first. The numbers are the C ABI's COGNITO_LOG_*.
enum class LogLevel : int {
  None = 0,   ///< as LogSink::level: log nothing
  Error = 1,  ///< unused so far: every failure is also returned to the caller
  Warn = 2,   ///< a transport failure, a retry
  Info = 3,   ///< a failed call, each sign-in step and outcome
  Debug = 4,  ///< every HTTP exchange, every sign-in request, client creation
  Trace = 5,  ///< header names, each sign-in response's status
};

/// "ERROR", "WARN", "INFO", "DEBUG", "TRACE" ("NONE" for None).
COGNITO_API std::string_view log_level_name(LogLevel level) noexcept;

/// Where log lines go (ClientConfig::log, AuthConfig::log). `fn` receives each
/// line at `level` or more severe; `line` is valid UTF-8 without newlines and
/// is valid only during the call. `fn` is called on the thread making the
/// library call, must not call back into the object that logs, and should not
/// throw (an exception is swallowed: logging never changes a result).
struct LogSink {
  LogLevel level = LogLevel::None;
  std::function<void(LogLevel level, std::string_view line)> fn;

  [[nodiscard]] bool enabled(LogLevel l) const noexcept {
    return fn && l != LogLevel::None && static_cast<int>(l) <= static_cast<int>(level);
  }
};

}  // namespace cognito
