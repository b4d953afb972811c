// Account operations through the typed Client methods against the emulator:
// sign-up / confirm / resend, forgot / confirm forgot, change password, user
// and attributes, GetUserAuthFactors, TOTP when signed in, MFA preferences,
// delete user, and the wrong / expired code paths.
#include <doctest/doctest.h>

#include <algorithm>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;
using std::chrono::seconds;

namespace {

std::string attr(const GetUserResponse& u, const std::string& name) {
  for (const auto& a : u.user_attributes)
    if (a.name == name) return a.value.value_or("");
  return {};
}

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

GetUserResponse get_user(Client& client, const SignedIn& s) {
  GetUserRequest r;
  r.access_token = s.tokens.access_token.clone();
  auto u = client.get_user(r);
  REQUIRE_MESSAGE(u, u.error().to_string());
  return std::move(*u);
}

}  // namespace

TEST_CASE("account: sign-up, resend, confirm (wrong code first), then sign in") {
  TestPool pool;
  Client client = pool.client("secret");
  const std::string user = unique("su");
  SignUpRequest up;
  up.username = user;
  up.password = password();
  up.user_attributes = {Attribute{"email", user + "@example.com"}, Attribute{"name", "Sign Up"}};
  auto r = client.sign_up(up);
  REQUIRE_MESSAGE(r, r.error().to_string());
  CHECK_FALSE(r->user_confirmed);
  CHECK_FALSE(r->user_sub.empty());
  REQUIRE(r->code_delivery_details);
  CHECK(r->code_delivery_details->delivery_medium == "EMAIL");

  // Same name again.
  auto dup = client.sign_up(up);
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == ErrorCode::UsernameExists);
  // A weak password.
  SignUpRequest weak;
  weak.username = unique("weak");
  weak.password = password("short");
  weak.user_attributes = {Attribute{"email", "w@example.com"}};
  CHECK(client.sign_up(weak).error().code == ErrorCode::InvalidPassword);

  // Not confirmed yet.
  CHECK(client.sign_in(SignInRequest::srp(user, password())).error().code == ErrorCode::UserNotConfirmed);

  const std::string first = pool.last_code(user, "SIGN_UP");
  ResendConfirmationCodeRequest resend;
  resend.username = user;
  auto resent = client.resend_confirmation_code(resend);
  REQUIRE_MESSAGE(resent, resent.error().to_string());
  REQUIRE(pool.outbox_size(user) == 2);

  ConfirmSignUpRequest confirm;
  confirm.username = user;
  confirm.confirmation_code = SecretString(first == "000000" ? "111111" : "000000");
  auto wrong = client.confirm_sign_up(confirm);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::CodeMismatch);

  confirm.confirmation_code = SecretString(pool.last_code(user, "SIGN_UP"));
  auto ok = client.confirm_sign_up(confirm);
  REQUIRE_MESSAGE(ok, ok.error().to_string());
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));
  GetUserResponse u = get_user(client, s);
  CHECK(u.username == user);
  CHECK(attr(u, "name") == "Sign Up");
  CHECK(attr(u, "email_verified") == "true");
}

TEST_CASE("account: forgot password and confirm forgot password - an expired code") {
  TestPool pool;
  const std::string user = unique("forgot");
  pool.add_simple_user(user);
  Client client = pool.client("secret");

  ForgotPasswordRequest forgot;
  forgot.username = user;
  auto f = client.forgot_password(forgot);
  REQUIRE_MESSAGE(f, f.error().to_string());
  REQUIRE(f->code_delivery_details);
  CHECK(f->code_delivery_details->delivery_medium == "EMAIL");

  // The code expires after an hour.
  pool.advance(seconds(3601));
  ConfirmForgotPasswordRequest confirm;
  confirm.username = user;
  confirm.confirmation_code = SecretString(pool.last_code(user, "FORGOT_PASSWORD"));
  confirm.password = password("Brand!New9pw");
  auto expired = client.confirm_forgot_password(confirm);
  REQUIRE_FALSE(expired);
  CHECK(expired.error().code == ErrorCode::ExpiredCode);

  REQUIRE(client.forgot_password(forgot));
  confirm.confirmation_code = SecretString("12345678");
  CHECK(client.confirm_forgot_password(confirm).error().code == ErrorCode::CodeMismatch);
  confirm.confirmation_code = SecretString(pool.last_code(user, "FORGOT_PASSWORD"));
  auto done = client.confirm_forgot_password(confirm);
  REQUIRE_MESSAGE(done, done.error().to_string());

  sign_in_done(client, SignInRequest::srp(user, password("Brand!New9pw")));
  CHECK(client.sign_in(SignInRequest::srp(user, password())).error().code == ErrorCode::NotAuthorized);
}

TEST_CASE("account: change password") {
  TestPool pool;
  const std::string user = unique("chpw");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));

  ChangePasswordRequest change;
  change.access_token = s.tokens.access_token.clone();
  change.previous_password = password("Wrong!pass1");
  change.proposed_password = password("Chang3d!pw");
  CHECK(client.change_password(change).error().code == ErrorCode::NotAuthorized);
  change.previous_password = password();
  auto r = client.change_password(change);
  REQUIRE_MESSAGE(r, r.error().to_string());
  sign_in_done(client, SignInRequest::user_password(user, password("Chang3d!pw")));
  CHECK_FALSE(client.sign_in(SignInRequest::user_password(user, password())));
}

TEST_CASE("account: get user, update / verify / delete attributes") {
  TestPool pool;
  const std::string user = unique("attrs");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));
  GetUserResponse u = get_user(client, s);
  CHECK(attr(u, "email") == user + "@example.com");
  CHECK_FALSE(attr(u, "sub").empty());

  // A new email: unverified until the code is confirmed.
  UpdateUserAttributesRequest update;
  update.access_token = s.tokens.access_token.clone();
  update.user_attributes = {Attribute{"email", user + "@new.example.com"}, Attribute{"name", "Attr User"},
                            Attribute{"nickname", "nick"}};
  auto updated = client.update_user_attributes(update);
  REQUIRE_MESSAGE(updated, updated.error().to_string());
  REQUIRE(updated->code_delivery_details_list.size() == 1);
  CHECK(updated->code_delivery_details_list[0].attribute_name == "email");
  u = get_user(client, s);
  CHECK(attr(u, "name") == "Attr User");

  VerifyUserAttributeRequest verify;
  verify.access_token = s.tokens.access_token.clone();
  verify.attribute_name = "email";
  verify.code = SecretString("000000");
  CHECK(client.verify_user_attribute(verify).error().code == ErrorCode::CodeMismatch);

  // Ask for a fresh code and verify with it.
  GetUserAttributeVerificationCodeRequest again;
  again.access_token = s.tokens.access_token.clone();
  again.attribute_name = "email";
  auto sent = client.get_user_attribute_verification_code(again);
  REQUIRE_MESSAGE(sent, sent.error().to_string());
  REQUIRE(sent->code_delivery_details);
  CHECK(sent->code_delivery_details->delivery_medium == "EMAIL");
  verify.code = SecretString(pool.last_code(user, "VERIFY_ATTRIBUTE"));
  auto verified = client.verify_user_attribute(verify);
  REQUIRE_MESSAGE(verified, verified.error().to_string());
  u = get_user(client, s);
  CHECK(attr(u, "email") == user + "@new.example.com");
  CHECK(attr(u, "email_verified") == "true");

  DeleteUserAttributesRequest del;
  del.access_token = s.tokens.access_token.clone();
  del.user_attribute_names = {"nickname"};
  REQUIRE(client.delete_user_attributes(del));
  u = get_user(client, s);
  CHECK(attr(u, "nickname").empty());
  CHECK(attr(u, "name") == "Attr User");
}

TEST_CASE("account: GetUserAuthFactors, TOTP associate/verify when signed in, MFA preferences") {
  TestPool pool(R"("mfa":"OPTIONAL")");
  const std::string user = unique("factors");
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":)" + quote(user + "@example.com") + R"(,"phone_number":"+15555550199"}})");
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));

  GetUserAuthFactorsRequest factors;
  factors.access_token = s.tokens.access_token.clone();
  auto f = client.get_user_auth_factors(factors);
  REQUIRE_MESSAGE(f, f.error().to_string());
  CHECK(f->username == user);
  CHECK(has(f->configured_user_auth_factors, "PASSWORD"));
  CHECK(f->user_mfa_setting_list.empty());

  // Authenticator app while signed in.
  AssociateSoftwareTokenRequest assoc;
  assoc.access_token = s.tokens.access_token.clone();
  auto a = client.associate_software_token(assoc);
  REQUIRE_MESSAGE(a, a.error().to_string());
  REQUIRE(a->secret_code);
  const std::string secret(a->secret_code->reveal());
  VerifySoftwareTokenRequest verify;
  verify.access_token = s.tokens.access_token.clone();
  verify.user_code = SecretString(totp(secret, pool.now() - 600));
  CHECK(client.verify_software_token(verify).error().code == ErrorCode::EnableSoftwareTokenMfa);
  verify.user_code = SecretString(totp(secret, pool.now()));
  verify.friendly_device_name = "phone";
  auto v = client.verify_software_token(verify);
  REQUIRE_MESSAGE(v, v.error().to_string());
  CHECK(v->status == "SUCCESS");

  // Preferences: TOTP preferred, SMS enabled too.
  SetUserMFAPreferenceRequest pref;
  pref.access_token = s.tokens.access_token.clone();
  pref.software_token_mfa_settings = SoftwareTokenMfaSettings{true, true};
  pref.sms_mfa_settings = SmsMfaSettings{true, false};
  auto p = client.set_user_mfa_preference(pref);
  REQUIRE_MESSAGE(p, p.error().to_string());
  GetUserResponse u = get_user(client, s);
  CHECK(u.preferred_mfa_setting == "SOFTWARE_TOKEN_MFA");
  CHECK(has(u.user_mfa_setting_list, "SOFTWARE_TOKEN_MFA"));
  CHECK(has(u.user_mfa_setting_list, "SMS_MFA"));
  f = client.get_user_auth_factors(factors);
  REQUIRE(f);
  CHECK(f->preferred_mfa_setting == "SOFTWARE_TOKEN_MFA");

  // The next sign-in asks for the authenticator code.
  pool.advance(seconds(30));
  auto next = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(next);
  REQUIRE(next->step());
  CHECK(next->step()->kind == StepKind::SoftwareTokenMfaCode);
  answer_ok(client, *next, Answer::code(totp(secret, pool.now())));
  REQUIRE(next->done());

  // Switch the preference to SMS; then turn MFA off entirely.
  pref.software_token_mfa_settings = SoftwareTokenMfaSettings{true, false};
  pref.sms_mfa_settings = SmsMfaSettings{true, true};
  REQUIRE(client.set_user_mfa_preference(pref));
  auto sms = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE(sms);
  REQUIRE(sms->step());
  CHECK(sms->step()->kind == StepKind::SmsMfaCode);
  pref.software_token_mfa_settings = SoftwareTokenMfaSettings{false, false};
  pref.sms_mfa_settings = SmsMfaSettings{false, false};
  REQUIRE(client.set_user_mfa_preference(pref));
  sign_in_done(client, SignInRequest::srp(user, password()));
}

TEST_CASE("account: delete user") {
  TestPool pool;
  const std::string user = unique("del");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));
  DeleteUserRequest del;
  del.access_token = s.tokens.access_token.clone();
  auto r = client.delete_user(del);
  REQUIRE_MESSAGE(r, r.error().to_string());
  CHECK(client.sign_in(SignInRequest::srp(user, password())).error().code == ErrorCode::NotAuthorized);
  GetUserRequest get;
  get.access_token = s.tokens.access_token.clone();
  CHECK_FALSE(client.get_user(get));
}
