// Test helper: every Client the integration and fault tests create logs at
// TRACE into one process-wide record, and each test program checks that
// record when it ends: it must hold lines, and none of them may hold a
// password, a code, a token, a Session or any other long secret-looking
// string. This is the "run every flow at the most verbose level" check of
// the log hook: it covers exactly the flows the suites drive.
#pragma once

#include <string>
#include <string_view>

#include "cognito/log.hpp"

namespace emutest {

/// A TRACE sink that appends to the process-wide record (thread-safe).
cognito::LogSink audit_log_sink();

/// Registers a value that must never appear in the log (a password, a
/// code, a TOTP secret). Values shorter than 4 characters are ignored.
void audit_secret(std::string_view value);

/// What is wrong with the record ("" when nothing): a registered value, a
/// JWT ("eyJ..."), or a run of 40 or more base64/base64url characters
/// (Sessions, refresh tokens, SRP values, SECRET_BLOCKs). Codes of digits
/// only count as whole words. Also wrong: clients logged nothing at all.
std::string audit_log_problems();

/// For a test program's main(): prints the problems and turns a passing run
/// (`status` 0) into a failure (1) when there are any.
int audit_log_at_exit(int status);

}  // namespace emutest
