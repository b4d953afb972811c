#include "cognito/config.hpp"

#include <algorithm>
#include <cmath>

namespace cognito {
namespace {

struct Partition {
  std::string_view region_prefix;  // matched against the start of the region
  std::string_view dns_suffix;
};

// Partitions other than "aws" (amazonaws.com), from the service's endpoint rules.
constexpr Partition kPartitions[] = {
    {"cn-", "amazonaws.com.cn"},     {"us-gov-", "amazonaws.com"}, {"us-iso-", "c2s.ic.gov"},
    {"us-isob-", "sc2s.sgov.gov"},   {"eu-isoe-", "cloud.adc-e.uk"}, {"us-isof-", "csp.hci.ic.gov"},
    {"eusc-", "amazonaws.eu"},
};

bool valid_region(std::string_view r) noexcept {
  if (r.empty() || r.size() > 32) return false;
  return std::all_of(r.begin(), r.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string_view region_of_pool(std::string_view user_pool_id) noexcept {
  const auto us = user_pool_id.find('_');
  return us == std::string_view::npos ? std::string_view() : user_pool_id.substr(0, us);
}

Result<std::string> resolve_endpoint(const ClientConfig& cfg) {
  if (!cfg.endpoint.empty()) {
    if (cfg.fips) return fail(ErrorCode::InvalidArgument, "an endpoint override cannot be combined with fips");
    return cfg.endpoint;
  }
  std::string_view region = cfg.region.empty() ? region_of_pool(cfg.user_pool_id) : cfg.region;
  if (region.empty())
    return fail(ErrorCode::InvalidArgument, "no region: set region or a user pool id like us-east-1_AbC");
  if (!valid_region(region)) return fail(ErrorCode::InvalidArgument, "region is not a valid AWS region name");
  std::string_view suffix = "amazonaws.com";
  for (const auto& p : kPartitions)
    if (region.substr(0, p.region_prefix.size()) == p.region_prefix) {
      suffix = p.dns_suffix;
      break;
    }
  std::string url = "https://cognito-idp";
  if (cfg.fips) url += "-fips";
  url += ".";
  url += region;
  url += ".";
  url += suffix;
  url += "/";
  return url;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt, const Error& error, double random_unit) const noexcept {
  const bool throttled = error.code == ErrorCode::TooManyRequests || error.code == ErrorCode::Throttling ||
                         error.http_status == 429;
  const double base = static_cast<double>((throttled ? throttle_base_delay : base_delay).count());
  const int exponent = std::clamp(attempt - 1, 0, 30);
  const double ceiling = std::min(static_cast<double>(max_delay.count()), base * std::ldexp(1.0, exponent));
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * unit));
}

}  // namespace cognito
