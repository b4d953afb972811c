#include "log_audit.hpp"

#include <cstdio>
#include <mutex>
#include <set>
#include <vector>

namespace emutest {
namespace {

struct Record {
  std::mutex mu;
  std::vector<std::string> lines;
  std::set<std::string> secrets;
  int sinks = 0;
};

Record& record() {
  static Record* r = new Record;  // never destroyed: clients may log until exit
  return *r;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_b64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/' || c == '=' ||
         c == '-' || c == '_';
}

/// Where `needle` occurs in `line`; an all-digit needle only as a whole number.
bool contains(const std::string& line, const std::string& needle) {
  bool digits = true;
  for (char c : needle) digits = digits && is_digit(c);
  for (auto pos = line.find(needle); pos != std::string::npos; pos = line.find(needle, pos + 1)) {
    if (!digits) return true;
    const bool left = pos == 0 || !is_digit(line[pos - 1]);
    const bool right = pos + needle.size() == line.size() || !is_digit(line[pos + needle.size()]);
    if (left && right) return true;
  }
  return false;
}

std::string longest_b64_run(const std::string& line) {
  std::size_t best = 0, best_at = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t j = i;
    while (j < line.size() && is_b64(line[j])) ++j;
    if (j - i > best) best = j - i, best_at = i;
    i = j == i ? i + 1 : j;
  }
  return line.substr(best_at, best);
}

}  // namespace

cognito::LogSink audit_log_sink() {
  Record& r = record();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    ++r.sinks;
  }
  cognito::LogSink sink;
  sink.level = cognito::LogLevel::Trace;
  sink.fn = [](cognito::LogLevel level, std::string_view line) {
    Record& rec = record();
    std::lock_guard<std::mutex> lock(rec.mu);
    rec.lines.push_back(std::string(cognito::log_level_name(level)) + " " + std::string(line));
  };
  return sink;
}

void audit_secret(std::string_view value) {
  if (value.size() < 4) return;
  Record& r = record();
  std::lock_guard<std::mutex> lock(r.mu);
  r.secrets.emplace(value);
}

std::string audit_log_problems() {
  Record& r = record();
  std::lock_guard<std::mutex> lock(r.mu);
  if (r.sinks > 0 && r.lines.empty()) return "clients were created, but nothing was logged at TRACE";
  for (const std::string& line : r.lines) {
    for (const std::string& s : r.secrets)
      if (contains(line, s)) return "a registered secret (" + std::to_string(s.size()) + " characters) is in: " + line;
    if (line.find("eyJ") != std::string::npos) return "a JWT is in: " + line;
    if (const std::string run = longest_b64_run(line); run.size() >= 40)
      return "a " + std::to_string(run.size()) + "-character base64 run is in: " + line;
  }
  return {};
}

int audit_log_at_exit(int status) {
  const std::string problem = audit_log_problems();
  if (problem.empty()) return status;
  std::fprintf(stderr, "log audit FAILED: %s\n", problem.c_str());
  return status == 0 ? 1 : status;
}

}  // namespace emutest
