// libcognito C API — the sans-I/O sign-in machine (cognito_auth): the
// application sends the requests with its own HTTP stack.
#include <variant>

#include "capi_internal.hpp"

using capi::guard;


namespace {

/// Runs one auth call: the busy check, NULL / fatal checks, error slot reset,
/// firewall.
template <class F>
int with_auth(cognito_auth* a, F&& f) noexcept {
  if (a == nullptr) return COGNITO_E_INVALID_ARG;
  const capi::CallGuard call(a->busy);
  if (!call.owned()) return COGNITO_E_INVALID_STATE;  // the handle belongs to the call in progress
  if (a->poisoned) return a->err.set_static(COGNITO_E_INVALID_STATE, "the auth machine is unusable after a fatal error");
  a->err.clear();
  const int rc = guard(&a->err, [&]() -> int { return f(*a->machine); });
  if (cognito_is_fatal(rc)) {
    a->poisoned = true;
    a->forget_event();
  }
  return rc;
}

/// Asks the machine for its event and caches it in the handle.
int refresh_event(cognito_auth& a) {
  a.forget_event();
  cognito::AuthEvent ev = a.machine->next_event();
  if (auto* send = std::get_if<cognito::SendRequest>(&ev)) {
    a.pending.emplace(std::move(*send));
    a.request_view = cognito_http_request{&a.pending->request, 0, nullptr};
    a.kind = COGNITO_EVENT_SEND_REQUEST;
  } else if (auto* need = std::get_if<cognito::NeedAnswer>(&ev)) {
    a.step.load(std::move(need->step));
    a.kind = COGNITO_EVENT_NEED_ANSWER;
  } else if (std::holds_alternative<cognito::SignedIn>(ev)) {
    a.kind = COGNITO_EVENT_SIGNED_IN;
  } else {
    a.err.set(std::get<cognito::Failed>(ev).error);
    a.kind = COGNITO_EVENT_FAILED;
  }
  return a.kind;
}

int take_signed_in(cognito_auth& a, std::optional<cognito::SignedIn>& out) {
  if (a.taken) return a.err.set(COGNITO_E_INVALID_STATE, "the sign-in's outcome was taken already");
  cognito::AuthEvent ev = a.machine->next_event();
  auto* done = std::get_if<cognito::SignedIn>(&ev);
  if (done == nullptr) return a.err.set(COGNITO_E_INVALID_STATE, "the machine has not signed in");
  out.emplace(std::move(*done));
  a.taken = true;
  a.forget_event();
  return COGNITO_OK;
}

}  // namespace

extern "C" {

int cognito_auth_new(cognito_auth** out, const cognito_config* config) {
  if (out != nullptr) *out = nullptr;
  if (out == nullptr || config == nullptr) return COGNITO_E_INVALID_ARG;
  config->err.clear();
  return guard(&config->err, [&]() -> int {
    const cognito::ClientConfig& cc = config->client;
    auto endpoint = cognito::resolve_endpoint(cc);
    if (!endpoint) return config->err.set(endpoint.error());
    cognito::AuthConfig ac;
    ac.user_pool_id = cc.user_pool_id;
    ac.client_id = cc.client_id;
    ac.client_secret = cc.client_secret.clone();
    ac.endpoint = *endpoint;
    ac.srp = cc.srp;
    ac.remember_devices = cc.remember_devices;
    if (!cc.device_name.empty()) ac.device_name = cc.device_name;
    if (!cc.totp_issuer.empty()) ac.totp_issuer = cc.totp_issuer;
    ac.log = cc.log;
    auto machine = cognito::AuthMachine::create(std::move(ac));
    if (!machine) return config->err.set(machine.error());
    auto a = std::make_unique<cognito_auth>();
    a->machine.emplace(std::move(*machine));
    *out = a.release();
    return COGNITO_OK;
  });
}

void cognito_auth_free(cognito_auth* auth) { delete auth; }

int cognito_auth_start(cognito_auth* auth, const cognito_sign_in_request* request, int64_t now_unix_ms) {
  return with_auth(auth, [&](cognito::AuthMachine& m) -> int {
    if (request == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "start: request is NULL");
    const auto now = capi::time_arg(now_unix_ms);
    if (!now) return auth->err.set(COGNITO_E_INVALID_ARG, "start: now_unix_ms is negative");
    auto r = m.start(capi::clone_request(request->request), *now);
    if (!r) return auth->err.set(r.error());
    auth->forget_event();
    auth->taken = false;
    auth->used_device.reset();
    if (request->request.device) auth->used_device = request->request.device->clone();
    return COGNITO_OK;
  });
}

int cognito_auth_next_event(cognito_auth* auth, int* kind) {
  if (kind != nullptr) *kind = 0;
  return with_auth(auth, [&](cognito::AuthMachine&) -> int {
    if (kind == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "next_event: kind is NULL");
    *kind = refresh_event(*auth);
    return COGNITO_OK;
  });
}

const cognito_http_request* cognito_auth_request(const cognito_auth* auth) {
  if (auth == nullptr || auth->kind != COGNITO_EVENT_SEND_REQUEST || !auth->pending) return nullptr;
  return &auth->request_view;
}

const char* cognito_auth_request_operation(const cognito_auth* auth) {
  if (auth == nullptr || auth->kind != COGNITO_EVENT_SEND_REQUEST || !auth->pending) return nullptr;
  return auth->pending->operation.c_str();
}

int cognito_auth_on_response(cognito_auth* auth, const cognito_http_response* response, int64_t now_unix_ms) {
  return with_auth(auth, [&](cognito::AuthMachine& m) -> int {
    if (response == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "on_response: response is NULL");
    if (response->response.status < 100 || response->response.status > 599)
      return auth->err.set(COGNITO_E_INVALID_ARG, "on_response: the response has no HTTP status");
    const auto now = capi::time_arg(now_unix_ms);
    if (!now) return auth->err.set(COGNITO_E_INVALID_ARG, "on_response: now_unix_ms is negative");
    auth->forget_event();
    auto r = m.on_response(response->response, *now);
    return r ? COGNITO_OK : auth->err.set(r.error());
  });
}

int cognito_auth_on_transport_failure(cognito_auth* auth, int code, const char* message) {
  return with_auth(auth, [&](cognito::AuthMachine& m) -> int {
    if (!((code <= -200 && code > -300) || code == COGNITO_E_CALLBACK))
      return auth->err.set(COGNITO_E_INVALID_ARG, "on_transport_failure: code must be -2xx or COGNITO_E_CALLBACK");
    if (message != nullptr && !capi::valid_text(message))
      return auth->err.set(COGNITO_E_INVALID_ARG, "on_transport_failure: message is not UTF-8 text");
    cognito::AuthEvent ev = m.next_event();
    if (!std::holds_alternative<cognito::SendRequest>(ev))
      return auth->err.set(COGNITO_E_INVALID_STATE, "on_transport_failure: no request is pending");
    auth->forget_event();
    m.on_transport_failure(cognito::Error(code == COGNITO_E_CALLBACK ? cognito::ErrorCode::Callback : capi::transport_code(code),
                                          message == nullptr ? std::string("transport failure") : message));
    return COGNITO_OK;
  });
}

const cognito_step* cognito_auth_step(const cognito_auth* auth) {
  if (auth == nullptr || auth->kind != COGNITO_EVENT_NEED_ANSWER) return nullptr;
  return &auth->step;
}

int cognito_auth_answer(cognito_auth* auth, const cognito_answer* answer, int64_t now_unix_ms) {
  return with_auth(auth, [&](cognito::AuthMachine& m) -> int {
    if (answer == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "answer: answer is NULL");
    const auto now = capi::time_arg(now_unix_ms);
    if (!now) return auth->err.set(COGNITO_E_INVALID_ARG, "answer: now_unix_ms is negative");
    auto r = m.answer(capi::clone_answer(answer->answer), *now);
    if (!r) return auth->err.set(r.error());  // nothing changed: the cached step stays valid
    auth->forget_event();
    return COGNITO_OK;
  });
}

int cognito_auth_take_session(cognito_auth* auth, cognito_session** out) {
  if (out != nullptr) *out = nullptr;
  return with_auth(auth, [&](cognito::AuthMachine&) -> int {
    if (out == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "take_session: out is NULL");
    std::optional<cognito::SignedIn> done;
    if (const int rc = take_signed_in(*auth, done); rc != COGNITO_OK) return rc;
    *out = cognito_session::from(std::move(*done), auth->used_device).release();
    return COGNITO_OK;
  });
}

int cognito_auth_update_session(cognito_auth* auth, cognito_session* session) {
  return with_auth(auth, [&](cognito::AuthMachine&) -> int {
    if (session == nullptr) return auth->err.set(COGNITO_E_INVALID_ARG, "update_session: session is NULL");
    std::optional<cognito::SignedIn> done;
    if (const int rc = take_signed_in(*auth, done); rc != COGNITO_OK) return rc;
    session->update(std::move(*done));
    return COGNITO_OK;
  });
}

const char* cognito_auth_username(const cognito_auth* auth) {
  if (auth == nullptr || !auth->machine) return nullptr;
  return auth->machine->username().c_str();
}

int cognito_auth_errcode(const cognito_auth* auth) { return auth == nullptr ? COGNITO_E_INVALID_ARG : auth->err.code; }

const char* cognito_auth_errmsg(const cognito_auth* auth) {
  return auth == nullptr ? "invalid argument: the auth machine is NULL" : auth->err.msg();
}

const char* cognito_auth_service_error(const cognito_auth* auth) {
  if (auth == nullptr || auth->err.service.empty()) return nullptr;
  return auth->err.service.c_str();
}

int cognito_auth_http_status(const cognito_auth* auth) { return auth == nullptr ? 0 : auth->err.http_status; }

const char* cognito_auth_request_id(const cognito_auth* auth) {
  if (auth == nullptr || auth->err.request_id.empty()) return nullptr;
  return auth->err.request_id.c_str();
}

}  // extern "C"
