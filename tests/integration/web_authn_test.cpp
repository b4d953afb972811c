// Passkeys end to end: StartWebAuthnRegistration -> the emulator's virtual
// authenticator (control API /_emulator/webauthn/create) ->
// CompleteWebAuthnRegistration -> ListWebAuthnCredentials, then USER_AUTH
// sign-in with WEB_AUTHN (preferred challenge and SELECT_CHALLENGE), a
// tampered assertion, and DeleteWebAuthnCredential.
#include <doctest/doctest.h>

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;

namespace {

constexpr const char* kWebAuthnPool =
    R"("web_authn":{"relying_party_id":"localhost","origins":["https://localhost"],"user_verification":"preferred"},)"
    R"("allowed_first_auth_factors":["PASSWORD","EMAIL_OTP","SMS_OTP","WEB_AUTHN"])";
constexpr const char* kOrigin = "https://localhost";

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string to_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

/// The virtual authenticator's answer to request options (a JSON string), optionally tampered with.
std::string authenticator_get(const std::string& request_options, std::string_view tamper = {}) {
  std::string body = R"({"options":)" + quote(request_options) + R"(,"origin":)" + quote(kOrigin);
  if (!tamper.empty()) body += R"(,"tamper":)" + quote(tamper);
  return to_json(control("POST", "webauthn/get", body + "}"));
}

/// A pool with WebAuthn, a user signed in with SRP and one registered passkey.
struct PasskeyFixture {
  TestPool pool{kWebAuthnPool};
  std::string user = unique("passkey");
  Client client = pool.client();
  SignedIn session;
  std::string credential_id;

  PasskeyFixture() {
    pool.add_simple_user(user);
    session = sign_in_done(client, SignInRequest::srp(user, password()));

    StartWebAuthnRegistrationRequest start;
    start.access_token = session.tokens.access_token.clone();
    auto options = client.start_web_authn_registration(start);
    REQUIRE_MESSAGE(options, options.error().to_string());
    Json created = control("POST", "webauthn/create",
                           R"({"options":)" + options->credential_creation_options.json + R"(,"origin":)" +
                               quote(kOrigin) + "}");
    credential_id = str(created, "id");

    CompleteWebAuthnRegistrationRequest complete;
    complete.access_token = session.tokens.access_token.clone();
    complete.credential.json = to_json(created);
    auto done = client.complete_web_authn_registration(complete);
    REQUIRE_MESSAGE(done, done.error().to_string());
  }

  std::vector<WebAuthnCredentialDescription> credentials() {
    ListWebAuthnCredentialsRequest list;
    list.access_token = session.tokens.access_token.clone();
    auto listed = client.list_web_authn_credentials(list);
    REQUIRE_MESSAGE(listed, listed.error().to_string());
    return listed->credentials;
  }
};

}  // namespace

TEST_CASE("web authn: register a passkey and list it") {
  PasskeyFixture f;
  const auto credentials = f.credentials();
  REQUIRE(credentials.size() == 1);
  CHECK(credentials[0].credential_id == f.credential_id);
  CHECK(credentials[0].relying_party_id == "localhost");
  CHECK(credentials[0].authenticator_attachment == std::optional<std::string>("platform"));
  CHECK(credentials[0].authenticator_transports == std::vector<std::string>{"internal"});
  CHECK(credentials[0].created_at > 0);
}

TEST_CASE("web authn: USER_AUTH preferring WEB_AUTHN signs in with the passkey") {
  PasskeyFixture f;
  auto p = f.client.sign_in(SignInRequest::user_auth(f.user, "WEB_AUTHN"));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::WebAuthn);
  const std::string options = p->step()->web_authn_options;
  CHECK(options.find(f.credential_id) != std::string::npos);
  answer_ok(f.client, *p, Answer::web_authn(authenticator_get(options)));
  REQUIRE(p->done());
  CHECK(p->result()->username == f.user);
}

TEST_CASE("web authn: SELECT_CHALLENGE offers WEB_AUTHN and signs in with the passkey") {
  PasskeyFixture f;
  Client secret_client = f.pool.client("secret");
  auto p = secret_client.sign_in(SignInRequest::user_auth(f.user));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::SelectChallenge);
  CHECK(has(p->step()->options, "WEB_AUTHN"));
  answer_ok(secret_client, *p, Answer::select("WEB_AUTHN"));
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::WebAuthn);
  answer_ok(secret_client, *p, Answer::web_authn(authenticator_get(p->step()->web_authn_options)));
  REQUIRE(p->done());
}

TEST_CASE("web authn: a tampered assertion is NotAuthorized") {
  PasskeyFixture f;
  for (const char* tamper : {"signature", "challenge", "origin"}) {
    CAPTURE(tamper);
    auto p = f.client.sign_in(SignInRequest::user_auth(f.user, "WEB_AUTHN"));
    REQUIRE_MESSAGE(p, p.error().to_string());
    REQUIRE(p->step());
    REQUIRE(p->step()->kind == StepKind::WebAuthn);
    auto bad = f.client.answer(*p, Answer::web_authn(authenticator_get(p->step()->web_authn_options, tamper)));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::NotAuthorized);
  }
}

TEST_CASE("web authn: deleting the passkey empties the list and withdraws WEB_AUTHN") {
  PasskeyFixture f;
  DeleteWebAuthnCredentialRequest del;
  del.access_token = f.session.tokens.access_token.clone();
  del.credential_id = f.credential_id;
  auto deleted = f.client.delete_web_authn_credential(del);
  REQUIRE_MESSAGE(deleted, deleted.error().to_string());
  CHECK(f.credentials().empty());

  auto again = f.client.delete_web_authn_credential(del);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::ResourceNotFound);

  auto p = f.client.sign_in(SignInRequest::user_auth(f.user));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::SelectChallenge);
  CHECK_FALSE(has(p->step()->options, "WEB_AUTHN"));
}
