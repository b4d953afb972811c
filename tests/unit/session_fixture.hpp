// The Session tests' fixture: a Client over a test transport with a wall
// clock the test sets, and tokens valid for an hour.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>

#include "cognito/client.hpp"
#include "cognito/tokens.hpp"
#include "tokens_test_support.hpp"

namespace cognito::test {

inline SystemTime at(std::int64_t unix_seconds) { return SystemTime(std::chrono::seconds(unix_seconds)); }

/// A Client (pool us-east-1_Test, kTestClient, no retries) over a new
/// `TransportT`, reachable as `transport`; its wall clock reads `wall`.
template <class TransportT>
struct ClientFixture {
  TransportT* transport = nullptr;
  SystemTime wall;
  Client client;

  explicit ClientFixture(SystemTime start, bool remember_devices = true)
      : wall(start), client(make(remember_devices)) {}

 private:
  Client make(bool remember_devices) {
    auto t = std::make_unique<TransportT>();
    transport = t.get();
    ClientConfig cfg;
    cfg.user_pool_id = "us-east-1_Test";
    cfg.client_id = kTestClient;
    cfg.endpoint = "http://127.0.0.1:1/";
    cfg.retry.max_attempts = 1;
    cfg.remember_devices = remember_devices;
    cfg.wall_clock = [this] { return wall; };
    return std::move(Client::create(std::move(cfg), std::move(t)).value());
  }
};

/// Tokens issued at server time `iat` for an hour, received at local time `now`.
inline Tokens tokens_at(std::int64_t iat, SystemTime now) {
  Tokens t;
  t.access_token = SecretString(unsigned_jwt(access_claims(iat, iat + 3600)));
  t.id_token = SecretString(unsigned_jwt(id_claims(iat, iat + 3600)));
  t.refresh_token = SecretString("refresh-1");
  t.expires_in = 3600;
  REQUIRE(t.update_times(now));
  return t;
}

}  // namespace cognito::test
