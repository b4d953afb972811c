// Internal: writing log lines (see cognito/log.hpp for what may be logged).
#pragma once

#include <string>
#include <string_view>

#include "cognito/error.hpp"
#include "cognito/http.hpp"
#include "cognito/log.hpp"

namespace cognito::detail {

/// Passes `line` to the sink when `level` is enabled; swallows exceptions.
void log_line(const LogSink& sink, LogLevel level, const std::string& line) noexcept;

/// A name or id from the network (exception name, request id, challenge
/// name) fit for a log line: printable ASCII only (others become '?'), at
/// most 128 characters.
std::string log_safe(std::string_view s);

/// "NotAuthorized (NotAuthorizedException, HTTP 400, request id X)": the
/// structure of an error, never its message (messages may quote user input).
std::string describe(const Error& e);

/// "InitiateAuth" for a Cognito API request (its X-Amz-Target), else the
/// method and the URL's path without a query ("GET /pool/.well-known/jwks.json").
std::string describe_request(const HttpRequest& req);

}  // namespace cognito::detail
