// Conformance against moto_server: the typed operations of cognito::Client
// over the real CurlTransport, against a third-party implementation of the
// Cognito wire protocol. moto ignores confirmation codes and fakes SRP; the
// emulator tests cover what moto cannot (protocol reference §10).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cognito/client.hpp"
#include "cognito/curl_transport.hpp"

using namespace cognito;

namespace {

struct MotoState {
  std::string error;  // the fixture state is missing or broken: a failure, not a skip
  std::string skip;
  std::string endpoint, user_pool_id, client_id, secret_client_id, client_secret;
};

MotoState load_state() {
  MotoState s;
  std::ifstream in(MOTO_STATE_FILE);
  if (!in) {
    s.error = "moto fixture state " MOTO_STATE_FILE " not found (run through ctest)";
    return s;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  rapidjson::Document d;
  d.Parse(buf.str().c_str());
  if (d.HasParseError() || !d.IsObject()) {
    s.error = "moto fixture state unreadable";
    return s;
  }
  auto get = [&](const char* k) {
    return d.HasMember(k) && d[k].IsString() ? std::string(d[k].GetString()) : std::string();
  };
  s.skip = get("skip");
  s.endpoint = get("endpoint");
  s.user_pool_id = get("user_pool_id");
  s.client_id = get("client_id");
  s.secret_client_id = get("secret_client_id");
  s.client_secret = get("client_secret");
  return s;
}

const MotoState& state() {
  static const MotoState s = load_state();
  return s;
}

Client make_client(bool with_secret = false) {
  ClientConfig cfg;
  cfg.user_pool_id = state().user_pool_id;
  cfg.endpoint = state().endpoint;
  cfg.client_id = with_secret ? state().secret_client_id : state().client_id;
  if (with_secret) cfg.client_secret = SecretString(state().client_secret);
  cfg.retry.base_delay = std::chrono::milliseconds(5);
  auto c = Client::create(std::move(cfg));
  REQUIRE(c);
  return std::move(*c);
}

std::string unique_name(const char* prefix) {
  static std::atomic<int> n{0};
  return std::string(prefix) + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007) +
         "_" + std::to_string(n++);
}

const char* kPassword = "Corr3ct-Horse!";

void sign_up_confirmed(Client& c, const std::string& user, const char* password = kPassword) {
  SignUpRequest su;
  su.username = user;
  su.password = SecretString(password);
  su.user_attributes.push_back(Attribute{"email", user + "@example.com"});
  auto r = c.sign_up(su);
  REQUIRE_MESSAGE(r, r.error().to_string());
  CHECK_FALSE(r->user_confirmed);
  CHECK_FALSE(r->user_sub.empty());

  ConfirmSignUpRequest cs;
  cs.username = user;
  cs.confirmation_code = SecretString("123456");  // moto accepts any code
  auto c2 = c.confirm_sign_up(cs);
  REQUIRE_MESSAGE(c2, c2.error().to_string());
}

Result<InitiateAuthResponse> password_sign_in(Client& c, const std::string& user, const char* password) {
  InitiateAuthRequest ia;
  ia.auth_flow = std::string(auth_flow::user_password_auth);
  ia.auth_parameters.emplace("USERNAME", SecretString(user));
  ia.auth_parameters.emplace("PASSWORD", SecretString(password));
  if (!c.config().client_secret.empty()) {
    auto h = secret_hash(c.config().client_secret.reveal(), user, c.config().client_id);
    REQUIRE(h);
    ia.auth_parameters.emplace("SECRET_HASH", SecretString(*h));
  }
  return c.initiate_auth(ia);
}

}  // namespace

TEST_CASE("sign up, confirm, sign in with USER_PASSWORD_AUTH, refresh, get user") {
  Client c = make_client();
  const std::string user = unique_name("alice");
  sign_up_confirmed(c, user);

  auto auth = password_sign_in(c, user, kPassword);
  REQUIRE_MESSAGE(auth, auth.error().to_string());
  REQUIRE(auth->authentication_result);
  const AuthenticationResult& tokens = *auth->authentication_result;
  REQUIRE(tokens.access_token);
  REQUIRE(tokens.id_token);
  REQUIRE(tokens.refresh_token);
  CHECK(tokens.expires_in.value_or(0) > 0);
  CHECK(tokens.token_type.value_or("") == "Bearer");

  InitiateAuthRequest rf;
  rf.auth_flow = std::string(auth_flow::refresh_token_auth);
  rf.auth_parameters.emplace("REFRESH_TOKEN", tokens.refresh_token->clone());
  auto refreshed = c.initiate_auth(rf);
  REQUIRE_MESSAGE(refreshed, refreshed.error().to_string());
  REQUIRE(refreshed->authentication_result);
  CHECK(refreshed->authentication_result->access_token);
  CHECK_FALSE(refreshed->authentication_result->refresh_token);  // refresh flows keep the old one

  GetUserRequest gu;
  gu.access_token = refreshed->authentication_result->access_token->clone();
  auto me = c.get_user(gu);
  REQUIRE_MESSAGE(me, me.error().to_string());
  CHECK(me->username == user);
  bool has_email = false;
  for (const auto& a : me->user_attributes)
    if (a.name == "email") has_email = a.value.value_or("") == user + "@example.com";
  CHECK(has_email);
}

TEST_CASE("wrong password is a typed NotAuthorizedException, not retried") {
  Client c = make_client();
  const std::string user = unique_name("bob");
  sign_up_confirmed(c, user);
  auto bad = password_sign_in(c, user, "Wr0ng-password!");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::NotAuthorized);
  CHECK(bad.error().service_code == "NotAuthorizedException");
  CHECK(bad.error().http_status == 400);
  CHECK_FALSE(bad.error().request_id.empty());
  CHECK_FALSE(bad.error().retryable());

  auto unknown = password_sign_in(c, unique_name("nobody"), kPassword);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::UserNotFound);
}

TEST_CASE("sign up twice is UsernameExistsException") {
  Client c = make_client();
  const std::string user = unique_name("carol");
  sign_up_confirmed(c, user);
  SignUpRequest su;
  su.username = user;
  su.password = SecretString(kPassword);
  auto again = c.sign_up(su);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::UsernameExists);
}

TEST_CASE("change password, forgot password, confirm forgot password") {
  Client c = make_client();
  const std::string user = unique_name("dave");
  sign_up_confirmed(c, user);
  auto auth = password_sign_in(c, user, kPassword);
  REQUIRE(auth);

  ChangePasswordRequest cp;
  cp.access_token = auth->authentication_result->access_token->clone();
  cp.previous_password = SecretString(kPassword);
  cp.proposed_password = SecretString("N3w-Passw0rd!");
  auto changed = c.change_password(cp);
  REQUIRE_MESSAGE(changed, changed.error().to_string());
  CHECK(password_sign_in(c, user, "N3w-Passw0rd!"));
  CHECK(password_sign_in(c, user, kPassword).error().code == ErrorCode::NotAuthorized);

  cp.previous_password = SecretString("not-the-password-1A!");
  cp.proposed_password = SecretString("Other-Passw0rd!");
  CHECK(c.change_password(cp).error().code == ErrorCode::NotAuthorized);

  ForgotPasswordRequest fp;
  fp.username = user;
  auto sent = c.forgot_password(fp);
  REQUIRE_MESSAGE(sent, sent.error().to_string());
  REQUIRE(sent->code_delivery_details);
  CHECK(sent->code_delivery_details->delivery_medium.value_or("") == "EMAIL");

  ConfirmForgotPasswordRequest cfp;
  cfp.username = user;
  cfp.confirmation_code = SecretString("123456");
  cfp.password = SecretString("Reset-Passw0rd!");
  auto reset = c.confirm_forgot_password(cfp);
  REQUIRE_MESSAGE(reset, reset.error().to_string());
  CHECK(password_sign_in(c, user, "Reset-Passw0rd!"));
}

TEST_CASE("global sign-out revokes the access token") {
  Client c = make_client();
  const std::string user = unique_name("erin");
  sign_up_confirmed(c, user);
  auto auth = password_sign_in(c, user, kPassword);
  REQUIRE(auth);
  GlobalSignOutRequest so;
  so.access_token = auth->authentication_result->access_token->clone();
  auto out = c.global_sign_out(so);
  REQUIRE_MESSAGE(out, out.error().to_string());
  GetUserRequest gu;
  gu.access_token = auth->authentication_result->access_token->clone();
  auto me = c.get_user(gu);
  REQUIRE_FALSE(me);
  CHECK(me.error().code == ErrorCode::NotAuthorized);
}

TEST_CASE("a client with a secret: SecretHash filled in by the library") {
  Client c = make_client(/*with_secret=*/true);
  const std::string user = unique_name("frank");
  sign_up_confirmed(c, user);
  auto auth = password_sign_in(c, user, kPassword);
  REQUIRE_MESSAGE(auth, auth.error().to_string());
  CHECK(auth->authentication_result);
}

TEST_CASE("an operation moto does not implement: HTML 500 becomes a typed error") {
  Client c = make_client();
  ListDevicesRequest ld;
  ld.access_token = SecretString("not-a-token");
  auto r = c.list_devices(ld);
  REQUIRE_FALSE(r);
  CHECK(r.error().http_status >= 400);
  CHECK(r.error().code != ErrorCode::Internal);
}

TEST_CASE("the escape hatch reaches the same service") {
  Client c = make_client();
  auto r = c.call("GetUser", R"({"AccessToken":"garbage"})");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
}

// ---- the sign-in machine against moto (the flows moto implements) -------------

TEST_CASE("Client::sign_in with USER_PASSWORD_AUTH, then Client::refresh") {
  Client c = make_client();
  const std::string user = unique_name("gina");
  sign_up_confirmed(c, user);
  auto p = c.sign_in(SignInRequest::user_password(user, SecretString(kPassword)));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->done());
  auto s = p->take_result();
  REQUIRE(s);
  CHECK(s->username == user);
  CHECK_FALSE(s->tokens.access_token.empty());
  CHECK_FALSE(s->tokens.refresh_token.empty());

  auto r = c.refresh(s->username, s->tokens);
  REQUIRE_MESSAGE(r, r.error().to_string());
  CHECK_FALSE(r->tokens.access_token.empty());
  CHECK(r->tokens.refresh_token == s->tokens.refresh_token);  // REFRESH_TOKEN_AUTH keeps it
}

TEST_CASE("Client::sign_in with USER_SRP_AUTH refuses moto's fake PASSWORD_VERIFIER with a typed error") {
  // moto answers USER_SRP_AUTH with a random 128-bit SRP_B and a UUID as
  // SECRET_BLOCK (protocol §10.3), which is not Base64: the client must stop
  // with SrpBadServerValue rather than sign anything (the emulator covers the
  // real SRP exchange).
  Client c = make_client();
  const std::string user = unique_name("hank");
  sign_up_confirmed(c, user);
  auto p = c.sign_in(SignInRequest::srp(user, SecretString(kPassword)));
  REQUIRE_FALSE(p);
  CHECK(p.error().code == ErrorCode::SrpBadServerValue);
  CHECK(p.error().http_status == 200);
}

TEST_CASE("Client::sign_in with a wrong password fails with NotAuthorizedException") {
  Client c = make_client();
  const std::string user = unique_name("ivy");
  sign_up_confirmed(c, user);
  auto p = c.sign_in(SignInRequest::user_password(user, SecretString("Wr0ng-password!")));
  REQUIRE_FALSE(p);
  CHECK(p.error().code == ErrorCode::NotAuthorized);
}

int main(int argc, char** argv) {
  doctest::Context ctx(argc, argv);
  bool listing = false;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).find("list") != std::string::npos) listing = true;
  if (!listing && !state().error.empty()) {
    std::fprintf(stderr, "%s\n", state().error.c_str());
    return 1;
  }
  if (!listing && !state().skip.empty()) {
    std::printf("SKIPPED: %s\n", state().skip.c_str());
    return 77;
  }
  return ctx.run();
}
