// libcognito C API — sign-in requests, answers, steps, the blocking sign-in
// and sessions (tokens + remembered device).
#include <cstring>

#include "capi_internal.hpp"

using capi::guard;
using cognito::SecretString;

namespace capi {

int step_kind_code(cognito::StepKind k) noexcept {
  switch (k) {
    case cognito::StepKind::SmsMfaCode: return COGNITO_STEP_SMS_MFA_CODE;
    case cognito::StepKind::SoftwareTokenMfaCode: return COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE;
    case cognito::StepKind::EmailOtpCode: return COGNITO_STEP_EMAIL_OTP_CODE;
    case cognito::StepKind::SmsOtpCode: return COGNITO_STEP_SMS_OTP_CODE;
    case cognito::StepKind::SelectMfaType: return COGNITO_STEP_SELECT_MFA_TYPE;
    case cognito::StepKind::MfaSetup: return COGNITO_STEP_MFA_SETUP;
    case cognito::StepKind::TotpSetupCode: return COGNITO_STEP_TOTP_SETUP_CODE;
    case cognito::StepKind::NewPasswordRequired: return COGNITO_STEP_NEW_PASSWORD_REQUIRED;
    case cognito::StepKind::CustomChallenge: return COGNITO_STEP_CUSTOM_CHALLENGE;
    case cognito::StepKind::SelectChallenge: return COGNITO_STEP_SELECT_CHALLENGE;
    case cognito::StepKind::WebAuthn: return COGNITO_STEP_WEB_AUTHN;
    case cognito::StepKind::UnknownChallenge: return COGNITO_STEP_UNKNOWN_CHALLENGE;
    case cognito::StepKind::Password: return COGNITO_STEP_PASSWORD;
  }
  return COGNITO_STEP_UNKNOWN_CHALLENGE;
}

}  // namespace capi

// ---- handle methods ---------------------------------------------------------------------------

void cognito_step::load(cognito::Step s) {
  step = std::move(s);
  capi::terminate(step.totp_secret);
  capi::terminate(step.totp_uri);
  parameters.load(step.parameters);
  user_attributes.load(step.user_attributes);
  previous_message = step.previous_error ? step.previous_error->message : std::string();
}

void cognito_session::normalize() {
  capi::terminate(tokens.id_token);
  capi::terminate(tokens.access_token);
  capi::terminate(tokens.refresh_token);
  if (device) capi::terminate(device->device_password);
}

std::unique_ptr<cognito_session> cognito_session::from(cognito::SignedIn s,
                                                       const std::optional<cognito::DeviceCredentials>& used_device) {
  auto out = std::make_unique<cognito_session>();
  out->username = std::move(s.username);
  out->tokens = std::move(s.tokens);
  if (s.new_device) {
    out->device = std::move(s.new_device);
    out->flags |= COGNITO_SESSION_NEW_DEVICE;
  } else if (used_device && !s.dropped_device) {
    out->device = used_device->clone();
  }
  if (s.device_needs_user_confirmation) out->flags |= COGNITO_SESSION_DEVICE_NEEDS_CONFIRMATION;
  if (s.dropped_device) out->flags |= COGNITO_SESSION_DROPPED_DEVICE;
  if (s.device_error) out->flags |= COGNITO_SESSION_DEVICE_ERROR;
  out->normalize();
  return out;
}

void cognito_session::update(cognito::SignedIn s) {
  cognito::Tokens& t = s.tokens;
  if (t.refresh_token.empty()) t.refresh_token = tokens.refresh_token.clone();
  tokens = std::move(t);
  if (username.empty()) username = std::move(s.username);
  if (s.new_device) device = std::move(s.new_device);
  if (s.dropped_device) device.reset();
  normalize();
}

using capi::req_bytes;
using capi::req_text;
using capi::secret;

namespace {

/// Answer constructors: *out = NULL first, then `make` builds the answer.
template <class F>
int new_answer(cognito_answer** out, F&& make) noexcept {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  return guard(nullptr, [&]() -> int {
    auto a = std::make_unique<cognito_answer>();
    const int rc = make(a->answer);
    if (rc == COGNITO_OK) *out = a.release();
    return rc;
  });
}

/// Refreshes the C view of a blocking sign-in after the C++ driver ran.
void sync(cognito_sign_in& si) {
  if (si.progress->done()) {
    si.state = COGNITO_EVENT_SIGNED_IN;
  } else if (const cognito::Step* st = si.progress->step()) {
    si.step.load(st->clone());
    si.state = COGNITO_EVENT_NEED_ANSWER;
  } else {
    si.state = COGNITO_EVENT_FAILED;
  }
}

}  // namespace

extern "C" {

// ---- sign-in requests -------------------------------------------------------------------------

int cognito_sign_in_request_new(cognito_sign_in_request** out, int flow) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  cognito::AuthFlow f;
  switch (flow) {
    case COGNITO_FLOW_USER_SRP: f = cognito::AuthFlow::UserSrp; break;
    case COGNITO_FLOW_USER_PASSWORD: f = cognito::AuthFlow::UserPassword; break;
    case COGNITO_FLOW_CUSTOM_AUTH: f = cognito::AuthFlow::CustomAuth; break;
    case COGNITO_FLOW_CUSTOM_AUTH_WITH_SRP: f = cognito::AuthFlow::CustomAuthWithSrp; break;
    case COGNITO_FLOW_USER_AUTH: f = cognito::AuthFlow::UserAuth; break;
    case COGNITO_FLOW_REFRESH_TOKEN: f = cognito::AuthFlow::RefreshToken; break;
    case COGNITO_FLOW_REFRESH_TOKEN_ROTATION: f = cognito::AuthFlow::RefreshTokenRotation; break;
    default: return COGNITO_E_INVALID_ARG;
  }
  return guard(nullptr, [&]() -> int {
    auto r = std::make_unique<cognito_sign_in_request>();
    r->request.flow = f;
    *out = r.release();
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_new_refresh(cognito_sign_in_request** out, const cognito_session* session, int rotation) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  if (session == nullptr || (rotation != 0 && rotation != 1) || session->tokens.refresh_token.empty())
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    auto r = std::make_unique<cognito_sign_in_request>();
    r->request = cognito::SignInRequest::refresh(session->username, session->tokens.refresh_token.clone(), rotation == 1);
    if (session->device) r->request.device = session->device->clone();
    *out = r.release();
    return COGNITO_OK;
  });
}

void cognito_sign_in_request_free(cognito_sign_in_request* request) { delete request; }

int cognito_sign_in_request_set_username(cognito_sign_in_request* request, const char* username) {
  if (request == nullptr || !req_text(username)) return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.username = username;
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_password(cognito_sign_in_request* request, const char* password, size_t password_len) {
  if (request == nullptr || !req_bytes(password, password_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.password = secret(password, password_len);
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_preferred_challenge(cognito_sign_in_request* request, const char* challenge) {
  if (request == nullptr || !req_text(challenge)) return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.preferred_challenge = challenge;
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_session(cognito_sign_in_request* request, const char* session, size_t session_len) {
  if (request == nullptr || !req_bytes(session, session_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.session = secret(session, session_len);
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_refresh_token(cognito_sign_in_request* request, const char* token, size_t token_len) {
  if (request == nullptr || !req_bytes(token, token_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.refresh_token = secret(token, token_len);
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_device(cognito_sign_in_request* request, const char* device_key,
                                       const char* device_group_key, const char* device_password,
                                       size_t device_password_len) {
  if (request == nullptr || !req_text(device_key)) return COGNITO_E_INVALID_ARG;
  if (device_group_key != nullptr && !capi::valid_text(device_group_key)) return COGNITO_E_INVALID_ARG;
  if ((device_password == nullptr && device_password_len != 0) ||
      !capi::valid_utf8(device_password, device_password_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    cognito::DeviceCredentials d;
    d.device_key = device_key;
    if (device_group_key != nullptr) d.device_group_key = device_group_key;
    d.device_password = secret(device_password, device_password_len);
    request->request.device = std::move(d);
    return COGNITO_OK;
  });
}

int cognito_sign_in_request_set_client_metadata(cognito_sign_in_request* request, const char* key, const char* value) {
  if (request == nullptr || !req_text(key) || value == nullptr || !capi::valid_utf8(value, std::strlen(value)))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    request->request.client_metadata[key] = value;
    return COGNITO_OK;
  });
}

// ---- answers -----------------------------------------------------------------------------------

int cognito_answer_new_code(cognito_answer** out, const char* code, size_t code_len) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_bytes(code, code_len)) return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::code(std::string_view(code, code_len));
    return COGNITO_OK;
  });
}

int cognito_answer_new_select(cognito_answer** out, const char* option) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_text(option)) return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::select(option);
    return COGNITO_OK;
  });
}

int cognito_answer_new_password_required(cognito_answer** out, const char* new_password, size_t new_password_len,
                                         const cognito_attributes* attributes) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_bytes(new_password, new_password_len))
      return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::new_password(secret(new_password, new_password_len),
                                      attributes == nullptr ? std::map<std::string, std::string>() : attributes->to_map());
    return COGNITO_OK;
  });
}

int cognito_answer_new_custom(cognito_answer** out, const char* answer, size_t answer_len) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_bytes(answer, answer_len)) return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::custom(std::string_view(answer, answer_len));
    return COGNITO_OK;
  });
}

int cognito_answer_new_setup_totp(cognito_answer** out, const char* friendly_device_name) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (friendly_device_name != nullptr && !capi::valid_text(friendly_device_name)) return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::setup_totp(friendly_device_name == nullptr ? std::string() : friendly_device_name);
    return COGNITO_OK;
  });
}

int cognito_answer_new_setup_email(cognito_answer** out, const char* email) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_text(email)) return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::setup_email(email);
    return COGNITO_OK;
  });
}

int cognito_answer_new_password(cognito_answer** out, const char* password, size_t password_len, const char* option) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_bytes(password, password_len))
      return COGNITO_E_INVALID_ARG;
    if (option != nullptr && std::strcmp(option, "PASSWORD") != 0 && std::strcmp(option, "PASSWORD_SRP") != 0)
      return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::password(secret(password, password_len), option == nullptr ? "PASSWORD_SRP" : option);
    return COGNITO_OK;
  });
}

int cognito_answer_new_web_authn(cognito_answer** out, const char* credential_json, size_t credential_json_len) {
  return new_answer(out, [&](cognito::Answer& a) -> int {
    if (!req_bytes(credential_json, credential_json_len))
      return COGNITO_E_INVALID_ARG;
    a = cognito::Answer::web_authn(std::string(credential_json, credential_json_len));
    return COGNITO_OK;
  });
}

void cognito_answer_free(cognito_answer* answer) { delete answer; }

// ---- steps ------------------------------------------------------------------------------------------

int cognito_step_kind(const cognito_step* step) {
  return step == nullptr ? COGNITO_E_INVALID_ARG : capi::step_kind_code(step->step.kind);
}

const char* cognito_step_challenge_name(const cognito_step* step) {
  return step == nullptr ? nullptr : step->step.challenge_name.c_str();
}

const char* cognito_step_username(const cognito_step* step) {
  return step == nullptr ? nullptr : step->step.username.c_str();
}

const char* cognito_step_delivery_medium(const cognito_step* step) {
  if (step == nullptr || step->step.delivery_medium.empty()) return nullptr;
  return step->step.delivery_medium.c_str();
}

const char* cognito_step_destination(const cognito_step* step) {
  if (step == nullptr || step->step.destination.empty()) return nullptr;
  return step->step.destination.c_str();
}

size_t cognito_step_option_count(const cognito_step* step) { return step == nullptr ? 0 : step->step.options.size(); }

const char* cognito_step_option(const cognito_step* step, size_t index) {
  if (step == nullptr || index >= step->step.options.size()) return nullptr;
  return step->step.options[index].c_str();
}

size_t cognito_step_required_attribute_count(const cognito_step* step) {
  return step == nullptr ? 0 : step->step.required_attributes.size();
}

const char* cognito_step_required_attribute(const cognito_step* step, size_t index) {
  if (step == nullptr || index >= step->step.required_attributes.size()) return nullptr;
  return step->step.required_attributes[index].c_str();
}

const cognito_attributes* cognito_step_user_attributes(const cognito_step* step) {
  return step == nullptr ? nullptr : &step->user_attributes;
}

const cognito_attributes* cognito_step_parameters(const cognito_step* step) {
  return step == nullptr ? nullptr : &step->parameters;
}

int cognito_step_totp_secret(const cognito_step* step, const char** secret_out, size_t* secret_len) {
  if (secret_out != nullptr) *secret_out = nullptr;
  if (secret_len != nullptr) *secret_len = 0;
  if (step == nullptr || secret_out == nullptr || secret_len == nullptr) return COGNITO_E_INVALID_ARG;
  if (step->step.totp_secret.empty()) return COGNITO_E_INVALID_STATE;
  *secret_out = step->step.totp_secret.data();
  *secret_len = step->step.totp_secret.size();
  return COGNITO_OK;
}

int cognito_step_totp_uri(const cognito_step* step, const char** uri, size_t* uri_len) {
  if (uri != nullptr) *uri = nullptr;
  if (uri_len != nullptr) *uri_len = 0;
  if (step == nullptr || uri == nullptr || uri_len == nullptr) return COGNITO_E_INVALID_ARG;
  if (step->step.totp_uri.empty()) return COGNITO_E_INVALID_STATE;
  *uri = step->step.totp_uri.data();
  *uri_len = step->step.totp_uri.size();
  return COGNITO_OK;
}

const char* cognito_step_web_authn_options(const cognito_step* step) {
  if (step == nullptr || step->step.web_authn_options.empty()) return nullptr;
  return step->step.web_authn_options.c_str();
}

int cognito_step_previous_error(const cognito_step* step) {
  if (step == nullptr || !step->step.previous_error) return 0;
  return capi::code_of(step->step.previous_error->code);
}

const char* cognito_step_previous_error_message(const cognito_step* step) {
  if (step == nullptr || !step->step.previous_error) return nullptr;
  return step->previous_message.c_str();
}

// ---- the blocking sign-in --------------------------------------------------------------------------

int cognito_client_sign_in(cognito_client* client, const cognito_sign_in_request* request, cognito_sign_in** out) {
  if (out != nullptr) *out = nullptr;
  return capi::with_client(client, [&](cognito::Client& cl) -> int {
    if (request == nullptr || out == nullptr)
      return client->err.set(COGNITO_E_INVALID_ARG, "sign_in: request or out is NULL");
    auto si = std::make_unique<cognito_sign_in>();
    if (request->request.device) si->used_device = request->request.device->clone();
    auto progress = cl.sign_in(capi::clone_request(request->request));
    if (!progress) return client->err.set(progress.error());
    si->progress.emplace(std::move(*progress));
    sync(*si);
    *out = si.release();
    return COGNITO_OK;
  });
}

int cognito_client_answer(cognito_client* client, cognito_sign_in* sign_in, const cognito_answer* answer) {
  return capi::with_client(client, [&](cognito::Client& cl) -> int {
    if (sign_in == nullptr || answer == nullptr)
      return client->err.set(COGNITO_E_INVALID_ARG, "answer: sign_in or answer is NULL");
    if (!sign_in->progress || sign_in->state != COGNITO_EVENT_NEED_ANSWER)
      return client->err.set(COGNITO_E_INVALID_STATE, "answer: the sign-in is not waiting for an answer");
    auto r = cl.answer(*sign_in->progress, capi::clone_answer(answer->answer));
    if (!r) client->err.set(r.error());
    sync(*sign_in);
    return r ? COGNITO_OK : client->err.code;
  });
}

void cognito_sign_in_free(cognito_sign_in* sign_in) { delete sign_in; }

int cognito_sign_in_state(const cognito_sign_in* sign_in) {
  return sign_in == nullptr ? COGNITO_E_INVALID_ARG : sign_in->state;
}

const cognito_step* cognito_sign_in_step(const cognito_sign_in* sign_in) {
  if (sign_in == nullptr || sign_in->state != COGNITO_EVENT_NEED_ANSWER) return nullptr;
  return &sign_in->step;
}

const char* cognito_sign_in_username(const cognito_sign_in* sign_in) {
  if (sign_in == nullptr || !sign_in->progress) return nullptr;
  return sign_in->progress->username().c_str();
}

int cognito_sign_in_take_session(cognito_sign_in* sign_in, cognito_session** out) {
  if (out != nullptr) *out = nullptr;
  if (sign_in == nullptr || out == nullptr) return COGNITO_E_INVALID_ARG;
  if (sign_in->state != COGNITO_EVENT_SIGNED_IN || sign_in->taken || !sign_in->progress) return COGNITO_E_INVALID_STATE;
  return guard(nullptr, [&]() -> int {
    auto r = sign_in->progress->take_result();
    if (!r) return capi::code_of(r.error().code);
    *out = cognito_session::from(std::move(*r), sign_in->used_device).release();
    sign_in->taken = true;
    return COGNITO_OK;
  });
}

// ---- sessions ---------------------------------------------------------------------------------------------

int cognito_session_new(cognito_session** out, const char* username, const char* id_token, size_t id_token_len,
                        const char* access_token, size_t access_token_len, const char* refresh_token,
                        size_t refresh_token_len) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  if (username != nullptr && !capi::valid_text(username)) return COGNITO_E_INVALID_ARG;
  if (!req_bytes(access_token, access_token_len))
    return COGNITO_E_INVALID_ARG;
  if ((id_token == nullptr && id_token_len != 0) || !capi::valid_utf8(id_token, id_token_len)) return COGNITO_E_INVALID_ARG;
  if ((refresh_token == nullptr && refresh_token_len != 0) || !capi::valid_utf8(refresh_token, refresh_token_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    auto s = std::make_unique<cognito_session>();
    if (username != nullptr) s->username = username;
    s->tokens.id_token = secret(id_token, id_token_len);
    s->tokens.access_token = secret(access_token, access_token_len);
    s->tokens.refresh_token = secret(refresh_token, refresh_token_len);
    (void)s->tokens.update_times(std::chrono::system_clock::now());  // unreadable: counts as expired
    if (s->username.empty()) {
      // The access token names the user (claim "username"); good enough for display.
      if (auto claims = cognito::JwtClaims::decode(s->tokens.access_token.reveal()))
        s->username = claims->string_claim("username").value_or(std::string());
    }
    s->normalize();
    *out = s.release();
    return COGNITO_OK;
  });
}

void cognito_session_free(cognito_session* session) { delete session; }

const char* cognito_session_username(const cognito_session* session) {
  return session == nullptr ? nullptr : session->username.c_str();
}

namespace {
int token_out(const cognito_session* session, const SecretString cognito::Tokens::*which, const char** token,
              size_t* token_len) {
  if (token != nullptr) *token = nullptr;
  if (token_len != nullptr) *token_len = 0;
  if (session == nullptr || token == nullptr || token_len == nullptr) return COGNITO_E_INVALID_ARG;
  const SecretString& s = session->tokens.*which;
  *token = s.data();
  *token_len = s.size();
  return COGNITO_OK;
}
}  // namespace

int cognito_session_id_token(const cognito_session* session, const char** token, size_t* token_len) {
  return token_out(session, &cognito::Tokens::id_token, token, token_len);
}

int cognito_session_access_token(const cognito_session* session, const char** token, size_t* token_len) {
  return token_out(session, &cognito::Tokens::access_token, token, token_len);
}

int cognito_session_refresh_token(const cognito_session* session, const char** token, size_t* token_len) {
  return token_out(session, &cognito::Tokens::refresh_token, token, token_len);
}

int64_t cognito_session_expires_at(const cognito_session* session) {
  return session == nullptr ? 0 : capi::unix_seconds(session->tokens.expires_at);
}

int64_t cognito_session_issued_at(const cognito_session* session) {
  return session == nullptr ? 0 : capi::unix_seconds(session->tokens.issued_at);
}

int64_t cognito_session_expires_in(const cognito_session* session) {
  return session == nullptr ? 0 : session->tokens.expires_in;
}

int64_t cognito_session_clock_drift_s(const cognito_session* session) {
  return session == nullptr ? 0 : static_cast<int64_t>(session->tokens.clock_drift.count());
}

int cognito_session_needs_refresh(const cognito_session* session, int64_t now_unix_ms, int64_t margin_s) {
  if (session == nullptr || margin_s < 0 || margin_s > 86'400 * 365) return COGNITO_E_INVALID_ARG;
  const auto now = capi::time_arg(now_unix_ms);
  if (!now) return COGNITO_E_INVALID_ARG;
  return session->tokens.needs_refresh(*now, std::chrono::seconds(margin_s)) ? 1 : 0;
}

int cognito_session_flags(const cognito_session* session) { return session == nullptr ? 0 : session->flags; }

int cognito_session_has_device(const cognito_session* session) {
  return session != nullptr && session->device ? 1 : 0;
}

const char* cognito_session_device_key(const cognito_session* session) {
  if (session == nullptr || !session->device) return nullptr;
  return session->device->device_key.c_str();
}

const char* cognito_session_device_group_key(const cognito_session* session) {
  if (session == nullptr || !session->device) return nullptr;
  return session->device->device_group_key.c_str();
}

int cognito_session_device_password(const cognito_session* session, const char** password, size_t* password_len) {
  if (password != nullptr) *password = nullptr;
  if (password_len != nullptr) *password_len = 0;
  if (session == nullptr || password == nullptr || password_len == nullptr) return COGNITO_E_INVALID_ARG;
  if (!session->device) return COGNITO_E_INVALID_STATE;
  *password = session->device->device_password.data();
  *password_len = session->device->device_password.size();
  return COGNITO_OK;
}

int cognito_session_set_device(cognito_session* session, const char* device_key, const char* device_group_key,
                               const char* device_password, size_t device_password_len) {
  if (session == nullptr || !req_text(device_key)) return COGNITO_E_INVALID_ARG;
  if (device_group_key != nullptr && !capi::valid_text(device_group_key)) return COGNITO_E_INVALID_ARG;
  if ((device_password == nullptr && device_password_len != 0) ||
      !capi::valid_utf8(device_password, device_password_len))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    cognito::DeviceCredentials d;
    d.device_key = device_key;
    if (device_group_key != nullptr) d.device_group_key = device_group_key;
    d.device_password = secret(device_password, device_password_len);
    session->device = std::move(d);
    session->normalize();
    return COGNITO_OK;
  });
}

int cognito_session_clear_device(cognito_session* session) {
  if (session == nullptr) return COGNITO_E_INVALID_ARG;
  session->device.reset();
  return COGNITO_OK;
}

}  // extern "C"
