// AuthMachine transcripts for the password-less-math flows and the machine's
// rules: USER_PASSWORD_AUTH, auto sign-in, refresh (REFRESH_TOKEN_AUTH and
// GetTokensFromRefreshToken), input validation, service errors, malformed
// answers, transport failures, restarts.
#include "auth_harness.hpp"

using namespace cognito;
using namespace cognito::test;

TEST_CASE("auth flow: create() checks the configuration and resolves the endpoint") {
  ScriptedRandom rnd;
  AuthConfig ok = base_config(rnd);
  ok.endpoint.clear();
  auto m = AuthMachine::create(ok.clone());
  REQUIRE(m.has_value());
  REQUIRE(m->start(SignInRequest::custom("alice"), kT0).has_value());
  auto ev = m->next_event();
  REQUIRE(std::holds_alternative<SendRequest>(ev));
  CHECK(std::get<SendRequest>(ev).request.url == "https://cognito-idp.us-east-1.amazonaws.com/");

  AuthConfig bad = ok.clone();
  bad.user_pool_id = "nounderscore";
  CHECK(AuthMachine::create(bad.clone()).error().code == ErrorCode::InvalidArgument);
  bad.user_pool_id = "us-east-1_";
  CHECK(AuthMachine::create(bad.clone()).error().code == ErrorCode::InvalidArgument);
  bad = ok.clone();
  bad.client_id.clear();
  CHECK(AuthMachine::create(bad.clone()).error().code == ErrorCode::InvalidArgument);
  bad = ok.clone();
  bad.client_id = "has space";
  CHECK(AuthMachine::create(bad.clone()).error().code == ErrorCode::InvalidArgument);
  bad = ok.clone();
  bad.srp.ephemeral_bits = 100;
  CHECK(AuthMachine::create(bad.clone()).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("auth flow: next_event before start is a non-sticky InvalidState") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.expect_failed(ErrorCode::InvalidState);
  CHECK(h.m.on_response(HttpResponse{}, kT0).error().code == ErrorCode::InvalidState);
  CHECK(h.m.answer(Answer::code("1"), kT0).error().code == ErrorCode::InvalidState);
  h.m.on_transport_failure(Error(ErrorCode::Timeout, "ignored"));
  h.start(SignInRequest::custom("alice"));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"CUSTOM_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice"}})");
}

TEST_CASE("auth flow: start() validates the request and leaves the machine as it was") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  const auto refused = [&](SignInRequest r) {
    auto res = h.m.start(std::move(r), kT0);
    CHECK(res.error().code == ErrorCode::InvalidArgument);
    CHECK(std::get<Failed>(h.m.next_event()).error.code == ErrorCode::InvalidState);  // still idle
  };
  refused(SignInRequest::srp("", SecretString("pw")));
  refused(SignInRequest::srp("alice", SecretString("")));
  refused(SignInRequest::user_password("alice", SecretString("")));
  refused(SignInRequest::custom_with_srp("alice", SecretString("")));
  refused(SignInRequest::custom(""));
  refused(SignInRequest::user_auth(""));
  refused(SignInRequest::user_auth("alice", "PASSWORD_SRP"));
  refused(SignInRequest::user_auth("alice", "PASSWORD"));
  refused(SignInRequest::refresh("alice", SecretString("")));
  refused(SignInRequest::refresh("alice", SecretString(""), true));
  SignInRequest preferred_elsewhere = SignInRequest::srp("alice", SecretString("pw"));
  preferred_elsewhere.preferred_challenge = "EMAIL_OTP";
  refused(std::move(preferred_elsewhere));
  SignInRequest bad_device = SignInRequest::srp("alice", SecretString("pw"));
  bad_device.device = DeviceCredentials{"us-east-1_x", "", SecretString("pw")};
  refused(std::move(bad_device));
  // A secret client cannot compute SECRET_HASH for a refresh without the username.
  AuthConfig cfg = base_config(rnd);
  cfg.client_secret = SecretString("s3cr3t-s3cr3t-s3cr3t-s3cr3t");
  Harness hs(std::move(cfg));
  auto r = hs.m.start(SignInRequest::refresh("", SecretString("refresh.token.x")), kT0);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
  // The error never carries the password.
  auto p = h.m.start(SignInRequest::user_auth("alice", "PASSWORD"), kT0);
  CHECK(p.error().message.find("PASSWORD") != std::string::npos);
}

TEST_CASE("auth flow: USER_PASSWORD_AUTH and SignedIn takes the canonical username from the ID token") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_password("Alice@Example.com", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"Alice@Example.com","PASSWORD":"Passw0rd!"}})");
  const std::string id = fake_jwt(R"({"cognito:username":"7d8e9f00-alice","token_use":"id","iat":1700000000,
      "exp":1700003600})");
  const std::string access = fake_jwt(R"({"username":"7d8e9f00-alice","token_use":"access","iat":1700000000,
      "exp":1700003600})");
  h.ok(R"({"AuthenticationResult":{"AccessToken":")" + access + R"(","IdToken":")" + id +
       R"(","RefreshToken":"refresh.token.x","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}})",
       at_ms(1'700'000'010'000));
  SignedIn done = h.expect_signed_in();
  CHECK(done.username == "7d8e9f00-alice");
  CHECK(h.m.username() == "7d8e9f00-alice");
  CHECK(done.tokens.id_token.reveal() == id);
  CHECK(done.tokens.expires_in == 3600);
  // update_times() ran: the times come from the tokens.
  CHECK(done.tokens.expires_at == at_ms(1'700'003'600'000));
}

TEST_CASE("auth flow: tokens that are not JWTs expire by ExpiresIn, not at once") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  const SystemTime answered = at_ms(1'700'000'042'000);
  h.ok(tokens_body(), answered);  // "access.token.x": no claims to read
  SignedIn done = h.expect_signed_in();
  CHECK(done.tokens.issued_at == answered);
  CHECK(done.tokens.expires_at == answered + std::chrono::seconds(3600));
  CHECK(done.tokens.clock_drift == std::chrono::seconds(0));
  CHECK_FALSE(done.tokens.needs_refresh(answered + std::chrono::seconds(60), std::chrono::seconds(300)));
  CHECK(done.tokens.needs_refresh(answered + std::chrono::seconds(3400), std::chrono::seconds(300)));
}

TEST_CASE("auth flow: sign-up auto sign-in sends USER_AUTH with the top-level Session") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::auto_sign_in("alice", SecretString("signup-session-0123456789abcdef")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_AUTH","ClientId":"client1",
      "Session":"signup-session-0123456789abcdef","AuthParameters":{"USERNAME":"alice"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth flow: REFRESH_TOKEN_AUTH with SECRET_HASH of the given username and DEVICE_KEY keeps the refresh token") {
  ScriptedRandom rnd;
  AuthConfig cfg = base_config(rnd);
  cfg.client_id = "6example7client8id9abcdef";
  cfg.client_secret = SecretString("1example23456789abcdefghijklmnopqrstuvwx");
  Harness h(std::move(cfg));
  SignInRequest req = SignInRequest::refresh("alice", SecretString("old.refresh.token"));
  req.device = DeviceCredentials{"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "", SecretString()};
  h.start(std::move(req));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"6example7client8id9abcdef",
      "AuthParameters":{"REFRESH_TOKEN":"old.refresh.token",
      "SECRET_HASH":"CWWUBJjG/Bn9NW52m3JQeGLWnaTe9lVUhaqv09fZSL8=",
      "DEVICE_KEY":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}})",
                true);
  h.ok(tokens_body({}, /*with_refresh=*/false));
  SignedIn done = h.expect_signed_in();
  CHECK(done.tokens.refresh_token.reveal() == "old.refresh.token");
  CHECK(done.tokens.access_token.reveal() == "access.token.x");
  CHECK(done.username == "alice");
}

TEST_CASE("auth flow: REFRESH_TOKEN_AUTH without a secret sends no USERNAME and no SECRET_HASH") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::refresh("", SecretString("old.refresh.token")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"client1",
      "AuthParameters":{"REFRESH_TOKEN":"old.refresh.token"}})",
                true);
}

TEST_CASE("auth flow: GetTokensFromRefreshToken sends the raw ClientSecret and DeviceKey") {
  ScriptedRandom rnd;
  AuthConfig cfg = base_config(rnd);
  cfg.client_secret = SecretString("raw-client-secret-0123456789");
  Harness h(std::move(cfg));
  SignInRequest req = SignInRequest::refresh("alice", SecretString("old.refresh.token"), /*rotation=*/true);
  req.device = DeviceCredentials{"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "", SecretString()};
  req.client_metadata = {{"k", "v"}};
  h.start(std::move(req));
  const std::string expected = R"({"RefreshToken":"old.refresh.token","ClientId":"client1",
      "ClientSecret":"raw-client-secret-0123456789","DeviceKey":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      "ClientMetadata":{"k":"v"}})";
  SUBCASE("rotated: the new refresh token") {
    h.expect_send("GetTokensFromRefreshToken", expected);
    h.ok(R"({"AuthenticationResult":{"AccessToken":"a2","IdToken":"i2","RefreshToken":"new.refresh.token",
        "ExpiresIn":300,"TokenType":"Bearer"}})");
    SignedIn done = h.expect_signed_in();
    CHECK(done.tokens.refresh_token.reveal() == "new.refresh.token");
    CHECK(done.tokens.expires_in == 300);
  }
  SUBCASE("not rotated: the old refresh token") {
    h.expect_send("GetTokensFromRefreshToken", expected);
    h.ok(R"({"AuthenticationResult":{"AccessToken":"a2","IdToken":"i2","ExpiresIn":300,"TokenType":"Bearer"}})");
    CHECK(h.expect_signed_in().tokens.refresh_token.reveal() == "old.refresh.token");
  }
  SUBCASE("stale device: retried without DeviceKey") {
    h.expect_send("GetTokensFromRefreshToken", expected);
    REQUIRE(h.service_error("ResourceNotFoundException", "Device does not exist.").has_value());
    h.expect_send("GetTokensFromRefreshToken", R"({"RefreshToken":"old.refresh.token","ClientId":"client1",
        "ClientSecret":"raw-client-secret-0123456789","ClientMetadata":{"k":"v"}})");
    h.ok(R"({"AuthenticationResult":{"AccessToken":"a2","IdToken":"i2","ExpiresIn":300,"TokenType":"Bearer"}})");
    CHECK(h.expect_signed_in().dropped_device);
  }
  SUBCASE("no AuthenticationResult") {
    h.expect_send("GetTokensFromRefreshToken", expected);
    CHECK(h.reply(200, "{}").error().code == ErrorCode::MissingField);
  }
}

TEST_CASE("auth flow: a service error fails the sign-in for good (sticky)") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_password("alice", SecretString("Wrong-Passw0rd")));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  auto r = h.service_error("NotAuthorizedException", "Incorrect username or password.");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::NotAuthorized);
  for (int i = 0; i < 2; ++i) {
    const Error e = h.expect_failed(ErrorCode::NotAuthorized);
    CHECK(e.service_code == "NotAuthorizedException");
    CHECK(e.message == "Incorrect username or password.");
    CHECK(e.http_status == 400);
    CHECK(e.request_id == "req-1");
    CHECK(e.to_string().find("Wrong-Passw0rd") == std::string::npos);
  }
  CHECK(h.m.answer(Answer::code("1"), kT0).error().code == ErrorCode::NotAuthorized);
  CHECK(h.reply(200, tokens_body()).error().code == ErrorCode::NotAuthorized);
  h.m.on_transport_failure(Error(ErrorCode::Timeout, "late"));
  h.expect_failed(ErrorCode::NotAuthorized);
  // A new sign-in may begin after a failure.
  h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
  // ... and after a success.
  h.start(SignInRequest::custom("bob"));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"CUSTOM_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"bob"}})");
}

TEST_CASE("auth flow: 5xx without a JSON body fails with HttpStatus") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::custom("alice"));
  auto r = h.reply(503, "<html>Service Unavailable</html>");
  CHECK(r.error().code == ErrorCode::HttpStatus);
  CHECK(r.error().http_status == 503);
}

TEST_CASE("auth flow: malformed 2xx answers fail with typed protocol errors") {
  const auto first_answer = [](std::string_view body) {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::custom("alice"));
    // The request id is raw header bytes: it reaches Error repaired to UTF-8.
    auto r = h.reply(200, body, kT0, Headers{{{"x-amzn-RequestId", "rid-9\xFF"}}});
    REQUIRE_FALSE(r.has_value());
    const Error e = h.expect_failed(r.error().code);
    CHECK(e.http_status == 200);
    CHECK(e.request_id == "rid-9\xEF\xBF\xBD");
    return r.error().code;
  };
  CHECK(first_answer("not json") == ErrorCode::MalformedResponse);
  CHECK(first_answer("") == ErrorCode::MalformedResponse);
  CHECK(first_answer("[1,2]") == ErrorCode::MalformedResponse);
  CHECK(first_answer("{}") == ErrorCode::UnexpectedResponse);
  CHECK(first_answer(R"({"ChallengeName":""})") == ErrorCode::UnexpectedResponse);
  CHECK(first_answer(R"({"ChallengeName":7})") == ErrorCode::WrongType);
  CHECK(first_answer(R"({"ChallengeName":"CUSTOM_CHALLENGE","ChallengeParameters":{"n":1}})") ==
        ErrorCode::WrongType);
  CHECK(first_answer(R"({"AuthenticationResult":{"IdToken":"i"}})") == ErrorCode::MissingField);
  CHECK(first_answer(R"({"AuthenticationResult":{"AccessToken":"a","ExpiresIn":"soon"}})") == ErrorCode::WrongType);
}

TEST_CASE("auth flow: a malformed AssociateSoftwareToken answer (no SecretCode) fails") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::custom("alice"));
  h.ok(R"({"ChallengeName":"MFA_SETUP","Session":"session-setup-1-abcdefgh",
      "ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]"}})");
  h.answer(Answer::setup_totp());
  CHECK(h.reply(200, R"({"Session":"session-setup-2-abcdefgh"})").error().code == ErrorCode::MissingField);
}

TEST_CASE("auth flow: a transport failure fails the sign-in with the transport's error") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::custom("alice"));
  h.ok(R"({"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-custom-1-abcdefgh","ChallengeParameters":{}})");
  h.answer(Answer::custom("123"));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  h.m.on_transport_failure(Error(ErrorCode::ConnectionReset, "connection reset by peer"));
  const Error e = h.expect_failed(ErrorCode::ConnectionReset);
  CHECK(e.message == "connection reset by peer");
  CHECK(h.m.on_response(HttpResponse{}, kT0).error().code == ErrorCode::ConnectionReset);
}

TEST_CASE("auth flow: idempotency marks: SRP and refresh InitiateAuth only") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice", "EMAIL_OTP"));
  auto ev = h.m.next_event();
  CHECK_FALSE(std::get<SendRequest>(ev).idempotent);
  h.ok(R"({"ChallengeName":"EMAIL_OTP","Session":"session-email-0123456789"})");
  h.answer(Answer::code("1"));
  ev = h.m.next_event();
  CHECK(std::get<SendRequest>(ev).operation == "RespondToAuthChallenge");
  CHECK_FALSE(std::get<SendRequest>(ev).idempotent);
}

TEST_CASE("auth flow: a moved-from machine reports InvalidState") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  AuthMachine other = std::move(h.m);
  CHECK(h.m.start(SignInRequest::custom("a"), kT0).error().code == ErrorCode::InvalidState);
  CHECK(std::get<Failed>(h.m.next_event()).error.code == ErrorCode::InvalidState);
  CHECK(h.m.username().empty());
  REQUIRE(other.start(SignInRequest::custom("alice"), kT0).has_value());
  CHECK(std::holds_alternative<SendRequest>(other.next_event()));
}
