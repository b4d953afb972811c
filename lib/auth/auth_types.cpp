// The value types of auth.hpp: named constructors and copies. No transitions
// here (those live in auth_machine.cpp).
#include "cognito/auth.hpp"

#include <utility>

namespace cognito {

// ---- SignInRequest -------------------------------------------------------------

namespace {

SignInRequest request(AuthFlow flow, std::string username, SecretString password = {}) {
  SignInRequest r;
  r.flow = flow;
  r.username = std::move(username);
  r.password = std::move(password);
  return r;
}

Answer answer(Answer::Kind kind, SecretString secret, std::string text = {}) {
  Answer a;
  a.kind = kind;
  a.secret = std::move(secret);
  a.text = std::move(text);
  return a;
}

}  // namespace

SignInRequest SignInRequest::srp(std::string username, SecretString password) {
  return request(AuthFlow::UserSrp, std::move(username), std::move(password));
}

SignInRequest SignInRequest::user_password(std::string username, SecretString password) {
  return request(AuthFlow::UserPassword, std::move(username), std::move(password));
}

SignInRequest SignInRequest::custom(std::string username) { return request(AuthFlow::CustomAuth, std::move(username)); }

SignInRequest SignInRequest::custom_with_srp(std::string username, SecretString password) {
  return request(AuthFlow::CustomAuthWithSrp, std::move(username), std::move(password));
}

SignInRequest SignInRequest::user_auth(std::string username, std::string preferred_challenge, SecretString password) {
  SignInRequest r = request(AuthFlow::UserAuth, std::move(username), std::move(password));
  r.preferred_challenge = std::move(preferred_challenge);
  return r;
}

SignInRequest SignInRequest::auto_sign_in(std::string username, SecretString session) {
  SignInRequest r = request(AuthFlow::UserAuth, std::move(username));
  r.session = std::move(session);
  return r;
}

SignInRequest SignInRequest::refresh(std::string username, SecretString refresh_token, bool rotation) {
  SignInRequest r = request(rotation ? AuthFlow::RefreshTokenRotation : AuthFlow::RefreshToken, std::move(username));
  r.refresh_token = std::move(refresh_token);
  return r;
}

// ---- Answer ----------------------------------------------------------------------

Answer Answer::code(std::string_view code) { return answer(Kind::Code, SecretString(code)); }

Answer Answer::select(std::string option) { return answer(Kind::Select, {}, std::move(option)); }

Answer Answer::new_password(SecretString password, std::map<std::string, std::string> attributes) {
  Answer a = answer(Kind::NewPassword, std::move(password));
  a.attributes = std::move(attributes);
  return a;
}

Answer Answer::custom(std::string_view answer_text) { return answer(Kind::Custom, SecretString(answer_text)); }

Answer Answer::setup_totp(std::string friendly_device_name) {
  return answer(Kind::SetupTotp, {}, std::move(friendly_device_name));
}

Answer Answer::setup_email(std::string email) { return answer(Kind::SetupEmail, {}, std::move(email)); }

Answer Answer::password(SecretString password, std::string option) {
  return answer(Kind::Password, std::move(password), std::move(option));
}

Answer Answer::web_authn(std::string credential_json) { return answer(Kind::WebAuthn, {}, std::move(credential_json)); }

// ---- copies ----------------------------------------------------------------------

Step Step::clone() const {
  Step s;
  s.kind = kind;
  s.challenge_name = challenge_name;
  s.username = username;
  s.delivery_medium = delivery_medium;
  s.destination = destination;
  s.options = options;
  s.required_attributes = required_attributes;
  s.user_attributes = user_attributes;
  s.parameters = parameters;
  s.totp_secret = totp_secret.clone();
  s.totp_uri = totp_uri.clone();
  s.web_authn_options = web_authn_options;
  s.previous_error = previous_error;
  return s;
}

std::string_view step_kind_name(StepKind kind) noexcept {
  switch (kind) {
    case StepKind::SmsMfaCode: return "SMS_MFA_CODE";
    case StepKind::SoftwareTokenMfaCode: return "SOFTWARE_TOKEN_MFA_CODE";
    case StepKind::EmailOtpCode: return "EMAIL_OTP_CODE";
    case StepKind::SmsOtpCode: return "SMS_OTP_CODE";
    case StepKind::SelectMfaType: return "SELECT_MFA_TYPE";
    case StepKind::MfaSetup: return "MFA_SETUP";
    case StepKind::TotpSetupCode: return "TOTP_SETUP_CODE";
    case StepKind::NewPasswordRequired: return "NEW_PASSWORD_REQUIRED";
    case StepKind::CustomChallenge: return "CUSTOM_CHALLENGE";
    case StepKind::SelectChallenge: return "SELECT_CHALLENGE";
    case StepKind::WebAuthn: return "WEB_AUTHN";
    case StepKind::UnknownChallenge: return "UNKNOWN_CHALLENGE";
    case StepKind::Password: return "PASSWORD";
  }
  return "?";
}

AuthConfig AuthConfig::clone() const {
  AuthConfig c;
  c.user_pool_id = user_pool_id;
  c.client_id = client_id;
  c.client_secret = client_secret.clone();
  c.endpoint = endpoint;
  c.srp = srp;
  c.remember_devices = remember_devices;
  c.device_name = device_name;
  c.totp_issuer = totp_issuer;
  c.log = log;
  return c;
}

}  // namespace cognito
