// Helpers shared by the benchmark programs in tests/bench (header-only):
// timing, min / median / p90 of samples, fatal errors, files and JSON output.
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;
using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

/// Set by main(): the prefix of die()'s messages.
inline const char* program_name = "bench";

inline double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
  double min = 0;
  double median = 0;
  double p90 = 0;
  double mean = 0;
};

inline Stats stats(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  s.min = v.front();
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.p90 = v[std::min(n - 1, (n * 9 + 9) / 10 - 1)];
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(n);
  return s;
}

[[noreturn]] inline void die(const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", program_name, msg.c_str());
  std::exit(1);
}

/// The whole file, or nothing when it cannot be read.
inline std::optional<std::string> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::stringstream text;
  text << f.rdbuf();
  return text.str();
}

/// {"min_ms", "median_ms"} (and "p90_ms", "mean_ms" with `all`) under `key`.
inline void write_stats(JsonWriter& w, const char* key, const Stats& s, bool all = false) {
  w.Key(key);
  w.StartObject();
  w.Key("min_ms"); w.Double(s.min);
  w.Key("median_ms"); w.Double(s.median);
  if (all) {
    w.Key("p90_ms"); w.Double(s.p90);
    w.Key("mean_ms"); w.Double(s.mean);
  }
  w.EndObject();
}

inline void write_json_file(const std::string& path, const rapidjson::StringBuffer& sb) {
  std::ofstream out(path);
  out << sb.GetString() << "\n";
  if (!out) die("cannot write " + path);
  std::printf("\nwrote %s\n", path.c_str());
}

/// Whether the build is optimised (figures from a debug build mean little).
constexpr bool optimised() {
#ifdef NDEBUG
  return true;
#else
  return false;
#endif
}

}  // namespace bench
