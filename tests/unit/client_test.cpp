// Client: request shape, retry policy, deadline, typed errors (fake transport).
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "cognito/client.hpp"
#include "fake_transport.hpp"

using namespace cognito;
using cognito::test::FakeTransport;

namespace {

struct Harness {
  FakeTransport* fake = nullptr;
  std::vector<std::chrono::milliseconds> sleeps;
  std::chrono::steady_clock::time_point clock{};
  Client client;

  static Client make(Harness& h, RetryPolicy policy) {
    auto t = std::make_unique<FakeTransport>();
    h.fake = t.get();
    ClientConfig cfg;
    cfg.user_pool_id = "us-east-1_Test";
    cfg.client_id = "client123";
    cfg.endpoint = "http://127.0.0.1:1/";
    cfg.retry = policy;
    ClientHooks hooks;
    hooks.now = [&h] { return h.clock; };
    hooks.sleep = [&h](std::chrono::milliseconds d) {
      h.sleeps.push_back(d);
      h.clock += d;
    };
    hooks.random_unit = [] { return 0.5; };
    return std::move(Client::create(std::move(cfg), std::move(t), hooks).value());
  }
  explicit Harness(RetryPolicy policy = {}) : client(make(*this, policy)) {}
};

Headers error_type(const char* name) {
  Headers h;
  h.add("x-amzn-ErrorType", std::string(name) + ":");
  return h;
}

}  // namespace

TEST_CASE("client: request carries target, content type, endpoint and body") {
  Harness h;
  h.fake->respond(200, R"({"Username":"bob","UserAttributes":[]})");
  auto rsp = h.client.call("GetUser", R"({"AccessToken":"tok"})");
  REQUIRE(rsp);
  CHECK(rsp->reveal() == R"({"Username":"bob","UserAttributes":[]})");
  REQUIRE(h.fake->requests.size() == 1);
  CHECK(h.fake->requests[0].url == "http://127.0.0.1:1/");
  CHECK(h.fake->requests[0].target == "AWSCognitoIdentityProviderService.GetUser");
  CHECK(h.fake->requests[0].body == R"({"AccessToken":"tok"})");
  auto req = h.client.make_request("SignUp", SecretString("{}"));
  CHECK(*req.headers.find("content-type") == "application/x-amz-json-1.1");
  CHECK(req.method == "POST");
}

TEST_CASE("client: escape hatch rejects bad operation names without traffic") {
  Harness h;
  CHECK(h.client.call("", "{}").error().code == ErrorCode::InvalidArgument);
  CHECK(h.client.call("Get User\r\nX: y", "{}").error().code == ErrorCode::InvalidArgument);
  CHECK(h.fake->requests.empty());
}

TEST_CASE("client: throttling is retried with backoff, then succeeds") {
  Harness h;
  h.fake->respond(400, R"({"__type":"TooManyRequestsException","message":"Rate exceeded"})")
      .respond(200, "{}");
  auto rsp = h.client.call("GlobalSignOut", R"({"AccessToken":"t"})");
  REQUIRE(rsp);
  CHECK(h.fake->requests.size() == 2);
  REQUIRE(h.sleeps.size() == 1);
  CHECK(h.sleeps[0].count() == 250);  // throttle base 500 ms, full jitter at 0.5
}

TEST_CASE("client: gives up after max_attempts with the last error") {
  Harness h;
  for (int i = 0; i < 3; ++i) h.fake->respond(500, R"({"__type":"InternalErrorException","message":"boom"})");
  auto rsp = h.client.call("GetUser", "{}");
  REQUIRE_FALSE(rsp);
  CHECK(rsp.error().code == ErrorCode::InternalError);
  CHECK(rsp.error().http_status == 500);
  CHECK(h.fake->requests.size() == 3);
  CHECK(h.sleeps.size() == 2);
}

TEST_CASE("client: user errors are never retried") {
  for (const char* name : {"NotAuthorizedException", "LimitExceededException", "CodeMismatchException",
                           "UserNotFoundException", "PasswordResetRequiredException"}) {
    CAPTURE(name);
    Harness h;
    h.fake->respond(400, std::string(R"({"__type":")") + name + R"(","message":"no"})", error_type(name));
    auto rsp = h.client.call("InitiateAuth", "{}");
    REQUIRE_FALSE(rsp);
    CHECK(rsp.error().service_code == name);
    CHECK(h.fake->requests.size() == 1);
    CHECK(h.sleeps.empty());
  }
}

TEST_CASE("client: ambiguous network failures retry only idempotent requests") {
  {
    Harness h;
    h.fake->fail_with(ErrorCode::Timeout).respond(200, "{}");
    auto rsp = h.client.send(h.client.make_request("GetUser", SecretString("{}")), /*idempotent=*/true);
    CHECK(rsp);
    CHECK(h.fake->requests.size() == 2);
  }
  {
    Harness h;
    h.fake->fail_with(ErrorCode::Timeout).respond(200, "{}");
    auto rsp = h.client.send(h.client.make_request("RespondToAuthChallenge", SecretString("{}")), false);
    REQUIRE_FALSE(rsp);
    CHECK(rsp.error().code == ErrorCode::Timeout);
    CHECK(h.fake->requests.size() == 1);
  }
  {
    Harness h;  // a refused connection proves nothing was processed
    h.fake->fail_with(ErrorCode::Connect).respond(200, "{}");
    auto rsp = h.client.send(h.client.make_request("RespondToAuthChallenge", SecretString("{}")), false);
    CHECK(rsp);
    CHECK(h.fake->requests.size() == 2);
  }
}

TEST_CASE("client: the deadline bounds attempts and waits") {
  RetryPolicy p;
  p.max_attempts = 10;
  p.deadline = std::chrono::milliseconds(1000);
  p.throttle_base_delay = std::chrono::milliseconds(600);
  Harness h(p);
  for (int i = 0; i < 10; ++i) h.fake->respond(400, R"({"__type":"TooManyRequestsException"})");
  auto rsp = h.client.call("GetUser", "{}");
  REQUIRE_FALSE(rsp);
  CHECK(rsp.error().code == ErrorCode::TooManyRequests);
  CHECK(h.fake->requests.size() < 10);
  std::chrono::milliseconds waited{0};
  for (auto s : h.sleeps) waited += s;
  CHECK(waited.count() < 1000);
  // Each attempt is given only the time left.
  CHECK(h.fake->requests.front().timeout.count() == 1000);
}

TEST_CASE("client: create validates its inputs") {
  ClientConfig cfg;
  cfg.endpoint = "http://127.0.0.1:1/";
  CHECK(Client::create(std::move(cfg), nullptr).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("client: cancel() ends the call with Cancelled and nothing is retried") {
  Harness h;
  h.fake->on_request = [&] { h.client.cancel(); };
  // A retryable answer: without the cancel the next attempt would follow.
  h.fake->respond(503, R"({"__type":"InternalErrorException","message":"x"})").respond(200, "{}");
  auto r = h.client.call("GetUser", R"({"AccessToken":"t"})");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Cancelled);
  CHECK_FALSE(r.error().retryable());
  CHECK(h.fake->requests.size() == 1);
  CHECK(h.sleeps.empty());

  // A transport failure during a cancelled call is reported as Cancelled.
  Harness failing;
  failing.fake->on_request = [&] { failing.client.cancel(); };
  failing.fake->fail_with(ErrorCode::ConnectionReset);
  CHECK(failing.client.call("GetUser", "{}").error().code == ErrorCode::Cancelled);
}

TEST_CASE("client: a complete answer is kept after cancel(), and later calls are not affected") {
  Harness h;
  h.fake->on_request = [&] { h.client.cancel(); };
  h.fake->respond(200, R"({"ok":1})");
  auto r = h.client.call("GetUser", "{}");
  REQUIRE(r);
  CHECK(r->reveal() == R"({"ok":1})");
  // A service error that arrived complete is the outcome too (not retryable anyway).
  h.fake->respond(400, R"({"__type":"NotAuthorizedException","message":"no"})");
  CHECK(h.client.call("GetUser", "{}").error().code == ErrorCode::NotAuthorized);

  h.fake->on_request = nullptr;
  h.client.cancel();  // idle: nothing to cancel
  h.fake->respond(200, "{}");
  CHECK(h.client.call("GetUser", "{}"));
}

TEST_CASE("client: cancel() from another thread ends a retry wait at once") {
  // Without the hooks' sleep the client really waits: here about an hour
  // before the retry. If cancel() did not end the wait, the test would hang
  // until ctest's timeout.
  auto t = std::make_unique<FakeTransport>();
  FakeTransport* fake = t.get();
  ClientConfig cfg;
  cfg.user_pool_id = "us-east-1_Test";
  cfg.client_id = "client123";
  cfg.endpoint = "http://127.0.0.1:1/";
  cfg.retry.base_delay = std::chrono::hours(1);
  cfg.retry.max_delay = std::chrono::hours(1);
  cfg.retry.deadline = std::chrono::hours(3);
  ClientHooks hooks;
  hooks.random_unit = [] { return 0.99; };
  Client client = std::move(Client::create(std::move(cfg), std::move(t), hooks).value());
  std::atomic<bool> asked{false};
  fake->on_request = [&] { asked = true; };
  fake->respond(503, R"({"__type":"InternalErrorException","message":"x"})").respond(200, "{}");
  std::thread canceller([&] {
    while (!asked.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // most likely inside the wait by now
    client.cancel();
  });
  auto r = client.call("GetUser", "{}");
  canceller.join();
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Cancelled);
  CHECK(fake->requests.size() == 1);
}

TEST_CASE("client: cancel() during a sign-in step stops the requests that would follow") {
  // USER_PASSWORD_AUTH answered with tokens and a new device: the step would
  // go on with ConfirmDevice on its own. Cancelled during InitiateAuth, it
  // sends nothing more: signed in (the tokens are good), without the device.
  Harness h;
  h.fake->on_request = [&] { h.client.cancel(); };
  h.fake->respond(200, R"({"AuthenticationResult":{"AccessToken":"access.token.x","IdToken":"id.token.x",
      "RefreshToken":"refresh.token.x","ExpiresIn":3600,"TokenType":"Bearer",
      "NewDeviceMetadata":{"DeviceKey":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","DeviceGroupKey":"-grp"}},
      "ChallengeParameters":{}})");
  auto p = h.client.sign_in(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  REQUIRE(p);
  REQUIRE(p->done());
  CHECK(h.fake->requests.size() == 1);
  CHECK_FALSE(p->result()->new_device.has_value());
  REQUIRE(p->result()->device_error.has_value());
  CHECK(p->result()->device_error->code == ErrorCode::Cancelled);

  // The next sign-in is not affected.
  h.fake->on_request = nullptr;
  h.fake->respond(200, R"({"AuthenticationResult":{"AccessToken":"access.token.x","IdToken":"id.token.x",
      "ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}})");
  auto again = h.client.sign_in(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  REQUIRE(again);
  CHECK(again->done());
}
