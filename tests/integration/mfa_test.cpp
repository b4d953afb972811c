// MFA steps through cognito::Client against the emulator: MFA_SETUP (TOTP and
// email), SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE, wrong codes
// and an expired session.
#include <doctest/doctest.h>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;

namespace {

/// A user with kPassword, an email, a phone number and the given "mfa" member.
std::string mfa_user(const TestPool& pool, std::string_view prefix, std::string_view mfa_json,
                     std::string_view extra = {}) {
  const std::string user = unique(prefix);
  std::string body = R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                     R"(,"attributes":{"email":)" + quote(user + "@example.com") +
                     R"(,"phone_number":"+15555550142"},"mfa":)" + std::string(mfa_json);
  if (!extra.empty()) body += "," + std::string(extra);
  pool.add_user(body + "}");
  return user;
}

}  // namespace

TEST_CASE("mfa: MFA_SETUP with an authenticator app, then SOFTWARE_TOKEN_MFA") {
  TestPool pool(R"("mfa":"ON","mfa_types":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"])");
  const std::string user = unique("setup");
  pool.add_simple_user(user);
  Client client = pool.client("secret");

  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::MfaSetup);
  CHECK(p->step()->options == std::vector<std::string>{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"});

  answer_ok(client, *p, Answer::setup_totp("my phone"));
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::TotpSetupCode);
  const std::string secret(p->step()->totp_secret.reveal());
  CHECK(secret.size() >= 16);
  CHECK(p->step()->totp_uri.reveal().rfind("otpauth://totp/", 0) == 0);

  // A wrong first code is refused and asked again.
  auto wrong = client.answer(*p, Answer::code(totp(secret, pool.now() - 3600)));
  REQUIRE_FALSE(wrong);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::TotpSetupCode);
  REQUIRE(p->step()->previous_error);

  answer_ok(client, *p, Answer::code(totp(secret, pool.now())));
  REQUIRE(p->done());
  CHECK(pool.user(user)["mfa"]["totp"].GetBool());

  // Next sign-in: SOFTWARE_TOKEN_MFA with a code of a later time step.
  pool.advance(std::chrono::seconds(30));
  auto again = client.sign_in(SignInRequest::user_password(user, password()));
  REQUIRE(again);
  REQUIRE(again->step());
  CHECK(again->step()->kind == StepKind::SoftwareTokenMfaCode);
  answer_ok(client, *again, Answer::code(totp(secret, pool.now())));
  REQUIRE(again->done());
}

TEST_CASE("mfa: SOFTWARE_TOKEN_MFA with a wrong code, then the right one") {
  TestPool pool(R"("mfa":"OPTIONAL")");
  const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const std::string user =
      mfa_user(pool, "totp", R"({"totp":true,"preferred":"SOFTWARE_TOKEN_MFA"})", R"("totp_secret":")" + secret + "\"");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SoftwareTokenMfaCode);
  CHECK(p->step()->username == user);

  auto wrong = client.answer(*p, Answer::code("000000") );
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::CodeMismatch);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SoftwareTokenMfaCode);
  REQUIRE(p->step()->previous_error);
  CHECK(p->step()->previous_error->code == ErrorCode::CodeMismatch);

  answer_ok(client, *p, Answer::code(totp(secret, pool.now())));
  REQUIRE(p->done());
}

TEST_CASE("mfa: SMS_MFA with the code from the outbox") {
  TestPool pool(R"("mfa":"ON")");
  const std::string user = mfa_user(pool, "sms", R"({"sms":true,"preferred":"SMS_MFA"})");
  Client client = pool.client("secret");
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsMfaCode);
  CHECK(p->step()->delivery_medium == "SMS");
  CHECK(p->step()->destination.find("0142") != std::string::npos);
  CHECK(p->step()->destination.find("555555") == std::string::npos);  // masked
  answer_ok(client, *p, Answer::code(pool.last_code(user, "SMS_MFA")));
  REQUIRE(p->done());
  CHECK(client.verify_token(p->result()->tokens.access_token.reveal(), TokenUse::Access));
}

TEST_CASE("mfa: EMAIL_OTP as MFA") {
  TestPool pool(R"("mfa":"OPTIONAL")");
  const std::string user = mfa_user(pool, "email", R"({"email":true,"preferred":"EMAIL_OTP"})");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::user_password(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::EmailOtpCode);
  CHECK(p->step()->delivery_medium == "EMAIL");
  answer_ok(client, *p, Answer::code(pool.last_code(user, "EMAIL_MFA")));
  REQUIRE(p->done());
}

TEST_CASE("mfa: SELECT_MFA_TYPE, then the chosen code") {
  TestPool pool(R"("mfa":"ON")");
  const std::string user = mfa_user(pool, "select", R"({"sms":true,"email":true})");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SelectMfaType);
  CHECK(p->step()->options == std::vector<std::string>{"SMS_MFA", "EMAIL_OTP"});
  // An option that was not offered is refused locally.
  auto bad = client.answer(*p, Answer::select("SOFTWARE_TOKEN_MFA"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::InvalidArgument);
  REQUIRE(p->step());
  answer_ok(client, *p, Answer::select("EMAIL_OTP"));
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::EmailOtpCode);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "EMAIL_MFA")));
  REQUIRE(p->done());
}

TEST_CASE("mfa: MFA_SETUP with email") {
  TestPool pool(R"("mfa":"ON","mfa_types":["EMAIL_OTP"])");
  const std::string user = unique("setupmail");
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) + "}");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::MfaSetup);
  CHECK(p->step()->options == std::vector<std::string>{"EMAIL_OTP"});
  answer_ok(client, *p, Answer::setup_email(user + "@mfa.example.com"));
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::EmailOtpCode);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "EMAIL_MFA_SETUP")));
  REQUIRE(p->done());
  CHECK(str(pool.user(user)["attributes"], "email") == user + "@mfa.example.com");
}

TEST_CASE("mfa: an expired session ends the sign-in") {
  TestPool pool(R"("mfa":"ON")");
  const std::string user = mfa_user(pool, "expire", R"({"sms":true,"preferred":"SMS_MFA"})");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  const std::string code = pool.last_code(user, "SMS_MFA");
  pool.advance(std::chrono::minutes(4));  // the app client's sessions last 3 minutes
  auto r = client.answer(*p, Answer::code(code));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
  CHECK(r.error().message.find("session is expired") != std::string::npos);
  CHECK(p->step() == nullptr);
  CHECK_FALSE(p->done());
  // Sticky: a further answer reports InvalidState (no step).
  CHECK(client.answer(*p, Answer::code(code)).error().code == ErrorCode::InvalidState);
}

TEST_CASE("mfa: wrong SMS codes until the attempts run out") {
  TestPool pool(R"("mfa":"ON")");
  const std::string user = mfa_user(pool, "attempts", R"({"sms":true,"preferred":"SMS_MFA"})");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  // max_auth_code_attempts = 3: two CodeMismatch with the step kept, then the session ends.
  for (int i = 0; i < 2; ++i) {
    auto r = client.answer(*p, Answer::code("999999"));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::CodeMismatch);
    REQUIRE(p->step());
  }
  auto last = client.answer(*p, Answer::code("999999"));
  REQUIRE_FALSE(last);
  CHECK(last.error().code == ErrorCode::NotAuthorized);
  CHECK(p->step() == nullptr);
}
