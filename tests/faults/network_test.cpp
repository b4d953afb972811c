// Network faults that need no emulator, through the whole stack
// (cognito::Client with its retry policy over CurlTransport): DNS failure,
// connection refused, TLS verification (self-signed loopback server: refused
// by default, accepted once its certificate is the configured CA file, host
// name mismatch refused), a server that never answers and one that resets
// mid-body. The loopback server and the throw-away TLS identity are the ones
// of tests/transport (linked read-only).
//
// Test names must not contain ';' (doctest_discover_tests splits on it).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "cognito/client.hpp"
#include "cognito/curl_transport.hpp"
#include "loopback_server.hpp"
#include "tls_identity.hpp"

using namespace std::chrono_literals;
using cognito::ErrorCode;
using cognito::test::LoopbackServer;
using cognito::test::OnAccept;
using cognito::test::Reply;
using cognito::test::TempDir;
using cognito::test::TlsIdentity;

namespace {

using Clock = std::chrono::steady_clock;

// A label of 64 characters is longer than DNS allows (63): the local
// resolver refuses the name without sending a query.
const std::string kUnresolvable = std::string(64, 'a') + ".invalid";

constexpr const char* kUser = R"({"Username":"u","UserAttributes":[{"Name":"sub","Value":"4f1c"}]})";

cognito::RetryPolicy retries(std::chrono::milliseconds deadline, int attempts = 3) {
  cognito::RetryPolicy r;
  r.max_attempts = attempts;
  r.base_delay = 10ms;
  r.throttle_base_delay = 20ms;
  r.max_delay = 100ms;
  r.deadline = deadline;
  return r;
}

cognito::Client make_client(const std::string& endpoint, cognito::RetryPolicy retry,
                            cognito::CurlTransportOptions opts = {}) {
  cognito::ClientConfig cfg;
  cfg.user_pool_id = "us-east-1_FaultPool1";
  cfg.client_id = "faultclient000000000000001";
  cfg.endpoint = endpoint;
  cfg.retry = retry;
  auto t = cognito::CurlTransport::create(std::move(opts));
  REQUIRE_MESSAGE(t, t.error().to_string());
  auto c = cognito::Client::create(std::move(cfg), std::move(*t));
  REQUIRE_MESSAGE(c, c.error().to_string());
  return std::move(*c);
}

cognito::Result<cognito::GetUserResponse> get_user(cognito::Client& c) {
  cognito::GetUserRequest r;
  r.access_token = cognito::SecretString("access-token");
  return c.get_user(r);
}

cognito::Result<cognito::InitiateAuthResponse> initiate(cognito::Client& c) {
  cognito::InitiateAuthRequest r;
  r.auth_flow = "USER_PASSWORD_AUTH";
  r.auth_parameters.emplace("USERNAME", cognito::SecretString("u"));
  r.auth_parameters.emplace("PASSWORD", cognito::SecretString("Passw0rd!"));
  return c.initiate_auth(r);
}

LoopbackServer::Handler answer(int status, std::string body) {
  return [status, body](const cognito::test::ReceivedRequest&, std::size_t) {
    return Reply{cognito::test::http_response(status, body, {{"Content-Type", "application/x-amz-json-1.1"}})};
  };
}

std::chrono::milliseconds since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
}

}  // namespace

TEST_SUITE("faults") {

TEST_CASE("faults: DNS failure is Dns, retried (nothing was sent), fast") {
  auto c = make_client("https://" + kUnresolvable + "/", retries(10s));
  const auto t0 = Clock::now();
  auto r = get_user(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Dns, r.error().to_string());
  CHECK(r.error().certainly_not_processed());
  CHECK(since(t0) < 5s);

  // Also for a sign-in (a non-idempotent request may be resent: it never left).
  auto p = c.sign_in(cognito::SignInRequest::srp("u", cognito::SecretString("Passw0rd!")));
  REQUIRE_FALSE(p);
  CHECK(p.error().code == ErrorCode::Dns);
}

TEST_CASE("faults: connection refused is Connect") {
  // Bind a server, note its port, stop it: nothing listens there any more.
  std::uint16_t port = 0;
  {
    LoopbackServer s(answer(200, "{}"));
    port = s.port();
  }
  auto c = make_client("http://127.0.0.1:" + std::to_string(port) + "/", retries(5s));
  auto r = initiate(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Connect, r.error().to_string());
}

TEST_CASE("faults: plain http to a non-loopback host is refused before any traffic") {
  auto c = make_client("http://" + kUnresolvable + "/", retries(5s));
  auto r = get_user(c);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InsecureUrl);
}

TEST_CASE("faults: TLS to a self-signed server fails verification by default, not retried") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  LoopbackServer server(answer(200, kUser), OnAccept::Serve, {}, &id);
  auto c = make_client(server.url(), retries(10s));
  auto r = get_user(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Tls, r.error().to_string());
  CHECK_FALSE(r.error().retryable());
  CHECK(server.accepts() == 1);
  CHECK(server.request_count() == 0);
}

TEST_CASE("faults: TLS succeeds once the server's certificate is the configured CA file") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  TempDir dir;
  LoopbackServer server(answer(200, kUser), OnAccept::Serve, {}, &id);
  cognito::CurlTransportOptions o;
  o.ca_file = dir.write("ca.pem", id.cert_pem());
  auto c = make_client(server.url(), retries(10s), o);
  auto r = get_user(c);
  REQUIRE_MESSAGE(r, r.error().to_string());
  CHECK(r->username == "u");
  CHECK(server.request_count() == 1);
}

TEST_CASE("faults: TLS with a trusted certificate for another host name is refused") {
  TlsIdentity id("DNS:other.example");
  TempDir dir;
  LoopbackServer server(answer(200, kUser), OnAccept::Serve, {}, &id);
  cognito::CurlTransportOptions o;
  o.ca_file = dir.write("ca.pem", id.cert_pem());
  auto c = make_client(server.url(), retries(10s), o);
  auto r = get_user(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Tls, r.error().to_string());
  CHECK(server.request_count() == 0);
}

TEST_CASE("faults: a local server that accepts and never answers: Timeout inside the deadline") {
  LoopbackServer server([](const cognito::test::ReceivedRequest&, std::size_t) { return Reply{"", false, true}; });
  auto c = make_client(server.url(), retries(1200ms));
  const auto t0 = Clock::now();
  auto r = initiate(c);
  const auto elapsed = since(t0);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Timeout, r.error().to_string());
  CHECK(elapsed <= 1200ms + 1000ms);
  CHECK(server.request_count() == 1);
}

TEST_CASE("faults: a local server that resets mid-body: ConnectionReset, retried only when idempotent") {
  std::atomic<int> calls{0};
  LoopbackServer server([&](const cognito::test::ReceivedRequest&, std::size_t) {
    ++calls;
    std::string head = cognito::test::http_head(200, {{"Content-Length", "100"}});
    return Reply{head + R"({"Username":"u","User)", /*close=*/true};
  });
  auto c = make_client(server.url(), retries(10s, 3));
  auto r = initiate(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::ConnectionReset, r.error().to_string());
  CHECK(calls.load() == 1);

  auto g = get_user(c);
  REQUIRE_FALSE(g);
  CHECK(g.error().code == ErrorCode::ConnectionReset);
  CHECK(calls.load() == 1 + 3);
}

}  // TEST_SUITE
