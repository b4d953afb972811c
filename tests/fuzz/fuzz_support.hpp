// Shared helpers of the fuzz targets (tests/fuzz/fuzz_*.cpp).
//
// Every target is one .cpp defining LLVMFuzzerTestOneInput. The same source
// is linked two ways:
//   - with libFuzzer (clang -fsanitize=fuzzer,address,undefined), when
//     COGNITO_BUILD_FUZZERS=ON: scripts/fuzz runs these;
//   - with replay_main.cpp (any compiler), as the ctest test
//     fuzz/replay/<target>, which feeds every file of
//     tests/fuzz/corpus/<target>/ to the target once.
// Targets must therefore be deterministic: no clock, no global RNG (SRP
// randomness comes from the input or a fixed seed), no I/O.
//
// A violated property (an oracle, not just "it did not crash") aborts with a
// message: FUZZ_CHECK(cond, "what").
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cognito/error.hpp"

#define FUZZ_CHECK(cond, what)                                                                  \
  do {                                                                                          \
    if (!(cond)) ::cognito::fuzz::check_failed(#cond, what, __FILE__, __LINE__);                \
  } while (0)

namespace cognito::fuzz {

[[noreturn]] inline void check_failed(const char* cond, std::string_view what, const char* file, int line) {
  std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n  %.*s\n", file, line, cond, static_cast<int>(what.size()),
               what.data());
  std::fflush(stderr);
  std::abort();
}

/// A fixed "now" for every target: 2026-03-01T12:00:00Z.
inline std::chrono::system_clock::time_point fixed_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1772366400));
}

/// A JSON string literal for arbitrary bytes: quotes, backslash and control
/// characters escaped, everything else (also invalid UTF-8) copied as is, so
/// the decoder's own UTF-8 check still sees fuzzed bytes.
inline std::string json_quote(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

/// True when `code` is one of the library's error codes (a sanity check on
/// errors coming out of fuzzed paths: never Ok, never an unnamed value).
inline bool is_known_error(ErrorCode code) {
  return code != ErrorCode::Ok && error_code_name(code) != "Unknown";
}

/// True when `hay` contains `needle` (needle non-empty).
inline bool contains(std::string_view hay, std::string_view needle) {
  return !needle.empty() && hay.find(needle) != std::string_view::npos;
}

}  // namespace cognito::fuzz
