// TIMESTAMP formatting beyond the vectors: leap years, century rules, 1970,
// negative times, fractions, every day of a month, extremes, other locales.
#include <doctest/doctest.h>

#include <chrono>
#include <clocale>
#include <cstdint>
#include <limits>
#include <locale>
#include <string>

#include "cognito/srp.hpp"

using cognito::srp_timestamp;
using cognito::srp_timestamp_unix;

namespace {

struct Known {
  std::int64_t t;
  const char* s;
};

// Expected strings computed independently (Python datetime, proleptic Gregorian).
constexpr Known kKnown[] = {
    {0LL, "Thu Jan 1 00:00:00 UTC 1970"},              // 1970-01-01T00:00:00Z
    {-1LL, "Wed Dec 31 23:59:59 UTC 1969"},            // 1969-12-31T23:59:59Z
    {951825600LL, "Tue Feb 29 12:00:00 UTC 2000"},     // 2000 is a leap year (divisible by 400)
    {951868800LL, "Wed Mar 1 00:00:00 UTC 2000"},
    {1709251199LL, "Thu Feb 29 23:59:59 UTC 2024"},
    {4107542399LL, "Sun Feb 28 23:59:59 UTC 2100"},    // 2100 is not a leap year
    {4107542400LL, "Mon Mar 1 00:00:00 UTC 2100"},
    {-2203977600LL, "Wed Feb 28 00:00:00 UTC 1900"},   // nor is 1900
    {-2203891200LL, "Thu Mar 1 00:00:00 UTC 1900"},
    {13574585228LL, "Tue Feb 29 06:07:08 UTC 2400"},
    {1793689509LL, "Tue Nov 3 07:05:09 UTC 2026"},     // the protocol document's example
    {-11676096000LL, "Sat Jan 1 00:00:00 UTC 1600"},
    {1704067199LL, "Sun Dec 31 23:59:59 UTC 2023"},
    {1735646400LL, "Tue Dec 31 12:00:00 UTC 2024"},    // day 366 of a leap year
    {2147483647LL, "Tue Jan 19 03:14:07 UTC 2038"},
    {-2147483648LL, "Fri Dec 13 20:45:52 UTC 1901"},
    {1497510000LL, "Thu Jun 15 07:00:00 UTC 2017"},    // the AWS .NET claim's TIMESTAMP
};

}  // namespace

TEST_CASE("srp timestamp: known instants (leap years, 1970, 2100-03-01, negative)") {
  for (const Known& k : kKnown) {
    CAPTURE(k.t);
    CHECK(srp_timestamp_unix(k.t) == k.s);
    // system_clock (nanoseconds in libstdc++) spans about 1678..2262.
    if (k.t > -9'000'000'000LL && k.t < 9'000'000'000LL)
      CHECK(srp_timestamp(std::chrono::system_clock::time_point(std::chrono::seconds(k.t))) == k.s);
  }
}

TEST_CASE("srp timestamp: day of month 1..31 is never padded") {
  // January 2026: the 1st is a Thursday.
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const std::int64_t jan1 = 1767225600LL;  // 2026-01-01T00:00:00Z
  for (int d = 1; d <= 31; ++d) {
    CAPTURE(d);
    const std::int64_t t = jan1 + (d - 1) * 86400LL + 12 * 3600 + 34 * 60 + 56;
    const std::string want =
        std::string(kDays[(4 + d - 1) % 7]) + " Jan " + std::to_string(d) + " 12:34:56 UTC 2026";
    CHECK(srp_timestamp_unix(t) == want);
  }
  CHECK(srp_timestamp_unix(jan1 + 2 * 86400LL).find("Jan 3 00:00:00") != std::string::npos);
  CHECK(srp_timestamp_unix(jan1 + 2 * 86400LL).find("  ") == std::string::npos);
}

TEST_CASE("srp timestamp: fractions of a second are dropped (floor, also before 1970)") {
  using namespace std::chrono;
  const system_clock::time_point t0(seconds(1793689509LL));
  CHECK(srp_timestamp(t0 + milliseconds(999)) == "Tue Nov 3 07:05:09 UTC 2026");
  CHECK(srp_timestamp(t0 + nanoseconds(1)) == "Tue Nov 3 07:05:09 UTC 2026");
  CHECK(srp_timestamp(t0 - nanoseconds(1)) == "Tue Nov 3 07:05:08 UTC 2026");
  CHECK(srp_timestamp(system_clock::time_point(milliseconds(-1))) == "Wed Dec 31 23:59:59 UTC 1969");
  CHECK(srp_timestamp(system_clock::time_point(milliseconds(-1000))) == "Wed Dec 31 23:59:59 UTC 1969");
  CHECK(srp_timestamp(system_clock::time_point(milliseconds(-1001))) == "Wed Dec 31 23:59:58 UTC 1969");
}

TEST_CASE("srp timestamp: every hour/minute/second is two digits, 24-hour clock") {
  const std::int64_t day = 1767225600LL;  // 2026-01-01
  CHECK(srp_timestamp_unix(day + 19 * 3600 + 5 * 60 + 9) == "Thu Jan 1 19:05:09 UTC 2026");
  CHECK(srp_timestamp_unix(day + 23 * 3600 + 59 * 60 + 59) == "Thu Jan 1 23:59:59 UTC 2026");
  CHECK(srp_timestamp_unix(day + 12 * 3600) == "Thu Jan 1 12:00:00 UTC 2026");
}

TEST_CASE("srp timestamp: extreme values do not crash") {
  CHECK_FALSE(srp_timestamp_unix(std::numeric_limits<std::int64_t>::max()).empty());
  CHECK_FALSE(srp_timestamp_unix(std::numeric_limits<std::int64_t>::min()).empty());
  CHECK_FALSE(srp_timestamp(std::chrono::system_clock::time_point::max()).empty());
  CHECK_FALSE(srp_timestamp(std::chrono::system_clock::time_point::min()).empty());
}

TEST_CASE("srp timestamp: independent of the C and C++ locale") {
  const std::string want = "Tue Nov 3 07:05:09 UTC 2026";
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  for (const char* name : {"de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8", "tr_TR.UTF-8", "C.UTF-8", "C"}) {
    if (std::setlocale(LC_ALL, name) == nullptr) continue;
    CAPTURE(name);
    CHECK(srp_timestamp_unix(1793689509LL) == want);
  }
  std::setlocale(LC_ALL, saved.c_str());
}
