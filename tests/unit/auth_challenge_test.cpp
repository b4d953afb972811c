// AuthMachine transcripts for the challenges surfaced to the app: MFA codes,
// SELECT_MFA_TYPE, MFA_SETUP (TOTP and email), NEW_PASSWORD_REQUIRED,
// CUSTOM_CHALLENGE, SELECT_CHALLENGE, WEB_AUTHN, unknown challenges, and the
// rules for answers.
#include "auth_harness.hpp"

using namespace cognito;
using namespace cognito::test;

namespace {

/// USER_PASSWORD_AUTH for alice, answered with `first_reply`.
Harness password_sign_in(std::string_view first_reply, AuthConfig cfg = {}) {
  if (cfg.user_pool_id.empty()) {
    ScriptedRandom rnd;
    cfg = base_config(rnd);
  }
  Harness h(std::move(cfg));
  h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
  h.ok(first_reply);
  return h;
}

}  // namespace

TEST_CASE("auth harness: the JSON comparison sees every difference") {
  rapidjson::Document a, b;
  std::string why;
  a.Parse(R"({"x":{"y":"1","z":"2"}})");
  b.Parse(R"({"x":{"y":"1"}})");
  CHECK_FALSE(json_match(a, b, "$", why));
  CHECK(why == "$.x.z: missing");
  CHECK_FALSE(json_match(b, a, "$", why));
  CHECK(why == "$.x.z: unexpected member");
  b.Parse(R"({"x":{"y":"1","z":"3"}})");
  CHECK_FALSE(json_match(a, b, "$", why));
  a.Parse(R"({"x":"<any>"})");
  b.Parse(R"({"x":""})");
  CHECK_FALSE(json_match(a, b, "$", why));
  b.Parse(R"({"x":"v"})");
  CHECK(json_match(a, b, "$", why));
}

TEST_CASE("auth challenge: SOFTWARE_TOKEN_MFA code") {
  Harness h = password_sign_in(R"({"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"session-totp-0123456789",
      "ChallengeParameters":{}})");
  Step s = h.expect_step(StepKind::SoftwareTokenMfaCode);
  CHECK(s.challenge_name == "SOFTWARE_TOKEN_MFA");
  CHECK(s.username == "alice");
  h.answer(Answer::code("654321"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SOFTWARE_TOKEN_MFA",
      "Session":"session-totp-0123456789","ChallengeResponses":{"USERNAME":"alice","SOFTWARE_TOKEN_MFA_CODE":"654321"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: EMAIL_OTP code (email MFA)") {
  Harness h = password_sign_in(R"({"ChallengeName":"EMAIL_OTP","Session":"session-email-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"}})");
  Step s = h.expect_step(StepKind::EmailOtpCode);
  CHECK(s.delivery_medium == "EMAIL");
  CHECK(s.destination == "a***@e***");
  h.answer(Answer::code("11223344"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"EMAIL_OTP",
      "Session":"session-email-0123456789","ChallengeResponses":{"USERNAME":"alice","EMAIL_OTP_CODE":"11223344"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: a wrong code is asked again (CodeMismatch), then accepted") {
  Harness h = password_sign_in(R"({"ChallengeName":"SMS_MFA","Session":"session-sms-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123"}})");
  h.expect_step(StepKind::SmsMfaCode);
  h.answer(Answer::code("000000"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-sms-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"000000"}})");
  auto r = h.service_error("CodeMismatchException", "Invalid code or auth state for the user.");
  CHECK(r.has_value());
  Step again = h.expect_step(StepKind::SmsMfaCode);
  REQUIRE(again.previous_error.has_value());
  CHECK(again.previous_error->code == ErrorCode::CodeMismatch);
  CHECK(again.destination == "+*******0123");
  h.answer(Answer::code("123456"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-sms-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"123456"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: an expired code is final") {
  Harness h = password_sign_in(R"({"ChallengeName":"SMS_MFA","Session":"session-sms-0123456789",
      "ChallengeParameters":{}})");
  h.answer(Answer::code("000000"));
  CHECK(h.service_error("ExpiredCodeException", "Invalid code provided, please request a code again.")
            .error()
            .code == ErrorCode::ExpiredCode);
  h.expect_failed(ErrorCode::ExpiredCode);
}

TEST_CASE("auth challenge: SELECT_MFA_TYPE -> ANSWER -> the chosen MFA") {
  Harness h = password_sign_in(R"({"ChallengeName":"SELECT_MFA_TYPE","Session":"session-select-mfa-0123",
      "ChallengeParameters":{"MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}})");
  Step s = h.expect_step(StepKind::SelectMfaType);
  CHECK(s.options == std::vector<std::string>{"SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"});
  CHECK(h.m.answer(Answer::select("WEB_AUTHN"), kT0).error().code == ErrorCode::InvalidArgument);
  CHECK(h.m.answer(Answer::code("123456"), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::select("SOFTWARE_TOKEN_MFA"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_MFA_TYPE",
      "Session":"session-select-mfa-0123","ChallengeResponses":{"USERNAME":"alice","ANSWER":"SOFTWARE_TOKEN_MFA"}})");
  h.ok(R"({"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"session-totp-after-select","ChallengeParameters":{}})");
  h.expect_step(StepKind::SoftwareTokenMfaCode);
  h.answer(Answer::code("987654"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SOFTWARE_TOKEN_MFA",
      "Session":"session-totp-after-select","ChallengeResponses":{"USERNAME":"alice","SOFTWARE_TOKEN_MFA_CODE":"987654"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: MFA_SETUP with TOTP chains the Sessions of Associate/VerifySoftwareToken") {
  ScriptedRandom rnd;
  AuthConfig cfg = base_config(rnd);
  cfg.client_secret = SecretString("totp-client-secret-0123456789");
  cfg.totp_issuer = "My App";
  const std::string hash = *secret_hash("totp-client-secret-0123456789", "alice", "client1");
  Harness h(std::move(cfg));
  h.start(SignInRequest::user_password("alice@example.com", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", expand(R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice@example.com","PASSWORD":"Passw0rd!","SECRET_HASH":"${h}"}})",
                                       {{"h", *secret_hash("totp-client-secret-0123456789", "alice@example.com",
                                                           "client1")}}));
  h.ok(R"({"ChallengeName":"MFA_SETUP","Session":"session-setup-1-abcdefgh",
      "ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]","USER_ID_FOR_SRP":"alice"}})");
  Step s = h.expect_step(StepKind::MfaSetup);
  CHECK(s.options == std::vector<std::string>{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"});
  CHECK(s.username == "alice");
  CHECK(h.m.answer(Answer::select("SMS_MFA"), kT0).error().code == ErrorCode::InvalidArgument);
  CHECK(h.m.answer(Answer::code("123456"), kT0).error().code == ErrorCode::InvalidArgument);

  h.answer(Answer::setup_totp("my phone"));
  h.expect_send("AssociateSoftwareToken", R"({"Session":"session-setup-1-abcdefgh"})");
  h.ok(R"({"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DP","Session":"session-setup-2-abcdefgh"})");
  Step t = h.expect_step(StepKind::TotpSetupCode);
  CHECK(t.totp_secret.reveal() == "JBSWY3DPEHPK3PXPJBSWY3DP");
  CHECK(t.totp_uri.reveal() == "otpauth://totp/My%20App:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=My%20App");
  CHECK(t.challenge_name == "MFA_SETUP");

  h.answer(Answer::code("123456"));
  h.expect_send("VerifySoftwareToken", R"({"Session":"session-setup-2-abcdefgh","UserCode":"123456",
      "FriendlyDeviceName":"my phone"})");
  h.ok(R"({"Status":"SUCCESS","Session":"session-setup-3-abcdefgh"})");
  h.expect_send("RespondToAuthChallenge", expand(R"({"ClientId":"client1","ChallengeName":"MFA_SETUP",
      "Session":"session-setup-3-abcdefgh","ChallengeResponses":{"USERNAME":"alice","SECRET_HASH":"${h}"}})",
                                                 {{"h", hash}}));
  h.ok(tokens_body());
  CHECK(h.expect_signed_in().username == "alice");
}

TEST_CASE("auth challenge: TOTP setup with a wrong first code is asked again") {
  Harness h = password_sign_in(R"({"ChallengeName":"MFA_SETUP","Session":"session-setup-1-abcdefgh",
      "ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]"}})");
  h.answer(Answer::select("SOFTWARE_TOKEN_MFA"));  // select() works as setup_totp()
  h.expect_send("AssociateSoftwareToken", R"({"Session":"session-setup-1-abcdefgh"})");
  h.ok(R"({"SecretCode":"JBSWY3DPEHPK3PXP","Session":"session-setup-2-abcdefgh"})");
  Step t = h.expect_step(StepKind::TotpSetupCode);
  CHECK(t.totp_uri.reveal() == "otpauth://totp/Cognito:alice?secret=JBSWY3DPEHPK3PXP&issuer=Cognito");
  h.answer(Answer::code("000000"));
  h.expect_send("VerifySoftwareToken", R"({"Session":"session-setup-2-abcdefgh","UserCode":"000000"})");
  CHECK(h.service_error("CodeMismatchException", "Code mismatch").has_value());
  Step again = h.expect_step(StepKind::TotpSetupCode);
  REQUIRE(again.previous_error.has_value());
  CHECK(again.totp_secret.reveal() == "JBSWY3DPEHPK3PXP");
  h.answer(Answer::code("111111"));
  h.expect_send("VerifySoftwareToken", R"({"Session":"session-setup-2-abcdefgh","UserCode":"111111"})");
  h.ok(R"({"Status":"ERROR","Session":"session-setup-2b-abcdefg"})");
  CHECK(h.expect_step(StepKind::TotpSetupCode).previous_error.has_value());
  h.answer(Answer::code("222222"));
  h.expect_send("VerifySoftwareToken", R"({"Session":"session-setup-2b-abcdefg","UserCode":"222222"})");
  h.ok(R"({"Status":"SUCCESS","Session":"session-setup-3-abcdefgh"})");
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"MFA_SETUP",
      "Session":"session-setup-3-abcdefgh","ChallengeResponses":{"USERNAME":"alice"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: MFA_SETUP with email -> EMAIL_OTP") {
  Harness h = password_sign_in(R"({"ChallengeName":"MFA_SETUP","Session":"session-setup-1-abcdefgh",
      "ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}})");
  h.expect_step(StepKind::MfaSetup);
  CHECK(h.m.answer(Answer::select("EMAIL_OTP"), kT0).error().code == ErrorCode::InvalidArgument);
  CHECK(h.m.answer(Answer::setup_email(""), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::setup_email("alice@example.com"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"MFA_SETUP",
      "Session":"session-setup-1-abcdefgh","ChallengeResponses":{"USERNAME":"alice","EMAIL":"alice@example.com"}})");
  h.ok(R"({"ChallengeName":"EMAIL_OTP","Session":"session-email-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"}})");
  h.expect_step(StepKind::EmailOtpCode);
  h.answer(Answer::code("55667788"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"EMAIL_OTP",
      "Session":"session-email-0123456789","ChallengeResponses":{"USERNAME":"alice","EMAIL_OTP_CODE":"55667788"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: MFA_SETUP refuses a method that is not offered") {
  Harness h = password_sign_in(R"({"ChallengeName":"MFA_SETUP","Session":"session-setup-1-abcdefgh",
      "ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]"}})");
  CHECK(h.m.answer(Answer::setup_email("a@example.com"), kT0).error().code == ErrorCode::InvalidArgument);
  h.expect_step(StepKind::MfaSetup);
}

TEST_CASE("auth challenge: NEW_PASSWORD_REQUIRED with required attributes") {
  Harness h = password_sign_in(R"({"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"session-newpw-0123456789",
      "ChallengeParameters":{"USER_ID_FOR_SRP":"alice",
      "userAttributes":"{\"email\":\"alice@example.com\",\"email_verified\":\"true\",\"custom:n\":3}",
      "requiredAttributes":"[\"userAttributes.family_name\",\"userAttributes.given_name\"]"}})");
  Step s = h.expect_step(StepKind::NewPasswordRequired);
  CHECK(s.required_attributes == std::vector<std::string>{"family_name", "given_name"});
  CHECK(s.user_attributes.at("email") == "alice@example.com");
  CHECK(s.user_attributes.at("email_verified") == "true");
  CHECK(s.user_attributes.at("custom:n") == "3");
  // Missing a required attribute, an empty password, the wrong kind: refused, nothing sent.
  auto r = h.m.answer(Answer::new_password(SecretString("N3w-Passw0rd!"), {{"family_name", "Liddell"}}), kT0);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
  CHECK(r.error().message.find("given_name") != std::string::npos);
  CHECK(r.error().message.find("N3w") == std::string::npos);
  CHECK(h.m.answer(Answer::new_password(SecretString(""), {}), kT0).error().code == ErrorCode::InvalidArgument);
  CHECK(h.m.answer(Answer::code("x"), kT0).error().code == ErrorCode::InvalidArgument);
  h.expect_step(StepKind::NewPasswordRequired);

  h.answer(Answer::new_password(SecretString("N3w-Passw0rd!"),
                                {{"family_name", "Liddell"}, {"userAttributes.given_name", "Alice"}}));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"NEW_PASSWORD_REQUIRED",
      "Session":"session-newpw-0123456789","ChallengeResponses":{"USERNAME":"alice","NEW_PASSWORD":"N3w-Passw0rd!",
      "userAttributes.family_name":"Liddell","userAttributes.given_name":"Alice"}})");
  // Then MFA setup may follow; here tokens.
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: NEW_PASSWORD_REQUIRED refused by the service is asked again with the same Session") {
  Harness h = password_sign_in(R"({"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"session-newpw-0123456789",
      "ChallengeParameters":{"USER_ID_FOR_SRP":"alice","userAttributes":"{}",
      "requiredAttributes":"[\"userAttributes.name\"]"}})");
  h.expect_step(StepKind::NewPasswordRequired);
  const auto send_new_password = [&](const char* pw) {
    h.answer(Answer::new_password(SecretString(pw), {{"name", "Alice"}}));
    h.expect_send("RespondToAuthChallenge", std::string(R"({"ClientId":"client1","ChallengeName":"NEW_PASSWORD_REQUIRED",
        "Session":"session-newpw-0123456789","ChallengeResponses":{"USERNAME":"alice","NEW_PASSWORD":")") + pw +
                                                R"(","userAttributes.name":"Alice"}})");
  };
  // The password policy, the password history and the attributes: the Session
  // stays valid (AWS's libraries let the user retry), so the step comes back.
  const std::pair<const char*, ErrorCode> refusals[] = {
      {"InvalidPasswordException", ErrorCode::InvalidPassword},
      {"PasswordHistoryPolicyViolationException", ErrorCode::PasswordHistoryPolicyViolation},
      {"InvalidParameterException", ErrorCode::InvalidParameter}};
  for (const auto& [type, code] : refusals) {
    send_new_password("weak");
    CHECK(h.service_error(type, "Password does not conform to policy").has_value());  // not over
    Step again = h.expect_step(StepKind::NewPasswordRequired);
    REQUIRE(again.previous_error.has_value());
    CHECK(again.previous_error->code == code);
    CHECK(again.required_attributes == std::vector<std::string>{"name"});
  }
  send_new_password("Str0ng-Passw0rd!");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: NEW_PASSWORD_REQUIRED with an expired Session fails") {
  Harness h = password_sign_in(R"({"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"session-newpw-0123456789",
      "ChallengeParameters":{"USER_ID_FOR_SRP":"alice"}})");
  h.expect_step(StepKind::NewPasswordRequired);
  h.answer(Answer::new_password(SecretString("Str0ng-Passw0rd!"), {}));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  CHECK(h.service_error("NotAuthorizedException", "Invalid session for the user, session is expired.").error().code ==
        ErrorCode::NotAuthorized);
  h.expect_failed(ErrorCode::NotAuthorized);
}

TEST_CASE("auth challenge: a stale device at an MFA answer resends the same answer without DEVICE_KEY") {
  constexpr const char* kKey = "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::user_password("alice", SecretString("Passw0rd!"));
  req.device = DeviceCredentials{kKey, "-group", SecretString("device-pw")};
  h.start(std::move(req));
  h.expect_send("InitiateAuth", std::string(R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!","DEVICE_KEY":")") + kKey + R"("}})");
  h.ok(R"({"ChallengeName":"SMS_MFA","Session":"session-mfa-0123456789",
      "ChallengeParameters":{"USER_ID_FOR_SRP":"alice","CODE_DELIVERY_DELIVERY_MEDIUM":"SMS",
      "CODE_DELIVERY_DESTINATION":"+*******0123"}})");
  h.expect_step(StepKind::SmsMfaCode);
  h.answer(Answer::code("123456"));
  h.expect_send("RespondToAuthChallenge", std::string(R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-mfa-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"123456",
      "DEVICE_KEY":")") + kKey + R"("}})");
  // The device was forgotten meanwhile: the same code and Session again, no
  // DEVICE_KEY, no new InitiateAuth (which would send another SMS), no new step.
  CHECK(h.service_error("ResourceNotFoundException", "Device does not exist.").has_value());
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-mfa-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"123456"}})");
  // A wrong code on the resend is asked again as usual.
  CHECK(h.service_error("CodeMismatchException", "Invalid code received for user").has_value());
  CHECK(h.expect_step(StepKind::SmsMfaCode).previous_error->code == ErrorCode::CodeMismatch);
  h.answer(Answer::code("654321"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-mfa-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"654321"}})");
  h.ok(tokens_body());
  SignedIn done = h.expect_signed_in();
  CHECK(done.dropped_device);
  CHECK_FALSE(done.device.has_value());
}

TEST_CASE("auth challenge: a stale device is dropped once, a second device error ends the sign-in") {
  constexpr const char* kKey = "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::custom("alice");
  req.device = DeviceCredentials{kKey, "-group", SecretString("device-pw")};
  h.start(std::move(req));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  h.ok(R"({"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-custom-0123456789",
      "ChallengeParameters":{"USERNAME":"alice"}})");
  h.expect_step(StepKind::CustomChallenge);
  h.answer(Answer::custom("4711"));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  CHECK(h.service_error("ResourceNotFoundException", "Device does not exist.").has_value());
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"CUSTOM_CHALLENGE",
      "Session":"session-custom-0123456789","ChallengeResponses":{"USERNAME":"alice","ANSWER":"4711"}})");
  CHECK(h.service_error("ResourceNotFoundException", "Device does not exist.").error().code ==
        ErrorCode::ResourceNotFound);
  h.expect_failed(ErrorCode::ResourceNotFound);
}

TEST_CASE("auth challenge: CUSTOM_AUTH without SRP, a wrong answer then the right one") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::custom("alice"));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"CUSTOM_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice"}})");
  h.ok(R"({"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-custom-1-abcdefgh",
      "ChallengeParameters":{"USERNAME":"alice","email":"a***@e***"}})");
  Step s = h.expect_step(StepKind::CustomChallenge);
  CHECK(s.parameters == std::map<std::string, std::string>{{"USERNAME", "alice"}, {"email", "a***@e***"}});
  CHECK(h.m.answer(Answer::custom(""), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::code("000000"));  // code() is accepted like custom()
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"CUSTOM_CHALLENGE",
      "Session":"session-custom-1-abcdefgh","ChallengeResponses":{"USERNAME":"alice","ANSWER":"000000"}})");
  h.ok(R"({"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-custom-2-abcdefgh",
      "ChallengeParameters":{"USERNAME":"alice","email":"a***@e***","attempt":"2"}})");
  h.expect_step(StepKind::CustomChallenge);
  h.answer(Answer::custom("123456"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"CUSTOM_CHALLENGE",
      "Session":"session-custom-2-abcdefgh","ChallengeResponses":{"USERNAME":"alice","ANSWER":"123456"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: USER_AUTH SELECT_CHALLENGE -> EMAIL_OTP") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice"));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice"}})");
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij","ChallengeParameters":{},
      "AvailableChallenges":["EMAIL_OTP","SMS_OTP","PASSWORD","WEB_AUTHN"]})");
  Step s = h.expect_step(StepKind::SelectChallenge);
  CHECK(s.options == std::vector<std::string>{"EMAIL_OTP", "SMS_OTP", "PASSWORD", "WEB_AUTHN"});
  CHECK(h.m.answer(Answer::select("PASSWORD_SRP"), kT0).error().code == ErrorCode::InvalidArgument);  // not offered
  CHECK(h.m.answer(Answer::select("PASSWORD"), kT0).error().code == ErrorCode::InvalidArgument);  // no password
  h.answer(Answer::select("EMAIL_OTP"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",
      "Session":"session-select-abcdefghij","ChallengeResponses":{"USERNAME":"alice","ANSWER":"EMAIL_OTP"}})");
  h.ok(R"({"ChallengeName":"EMAIL_OTP","Session":"session-email-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"}})");
  h.expect_step(StepKind::EmailOtpCode);
  h.answer(Answer::code("12345678"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"EMAIL_OTP",
      "Session":"session-email-0123456789","ChallengeResponses":{"USERNAME":"alice","EMAIL_OTP_CODE":"12345678"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: USER_AUTH SELECT_CHALLENGE -> SMS_OTP") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice"));
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij",
      "AvailableChallenges":["SMS_OTP"]})");
  h.answer(Answer::select("SMS_OTP"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",
      "Session":"session-select-abcdefghij","ChallengeResponses":{"USERNAME":"alice","ANSWER":"SMS_OTP"}})");
  h.ok(R"({"ChallengeName":"SMS_OTP","Session":"session-smsotp-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123"}})");
  Step s = h.expect_step(StepKind::SmsOtpCode);
  CHECK(s.delivery_medium == "SMS");
  h.answer(Answer::code("123456"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_OTP",
      "Session":"session-smsotp-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_OTP_CODE":"123456"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: USER_AUTH SELECT_CHALLENGE -> PASSWORD in the same request") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice"));
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij",
      "AvailableChallenges":["PASSWORD","EMAIL_OTP"]})");
  CHECK(h.m.answer(Answer::password(SecretString("pw"), "EMAIL_OTP"), kT0).error().code ==
        ErrorCode::InvalidArgument);
  CHECK(h.m.answer(Answer::password(SecretString(""), "PASSWORD"), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::password(SecretString("Passw0rd!"), "PASSWORD"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",
      "Session":"session-select-abcdefghij",
      "ChallengeResponses":{"USERNAME":"alice","ANSWER":"PASSWORD","PASSWORD":"Passw0rd!"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: USER_AUTH with the password in the request answers select(PASSWORD)") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice", "", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice"}})");
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij",
      "AvailableChallenges":["PASSWORD","EMAIL_OTP"]})");
  h.answer(Answer::select("PASSWORD"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",
      "Session":"session-select-abcdefghij",
      "ChallengeResponses":{"USERNAME":"alice","ANSWER":"PASSWORD","PASSWORD":"Passw0rd!"}})");
}

TEST_CASE("auth challenge: PASSWORD asked directly is answered inside only when the app chose plaintext") {
  SUBCASE("known, USER_AUTH preferring PASSWORD") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_auth("alice", "PASSWORD", SecretString("Passw0rd!")));
    h.ok(R"({"ChallengeName":"PASSWORD","Session":"session-password-abcdefgh"})");
    h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"PASSWORD",
        "Session":"session-password-abcdefgh","ChallengeResponses":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
  }
  SUBCASE("known, but USER_AUTH without a preference: the app decides") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_auth("alice", "", SecretString("Passw0rd!")));
    h.ok(R"({"ChallengeName":"PASSWORD","Session":"session-password-abcdefgh"})");
    h.expect_step(StepKind::Password);
  }
  SUBCASE("an SRP sign-in is never downgraded to sending the password") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::srp("alice", SecretString("Passw0rd!")));
    h.ok(R"({"ChallengeName":"PASSWORD","Session":"session-password-abcdefgh"})");
    h.expect_step(StepKind::Password);
  }
  SUBCASE("asked") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_auth("alice"));
    h.ok(R"({"ChallengeName":"PASSWORD","Session":"session-password-abcdefgh"})");
    h.expect_step(StepKind::Password);
    CHECK(h.m.answer(Answer::select("PASSWORD"), kT0).error().code == ErrorCode::InvalidArgument);
    h.answer(Answer::password(SecretString("Passw0rd!")));
    h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"PASSWORD",
        "Session":"session-password-abcdefgh","ChallengeResponses":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
  }
}

TEST_CASE("auth challenge: USER_AUTH preferred challenges go into InitiateAuth") {
  SUBCASE("PASSWORD") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_auth("alice", "PASSWORD", SecretString("Passw0rd!")));
    h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{
        "USERNAME":"alice","PREFERRED_CHALLENGE":"PASSWORD","PASSWORD":"Passw0rd!"}})");
    h.ok(tokens_body());
    h.expect_signed_in();
  }
  SUBCASE("EMAIL_OTP") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_auth("alice", "EMAIL_OTP"));
    h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{
        "USERNAME":"alice","PREFERRED_CHALLENGE":"EMAIL_OTP"}})");
    h.ok(R"({"ChallengeName":"EMAIL_OTP","Session":"session-email-0123456789",
        "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"}})");
    h.expect_step(StepKind::EmailOtpCode);
  }
}

TEST_CASE("auth challenge: WEB_AUTHN after SELECT_CHALLENGE passes the options through") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice"));
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij",
      "AvailableChallenges":["WEB_AUTHN","EMAIL_OTP"]})");
  h.answer(Answer::select("WEB_AUTHN"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",
      "Session":"session-select-abcdefghij","ChallengeResponses":{"USERNAME":"alice","ANSWER":"WEB_AUTHN"}})");
  const std::string options = R"({\"challenge\":\"abc\",\"rpId\":\"example.com\",\"allowCredentials\":[]})";
  h.ok(R"({"ChallengeName":"WEB_AUTHN","Session":"session-webauthn-abcdefgh",
      "ChallengeParameters":{"CREDENTIAL_REQUEST_OPTIONS":")" + options + R"("}})");
  Step s = h.expect_step(StepKind::WebAuthn);
  CHECK(s.web_authn_options == R"({"challenge":"abc","rpId":"example.com","allowCredentials":[]})");
  CHECK(h.m.answer(Answer::web_authn("{not json"), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::web_authn(R"({"id":"cred","response":{"signature":"sig"},"type":"public-key"})"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"WEB_AUTHN",
      "Session":"session-webauthn-abcdefgh","ChallengeResponses":{"USERNAME":"alice",
      "CREDENTIAL":"{\"id\":\"cred\",\"response\":{\"signature\":\"sig\"},\"type\":\"public-key\"}"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: an unknown challenge is a typed step answered with ANSWER") {
  Harness h = password_sign_in(R"({"ChallengeName":"QUANTUM_MFA","Session":"session-quantum-abcdefgh",
      "ChallengeParameters":{"HINT":"look up","USERNAME":"alice"}})");
  Step s = h.expect_step(StepKind::UnknownChallenge);
  CHECK(s.challenge_name == "QUANTUM_MFA");
  CHECK(s.parameters.at("HINT") == "look up");
  CHECK(h.m.answer(Answer::select("x"), kT0).error().code == ErrorCode::InvalidArgument);
  h.answer(Answer::custom("entangled"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"QUANTUM_MFA",
      "Session":"session-quantum-abcdefgh","ChallengeResponses":{"USERNAME":"alice","ANSWER":"entangled"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth challenge: the wrong answer kind changes nothing and the right one proceeds") {
  Harness h = password_sign_in(R"({"ChallengeName":"SMS_MFA","Session":"session-sms-0123456789",
      "ChallengeParameters":{}})");
  std::vector<Answer> wrong;
  wrong.push_back(Answer::select("SMS_MFA"));
  wrong.push_back(Answer::custom("1"));
  wrong.push_back(Answer::setup_totp());
  wrong.push_back(Answer::setup_email("a@b.c"));
  wrong.push_back(Answer::password(SecretString("p")));
  wrong.push_back(Answer::web_authn("{}"));
  wrong.push_back(Answer::new_password(SecretString("p")));
  wrong.push_back(Answer::code(""));
  for (Answer& a : wrong) {
    auto r = h.m.answer(std::move(a), kT0);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    h.expect_step(StepKind::SmsMfaCode);
  }
  h.answer(Answer::code("123456"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"SMS_MFA",
      "Session":"session-sms-0123456789","ChallengeResponses":{"USERNAME":"alice","SMS_MFA_CODE":"123456"}})");
  CHECK(h.m.answer(Answer::code("123456"), kT0).error().code == ErrorCode::InvalidState);
}

TEST_CASE("auth challenge: JSON-in-string parameters that are not JSON fail with WrongType") {
  SUBCASE("MFAS_CAN_CHOOSE") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("pw")));
    auto r = h.reply(200, R"({"ChallengeName":"SELECT_MFA_TYPE","Session":"s-0123456789abcdefghij",
        "ChallengeParameters":{"MFAS_CAN_CHOOSE":"SMS_MFA,SOFTWARE_TOKEN_MFA"}})");
    CHECK(r.error().code == ErrorCode::WrongType);
    CHECK(r.error().message.find("MFAS_CAN_CHOOSE") != std::string::npos);
  }
  SUBCASE("requiredAttributes") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("pw")));
    CHECK(h.reply(200, R"({"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s-0123456789abcdefghij",
        "ChallengeParameters":{"requiredAttributes":"[1,2]"}})")
              .error()
              .code == ErrorCode::WrongType);
  }
}
