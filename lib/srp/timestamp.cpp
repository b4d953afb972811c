// libcognito — the TIMESTAMP of SRP responses ("EEE MMM d HH:mm:ss 'UTC' yyyy").
//
// Formatted by hand from the civil date: strftime's %a/%b depend on the
// locale, %d zero-pads and %e space-pads, none of which Cognito accepts.
#include <chrono>
#include <cstdint>
#include <string>

#include "cognito/srp.hpp"

namespace cognito {

namespace {

constexpr const char* kWeekdays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's
// days-to-civil algorithm, eras of 400 years = 146097 days).
Civil civil_from_days(std::int64_t z) {
  z += 719468;  // days from 0000-03-01 to 1970-01-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<std::int64_t>(z - era * 146097);             // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                               // [0, 11], March = 0
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void append2(std::string& s, unsigned v) {
  s.push_back(static_cast<char>('0' + v / 10));
  s.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

std::string srp_timestamp_unix(std::int64_t t) {
  // Floor division (no overflow even for INT64_MIN).
  std::int64_t days = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  const Civil c = civil_from_days(days);
  // 1970-01-01 was a Thursday (index 4 with Sunday = 0).
  const std::int64_t wd = ((days % 7) + 7 + 4) % 7;
  const auto sod = static_cast<unsigned>(secs);

  std::string out;
  out.reserve(32);
  out.append(kWeekdays[wd]).push_back(' ');
  out.append(kMonths[c.month - 1]).push_back(' ');
  out.append(std::to_string(c.day)).push_back(' ');
  append2(out, sod / 3600);
  out.push_back(':');
  append2(out, sod / 60 % 60);
  out.push_back(':');
  append2(out, sod % 60);
  out.append(" UTC ");
  out.append(std::to_string(c.year));
  return out;
}

std::string srp_timestamp(std::chrono::system_clock::time_point when) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(when.time_since_epoch()).count();
  return srp_timestamp_unix(static_cast<std::int64_t>(secs));
}

}  // namespace cognito
