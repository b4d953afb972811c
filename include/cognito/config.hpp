// libcognito — where to send requests and how to retry them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "cognito/export.hpp"
#include "cognito/log.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "cognito/srp.hpp"

namespace cognito {

/// Retries applied by Client (never inside a Transport). Only retryable errors
/// (Error::retryable()) are retried; requests that are not idempotent
/// (RespondToAuthChallenge, ConfirmSignUp, GetTokensFromRefreshToken, ...) are
/// retried only when the error proves the service never processed them.
/// Delay before attempt n+1: uniform random in [0, min(max_delay, base * 2^n)]
/// ("full jitter"), with base = throttle_base_delay after throttling.
struct RetryPolicy {
  int max_attempts = 3;                               ///< 1 = no retries
  std::chrono::milliseconds base_delay{50};
  std::chrono::milliseconds throttle_base_delay{500};
  std::chrono::milliseconds max_delay{20'000};
  std::chrono::milliseconds deadline{60'000};         ///< per call, all attempts and waits included

  /// The wait before attempt `attempt` + 1 (attempt counts from 1) after `error`.
  /// `random_unit` is a uniform sample in [0, 1).
  [[nodiscard]] COGNITO_API std::chrono::milliseconds backoff(int attempt, const Error& error,
                                                              double random_unit) const noexcept;
};

struct ClientConfig {
  std::string user_pool_id;     ///< "us-east-1_AbCdEfGhI"; needed for SRP and JWT checks
  std::string client_id;        ///< app client id; filled into requests that leave it empty
  SecretString client_secret;   ///< only for app clients that have one
  std::string region;           ///< default: the user pool id's prefix
  std::string endpoint;         ///< override: emulators, VPC or custom endpoints (used verbatim)
  bool fips = false;            ///< use the cognito-idp-fips host
  RetryPolicy retry;

  // ---- sign-in (Client::sign_in / refresh, see auth.hpp) ----
  SrpOptions srp;               ///< SRP ephemeral size; randomness for tests only
  /// Confirm a new device (NewDeviceMetadata) during sign-in with ConfirmDevice
  /// and return its credentials in SignedIn::new_device. Keep it on for pools
  /// that track devices: there Cognito refuses a refresh token without the
  /// DEVICE_KEY of a confirmed device ("Invalid Refresh Token").
  bool remember_devices = true;
  std::string device_name;      ///< DeviceName sent with ConfirmDevice; default "libcognito"
  std::string totp_issuer;      ///< issuer (app name) of the MFA_SETUP TOTP URI; default "Cognito"

  // ---- token verification (Client::verify_token) ----
  /// The expected `iss` of the pool's tokens. Default: with an `endpoint`
  /// override that is not the service's own host, that endpoint without its
  /// trailing '/' + "/" + user_pool_id (what emulators use); otherwise (no
  /// override, or cognito-idp[-fips].<region>.amazonaws.com[.cn] or a
  /// PrivateLink *.cognito-idp.<region>.vpce.amazonaws.com: the real
  /// service's tokens always name the regional host) default_issuer().
  std::string token_issuer;
  /// Tolerance for exp / iat / nbf when verifying tokens.
  std::chrono::seconds token_leeway{60};

  /// The wall clock (SRP TIMESTAMP, token times, JWT checks). Empty = the
  /// system clock; set it only in tests.
  std::function<std::chrono::system_clock::time_point()> wall_clock;

  /// Log lines of the client and its sign-ins (structure only, see log.hpp).
  /// Default: nothing is logged.
  LogSink log;

  /// An explicit copy (the client secret is copied into new wiped storage).
  [[nodiscard]] ClientConfig clone() const {
    ClientConfig c;
    c.user_pool_id = user_pool_id;
    c.client_id = client_id;
    c.client_secret = client_secret.clone();
    c.region = region;
    c.endpoint = endpoint;
    c.fips = fips;
    c.retry = retry;
    c.srp = srp;
    c.remember_devices = remember_devices;
    c.device_name = device_name;
    c.totp_issuer = totp_issuer;
    c.token_issuer = token_issuer;
    c.token_leeway = token_leeway;
    c.wall_clock = wall_clock;
    c.log = log;
    return c;
  }
};

/// The service URL for a configuration: `endpoint` if set, else
/// https://cognito-idp[-fips].<region>.<dns suffix>/ with the region taken from
/// `region` or the pool id's prefix. InvalidArgument when neither gives a region.
COGNITO_API Result<std::string> resolve_endpoint(const ClientConfig& cfg);

/// The region prefix of a user pool id ("us-east-1" for "us-east-1_AbC"), or "".
COGNITO_API std::string_view region_of_pool(std::string_view user_pool_id) noexcept;

}  // namespace cognito
