// Password sign-in flows through cognito::Client against the emulator:
// USER_SRP_AUTH, USER_PASSWORD_AUTH, alias sign-in, app clients with a
// secret, NEW_PASSWORD_REQUIRED, and the failure paths.
#include <doctest/doctest.h>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;

namespace {

void check_tokens(Client& client, const SignedIn& s, const std::string& username) {
  CHECK(s.username == username);
  CHECK_FALSE(s.tokens.access_token.empty());
  CHECK_FALSE(s.tokens.id_token.empty());
  CHECK_FALSE(s.tokens.refresh_token.empty());
  CHECK(s.tokens.token_type == "Bearer");
  CHECK(s.tokens.expires_in == 3600);
  CHECK(s.tokens.expires_at > s.tokens.issued_at);
  CHECK(std::chrono::abs(s.tokens.clock_drift) < std::chrono::seconds(5));
  auto id = client.verify_token(s.tokens.id_token.reveal(), TokenUse::Id);
  REQUIRE_MESSAGE(id, id.error().to_string());
  CHECK(id->string_claim("cognito:username") == username);
  auto access = client.verify_token(s.tokens.access_token.reveal(), TokenUse::Access);
  REQUIRE_MESSAGE(access, access.error().to_string());
  CHECK(access->string_claim("username") == username);
}

}  // namespace

TEST_CASE("sign-in: USER_SRP_AUTH") {
  TestPool pool;
  const std::string user = unique("srp");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));
  check_tokens(client, s, user);
  CHECK_FALSE(s.new_device);
}

TEST_CASE("sign-in: USER_PASSWORD_AUTH") {
  TestPool pool;
  const std::string user = unique("pw");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::user_password(user, password()));
  check_tokens(client, s, user);
}

TEST_CASE("sign-in: alias (email) with SRP and password - USER_ID_FOR_SRP is the canonical name") {
  TestPool pool(R"("alias_attributes":["email"])");
  const std::string user = unique("alias");
  const std::string email = user + ".mail@example.com";
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":)" + quote(email) + "}}");
  for (const char* name : {"public", "secret"}) {
    CAPTURE(name);
    Client client = pool.client(name);
    auto p = client.sign_in(SignInRequest::srp(email, password()));
    REQUIRE_MESSAGE(p, p.error().to_string());
    REQUIRE(p->done());
    CHECK(p->username() == user);  // not the email typed
    SignedIn s = std::move(p->take_result().value());
    check_tokens(client, s, user);
    CHECK_FALSE(p->take_result());  // taken once

    SignedIn pw = sign_in_done(client, SignInRequest::user_password(email, password()));
    CHECK(pw.username == user);
  }
}

TEST_CASE("sign-in: app client with a secret (SECRET_HASH at every step)") {
  TestPool pool;
  const std::string user = unique("sec");
  pool.add_simple_user(user);
  Client client = pool.client("secret");
  check_tokens(client, sign_in_done(client, SignInRequest::srp(user, password())), user);
  check_tokens(client, sign_in_done(client, SignInRequest::user_password(user, password())), user);

  // Without the secret the service refuses the request.
  ClientConfig cfg;
  cfg.user_pool_id = pool.id();
  cfg.client_id = pool.app_client("secret").id;
  cfg.endpoint = emulator().endpoint;
  auto no_secret = Client::create(std::move(cfg));
  REQUIRE(no_secret);
  auto r = no_secret->sign_in(SignInRequest::srp(user, password()));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
}

TEST_CASE("sign-in: temporary password -> NEW_PASSWORD_REQUIRED with a required attribute") {
  TestPool pool(R"("required_attributes":["email","name"])");
  const std::string user = unique("temp");
  pool.add_user(R"({"username":)" + quote(user) + R"(,"temporary_password":"Temp0rary!pw","attributes":{"email":)" +
                quote(user + "@example.com") + "}}");
  Client client = pool.client("secret");
  auto p = client.sign_in(SignInRequest::srp(user, password("Temp0rary!pw")));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::NewPasswordRequired);
  CHECK(p->step()->required_attributes == std::vector<std::string>{"name"});
  CHECK(p->step()->user_attributes.at("email") == user + "@example.com");

  // Missing the required attribute: refused locally, the step stays open.
  auto missing = client.answer(*p, Answer::new_password(password("N3w!Password")));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::InvalidArgument);
  REQUIRE(p->step());

  answer_ok(client, *p, Answer::new_password(password("N3w!Password"), {{"name", "Temp User"}}));
  REQUIRE(p->done());
  CHECK(p->result()->username == user);
  CHECK(str(pool.user(user), "status") == "CONFIRMED");
  CHECK(str(pool.user(user)["attributes"], "name") == "Temp User");

  // The new password works, the temporary one does not.
  sign_in_done(client, SignInRequest::user_password(user, password("N3w!Password")));
  auto old = client.sign_in(SignInRequest::srp(user, password("Temp0rary!pw")));
  REQUIRE_FALSE(old);
  CHECK(old.error().code == ErrorCode::NotAuthorized);
}

TEST_CASE("sign-in: wrong password, unknown user, unconfirmed and disabled users") {
  TestPool pool;
  const std::string user = unique("bad");
  pool.add_simple_user(user);
  Client client = pool.client();

  std::vector<SignInRequest> attempts;
  attempts.push_back(SignInRequest::srp(user, password("Wrong!pass1")));
  attempts.push_back(SignInRequest::user_password(user, password("Wrong!pass1")));
  attempts.push_back(SignInRequest::srp(unique("nobody"), password()));
  for (auto& req : attempts) {
    auto r = client.sign_in(std::move(req));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::NotAuthorized);
    CHECK(r.error().service_code == "NotAuthorizedException");
    CHECK(r.error().http_status == 400);
    CHECK(r.error().message.find("Incorrect username or password") != std::string::npos);
  }

  const std::string unconfirmed = unique("unconf");
  pool.add_simple_user(unconfirmed, R"("status":"UNCONFIRMED")");
  auto u = client.sign_in(SignInRequest::srp(unconfirmed, password()));
  REQUIRE_FALSE(u);
  CHECK(u.error().code == ErrorCode::UserNotConfirmed);

  pool.update_user(user, R"({"enabled":false})");
  auto d = client.sign_in(SignInRequest::user_password(user, password()));
  REQUIRE_FALSE(d);
  CHECK(d.error().code == ErrorCode::NotAuthorized);
  CHECK(d.error().message == "User is disabled.");
}

TEST_CASE("sign-in: answer without a step and a progress that is not done") {
  TestPool pool("\"mfa\":\"OPTIONAL\"");
  const std::string user = unique("state");
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":"s@example.com","phone_number":"+15555550123"},)"
                R"("mfa":{"sms":true,"preferred":"SMS_MFA"}})");
  Client client = pool.client();
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK_FALSE(p->done());
  CHECK(p->result() == nullptr);
  CHECK(p->take_result().error().code == ErrorCode::InvalidState);
  // The wrong kind of answer is refused locally; the step stays.
  auto wrong = client.answer(*p, Answer::select("SMS_MFA"));
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::InvalidArgument);
  REQUIRE(p->step());
  answer_ok(client, *p, Answer::code(pool.last_code(user, "SMS_MFA")));
  REQUIRE(p->done());
  CHECK(client.answer(*p, Answer::code("123456")).error().code == ErrorCode::InvalidState);
}
