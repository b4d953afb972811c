#include "util/log.hpp"

#include "cognito/http.hpp"

namespace cognito {

std::string_view log_level_name(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::None: return "NONE";
    case LogLevel::Error: return "ERROR";
    case LogLevel::Warn: return "WARN";
    case LogLevel::Info: return "INFO";
    case LogLevel::Debug: return "DEBUG";
    case LogLevel::Trace: return "TRACE";
  }
  return "?";
}

namespace detail {

void log_line(const LogSink& sink, LogLevel level, const std::string& line) noexcept {
  if (!sink.enabled(level)) return;
  try {
    sink.fn(level, line);
  } catch (...) {
    // Logging never changes a result.
  }
}

std::string log_safe(std::string_view s) {
  constexpr std::size_t kMax = 128;
  std::string out;
  out.reserve(s.size() < kMax ? s.size() : kMax + 3);
  for (char c : s) {
    if (out.size() == kMax) return out + "...";
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return out;
}

std::string describe(const Error& e) {
  std::string out(error_code_name(e.code));
  std::string extra;
  if (!e.service_code.empty()) extra += log_safe(e.service_code);
  if (e.http_status != 0) extra += (extra.empty() ? "HTTP " : ", HTTP ") + std::to_string(e.http_status);
  if (!e.request_id.empty()) extra += (extra.empty() ? "request id " : ", request id ") + log_safe(e.request_id);
  if (!extra.empty()) out += " (" + extra + ")";
  return out;
}

std::string describe_request(const HttpRequest& req) {
  if (const std::string* target = req.headers.find("X-Amz-Target")) {
    const auto dot = target->rfind('.');
    return log_safe(dot == std::string::npos ? std::string_view(*target) : std::string_view(*target).substr(dot + 1));
  }
  const auto scheme = req.url.find("://");
  const auto path = req.url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string_view p = path == std::string::npos ? std::string_view("/") : std::string_view(req.url).substr(path);
  if (const auto q = p.find_first_of("?#"); q != std::string_view::npos) p = p.substr(0, q);
  return log_safe(req.method) + " " + log_safe(p);
}

}  // namespace detail
}  // namespace cognito
