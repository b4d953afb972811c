// Client::sign_in / answer: the blocking driver over the AuthMachine, with a
// scripted fake transport (requests, errors and the wall clock hook).
#include <doctest/doctest.h>

#include "cognito/client.hpp"
#include "fake_transport.hpp"
#include "session_fixture.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

constexpr std::int64_t kT = 1'800'000'000;

struct Fixture : ClientFixture<FakeTransport> {
  Fixture() : ClientFixture(SystemTime(seconds(kT + 30)), /*remember_devices=*/false) {}  // 30 s ahead of iat
};

Headers error_type(const char* name) {
  Headers h;
  h.add("x-amzn-ErrorType", std::string(name) + ":");
  h.add("x-amzn-RequestId", "req-1");
  return h;
}

const char* kSmsChallenge =
    R"({"ChallengeName":"SMS_MFA","Session":"sess-1","ChallengeParameters":{"USER_ID_FOR_SRP":"alice",)"
    R"("CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0100"}})";

}  // namespace

TEST_CASE("session_sign_in: USER_PASSWORD_AUTH signs in with one request, times from the wall clock hook") {
  Fixture f;
  f.transport->respond(200, auth_result_json(kT, 3600, /*with_refresh=*/true));
  auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("pw")));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->done());
  CHECK(p->step() == nullptr);
  REQUIRE(p->result());
  CHECK(p->result()->tokens.clock_drift == seconds(30));
  CHECK(p->result()->tokens.refresh_token.reveal() == "refresh-2");
  REQUIRE(f.transport->requests.size() == 1);
  CHECK(f.transport->requests[0].url == "http://127.0.0.1:1/");
  CHECK(f.transport->requests[0].target == "AWSCognitoIdentityProviderService.InitiateAuth");
  CHECK(f.transport->requests[0].body.find("USER_PASSWORD_AUTH") != std::string::npos);
  auto r = p->take_result();
  REQUIRE(r);
  CHECK(p->done());
  CHECK(p->result() == nullptr);
  CHECK(p->take_result().error().code == ErrorCode::InvalidState);
}

TEST_CASE("session_sign_in: a step, a rejected code, then success") {
  Fixture f;
  f.transport->respond(200, kSmsChallenge);
  auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("pw")));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsMfaCode);
  CHECK(p->step()->destination == "+*******0100");
  CHECK(p->username() == "alice");

  // The service says CodeMismatch: answer() fails with it, the step stays.
  f.transport->respond(400, R"({"__type":"CodeMismatchException","message":"Invalid code or auth state for the user."})",
                  error_type("CodeMismatchException"));
  auto wrong = f.client.answer(*p, Answer::code("111111"));
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::CodeMismatch);
  CHECK(wrong.error().http_status == 400);
  CHECK(wrong.error().request_id == "req-1");
  REQUIRE(p->step());
  REQUIRE(p->step()->previous_error);

  f.transport->respond(200, auth_result_json(kT, 3600));
  auto ok = f.client.answer(*p, Answer::code("222222"));
  REQUIRE_MESSAGE(ok, ok.error().to_string());
  REQUIRE(p->done());
  REQUIRE(f.transport->requests.size() == 3);
  CHECK(f.transport->requests[2].target == "AWSCognitoIdentityProviderService.RespondToAuthChallenge");
  CHECK(f.transport->requests[2].body.find("\"SMS_MFA_CODE\":\"222222\"") != std::string::npos);
  CHECK(f.transport->requests[2].body.find("sess-1") != std::string::npos);
}

TEST_CASE("session_sign_in: service errors and transport failures end the sign-in") {
  Fixture f;
  f.transport->respond(400, R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})",
                  error_type("NotAuthorizedException"));
  auto denied = f.client.sign_in(SignInRequest::user_password("alice", SecretString("bad")));
  REQUIRE_FALSE(denied);
  CHECK(denied.error().code == ErrorCode::NotAuthorized);
  CHECK(denied.error().message == "Incorrect username or password.");

  f.transport->fail_with(ErrorCode::Connect, "connection refused");
  auto down = f.client.sign_in(SignInRequest::user_password("alice", SecretString("pw")));
  REQUIRE_FALSE(down);
  CHECK(down.error().code == ErrorCode::Connect);

  // A failure after a step: the sign-in is over, step() is gone.
  f.transport->respond(200, kSmsChallenge);
  auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("pw")));
  REQUIRE(p);
  f.transport->fail_with(ErrorCode::ConnectionReset, "reset");
  auto r = f.client.answer(*p, Answer::code("123456"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::ConnectionReset);
  CHECK(p->step() == nullptr);
  CHECK_FALSE(p->done());
  CHECK(f.client.answer(*p, Answer::code("123456")).error().code == ErrorCode::InvalidState);

  // A request the machine refuses before sending anything.
  const std::size_t sent = f.transport->requests.size();
  auto invalid = f.client.sign_in(SignInRequest::user_password("", SecretString("pw")));
  REQUIRE_FALSE(invalid);
  CHECK(invalid.error().code == ErrorCode::InvalidArgument);
  CHECK(f.transport->requests.size() == sent);
}

TEST_CASE("session_sign_in: an answer of the wrong kind is refused locally and the step stays") {
  Fixture f;
  f.transport->respond(200, kSmsChallenge);
  auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("pw")));
  REQUIRE(p);
  const std::size_t sent = f.transport->requests.size();
  auto r = f.client.answer(*p, Answer::select("SMS_MFA"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsMfaCode);
  CHECK(f.transport->requests.size() == sent);
}
