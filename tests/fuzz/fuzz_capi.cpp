// Fuzz target: the C ABI (capi/include/cognito/cognito.h) -- its string entry
// points and a fuzzer-chosen sequence of calls (the nghttp2 fuzz_target_fdp
// idea): configuration setters, attributes, sessions, the blocking client over
// a transport callback that serves fuzzed answers (call, account operations,
// sign-in with steps and answers, refresh, token verification with a fuzzed
// JWKS), and the sans-I/O cognito_auth machine fed fuzzed responses.
//
// Properties: every return code is 0 or a named code; every string the ABI
// returns is NUL-terminated (ASan reads it); owned strings and handles are
// all released (LeakSanitizer); the log sink never sees the password, the
// refresh token or the client secret; no real network I/O (the transport is
// the callback, and retry back-off is zero).
#include <cognito/cognito.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace {

constexpr std::string_view kPassword = "Capi#Passw0rd-SECRET";
constexpr std::string_view kRefresh = "capi-refresh-SECRET-token";
constexpr std::string_view kClientSecret = "capi-client-SECRET";
constexpr std::int64_t kNowMs = 1772366400000;

/// COGNITO_FUZZ_TRACE=1 prints the calls a corpus file makes.
bool tracing() {
  static const bool on = std::getenv("COGNITO_FUZZ_TRACE") != nullptr;
  return on;
}

struct Ctx {
  FuzzedDataProvider* in = nullptr;
  std::string_view input;  ///< the whole input
  int transport_calls = 0;
};

void check_code(int rc) {
  if (tracing() && rc != 0) std::fprintf(stderr, "   rc %d %s\n", rc, cognito_error_name(rc));
  if (rc == 0) return;
  // A transport callback may return any -2xx code; the library passes it on
  // (apps map unknown codes by range). Everything else must be a named code.
  const bool callback_transport_code = rc <= -200 && rc > -300;
  if (!callback_transport_code)
    FUZZ_CHECK(std::string_view(cognito_error_name(rc)) != "Unknown", "an unnamed return code " + std::to_string(rc));
  FUZZ_CHECK(cognito_strerror(rc) != nullptr, "cognito_strerror returned NULL");
}

/// Touches every byte of a returned string (ASan checks the terminator).
void touch(const char* s) {
  if (s != nullptr) (void)std::strlen(s);
}

/// Reads all `len` bytes of a (pointer, length) result. The ABI does not
/// promise that these have no NUL inside (a token given with an embedded NUL
/// comes back as given), only that `len` bytes are there.
void touch_bytes(const char* p, std::size_t len) {
  FUZZ_CHECK(p != nullptr || len == 0, "NULL with a length");
  volatile unsigned char sink = 0;
  for (std::size_t i = 0; i < len; ++i) sink = static_cast<unsigned char>(sink ^ static_cast<unsigned char>(p[i]));
  (void)sink;
}

void touch_attributes(const cognito_attributes* a) {
  if (a == nullptr) return;
  const std::size_t n = cognito_attributes_count(a);
  for (std::size_t i = 0; i <= n; ++i) {  // one past the end must be NULL, not a crash
    touch(cognito_attributes_name(a, i));
    touch(cognito_attributes_value(a, i));
  }
  touch(cognito_attributes_get(a, "email"));
}

void log_sink(int, const char* message, std::size_t len, void* user) {
  const auto* ctx = static_cast<const Ctx*>(user);
  const std::string_view m(message, len);
  FUZZ_CHECK(std::strlen(message) == len, "log message length");
  // Text the fuzzer supplied itself (libFuzzer learns the secrets from this very
  // comparison) may come back in a message; only the library's own copies count.
  for (std::string_view s : {kPassword, kRefresh, kClientSecret})
    if (ctx->input.find(s) == std::string_view::npos)
      FUZZ_CHECK(!cognito::fuzz::contains(m, s), "a secret reached the log sink: " + std::string(m));
}

/// Fills `rsp` from the input: status, headers, body.
void fuzzed_response(FuzzedDataProvider& in, cognito_http_response* rsp) {
  static const int kStatuses[] = {200, 200, 200, 400, 500, 503, 429};
  check_code(cognito_http_response_set_status(rsp, in.ConsumeBool() ? in.PickValueInArray(kStatuses)
                                                                     : in.ConsumeIntegral<int>()));
  const int headers = in.ConsumeIntegralInRange(0, 2);
  for (int i = 0; i < headers; ++i) {
    const std::string name = in.ConsumeBool() ? std::string("x-amzn-ErrorType") : in.ConsumeRandomLengthString(16);
    const std::string value = in.ConsumeRandomLengthString(48);
    check_code(cognito_http_response_add_header(rsp, name.c_str(), value.c_str()));
  }
  const std::string body = in.ConsumeRandomLengthString(1024);
  check_code(cognito_http_response_append_body(rsp, body.data(), body.size()));
}

int transport(const cognito_http_request* req, cognito_http_response* rsp, void* user) {
  auto* ctx = static_cast<Ctx*>(user);
  FuzzedDataProvider& in = *ctx->in;
  ++ctx->transport_calls;
  touch(cognito_http_request_method(req));
  touch(cognito_http_request_url(req));
  const std::size_t n = cognito_http_request_header_count(req);
  for (std::size_t i = 0; i <= n; ++i) {
    touch(cognito_http_request_header_name(req, i));
    touch(cognito_http_request_header_value(req, i));
  }
  touch(cognito_http_request_header(req, "x-amz-target"));
  const std::uint8_t* body = nullptr;
  std::size_t body_len = 0;
  check_code(cognito_http_request_body(req, &body, &body_len));
  (void)cognito_http_request_timeout_ms(req);
  if (tracing()) std::fprintf(stderr, "-> %s\n", cognito_http_request_header(req, "X-Amz-Target"));
  switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0: return -204;  // COGNITO_E_TIMEOUT
    case 1: return in.ConsumeIntegral<int>();  // anything else: COGNITO_E_CALLBACK or a transport code
    default: fuzzed_response(in, rsp); return 0;
  }
}

std::string str(FuzzedDataProvider& in, std::size_t max = 64) { return in.ConsumeRandomLengthString(max); }

void take_and_free(char* s) {
  touch(s);
  cognito_string_free(s);
}

void touch_step(const cognito_step* step) {
  if (step == nullptr) return;
  (void)cognito_step_kind(step);
  touch(cognito_step_challenge_name(step));
  touch(cognito_step_username(step));
  touch(cognito_step_delivery_medium(step));
  touch(cognito_step_destination(step));
  for (std::size_t i = 0, n = cognito_step_option_count(step); i <= n; ++i) touch(cognito_step_option(step, i));
  for (std::size_t i = 0, n = cognito_step_required_attribute_count(step); i <= n; ++i)
    touch(cognito_step_required_attribute(step, i));
  touch_attributes(cognito_step_user_attributes(step));
  touch_attributes(cognito_step_parameters(step));
  const char* p = nullptr;
  std::size_t len = 0;
  if (cognito_step_totp_secret(step, &p, &len) == 0) touch_bytes(p, len);
  if (cognito_step_totp_uri(step, &p, &len) == 0) touch_bytes(p, len);
  touch(cognito_step_web_authn_options(step));
  check_code(cognito_step_previous_error(step));
  touch(cognito_step_previous_error_message(step));
}

cognito_answer* fuzzed_answer(FuzzedDataProvider& in, const cognito_step* step) {
  cognito_answer* a = nullptr;
  int rc = 0;
  std::string opt = str(in, 24);
  if (step != nullptr && cognito_step_option_count(step) > 0 && in.ConsumeBool())
    opt = cognito_step_option(step, in.ConsumeIntegralInRange<std::size_t>(0, cognito_step_option_count(step) - 1));
  switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0: {
      const std::string code = str(in, 8);
      rc = cognito_answer_new_code(&a, code.data(), code.size());
      break;
    }
    case 1: rc = cognito_answer_new_select(&a, opt.c_str()); break;
    case 2: {
      cognito_attributes* attrs = nullptr;
      check_code(cognito_attributes_new(&attrs));
      const std::string name = str(in, 16), value = str(in, 16);
      check_code(cognito_attributes_set(attrs, name.c_str(), value.c_str()));
      rc = cognito_answer_new_password_required(&a, "N3w#Passw0rd", 12, attrs);
      cognito_attributes_free(attrs);
      break;
    }
    case 3: {
      const std::string text = str(in, 16);
      rc = cognito_answer_new_custom(&a, text.data(), text.size());
      break;
    }
    case 4: rc = cognito_answer_new_setup_totp(&a, in.ConsumeBool() ? nullptr : opt.c_str()); break;
    case 5: rc = cognito_answer_new_setup_email(&a, opt.c_str()); break;
    case 6: rc = cognito_answer_new_password(&a, kPassword.data(), kPassword.size(), opt.c_str()); break;
    default: {
      const std::string json = str(in, 32);
      rc = cognito_answer_new_web_authn(&a, json.data(), json.size());
      break;
    }
  }
  check_code(rc);
  if (rc != 0) FUZZ_CHECK(a == nullptr, "a failed constructor returned a handle");
  return a;
}

cognito_sign_in_request* fuzzed_request(FuzzedDataProvider& in) {
  cognito_sign_in_request* r = nullptr;
  const int flow = in.ConsumeIntegralInRange(0, 8);
  const int rc = cognito_sign_in_request_new(&r, flow);
  check_code(rc);
  if (rc != 0) return nullptr;
  const std::string user = in.ConsumeBool() ? std::string("alice") : str(in, 24);
  check_code(cognito_sign_in_request_set_username(r, user.c_str()));
  if (in.ConsumeBool()) check_code(cognito_sign_in_request_set_password(r, kPassword.data(), kPassword.size()));
  if (in.ConsumeBool()) {
    const std::string c = str(in, 16);
    check_code(cognito_sign_in_request_set_preferred_challenge(r, c.c_str()));
  }
  if (in.ConsumeBool()) {
    const std::string s = str(in, 32);
    check_code(cognito_sign_in_request_set_session(r, s.data(), s.size()));
  }
  if (in.ConsumeBool()) check_code(cognito_sign_in_request_set_refresh_token(r, kRefresh.data(), kRefresh.size()));
  if (in.ConsumeBool()) {
    const std::string key = str(in, 24);
    check_code(cognito_sign_in_request_set_device(r, key.c_str(), "-group", "devpw", 5));
  }
  if (in.ConsumeBool()) {
    const std::string k = str(in, 8), v = str(in, 8);
    check_code(cognito_sign_in_request_set_client_metadata(r, k.c_str(), v.c_str()));
  }
  return r;
}

void touch_session(cognito_session* s, FuzzedDataProvider& in) {
  if (s == nullptr) return;
  touch(cognito_session_username(s));
  const char* t = nullptr;
  std::size_t len = 0;
  for (auto get : {cognito_session_id_token, cognito_session_access_token, cognito_session_refresh_token})
    if (get(s, &t, &len) == 0) touch_bytes(t, len);
  (void)cognito_session_expires_at(s);
  (void)cognito_session_issued_at(s);
  (void)cognito_session_expires_in(s);
  (void)cognito_session_clock_drift_s(s);
  // (One fuzzed value per statement: argument evaluation order differs between compilers.)
  const std::int64_t now_ms = in.ConsumeIntegral<std::int64_t>();
  (void)cognito_session_needs_refresh(s, now_ms, in.ConsumeIntegral<std::int64_t>());
  (void)cognito_session_flags(s);
  if (cognito_session_has_device(s)) {
    touch(cognito_session_device_key(s));
    touch(cognito_session_device_group_key(s));
    if (cognito_session_device_password(s, &t, &len) == 0) touch_bytes(t, len);
  }
}

void client_sign_in(cognito_client* client, FuzzedDataProvider& in) {
  cognito_sign_in_request* req = fuzzed_request(in);
  if (req == nullptr) return;
  cognito_sign_in* si = nullptr;
  int rc = cognito_client_sign_in(client, req, &si);
  check_code(rc);
  cognito_sign_in_request_free(req);
  for (int round = 0; si != nullptr && round < 4; ++round) {
    const int state = cognito_sign_in_state(si);
    if (tracing()) std::fprintf(stderr, "   sign-in state %d\n", state);
    touch(cognito_sign_in_username(si));
    const cognito_step* step = cognito_sign_in_step(si);
    touch_step(step);
    if (state == 3 /* COGNITO_EVENT_SIGNED_IN */) {
      cognito_session* s = nullptr;
      check_code(cognito_sign_in_take_session(si, &s));
      touch_session(s, in);
      if (s != nullptr && in.ConsumeBool()) {
        int refreshed = 0;
        const std::int64_t margin = in.ConsumeIntegralInRange<std::int64_t>(0, 7200);
        check_code(cognito_client_refresh_if_needed(client, s, margin, in.ConsumeBool() ? 1 : 0, &refreshed));
      }
      cognito_session_free(s);
      break;
    }
    if (step == nullptr) break;
    cognito_answer* a = fuzzed_answer(in, step);
    if (a != nullptr) check_code(cognito_client_answer(client, si, a));
    cognito_answer_free(a);
  }
  cognito_sign_in_free(si);
}

void sans_io(const cognito_config* cfg, FuzzedDataProvider& in) {
  cognito_auth* auth = nullptr;
  const int rc = cognito_auth_new(&auth, cfg);
  check_code(rc);
  if (rc != 0) return;
  cognito_sign_in_request* req = fuzzed_request(in);
  if (req != nullptr) check_code(cognito_auth_start(auth, req, kNowMs));
  cognito_sign_in_request_free(req);
  cognito_http_response* rsp = nullptr;
  check_code(cognito_http_response_new(&rsp));
  for (int round = 0; round < 6 && in.remaining_bytes() > 0; ++round) {
    int kind = 0;
    check_code(cognito_auth_next_event(auth, &kind));
    if (tracing()) std::fprintf(stderr, "   sans-I/O event %d %s\n", kind, kind == 1 ? cognito_auth_request_operation(auth) : "");
    touch(cognito_auth_username(auth));
    if (kind == 1) {  // send
      const cognito_http_request* r = cognito_auth_request(auth);
      touch(cognito_auth_request_operation(auth));
      if (r != nullptr) touch(cognito_http_request_url(r));
      if (in.ConsumeIntegralInRange(0, 7) == 0) {
        const std::string msg = str(in, 16);
        check_code(cognito_auth_on_transport_failure(auth, in.ConsumeIntegral<int>(), msg.c_str()));
      } else {
        check_code(cognito_http_response_reset(rsp));
        fuzzed_response(in, rsp);
        check_code(cognito_auth_on_response(auth, rsp, kNowMs));
      }
    } else if (kind == 2) {  // answer
      const cognito_step* step = cognito_auth_step(auth);
      touch_step(step);
      cognito_answer* a = fuzzed_answer(in, step);
      if (a != nullptr) check_code(cognito_auth_answer(auth, a, kNowMs));
      cognito_answer_free(a);
    } else if (kind == 3) {  // signed in
      cognito_session* s = nullptr;
      check_code(cognito_auth_take_session(auth, &s));
      touch_session(s, in);
      cognito_session_free(s);
      break;
    } else {
      check_code(cognito_auth_errcode(auth));
      touch(cognito_auth_errmsg(auth));
      touch(cognito_auth_service_error(auth));
      (void)cognito_auth_http_status(auth);
      touch(cognito_auth_request_id(auth));
      break;
    }
  }
  cognito_http_response_free(rsp);
  cognito_auth_free(auth);
}

void account_call(cognito_client* c, FuzzedDataProvider& in) {
  const std::string token = in.ConsumeBool() ? std::string("access-token") : str(in, 48);
  const std::string a = str(in, 24), b = str(in, 24);
  switch (in.ConsumeIntegralInRange(0, 11)) {
    case 0: {
      char* out = nullptr;
      std::size_t out_len = 0;
      check_code(cognito_client_call(c, a.c_str(), b.data(), b.size(), &out, &out_len));
      touch_bytes(out, out_len);
      cognito_string_free(out);
      break;
    }
    case 1:
    case 2: {
      cognito_user* u = nullptr;
      check_code(in.ConsumeBool() ? cognito_client_get_user(c, token.data(), token.size(), &u)
                                  : cognito_client_get_user_auth_factors(c, token.data(), token.size(), &u));
      if (u != nullptr) {
        touch(cognito_user_username(u));
        touch_attributes(cognito_user_attributes(u));
        touch(cognito_user_preferred_mfa(u));
        for (std::size_t i = 0, n = cognito_user_mfa_count(u); i <= n; ++i) touch(cognito_user_mfa(u, i));
        for (std::size_t i = 0, n = cognito_user_auth_factor_count(u); i <= n; ++i) touch(cognito_user_auth_factor(u, i));
        touch(cognito_user_json(u));
      }
      cognito_user_free(u);
      break;
    }
    case 3: {
      cognito_devices* d = nullptr;
      check_code(in.ConsumeBool() ? cognito_client_list_devices(c, token.data(), token.size(),
                                                                in.ConsumeIntegralInRange(-1, 61), a.c_str(), &d)
                                  : cognito_client_get_device(c, token.data(), token.size(), a.c_str(), &d));
      if (d != nullptr) {
        for (std::size_t i = 0, n = cognito_devices_count(d); i <= n; ++i) {
          touch(cognito_devices_key(d, i));
          touch(cognito_devices_name(d, i));
          touch_attributes(cognito_devices_attributes(d, i));
          (void)cognito_devices_created_at(d, i);
          (void)cognito_devices_last_authenticated_at(d, i);
        }
        touch(cognito_devices_pagination_token(d));
      }
      cognito_devices_free(d);
      break;
    }
    case 4: {
      cognito_attributes* attrs = nullptr;
      check_code(cognito_attributes_new(&attrs));
      check_code(cognito_attributes_set(attrs, a.c_str(), b.c_str()));
      check_code(cognito_attributes_set(attrs, "email", "alice@example.com"));
      touch_attributes(attrs);
      int confirmed = 0;
      char* sub = nullptr;
      check_code(cognito_client_sign_up(c, "alice", kPassword.data(), kPassword.size(), attrs, &confirmed, &sub));
      take_and_free(sub);
      check_code(cognito_client_update_user_attributes(c, token.data(), token.size(), attrs));
      cognito_attributes_free(attrs);
      break;
    }
    case 5: {
      char* session = nullptr;
      std::size_t len = 0;
      check_code(cognito_client_confirm_sign_up(c, a.c_str(), b.data(), b.size(), &session, &len));
      take_and_free(session);
      touch(cognito_client_delivery_destination(c));
      touch(cognito_client_delivery_medium(c));
      touch(cognito_client_delivery_attribute(c));
      break;
    }
    case 6:
      check_code(cognito_client_forgot_password(c, a.c_str()));
      check_code(cognito_client_confirm_forgot_password(c, a.c_str(), b.data(), b.size(), kPassword.data(),
                                                        kPassword.size()));
      break;
    case 7: {
      char* secret = nullptr;
      std::size_t len = 0;
      check_code(cognito_client_associate_software_token(c, token.data(), token.size(), &secret, &len));
      take_and_free(secret);
      check_code(cognito_client_verify_software_token(c, token.data(), token.size(), b.data(), b.size(),
                                                      in.ConsumeBool() ? nullptr : a.c_str()));
      break;
    }
    case 8: {
      const char* names[] = {a.c_str(), b.c_str()};
      check_code(cognito_client_delete_user_attributes(c, token.data(), token.size(), names,
                                                       in.ConsumeIntegralInRange<std::size_t>(0, 2)));
      const int factor = in.ConsumeIntegralInRange(0, 5);
      const int enabled = in.ConsumeIntegralInRange(-1, 2);
      check_code(cognito_client_set_mfa_preference(c, token.data(), token.size(), factor, enabled,
                                                   in.ConsumeIntegralInRange(-1, 2)));
      break;
    }
    case 9: {
      char* claims = nullptr;
      std::size_t len = 0;
      const std::string jwt = str(in, 512);
      check_code(cognito_client_verify_token(c, jwt.data(), jwt.size(), in.ConsumeIntegralInRange(0, 3), &claims,
                                             &len));
      take_and_free(claims);
      break;
    }
    case 10:
      check_code(cognito_client_revoke_token(c, kRefresh.data(), kRefresh.size()));
      check_code(cognito_client_global_sign_out(c, token.data(), token.size()));
      check_code(cognito_client_forget_device(c, token.data(), token.size(), a.c_str()));
      check_code(cognito_client_update_device_status(c, token.data(), token.size(), a.c_str(), in.ConsumeBool()));
      break;
    default:
      check_code(cognito_client_change_password(c, token.data(), token.size(), kPassword.data(), kPassword.size(),
                                                b.data(), b.size()));
      check_code(cognito_client_get_user_attribute_verification_code(c, token.data(), token.size(), a.c_str()));
      check_code(cognito_client_verify_user_attribute(c, token.data(), token.size(), a.c_str(), b.data(), b.size()));
      check_code(cognito_client_resend_confirmation_code(c, a.c_str()));
      check_code(cognito_client_delete_user(c, token.data(), token.size()));
      break;
  }
  check_code(cognito_client_errcode(c));
  touch(cognito_client_errmsg(c));
  touch(cognito_client_service_error(c));
  (void)cognito_client_http_status(c);
  touch(cognito_client_request_id(c));
}

cognito_config* make_config(FuzzedDataProvider& in, Ctx& ctx) {
  cognito_config* cfg = nullptr;
  check_code(cognito_config_new(&cfg));
  FUZZ_CHECK(cfg != nullptr, "cognito_config_new");
  const std::string pool = in.ConsumeBool() ? std::string("us-east-1_FuzzPool1") : str(in, 32);
  const std::string client = in.ConsumeBool() ? std::string("fuzzclient0000000000000001") : str(in, 32);
  check_code(cognito_config_set_user_pool_id(cfg, pool.c_str()));
  check_code(cognito_config_set_client_id(cfg, client.c_str()));
  if (in.ConsumeBool()) check_code(cognito_config_set_client_secret(cfg, kClientSecret.data(), kClientSecret.size()));
  const int extra = in.ConsumeIntegralInRange(0, 4);
  for (int i = 0; i < extra; ++i) {
    const std::string v = str(in, 48);
    switch (in.ConsumeIntegralInRange(0, 9)) {
      case 0: check_code(cognito_config_set_region(cfg, v.c_str())); break;
      case 1: check_code(cognito_config_set_endpoint(cfg, v.c_str())); break;
      case 2: check_code(cognito_config_set_device_name(cfg, v.c_str())); break;
      case 3: check_code(cognito_config_set_user_agent_suffix(cfg, v.c_str())); break;
      case 4: check_code(cognito_config_set_token_issuer(cfg, v.c_str())); break;
      case 5: check_code(cognito_config_set_srp_ephemeral_bits(cfg, in.ConsumeIntegral<unsigned>())); break;
      case 6: check_code(cognito_config_set_token_leeway_s(cfg, in.ConsumeIntegral<std::int64_t>())); break;
      case 7: check_code(cognito_config_set_fips(cfg, in.ConsumeIntegralInRange(-1, 2))); break;
      case 8: check_code(cognito_config_set_max_response_bytes(cfg, in.ConsumeIntegral<std::size_t>())); break;
      default: check_code(cognito_config_set_remember_devices(cfg, in.ConsumeBool())); break;
    }
    touch(cognito_config_errmsg(cfg));
  }
  // Never the network, never a real wait.
  check_code(cognito_config_set_transport(cfg, &transport, &ctx));
  check_code(cognito_config_set_log(cfg, 5, &log_sink, &ctx));
  check_code(cognito_config_set_retries(cfg, in.ConsumeIntegralInRange(1, 3)));
  check_code(cognito_config_set_retry_delays_ms(cfg, 0, 0, 0));
  check_code(cognito_config_set_deadline_ms(cfg, 60000));
  return cfg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Ctx ctx;
  ctx.in = &in;
  ctx.input = std::string_view(reinterpret_cast<const char*>(data), size);

  // Error names and descriptions of any code.
  const int code = in.ConsumeIntegral<int>();
  touch(cognito_strerror(code));
  touch(cognito_error_name(code));
  (void)cognito_is_fatal(code);

  cognito_config* cfg = make_config(in, ctx);
  cognito_client* client = nullptr;
  const int rc = cognito_client_new(&client, cfg);
  check_code(rc);
  if (rc == 0) touch(cognito_client_endpoint(client));
  for (int op = 0; op < 6 && in.remaining_bytes() > 0; ++op) {
    switch (in.ConsumeIntegralInRange(0, 4)) {
      case 0:
        if (client != nullptr) account_call(client, in);
        break;
      case 1:
        if (client != nullptr) client_sign_in(client, in);
        break;
      case 2: sans_io(cfg, in); break;
      case 3: {
        cognito_session* s = nullptr;
        const std::string id = str(in, 256), access = str(in, 256);
        const int src = cognito_session_new(&s, "alice", id.data(), id.size(), access.data(), access.size(),
                                            kRefresh.data(), kRefresh.size());
        check_code(src);
        touch_session(s, in);
        if (s != nullptr && client != nullptr && in.ConsumeBool())
          check_code(cognito_client_refresh(client, s, in.ConsumeBool() ? 1 : 0));
        if (s != nullptr) {
          const std::string key = str(in, 24);
          check_code(cognito_session_set_device(s, key.c_str(), "-group", "pw", 2));
          check_code(cognito_session_clear_device(s));
        }
        cognito_session_free(s);
        break;
      }
      default: {
        cognito_attributes* a = nullptr;
        check_code(cognito_attributes_new(&a));
        const int n = in.ConsumeIntegralInRange(0, 4);
        for (int i = 0; i < n; ++i) {
          const std::string k = str(in, 16), v = str(in, 16);
          check_code(cognito_attributes_set(a, k.c_str(), v.c_str()));
        }
        touch_attributes(a);
        cognito_attributes_free(a);
        break;
      }
    }
  }
  cognito_client_free(client);
  cognito_config_free(cfg);
  return 0;
}
