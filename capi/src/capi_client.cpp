// libcognito C API — the blocking client: error details, account operations,
// the generic call, token verification, refresh, and their result objects.
#include <cstring>

#include "capi_internal.hpp"

using capi::guard;
using cognito::SecretString;

namespace capi {

int arg_error(cognito_client* c, const char* msg) { return c->err.set(COGNITO_E_INVALID_ARG, msg); }

bool opt_secret(const char* p, std::size_t n) noexcept { return valid_utf8(p, n); }

void keep_delivery(cognito_client* c, const std::optional<cognito::CodeDeliveryDetails>& d) {
  if (d) c->delivery = *d;
}

int refresh(cognito_client* client, cognito::Client& cl, cognito_session* session, int rotation) {
  if (session == nullptr) return arg_error(client, "refresh: session is NULL");
  if (rotation != 0 && rotation != 1) return arg_error(client, "refresh: rotation must be 0 or 1");
  if (session->tokens.refresh_token.empty()) return arg_error(client, "refresh: the session has no refresh token");
  const cognito::DeviceCredentials* device = session->device ? &*session->device : nullptr;
  auto r = cl.refresh(session->username, session->tokens, device, rotation == 1);
  if (!r) return client->err.set(r.error());
  session->update(std::move(*r));
  return COGNITO_OK;
}

/// Epoch seconds from the service (a JSON number) as an int64_t; 0 ("unknown")
/// when absent or when no int64_t holds it: converting such a double is
/// undefined behaviour, and the server is not trusted to send sane values.
std::int64_t epoch_seconds(const std::optional<double>& v) noexcept {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (!v || !(*v > -kLimit && *v < kLimit)) return 0;  // NaN fails both
  return static_cast<std::int64_t>(*v);
}

capi_device to_device(const cognito::Device& d) {
  capi_device out;
  out.key = d.device_key.value_or(std::string());
  out.attributes.load(d.device_attributes);
  out.created_at = epoch_seconds(d.device_create_date);
  out.last_authenticated_at = epoch_seconds(d.device_last_authenticated_date);
  return out;
}

template <class R>
std::string json_of(const R& response) {
  auto j = cognito::to_json(response);
  return j ? std::string(j->reveal()) : std::string("{}");
}

}  // namespace capi

using capi::arg_error;
using capi::req_bytes;
using capi::req_text;
using capi::secret;
using capi::with_client;

extern "C" {

// ---- error details -----------------------------------------------------------------------

int cognito_client_errcode(const cognito_client* client) {
  return client == nullptr ? COGNITO_E_INVALID_ARG : client->err.code;
}

const char* cognito_client_errmsg(const cognito_client* client) {
  return client == nullptr ? "invalid argument: the client is NULL" : client->err.msg();
}

const char* cognito_client_service_error(const cognito_client* client) {
  if (client == nullptr || client->err.service.empty()) return nullptr;
  return client->err.service.c_str();
}

void cognito_client_cancel(cognito_client* client) {
  // No busy check: made to be called while another thread's call runs.
  // Client::cancel() only touches its own synchronised cancel state.
  if (client != nullptr && client->client) client->client->cancel();
}

int cognito_client_http_status(const cognito_client* client) {
  return client == nullptr ? 0 : client->err.http_status;
}

const char* cognito_client_request_id(const cognito_client* client) {
  if (client == nullptr || client->err.request_id.empty()) return nullptr;
  return client->err.request_id.c_str();
}

const char* cognito_client_endpoint(const cognito_client* client) {
  if (client == nullptr || !client->client) return nullptr;
  return client->client->endpoint().c_str();
}

const char* cognito_client_delivery_destination(const cognito_client* client) {
  if (client == nullptr || !client->delivery || !client->delivery->destination) return nullptr;
  return client->delivery->destination->c_str();
}

const char* cognito_client_delivery_medium(const cognito_client* client) {
  if (client == nullptr || !client->delivery || !client->delivery->delivery_medium) return nullptr;
  return client->delivery->delivery_medium->c_str();
}

const char* cognito_client_delivery_attribute(const cognito_client* client) {
  if (client == nullptr || !client->delivery || !client->delivery->attribute_name) return nullptr;
  return client->delivery->attribute_name->c_str();
}

// ---- sign-up and passwords -----------------------------------------------------------------

int cognito_client_sign_up(cognito_client* client, const char* username, const char* password, size_t password_len,
                           const cognito_attributes* attributes, int* confirmed, char** user_sub) {
  if (confirmed != nullptr) *confirmed = 0;
  if (user_sub != nullptr) *user_sub = nullptr;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_text(username)) return arg_error(client, "sign_up: username is NULL, empty or not UTF-8");
    if (!capi::opt_secret(password, password_len)) return arg_error(client, "sign_up: invalid password");
    cognito::SignUpRequest rq;
    rq.username = username;
    if (password_len != 0) rq.password = secret(password, password_len);
    if (attributes != nullptr) rq.user_attributes = attributes->to_list();
    auto r = cl.sign_up(rq);
    if (!r) return client->err.set(r.error());
    capi::keep_delivery(client, r->code_delivery_details);
    char* sub = user_sub != nullptr ? capi::dup_owned(r->user_sub) : nullptr;
    if (confirmed != nullptr) *confirmed = r->user_confirmed ? 1 : 0;
    if (user_sub != nullptr) *user_sub = sub;
    return COGNITO_OK;
  });
}

int cognito_client_confirm_sign_up(cognito_client* client, const char* username, const char* code, size_t code_len,
                                   char** session, size_t* session_len) {
  if (session != nullptr) *session = nullptr;
  if (session_len != nullptr) *session_len = 0;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_text(username)) return arg_error(client, "confirm_sign_up: username is NULL, empty or not UTF-8");
    if (!req_bytes(code, code_len)) return arg_error(client, "confirm_sign_up: the code is NULL, empty or not UTF-8");
    cognito::ConfirmSignUpRequest rq;
    rq.username = username;
    rq.confirmation_code = secret(code, code_len);
    auto r = cl.confirm_sign_up(rq);
    if (!r) return client->err.set(r.error());
    if (session != nullptr && r->session && !r->session->empty())
      return capi::give(r->session->reveal(), session, session_len);
    return COGNITO_OK;
  });
}

int cognito_client_resend_confirmation_code(cognito_client* client, const char* username) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_text(username)) return arg_error(client, "resend_confirmation_code: username is NULL, empty or not UTF-8");
    cognito::ResendConfirmationCodeRequest rq;
    rq.username = username;
    auto r = cl.resend_confirmation_code(rq);
    if (!r) return client->err.set(r.error());
    capi::keep_delivery(client, r->code_delivery_details);
    return COGNITO_OK;
  });
}

int cognito_client_forgot_password(cognito_client* client, const char* username) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_text(username)) return arg_error(client, "forgot_password: username is NULL, empty or not UTF-8");
    cognito::ForgotPasswordRequest rq;
    rq.username = username;
    auto r = cl.forgot_password(rq);
    if (!r) return client->err.set(r.error());
    capi::keep_delivery(client, r->code_delivery_details);
    return COGNITO_OK;
  });
}

int cognito_client_confirm_forgot_password(cognito_client* client, const char* username, const char* code,
                                           size_t code_len, const char* new_password, size_t new_password_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_text(username)) return arg_error(client, "confirm_forgot_password: username is NULL, empty or not UTF-8");
    if (!req_bytes(code, code_len)) return arg_error(client, "confirm_forgot_password: invalid code");
    if (!req_bytes(new_password, new_password_len))
      return arg_error(client, "confirm_forgot_password: invalid new password");
    cognito::ConfirmForgotPasswordRequest rq;
    rq.username = username;
    rq.confirmation_code = secret(code, code_len);
    rq.password = secret(new_password, new_password_len);
    auto r = cl.confirm_forgot_password(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

int cognito_client_change_password(cognito_client* client, const char* access_token, size_t access_token_len,
                                   const char* previous_password, size_t previous_password_len,
                                   const char* proposed_password, size_t proposed_password_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "change_password: invalid access token");
    if (!capi::opt_secret(previous_password, previous_password_len))
      return arg_error(client, "change_password: invalid previous password");
    if (!req_bytes(proposed_password, proposed_password_len))
      return arg_error(client, "change_password: invalid proposed password");
    cognito::ChangePasswordRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    if (previous_password_len != 0) rq.previous_password = secret(previous_password, previous_password_len);
    rq.proposed_password = secret(proposed_password, proposed_password_len);
    auto r = cl.change_password(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

// ---- the user ---------------------------------------------------------------------------------

int cognito_client_get_user(cognito_client* client, const char* access_token, size_t access_token_len,
                            cognito_user** out) {
  if (out != nullptr) *out = nullptr;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (out == nullptr) return arg_error(client, "get_user: out is NULL");
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "get_user: invalid access token");
    cognito::GetUserRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    auto r = cl.get_user(rq);
    if (!r) return client->err.set(r.error());
    auto u = std::make_unique<cognito_user>();
    u->username = r->username;
    u->attributes.load(r->user_attributes);
    u->preferred_mfa = r->preferred_mfa_setting;
    u->mfa = r->user_mfa_setting_list;
    u->json = capi::json_of(*r);
    *out = u.release();
    return COGNITO_OK;
  });
}

int cognito_client_get_user_auth_factors(cognito_client* client, const char* access_token, size_t access_token_len,
                                         cognito_user** out) {
  if (out != nullptr) *out = nullptr;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (out == nullptr) return arg_error(client, "get_user_auth_factors: out is NULL");
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "get_user_auth_factors: invalid access token");
    cognito::GetUserAuthFactorsRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    auto r = cl.get_user_auth_factors(rq);
    if (!r) return client->err.set(r.error());
    auto u = std::make_unique<cognito_user>();
    u->username = r->username;
    u->preferred_mfa = r->preferred_mfa_setting;
    u->mfa = r->user_mfa_setting_list;
    u->auth_factors = r->configured_user_auth_factors;
    u->json = capi::json_of(*r);
    *out = u.release();
    return COGNITO_OK;
  });
}

int cognito_client_update_user_attributes(cognito_client* client, const char* access_token, size_t access_token_len,
                                          const cognito_attributes* attributes) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "update_user_attributes: invalid access token");
    if (attributes == nullptr || attributes->items.empty())
      return arg_error(client, "update_user_attributes: no attributes");
    cognito::UpdateUserAttributesRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.user_attributes = attributes->to_list();
    auto r = cl.update_user_attributes(rq);
    if (!r) return client->err.set(r.error());
    if (!r->code_delivery_details_list.empty()) client->delivery = r->code_delivery_details_list.front();
    return COGNITO_OK;
  });
}

int cognito_client_delete_user_attributes(cognito_client* client, const char* access_token, size_t access_token_len,
                                          const char* const* names, size_t count) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "delete_user_attributes: invalid access token");
    if (names == nullptr || count == 0 || count > 1000)
      return arg_error(client, "delete_user_attributes: names is NULL or count is 0");
    cognito::DeleteUserAttributesRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    for (std::size_t i = 0; i < count; ++i) {
      if (!req_text(names[i])) return arg_error(client, "delete_user_attributes: a name is NULL, empty or not UTF-8");
      rq.user_attribute_names.emplace_back(names[i]);
    }
    auto r = cl.delete_user_attributes(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

int cognito_client_get_user_attribute_verification_code(cognito_client* client, const char* access_token,
                                                        size_t access_token_len, const char* attribute) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "get_user_attribute_verification_code: invalid access token");
    if (!req_text(attribute)) return arg_error(client, "get_user_attribute_verification_code: invalid attribute");
    cognito::GetUserAttributeVerificationCodeRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.attribute_name = attribute;
    auto r = cl.get_user_attribute_verification_code(rq);
    if (!r) return client->err.set(r.error());
    capi::keep_delivery(client, r->code_delivery_details);
    return COGNITO_OK;
  });
}

int cognito_client_verify_user_attribute(cognito_client* client, const char* access_token, size_t access_token_len,
                                         const char* attribute, const char* code, size_t code_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "verify_user_attribute: invalid access token");
    if (!req_text(attribute)) return arg_error(client, "verify_user_attribute: invalid attribute");
    if (!req_bytes(code, code_len)) return arg_error(client, "verify_user_attribute: invalid code");
    cognito::VerifyUserAttributeRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.attribute_name = attribute;
    rq.code = secret(code, code_len);
    auto r = cl.verify_user_attribute(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

// ---- MFA ---------------------------------------------------------------------------------------

int cognito_client_associate_software_token(cognito_client* client, const char* access_token,
                                            size_t access_token_len, char** secret_out, size_t* secret_len) {
  if (secret_out != nullptr) *secret_out = nullptr;
  if (secret_len != nullptr) *secret_len = 0;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (secret_out == nullptr) return arg_error(client, "associate_software_token: secret is NULL");
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "associate_software_token: invalid access token");
    cognito::AssociateSoftwareTokenRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    auto r = cl.associate_software_token(rq);
    if (!r) return client->err.set(r.error());
    if (!r->secret_code || r->secret_code->empty())
      return client->err.set(COGNITO_E_MISSING_FIELD, "AssociateSoftwareTokenResponse.SecretCode is missing");
    return capi::give(r->secret_code->reveal(), secret_out, secret_len);
  });
}

int cognito_client_verify_software_token(cognito_client* client, const char* access_token, size_t access_token_len,
                                         const char* code, size_t code_len, const char* friendly_device_name) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "verify_software_token: invalid access token");
    if (!req_bytes(code, code_len)) return arg_error(client, "verify_software_token: invalid code");
    if (friendly_device_name != nullptr && !capi::valid_text(friendly_device_name))
      return arg_error(client, "verify_software_token: invalid device name");
    cognito::VerifySoftwareTokenRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.user_code = secret(code, code_len);
    if (friendly_device_name != nullptr && friendly_device_name[0] != '\0')
      rq.friendly_device_name = friendly_device_name;
    auto r = cl.verify_software_token(rq);
    if (!r) return client->err.set(r.error());
    if (r->status && *r->status != "SUCCESS")
      return client->err.set(COGNITO_E_CODE_MISMATCH, "VerifySoftwareToken: the code was not accepted");
    return COGNITO_OK;
  });
}

int cognito_client_set_mfa_preference(cognito_client* client, const char* access_token, size_t access_token_len,
                                      int factor, int enabled, int preferred) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "set_mfa_preference: invalid access token");
    if ((enabled != 0 && enabled != 1) || (preferred != 0 && preferred != 1))
      return arg_error(client, "set_mfa_preference: enabled and preferred must be 0 or 1");
    cognito::SetUserMFAPreferenceRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    switch (factor) {
      case COGNITO_MFA_SMS: rq.sms_mfa_settings = cognito::SmsMfaSettings{enabled == 1, preferred == 1}; break;
      case COGNITO_MFA_TOTP:
        rq.software_token_mfa_settings = cognito::SoftwareTokenMfaSettings{enabled == 1, preferred == 1};
        break;
      case COGNITO_MFA_EMAIL: rq.email_mfa_settings = cognito::EmailMfaSettings{enabled == 1, preferred == 1}; break;
      case COGNITO_MFA_WEB_AUTHN:
        if (preferred == 1) return arg_error(client, "set_mfa_preference: passkey MFA cannot be preferred");
        rq.web_authn_mfa_settings = cognito::WebAuthnMfaSettings{enabled == 1};
        break;
      default: return arg_error(client, "set_mfa_preference: unknown factor");
    }
    auto r = cl.set_user_mfa_preference(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

// ---- devices -------------------------------------------------------------------------------------

int cognito_client_list_devices(cognito_client* client, const char* access_token, size_t access_token_len,
                                int limit, const char* pagination_token, cognito_devices** out) {
  if (out != nullptr) *out = nullptr;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (out == nullptr) return arg_error(client, "list_devices: out is NULL");
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "list_devices: invalid access token");
    if (limit < 0 || limit > 60) return arg_error(client, "list_devices: limit must be 0..60");
    if (pagination_token != nullptr && !capi::valid_text(pagination_token))
      return arg_error(client, "list_devices: invalid pagination token");
    cognito::ListDevicesRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    if (limit > 0) rq.limit = limit;
    if (pagination_token != nullptr && pagination_token[0] != '\0') rq.pagination_token = pagination_token;
    auto r = cl.list_devices(rq);
    if (!r) return client->err.set(r.error());
    auto d = std::make_unique<cognito_devices>();
    for (const auto& dev : r->devices) d->items.push_back(capi::to_device(dev));
    d->pagination_token = r->pagination_token;
    *out = d.release();
    return COGNITO_OK;
  });
}

int cognito_client_get_device(cognito_client* client, const char* access_token, size_t access_token_len,
                              const char* device_key, cognito_devices** out) {
  if (out != nullptr) *out = nullptr;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (out == nullptr) return arg_error(client, "get_device: out is NULL");
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "get_device: invalid access token");
    if (!req_text(device_key)) return arg_error(client, "get_device: invalid device key");
    cognito::GetDeviceRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.device_key = device_key;
    auto r = cl.get_device(rq);
    if (!r) return client->err.set(r.error());
    auto d = std::make_unique<cognito_devices>();
    d->items.push_back(capi::to_device(r->device));
    *out = d.release();
    return COGNITO_OK;
  });
}

int cognito_client_forget_device(cognito_client* client, const char* access_token, size_t access_token_len,
                                 const char* device_key) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "forget_device: invalid access token");
    if (!req_text(device_key)) return arg_error(client, "forget_device: invalid device key");
    cognito::ForgetDeviceRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.device_key = device_key;
    auto r = cl.forget_device(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

int cognito_client_update_device_status(cognito_client* client, const char* access_token, size_t access_token_len,
                                        const char* device_key, int remembered) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len))
      return arg_error(client, "update_device_status: invalid access token");
    if (!req_text(device_key)) return arg_error(client, "update_device_status: invalid device key");
    if (remembered != 0 && remembered != 1) return arg_error(client, "update_device_status: remembered must be 0 or 1");
    cognito::UpdateDeviceStatusRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    rq.device_key = device_key;
    rq.device_remembered_status = remembered == 1 ? "remembered" : "not_remembered";
    auto r = cl.update_device_status(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

// ---- sign-out and deletion ---------------------------------------------------------------------

int cognito_client_global_sign_out(cognito_client* client, const char* access_token, size_t access_token_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "global_sign_out: invalid access token");
    cognito::GlobalSignOutRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    auto r = cl.global_sign_out(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

int cognito_client_revoke_token(cognito_client* client, const char* refresh_token, size_t refresh_token_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(refresh_token, refresh_token_len)) return arg_error(client, "revoke_token: invalid refresh token");
    cognito::RevokeTokenRequest rq;
    rq.token = secret(refresh_token, refresh_token_len);
    auto r = cl.revoke_token(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

int cognito_client_delete_user(cognito_client* client, const char* access_token, size_t access_token_len) {
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(access_token, access_token_len)) return arg_error(client, "delete_user: invalid access token");
    cognito::DeleteUserRequest rq;
    rq.access_token = secret(access_token, access_token_len);
    auto r = cl.delete_user(rq);
    return r ? COGNITO_OK : client->err.set(r.error());
  });
}

// ---- escape hatch and token verification -----------------------------------------------------------

int cognito_client_call(cognito_client* client, const char* operation, const char* json, size_t json_len,
                        char** out, size_t* out_len) {
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  return with_client(client, [&](cognito::Client& cl) -> int {
                       if (out == nullptr) return arg_error(client, "call: out is NULL");
                       if (!req_text(operation)) return arg_error(client, "call: the operation name is NULL or empty");
                       if (!capi::valid_utf8(json, json_len)) return arg_error(client, "call: json is not UTF-8");
                       auto r = cl.call(operation, std::string_view(json == nullptr ? "" : json, json_len));
                       if (!r) return client->err.set(r.error());
                       return capi::give(r->reveal(), out, out_len);
                     });
}

int cognito_client_verify_token(cognito_client* client, const char* jwt, size_t jwt_len, int token_use,
                                char** claims_json, size_t* claims_json_len) {
  if (claims_json != nullptr) *claims_json = nullptr;
  if (claims_json_len != nullptr) *claims_json_len = 0;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (!req_bytes(jwt, jwt_len)) return arg_error(client, "verify_token: the token is NULL, empty or not UTF-8");
    if (token_use != COGNITO_TOKEN_ID && token_use != COGNITO_TOKEN_ACCESS)
      return arg_error(client, "verify_token: token_use must be COGNITO_TOKEN_ID or COGNITO_TOKEN_ACCESS");
    auto r = cl.verify_token(std::string_view(jwt, jwt_len),
                             token_use == COGNITO_TOKEN_ID ? cognito::TokenUse::Id : cognito::TokenUse::Access);
    if (!r) return client->err.set(r.error());
    if (claims_json != nullptr) return capi::give(r->payload_json, claims_json, claims_json_len);
    return COGNITO_OK;
  });
}

// ---- refresh --------------------------------------------------------------------------------------------

int cognito_client_refresh(cognito_client* client, cognito_session* session, int rotation) {
  return with_client(client, [&](cognito::Client& cl) -> int { return capi::refresh(client, cl, session, rotation); });
}

int cognito_client_refresh_if_needed(cognito_client* client, cognito_session* session, int64_t margin_s,
                                     int rotation, int* refreshed) {
  if (refreshed != nullptr) *refreshed = 0;
  return with_client(client, [&](cognito::Client& cl) -> int {
    if (session == nullptr) return arg_error(client, "refresh_if_needed: session is NULL");
    const int needed = cognito_session_needs_refresh(session, 0, margin_s);
    if (needed < 0) return arg_error(client, "refresh_if_needed: the margin must be 0..31536000 s");
    if (needed != 1) return COGNITO_OK;
    const int rc = capi::refresh(client, cl, session, rotation);
    if (rc == COGNITO_OK && refreshed != nullptr) *refreshed = 1;
    return rc;
  });
}

// ---- results: users ---------------------------------------------------------------------------------------

void cognito_user_free(cognito_user* user) { delete user; }

const char* cognito_user_username(const cognito_user* user) { return user == nullptr ? nullptr : user->username.c_str(); }

const cognito_attributes* cognito_user_attributes(const cognito_user* user) {
  return user == nullptr ? nullptr : &user->attributes;
}

const char* cognito_user_preferred_mfa(const cognito_user* user) {
  if (user == nullptr || !user->preferred_mfa) return nullptr;
  return user->preferred_mfa->c_str();
}

size_t cognito_user_mfa_count(const cognito_user* user) { return user == nullptr ? 0 : user->mfa.size(); }

const char* cognito_user_mfa(const cognito_user* user, size_t index) {
  if (user == nullptr || index >= user->mfa.size()) return nullptr;
  return user->mfa[index].c_str();
}

size_t cognito_user_auth_factor_count(const cognito_user* user) {
  return user == nullptr ? 0 : user->auth_factors.size();
}

const char* cognito_user_auth_factor(const cognito_user* user, size_t index) {
  if (user == nullptr || index >= user->auth_factors.size()) return nullptr;
  return user->auth_factors[index].c_str();
}

const char* cognito_user_json(const cognito_user* user) { return user == nullptr ? nullptr : user->json.c_str(); }

// ---- results: devices -----------------------------------------------------------------------------------------

void cognito_devices_free(cognito_devices* devices) { delete devices; }

size_t cognito_devices_count(const cognito_devices* devices) { return devices == nullptr ? 0 : devices->items.size(); }

const char* cognito_devices_key(const cognito_devices* devices, size_t index) {
  if (devices == nullptr || index >= devices->items.size()) return nullptr;
  return devices->items[index].key.c_str();
}

const char* cognito_devices_name(const cognito_devices* devices, size_t index) {
  if (devices == nullptr || index >= devices->items.size()) return nullptr;
  const std::string* v = devices->items[index].attributes.get("device_name");
  return v == nullptr ? nullptr : v->c_str();
}

const cognito_attributes* cognito_devices_attributes(const cognito_devices* devices, size_t index) {
  if (devices == nullptr || index >= devices->items.size()) return nullptr;
  return &devices->items[index].attributes;
}

int64_t cognito_devices_created_at(const cognito_devices* devices, size_t index) {
  if (devices == nullptr || index >= devices->items.size()) return 0;
  return devices->items[index].created_at;
}

int64_t cognito_devices_last_authenticated_at(const cognito_devices* devices, size_t index) {
  if (devices == nullptr || index >= devices->items.size()) return 0;
  return devices->items[index].last_authenticated_at;
}

const char* cognito_devices_pagination_token(const cognito_devices* devices) {
  if (devices == nullptr || !devices->pagination_token) return nullptr;
  return devices->pagination_token->c_str();
}

}  // extern "C"
