// CUSTOM_AUTH (OTP trigger) with and without SRP, choice-based USER_AUTH
// (SELECT_CHALLENGE -> EMAIL_OTP / SMS_OTP / PASSWORD / PASSWORD_SRP), and the
// sign-up auto sign-in (SignUp -> ConfirmSignUp with Session -> USER_AUTH with Session).
#include <doctest/doctest.h>

#include <algorithm>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;

namespace {

constexpr const char* kCustomPool = R"("custom_auth":{"type":"otp","medium":"EMAIL","max_attempts":3})";

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

/// A user with a verified email and phone number.
std::string otp_user(const TestPool& pool, std::string_view prefix) {
  const std::string user = unique(prefix);
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":)" + quote(user + "@example.com") + R"(,"phone_number":"+15555550177"}})");
  return user;
}

}  // namespace

TEST_CASE("custom auth: OTP challenge without a password") {
  TestPool pool(kCustomPool);
  const std::string user = otp_user(pool, "custom");
  Client client = pool.client("secret");
  auto p = client.sign_in(SignInRequest::custom(user));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::CustomChallenge);
  CHECK(p->step()->parameters.at("ATTEMPTS_LEFT") == "3");

  // A wrong answer: the trigger asks again (a new CUSTOM_CHALLENGE, no error).
  answer_ok(client, *p, Answer::custom("000000"));
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::CustomChallenge);
  CHECK(p->step()->parameters.at("ATTEMPTS_LEFT") == "2");

  answer_ok(client, *p, Answer::custom(pool.last_code(user, "CUSTOM_CHALLENGE")));
  REQUIRE(p->done());
  CHECK(p->result()->username == user);
}

TEST_CASE("custom auth: starting with SRP (CHALLENGE_NAME=SRP_A), then the OTP") {
  TestPool pool(kCustomPool);
  const std::string user = otp_user(pool, "customsrp");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::custom_with_srp(user, password()));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::CustomChallenge);
  answer_ok(client, *p, Answer::custom(pool.last_code(user, "CUSTOM_CHALLENGE")));
  REQUIRE(p->done());

  // A wrong password fails at PASSWORD_VERIFIER, before any code is sent.
  const std::size_t sent = pool.outbox_size(user);
  auto bad = client.sign_in(SignInRequest::custom_with_srp(user, password("Wrong!pass1")));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::NotAuthorized);
  CHECK(pool.outbox_size(user) == sent);
}

TEST_CASE("user auth: SELECT_CHALLENGE -> EMAIL_OTP") {
  TestPool pool;
  const std::string user = otp_user(pool, "ua-email");
  Client client = pool.client("secret");
  auto p = client.sign_in(SignInRequest::user_auth(user));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SelectChallenge);
  CHECK(has(p->step()->options, "EMAIL_OTP"));
  CHECK(has(p->step()->options, "SMS_OTP"));
  CHECK(has(p->step()->options, "PASSWORD"));
  CHECK(has(p->step()->options, "PASSWORD_SRP"));
  answer_ok(client, *p, Answer::select("EMAIL_OTP"));
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::EmailOtpCode);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "EMAIL_OTP")));
  REQUIRE(p->done());
}

TEST_CASE("user auth: SELECT_CHALLENGE -> SMS_OTP") {
  TestPool pool;
  const std::string user = otp_user(pool, "ua-sms");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::user_auth(user));
  REQUIRE(p);
  REQUIRE(p->step());
  answer_ok(client, *p, Answer::select("SMS_OTP"));
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsOtpCode);
  CHECK(p->step()->delivery_medium == "SMS");
  auto wrong = client.answer(*p, Answer::code("000000"));
  CHECK(wrong.error().code == ErrorCode::CodeMismatch);
  REQUIRE(p->step());
  answer_ok(client, *p, Answer::code(pool.last_code(user, "SMS_OTP")));
  REQUIRE(p->done());
}

TEST_CASE("user auth: SELECT_CHALLENGE -> PASSWORD and PASSWORD_SRP - preferred challenges") {
  TestPool pool;
  const std::string user = otp_user(pool, "ua-pw");
  Client client = pool.client("secret");
  for (const char* option : {"PASSWORD", "PASSWORD_SRP"}) {
    CAPTURE(option);
    auto p = client.sign_in(SignInRequest::user_auth(user));
    REQUIRE(p);
    REQUIRE(p->step());
    CHECK(p->step()->kind == StepKind::SelectChallenge);
    answer_ok(client, *p, Answer::password(password(), option));
    REQUIRE(p->done());
    CHECK(p->result()->username == user);
  }
  // With a preferred challenge and the password up front: no question at all.
  sign_in_done(client, SignInRequest::user_auth(user, "PASSWORD_SRP", password()));
  sign_in_done(client, SignInRequest::user_auth(user, "PASSWORD", password()));
  // Preferred EMAIL_OTP: straight to the code.
  auto otp = client.sign_in(SignInRequest::user_auth(user, "EMAIL_OTP"));
  REQUIRE(otp);
  REQUIRE(otp->step());
  CHECK(otp->step()->kind == StepKind::EmailOtpCode);
  // A wrong password through SELECT_CHALLENGE ends the sign-in.
  auto bad = client.sign_in(SignInRequest::user_auth(user));
  REQUIRE(bad);
  auto r = client.answer(*bad, Answer::password(password("Wrong!pass1"), "PASSWORD"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
}

TEST_CASE("user auth: sign-up, confirm with Session, sign in with that Session") {
  TestPool pool;
  Client client = pool.client("secret");
  const std::string user = unique("signup");
  SignUpRequest up;
  up.username = user;
  up.password = password();
  up.user_attributes = {Attribute{"email", user + "@example.com"}};
  auto signed_up = client.sign_up(up);
  REQUIRE_MESSAGE(signed_up, signed_up.error().to_string());
  CHECK_FALSE(signed_up->user_confirmed);
  REQUIRE(signed_up->session);

  ConfirmSignUpRequest confirm;
  confirm.username = user;
  confirm.confirmation_code = SecretString(pool.last_code(user, "SIGN_UP"));
  confirm.session = signed_up->session->clone();
  auto confirmed = client.confirm_sign_up(confirm);
  REQUIRE_MESSAGE(confirmed, confirmed.error().to_string());
  REQUIRE(confirmed->session);

  SignInRequest req = SignInRequest::user_auth(user);
  req.session = confirmed->session->clone();
  SignedIn s = sign_in_done(client, std::move(req));
  CHECK(s.username == user);
  CHECK(client.verify_token(s.tokens.id_token.reveal(), TokenUse::Id));

  // The Session is single-use.
  SignInRequest again = SignInRequest::user_auth(user);
  again.session = confirmed->session->clone();
  auto reuse = client.sign_in(std::move(again));
  REQUIRE_FALSE(reuse);
  CHECK(reuse.error().code == ErrorCode::NotAuthorized);
}
