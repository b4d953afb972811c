// AuthMachine transcripts with SRP: USER_SRP_AUTH against the known-answer
// vectors (pinned `a`, vector time), alias sign-in, a client secret at every
// step, device SRP, ConfirmDevice and the stale-device retry.
#include "auth_harness.hpp"

using namespace cognito;
using namespace cognito::test;

namespace {

std::string hash_of(std::string_view secret, std::string_view user, std::string_view client) {
  auto h = secret_hash(secret, user, client);
  REQUIRE(h.has_value());
  return *h;
}

DeviceCredentials device_of(const std::map<std::string, std::string>& dv) {
  return DeviceCredentials{dv.at("device_key"), dv.at("device_group_key"), SecretString(dv.at("random_password"))};
}

}  // namespace

TEST_CASE("auth srp: USER_SRP_AUTH sends the exact srp-001 claim, no Session, and signs in") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  h.start(SignInRequest::srp("alice", SecretString(v["password"])));

  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",)"
                       R"("AuthParameters":{"USERNAME":"alice","SRP_A":"${A}"}})",
                       v),
                /*idempotent=*/true);
  h.ok(password_verifier_body(v), vector_time(v));
  h.expect_send("RespondToAuthChallenge", password_verifier_request(v));
  h.ok(tokens_body());
  SignedIn done = h.expect_signed_in();
  CHECK(done.tokens.access_token.reveal() == "access.token.x");
  CHECK(done.tokens.id_token.reveal() == "id.token.x");
  CHECK(done.tokens.refresh_token.reveal() == "refresh.token.x");
  CHECK(done.tokens.expires_in == 3600);
  CHECK(done.tokens.token_type == "Bearer");
  CHECK(done.username == "alice");
  CHECK_FALSE(done.new_device.has_value());
  CHECK_FALSE(done.dropped_device);
  CHECK(h.m.username() == "alice");
  // SignedIn is not consumed.
  CHECK(std::holds_alternative<SignedIn>(h.m.next_event()));
  CHECK_FALSE(rnd.state->size_mismatch);
}

TEST_CASE("auth srp: a pending request is returned again until answered") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  h.start(SignInRequest::srp("alice", SecretString(v["password"])));
  const std::string first = h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","SRP_A":"<any>"}})", true);
  const std::string again = h.expect_send("InitiateAuth", first, true);
  CHECK(first == again);
  // start() while running is refused; answer() without a step too.
  CHECK(h.m.start(SignInRequest::srp("bob", SecretString("pw")), kT0).error().code == ErrorCode::InvalidState);
  CHECK(h.m.answer(Answer::code("123456"), kT0).error().code == ErrorCode::InvalidState);
}

TEST_CASE("auth srp: alias sign-in with a client secret uses the canonical username after the first answer") {
  // srp-004: typed john.doe@example.com, USER_ID_FOR_SRP = the UUID username.
  auto v = srp_vector("srp-004");
  const std::string secret = "1example23456789abcdefghijklmnopqrstuvwx";
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  AuthConfig cfg = base_config(rnd);
  cfg.user_pool_id = v["pool_id"];
  cfg.client_secret = SecretString(secret);
  Harness h(std::move(cfg));
  h.start(SignInRequest::srp(v["login_username"], SecretString(v["password"])));

  v["typed"] = v["login_username"];
  v["typed_hash"] = hash_of(secret, v["login_username"], "client1");
  v["hash"] = hash_of(secret, v["username"], "client1");
  CHECK(v["typed_hash"] != v["hash"]);
  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1","AuthParameters":{)"
                       R"("USERNAME":"${typed}","SRP_A":"${A}","SECRET_HASH":"${typed_hash}"}})",
                       v),
                true);
  h.ok(password_verifier_body(v), vector_time(v));
  CHECK(h.m.username() == v["username"]);
  h.expect_send("RespondToAuthChallenge",
                password_verifier_request(v, {}, expand(R"("SECRET_HASH":"${hash}")", v)));

  // PASSWORD_VERIFIER then SMS_MFA.
  h.ok(expand(R"({"ChallengeName":"SMS_MFA","Session":"session-sms-0123456789",
      "ChallengeParameters":{"CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0123",
      "USER_ID_FOR_SRP":"${username}"}})",
              v));
  Step s = h.expect_step(StepKind::SmsMfaCode);
  CHECK(s.challenge_name == "SMS_MFA");
  CHECK(s.username == v["username"]);
  CHECK(s.delivery_medium == "SMS");
  CHECK(s.destination == "+*******0123");
  CHECK(s.parameters.at("USER_ID_FOR_SRP") == v["username"]);
  h.answer(Answer::code("123456"));
  h.expect_send("RespondToAuthChallenge",
                expand(R"({"ClientId":"client1","ChallengeName":"SMS_MFA","Session":"session-sms-0123456789",)"
                       R"("ChallengeResponses":{"USERNAME":"${username}","SMS_MFA_CODE":"123456",)"
                       R"("SECRET_HASH":"${hash}"}})",
                       v));
  h.ok(tokens_body());
  CHECK(h.expect_signed_in().username == v["username"]);
}

TEST_CASE("auth srp: the SECRET_HASH matches the protocol's published vector") {
  ScriptedRandom rnd;
  AuthConfig cfg = base_config(rnd);
  cfg.client_id = "6example7client8id9abcdef";
  cfg.client_secret = SecretString("1example23456789abcdefghijklmnopqrstuvwx");
  Harness h(std::move(cfg));
  h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"6example7client8id9abcdef",
      "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!",
      "SECRET_HASH":"CWWUBJjG/Bn9NW52m3JQeGLWnaTe9lVUhaqv09fZSL8="}})");
}

TEST_CASE("auth srp: CUSTOM_AUTH starting with SRP_A, then a custom challenge (OTP)") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::custom_with_srp("alice", SecretString(v["password"]));
  req.client_metadata = {{"app", "test"}};
  h.start(std::move(req));
  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"CUSTOM_AUTH","ClientId":"client1","ClientMetadata":{"app":"test"},)"
                       R"("AuthParameters":{"USERNAME":"alice","SRP_A":"${A}","CHALLENGE_NAME":"SRP_A"}})",
                       v));
  h.ok(password_verifier_body(v, "session-custom-1-abcdefgh"), vector_time(v));
  h.expect_send("RespondToAuthChallenge",
                expand(R"({"ClientId":"client1","ChallengeName":"PASSWORD_VERIFIER",)"
                       R"("Session":"session-custom-1-abcdefgh","ClientMetadata":{"app":"test"},"ChallengeResponses":{)"
                       R"("USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"${block}",)"
                       R"("PASSWORD_CLAIM_SIGNATURE":"${sig}","TIMESTAMP":"${ts}"}})",
                       v));
  h.ok(R"({"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-custom-2-abcdefgh",
      "ChallengeParameters":{"USERNAME":"alice","hint":"code sent to a***@e***","attempt":"1"}})");
  Step s = h.expect_step(StepKind::CustomChallenge);
  CHECK(s.parameters.at("hint") == "code sent to a***@e***");
  CHECK(s.parameters.at("attempt") == "1");
  h.answer(Answer::custom("424242"));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"CUSTOM_CHALLENGE",
      "Session":"session-custom-2-abcdefgh","ClientMetadata":{"app":"test"},
      "ChallengeResponses":{"USERNAME":"alice","ANSWER":"424242"}})");
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth srp: USER_AUTH with PREFERRED_CHALLENGE=PASSWORD_SRP") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice", "PASSWORD_SRP", SecretString(v["password"])));
  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{)"
                       R"("USERNAME":"alice","PREFERRED_CHALLENGE":"PASSWORD_SRP","SRP_A":"${A}"}})",
                       v));
  h.ok(password_verifier_body(v, "session-userauth-abcdefgh"), vector_time(v));
  h.expect_send("RespondToAuthChallenge", password_verifier_request(v, "session-userauth-abcdefgh"));
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth srp: USER_AUTH SELECT_CHALLENGE answered with Answer::password(PASSWORD_SRP)") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  h.start(SignInRequest::user_auth("alice"));
  h.expect_send("InitiateAuth",
                R"({"AuthFlow":"USER_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice"}})");
  h.ok(R"({"ChallengeName":"SELECT_CHALLENGE","Session":"session-select-abcdefghij",
      "ChallengeParameters":{},"AvailableChallenges":["PASSWORD","PASSWORD_SRP","EMAIL_OTP"]})");
  Step s = h.expect_step(StepKind::SelectChallenge);
  CHECK(s.options == std::vector<std::string>{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"});
  CHECK(rnd.state->calls == 0);  // no SRP before the choice
  h.answer(Answer::password(SecretString(v["password"]), "PASSWORD_SRP"));
  h.expect_send("RespondToAuthChallenge",
                expand(R"({"ClientId":"client1","ChallengeName":"SELECT_CHALLENGE",)"
                       R"("Session":"session-select-abcdefghij","ChallengeResponses":{)"
                       R"("USERNAME":"alice","ANSWER":"PASSWORD_SRP","SRP_A":"${A}"}})",
                       v));
  h.ok(password_verifier_body(v, "session-verifier-abcdefgh"), vector_time(v));
  h.expect_send("RespondToAuthChallenge", password_verifier_request(v, "session-verifier-abcdefgh"));
  h.ok(tokens_body());
  h.expect_signed_in();
}

TEST_CASE("auth srp: remembered device: DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER, MFA skipped") {
  auto v = srp_vector("srp-001");
  std::string dv_raw;
  auto dv = vector_entry("device_vectors.json", "device_password_verifier", "devauth-001", &dv_raw);
  REQUIRE(dv["username"] == "alice");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  rnd.push_hex(dv["a_hex"]);  // the fresh a of the device step
  const std::string secret = "device-test-client-secret-0123";
  AuthConfig cfg = base_config(rnd);
  cfg.client_secret = SecretString(secret);
  Harness h(std::move(cfg));
  SignInRequest req = SignInRequest::srp("alice", SecretString(v["password"]));
  req.device = device_of(dv);
  h.start(std::move(req));
  v["key"] = dv["device_key"];
  v["hash"] = hash_of(secret, "alice", "client1");

  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice",)"
                       R"("SRP_A":"${A}","SECRET_HASH":"${hash}","DEVICE_KEY":"${key}"}})",
                       v),
                true);
  h.ok(password_verifier_body(v), vector_time(v));
  h.expect_send("RespondToAuthChallenge",
                password_verifier_request(v, {}, expand(R"("SECRET_HASH":"${hash}","DEVICE_KEY":"${key}")", v)));
  h.ok(R"({"ChallengeName":"DEVICE_SRP_AUTH","Session":"session-device-1-abcdefgh","ChallengeParameters":{}})");
  dv["hash"] = v["hash"];
  h.expect_send("RespondToAuthChallenge",
                expand(R"({"ClientId":"client1","ChallengeName":"DEVICE_SRP_AUTH","Session":"session-device-1-abcdefgh",)"
                       R"("ChallengeResponses":{"USERNAME":"alice","DEVICE_KEY":"${device_key}","SRP_A":"${A_hex}",)"
                       R"("SECRET_HASH":"${hash}"}})",
                       dv));
  h.ok(expand(R"({"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"session-device-2-abcdefgh",
      "ChallengeParameters":{"SALT":"${salt_hex}","SRP_B":"${B_hex}","SECRET_BLOCK":"${secret_block_b64}",
      "USERNAME":"alice","DEVICE_KEY":"${device_key}"}})",
              dv),
       vector_time(dv));
  // The vector's ChallengeResponses (amplify-js), plus SECRET_HASH for the secret client.
  dv["block"] = json_string_at(dv_raw, {"challenge_responses", "PASSWORD_CLAIM_SECRET_BLOCK"});
  dv["sig"] = json_string_at(dv_raw, {"challenge_responses", "PASSWORD_CLAIM_SIGNATURE"});
  dv["ts"] = json_string_at(dv_raw, {"challenge_responses", "TIMESTAMP"});
  h.expect_send("RespondToAuthChallenge",
                expand(R"({"ClientId":"client1","ChallengeName":"DEVICE_PASSWORD_VERIFIER",)"
                       R"("Session":"session-device-2-abcdefgh","ChallengeResponses":{"USERNAME":"alice",)"
                       R"("PASSWORD_CLAIM_SECRET_BLOCK":"${block}","PASSWORD_CLAIM_SIGNATURE":"${sig}",)"
                       R"("TIMESTAMP":"${ts}","DEVICE_KEY":"${device_key}","SECRET_HASH":"${hash}"}})",
                       dv));
  h.ok(tokens_body());
  SignedIn done = h.expect_signed_in();
  CHECK_FALSE(done.new_device.has_value());
  CHECK_FALSE(done.dropped_device);
  // The tokens are bound to the device used: a refresh must send its key.
  REQUIRE(done.device.has_value());
  CHECK(done.device->device_key == dv["device_key"]);
  CHECK_FALSE(rnd.state->size_mismatch);
}

TEST_CASE("auth srp: NewDeviceMetadata -> ConfirmDevice with the devgen-001 verifier, then SignedIn") {
  std::string raw;
  auto g = vector_entry("device_vectors.json", "verifier_generation", "devgen-001", &raw);
  ScriptedRandom rnd;
  rnd.push_hex(g["random_password_bytes_hex"]);  // 40 bytes: the device password
  rnd.push_hex(g["salt_random_bytes_hex"]);      // 16 bytes: the salt
  AuthConfig cfg = base_config(rnd);
  cfg.device_name = "kitchen tablet";
  Harness h(std::move(cfg));
  h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
  h.ok(tokens_body(expand(R"("NewDeviceMetadata":{"DeviceKey":"${device_key}","DeviceGroupKey":"${device_group_key}"})",
                          g)));
  g["salt"] = json_string_at(raw, {"confirm_device", "DeviceSecretVerifierConfig", "Salt"});
  g["verifier"] = json_string_at(raw, {"confirm_device", "DeviceSecretVerifierConfig", "PasswordVerifier"});
  REQUIRE_FALSE(g["verifier"].empty());
  h.expect_send("ConfirmDevice",
                expand(R"({"AccessToken":"access.token.x","DeviceKey":"${device_key}","DeviceName":"kitchen tablet",)"
                       R"("DeviceSecretVerifierConfig":{"PasswordVerifier":"${verifier}","Salt":"${salt}"}})",
                       g));
  h.ok(R"({"UserConfirmationNecessary":true})");
  SignedIn done = h.expect_signed_in();
  REQUIRE(done.new_device.has_value());
  CHECK(done.new_device->device_key == g["device_key"]);
  CHECK(done.new_device->device_group_key == g["device_group_key"]);
  CHECK(done.new_device->device_password.reveal() == g["random_password"]);
  CHECK(done.device_needs_user_confirmation);
  CHECK_FALSE(done.device_error.has_value());
  CHECK(done.tokens.access_token.reveal() == "access.token.x");
}

TEST_CASE("auth srp: a failed ConfirmDevice still signs in, without the device") {
  const std::string meta = R"("NewDeviceMetadata":{"DeviceKey":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      "DeviceGroupKey":"-gKxZ1bP0"})";
  SUBCASE("service error") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
    h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client1",
        "AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}})");
    h.ok(tokens_body(meta));
    h.expect_send("ConfirmDevice", R"({"AccessToken":"access.token.x",
        "DeviceKey":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","DeviceName":"libcognito",
        "DeviceSecretVerifierConfig":{"PasswordVerifier":"<any>","Salt":"<any>"}})");
    CHECK(h.service_error("InvalidParameterException", "bad verifier").has_value());
    SignedIn done = h.expect_signed_in();
    CHECK_FALSE(done.new_device.has_value());
    REQUIRE(done.device_error.has_value());
    CHECK(done.device_error->code == ErrorCode::InvalidParameter);
    CHECK(done.tokens.refresh_token.reveal() == "refresh.token.x");
  }
  SUBCASE("transport failure") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
    h.ok(tokens_body(meta));
    REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
    h.m.on_transport_failure(Error(ErrorCode::Timeout, "timed out"));
    SignedIn done = h.expect_signed_in();
    CHECK_FALSE(done.new_device.has_value());
    REQUIRE(done.device_error.has_value());
    CHECK(done.device_error->code == ErrorCode::Timeout);
  }
  SUBCASE("malformed answer") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
    h.ok(tokens_body(meta));
    REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
    CHECK(h.reply(200, "<html>").has_value());
    SignedIn done = h.expect_signed_in();
    CHECK_FALSE(done.new_device.has_value());
    REQUIRE(done.device_error.has_value());
    CHECK(done.device_error->code == ErrorCode::MalformedResponse);
  }
  SUBCASE("remember_devices off: no ConfirmDevice at all") {
    ScriptedRandom rnd;
    AuthConfig cfg = base_config(rnd);
    cfg.remember_devices = false;
    Harness h(std::move(cfg));
    h.start(SignInRequest::user_password("alice", SecretString("Passw0rd!")));
    h.ok(tokens_body(meta));
    SignedIn done = h.expect_signed_in();
    CHECK_FALSE(done.new_device.has_value());
    CHECK_FALSE(done.device_error.has_value());
  }
}

TEST_CASE("auth srp: a stale device key at InitiateAuth restarts once without it (fresh a)") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push(std::string(128, '\x11'));  // the a of the first attempt
  rnd.push_hex(v["a_hex"]);            // the fresh a of the retry
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::srp("alice", SecretString(v["password"]));
  req.device = DeviceCredentials{"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "-gKxZ1bP0", SecretString("devpw")};
  h.start(std::move(req));
  const std::string first = h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","SRP_A":"<any>",
      "DEVICE_KEY":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}})", true);
  CHECK(json_string_at(first, {"AuthParameters", "SRP_A"}) != v["A"]);
  REQUIRE(h.service_error("ResourceNotFoundException", "Device does not exist.").has_value());
  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",)"
                       R"("AuthParameters":{"USERNAME":"alice","SRP_A":"${A}"}})",
                       v),
                true);
  h.ok(password_verifier_body(v), vector_time(v));
  h.expect_send("RespondToAuthChallenge", password_verifier_request(v));
  h.ok(tokens_body(R"("NewDeviceMetadata":{"DeviceKey":"us-east-1_11111111-2222-3333-4444-555555555555",
      "DeviceGroupKey":"-newgroup"})"));
  h.expect_send("ConfirmDevice", R"({"AccessToken":"access.token.x",
      "DeviceKey":"us-east-1_11111111-2222-3333-4444-555555555555","DeviceName":"libcognito",
      "DeviceSecretVerifierConfig":{"PasswordVerifier":"<any>","Salt":"<any>"}})");
  h.ok(R"({"UserConfirmationNecessary":false})");
  SignedIn done = h.expect_signed_in();
  CHECK(done.dropped_device);
  REQUIRE(done.new_device.has_value());
  CHECK(done.new_device->device_key == "us-east-1_11111111-2222-3333-4444-555555555555");
  CHECK_FALSE(done.device_needs_user_confirmation);
}

TEST_CASE("auth srp: a stale device key at PASSWORD_VERIFIER restarts from InitiateAuth") {
  auto v = srp_vector("srp-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::srp("alice", SecretString(v["password"]));
  req.device = DeviceCredentials{"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "-gKxZ1bP0", SecretString("devpw")};
  h.start(std::move(req));
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","SRP_A":"<any>","DEVICE_KEY":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}})",
                true);
  h.ok(password_verifier_body(v), vector_time(v));
  h.expect_send("RespondToAuthChallenge", R"({"ClientId":"client1","ChallengeName":"PASSWORD_VERIFIER",
      "ChallengeResponses":{"USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"<any>","PASSWORD_CLAIM_SIGNATURE":"<any>",
      "TIMESTAMP":"<any>","DEVICE_KEY":"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}})");
  REQUIRE(h.service_error("ResourceNotFoundException", "DEVICE not found").has_value());
  h.expect_send("InitiateAuth", R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",
      "AuthParameters":{"USERNAME":"alice","SRP_A":"<any>"}})", true);
  CHECK(rnd.state->calls == 2);
}

TEST_CASE("auth srp: NotAuthorized during device SRP drops the device and restarts once") {
  auto v = srp_vector("srp-001");
  auto dv = vector_entry("device_vectors.json", "device_password_verifier", "devauth-001");
  ScriptedRandom rnd;
  rnd.push_hex(v["a_hex"]);
  rnd.push_hex(dv["a_hex"]);
  rnd.push_hex(v["a_hex"]);
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::srp("alice", SecretString(v["password"]));
  req.device = device_of(dv);
  h.start(std::move(req));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  h.ok(password_verifier_body(v), vector_time(v));
  h.ok(R"({"ChallengeName":"DEVICE_SRP_AUTH","Session":"session-device-1-abcdefgh","ChallengeParameters":{}})");
  h.ok(expand(R"({"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"session-device-2-abcdefgh",
      "ChallengeParameters":{"SALT":"${salt_hex}","SRP_B":"${B_hex}","SECRET_BLOCK":"${secret_block_b64}",
      "USERNAME":"alice","DEVICE_KEY":"${device_key}"}})",
              dv),
       vector_time(dv));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  REQUIRE(h.service_error("NotAuthorizedException", "Incorrect username or password.").has_value());
  h.expect_send("InitiateAuth",
                expand(R"({"AuthFlow":"USER_SRP_AUTH","ClientId":"client1",)"
                       R"("AuthParameters":{"USERNAME":"alice","SRP_A":"${A}"}})",
                       v),
                true);
  h.ok(password_verifier_body(v), vector_time(v));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  // Without a device, NotAuthorized is final.
  auto r = h.service_error("NotAuthorizedException", "Incorrect username or password.");
  CHECK(r.error().code == ErrorCode::NotAuthorized);
  h.expect_failed(ErrorCode::NotAuthorized);
}

TEST_CASE("auth srp: ResourceNotFound that is not about the device is final") {
  ScriptedRandom rnd;
  Harness h(base_config(rnd));
  SignInRequest req = SignInRequest::srp("alice", SecretString("pw"));
  req.device = DeviceCredentials{"us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "-gKxZ1bP0", SecretString("devpw")};
  h.start(std::move(req));
  REQUIRE(std::holds_alternative<SendRequest>(h.m.next_event()));
  CHECK(h.service_error("ResourceNotFoundException", "User pool client abc does not exist.").error().code ==
        ErrorCode::ResourceNotFound);
  h.expect_failed(ErrorCode::ResourceNotFound);
}

TEST_CASE("auth srp: bad server SRP values fail with SrpBadServerValue and missing ones with MissingField") {
  auto v = srp_vector("srp-001");
  SUBCASE("SRP_B = 0") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::srp("alice", SecretString("pw")));
    v["B"] = "0";
    auto r = h.reply(200, password_verifier_body(v), vector_time(v));
    CHECK(r.error().code == ErrorCode::SrpBadServerValue);
    const Error e = h.expect_failed(ErrorCode::SrpBadServerValue);
    CHECK(e.http_status == 200);
  }
  SUBCASE("SRP_B not hex") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::srp("alice", SecretString("pw")));
    v["B"] = "xyz";
    CHECK(h.reply(200, password_verifier_body(v)).error().code == ErrorCode::SrpBadServerValue);
  }
  SUBCASE("SRP_B missing") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::srp("alice", SecretString("pw")));
    auto r = h.reply(200, R"({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab",
        "SECRET_BLOCK":"AAAA","USER_ID_FOR_SRP":"alice"}})");
    CHECK(r.error().code == ErrorCode::MissingField);
    CHECK(r.error().message.find("SRP_B") != std::string::npos);
  }
  SUBCASE("PASSWORD_VERIFIER without an SRP flow") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("pw")));
    CHECK(h.reply(200, password_verifier_body(v)).error().code == ErrorCode::UnexpectedResponse);
  }
  SUBCASE("DEVICE_SRP_AUTH without a device") {
    ScriptedRandom rnd;
    Harness h(base_config(rnd));
    h.start(SignInRequest::user_password("alice", SecretString("pw")));
    CHECK(h.reply(200, R"({"ChallengeName":"DEVICE_SRP_AUTH","Session":"s-0123456789abcdefghij"})").error().code ==
          ErrorCode::UnexpectedResponse);
  }
}
