// Session and remembered devices: the device a refresh sends (DEVICE_KEY /
// DeviceKey, protocol §5.3 and §9.9) follows what the refreshes report.
#include <doctest/doctest.h>

#include "cognito/client.hpp"
#include "cognito/session.hpp"
#include "fake_transport.hpp"
#include "session_fixture.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

constexpr std::int64_t kT = 1'800'000'000;
constexpr const char* kStaleKey = "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

struct Fixture : ClientFixture<FakeTransport> {
  Fixture() : ClientFixture(at(kT)) {}
};

Headers error_type(const char* name) {
  Headers h;
  h.add("x-amzn-ErrorType", std::string(name) + ":");
  h.add("x-amzn-RequestId", "req-1");
  return h;
}

}  // namespace

TEST_CASE("session_device: a refresh that dropped a stale device forgets it for the next refresh") {
  Fixture f;
  Session s("alice", tokens_at(kT, at(kT)), DeviceCredentials{kStaleKey, "-group", SecretString("devpw")});
  // The service no longer knows the device: the machine retries without it.
  f.transport->respond(400, R"({"__type":"ResourceNotFoundException","message":"Device does not exist."})",
                  error_type("ResourceNotFoundException"));
  f.transport->respond(200, auth_result_json(kT + 3500, 3600));
  f.wall = at(kT + 3500);
  REQUIRE(s.valid_tokens(f.client, at(kT + 3500)));
  REQUIRE(f.transport->requests.size() == 2);
  CHECK(f.transport->requests[0].body.find(kStaleKey) != std::string::npos);
  CHECK(f.transport->requests[1].body.find("DEVICE_KEY") == std::string::npos);
  // SignedIn::dropped_device says "delete the stored device": the session must
  // not offer it again, nor send it with the next refresh.
  CHECK_FALSE(s.device().has_value());

  f.transport->respond(200, auth_result_json(kT + 7100, 3600));
  f.wall = at(kT + 7100);
  REQUIRE(s.valid_tokens(f.client, at(kT + 7100)));
  REQUIRE(f.transport->requests.size() == 3);
  CHECK(f.transport->requests[2].body.find("DEVICE_KEY") == std::string::npos);
}

TEST_CASE("session_device: a session built from a sign-in with a remembered device refreshes with that device") {
  Fixture f;
  // USER_PASSWORD_AUTH with the stored device; the service issues tokens bound to it.
  f.transport->respond(200, auth_result_json(kT, 3600, /*with_refresh=*/true));
  SignInRequest req = SignInRequest::user_password("alice", SecretString("Passw0rd!"));
  req.device = DeviceCredentials{kStaleKey, "-group", SecretString("devpw")};
  auto p = f.client.sign_in(std::move(req));
  REQUIRE(p);
  REQUIRE(p->done());
  CHECK(f.transport->requests[0].body.find(kStaleKey) != std::string::npos);
  SignedIn signed_in = p->take_result().value();
  CHECK_FALSE(signed_in.new_device.has_value());
  REQUIRE(signed_in.device.has_value());
  CHECK(signed_in.device->device_key == kStaleKey);
  CHECK(signed_in.device->device_password.reveal() == "devpw");

  Session s(std::move(signed_in));
  REQUIRE(s.device().has_value());
  CHECK(s.device()->device_key == kStaleKey);
  // With device tracking on, a refresh without DEVICE_KEY fails ("Invalid Refresh Token").
  f.transport->respond(200, auth_result_json(kT + 3500, 3600));
  f.wall = at(kT + 3500);
  REQUIRE(s.valid_tokens(f.client, at(kT + 3500)));
  REQUIRE(f.transport->requests.size() == 2);
  CHECK(f.transport->requests[1].body.find(std::string("\"DEVICE_KEY\":\"") + kStaleKey + "\"") != std::string::npos);
}

TEST_CASE("session_device: SignedIn::device is the new device, or none when the stale one was dropped") {
  Fixture f;
  SUBCASE("no device at all") {
    f.transport->respond(200, auth_result_json(kT, 3600, true));
    auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
    REQUIRE(p);
    CHECK_FALSE(p->take_result().value().device.has_value());
  }
  SUBCASE("dropped") {
    f.transport->respond(400, R"({"__type":"ResourceNotFoundException","message":"Device does not exist."})",
                    error_type("ResourceNotFoundException"));
    f.transport->respond(200, auth_result_json(kT, 3600, true));
    SignInRequest req = SignInRequest::user_password("alice", SecretString("Passw0rd!"));
    req.device = DeviceCredentials{kStaleKey, "-group", SecretString("devpw")};
    auto p = f.client.sign_in(std::move(req));
    REQUIRE(p);
    SignedIn si = p->take_result().value();
    CHECK(si.dropped_device);
    CHECK_FALSE(si.device.has_value());
    Session s(std::move(si));
    CHECK_FALSE(s.device().has_value());
  }
}
