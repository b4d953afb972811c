/* The C API without network: the sans-I/O machine (cognito_auth) driven
 * through a scripted HTTP exchange, and the blocking client over a custom
 * transport callback. Pure C99. */
#include <stdint.h>
#include <time.h>

#include "capi_test.h"

static const char kPassword[] = "S3cret!pass";

/* ---- log capture ---- */
static buf_t g_log;
static void on_log(int level, const char *message, size_t len, void *user_data) {
  (void)user_data;
  CHECK(level >= COGNITO_LOG_ERROR && level <= COGNITO_LOG_TRACE);
  CHECK(strlen(message) == len);
  buf_append(&g_log, message, len);
  buf_append(&g_log, "\n", 1);
}

static cognito_config *make_config(void) {
  cognito_config *cfg = NULL;
  REQUIRE(cognito_config_new(&cfg) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_config_set_user_pool_id(cfg, "us-east-1_Fake12345"));
  CHECK_RC(COGNITO_OK, cognito_config_set_client_id(cfg, "fakeclient0000000000000001"));
  CHECK_RC(COGNITO_OK, cognito_config_set_log(cfg, COGNITO_LOG_TRACE, on_log, NULL));
  return cfg;
}

/* Tokens that expire in an hour (readable claims, fake signature). */
static void make_tokens(const char *user, char *id, char *access, size_t size) {
  char payload[512];
  long long now = (long long)time(NULL);
  snprintf(payload, sizeof payload,
           "{\"sub\":\"0000-1111\",\"cognito:username\":\"%s\",\"token_use\":\"id\",\"aud\":\"fakeclient0000000000000001\","
           "\"iat\":%lld,\"exp\":%lld}", user, now, now + 3600);
  fake_jwt(payload, id, size);
  snprintf(payload, sizeof payload,
           "{\"sub\":\"0000-1111\",\"username\":\"%s\",\"token_use\":\"access\",\"client_id\":\"fakeclient0000000000000001\","
           "\"iat\":%lld,\"exp\":%lld,\"jti\":\"%lld\"}", user, now, now + 3600, now ^ (long long)clock());
  fake_jwt(payload, access, size);
}

static cognito_http_response *response(int status, const char *request_id, const char *body) {
  cognito_http_response *rsp = NULL;
  REQUIRE(cognito_http_response_new(&rsp) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_http_response_set_status(rsp, status));
  CHECK_RC(COGNITO_OK, cognito_http_response_add_header(rsp, "Content-Type", "application/x-amz-json-1.1"));
  if (request_id != NULL) CHECK_RC(COGNITO_OK, cognito_http_response_add_header(rsp, "x-amzn-RequestId", request_id));
  CHECK_RC(COGNITO_OK, cognito_http_response_append_body(rsp, body, strlen(body)));
  return rsp;
}

static int push(cognito_auth *a, int status, const char *request_id, const char *body) {
  cognito_http_response *rsp = response(status, request_id, body);
  int rc = cognito_auth_on_response(a, rsp, 0);
  cognito_http_response_free(rsp);
  return rc;
}

/* The body of the pending request as a C string (copied into `out`). */
static void request_body(cognito_auth *a, char *out, size_t size) {
  const uint8_t *body = NULL;
  size_t len = 0;
  const cognito_http_request *rq = cognito_auth_request(a);
  REQUIRE(rq != NULL);
  CHECK_RC(COGNITO_OK, cognito_http_request_body(rq, &body, &len));
  REQUIRE(len < size);
  memcpy(out, body, len);
  out[len] = '\0';
}

static int next(cognito_auth *a) {
  int kind = 0;
  CHECK_RC(COGNITO_OK, cognito_auth_next_event(a, &kind));
  return kind;
}

static void test_sans_io_sign_in_with_mfa_and_refresh(void) {
  cognito_config *cfg = make_config();
  cognito_auth *a = NULL;
  cognito_sign_in_request *rq = NULL;
  cognito_answer *ans = NULL;
  cognito_session *s = NULL, *s2 = NULL;
  const cognito_http_request *http;
  const cognito_step *step;
  char body[8192], id[2048], access[2048], reply[8192];
  const char *tok;
  size_t tok_len, i;
  int saw_target = 0;

  REQUIRE(cognito_auth_new(&a, cfg) == COGNITO_OK);
  CHECK(cognito_auth_errcode(a) == COGNITO_OK);
  /* before start: FAILED with INVALID_STATE */
  CHECK(next(a) == COGNITO_EVENT_FAILED);
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_errcode(a));

  REQUIRE(cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_PASSWORD) == COGNITO_OK);
  /* incomplete request: no username */
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_auth_start(a, rq, 0));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_username(rq, "alice"));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_password(rq, kPassword, strlen(kPassword)));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_client_metadata(rq, "app", "test"));
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_start(a, rq, 0)); /* one is running */

  /* 1. InitiateAuth */
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK(next(a) == COGNITO_EVENT_SEND_REQUEST); /* asking again: same event */
  CHECK_STR("InitiateAuth", cognito_auth_request_operation(a));
  http = cognito_auth_request(a);
  REQUIRE(http != NULL);
  CHECK_STR("POST", cognito_http_request_method(http));
  CHECK_STR("https://cognito-idp.us-east-1.amazonaws.com/", cognito_http_request_url(http));
  CHECK_STR("AWSCognitoIdentityProviderService.InitiateAuth", cognito_http_request_header(http, "x-amz-target"));
  for (i = 0; i < cognito_http_request_header_count(http); ++i)
    if (strcmp(cognito_http_request_header_name(http, i), "X-Amz-Target") == 0) saw_target = 1;
  CHECK(saw_target);
  CHECK(cognito_http_request_header_name(http, 999) == NULL);
  CHECK(cognito_http_request_timeout_ms(http) == 0);
  request_body(a, body, sizeof body);
  CHECK(strstr(body, "USER_PASSWORD_AUTH") != NULL);
  CHECK(strstr(body, "\"alice\"") != NULL);
  CHECK(strstr(body, "fakeclient0000000000000001") != NULL);
  CHECK(cognito_auth_step(a) == NULL);

  /* 2. the service asks for a TOTP code */
  CHECK_RC(COGNITO_OK, push(a, 200, "req-1",
                            "{\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"Session\":\"session-1\","
                            "\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"alice\",\"FRIENDLY_DEVICE_NAME\":\"phone\"}}"));
  CHECK(cognito_auth_request(a) == NULL); /* the request was answered */
  REQUIRE(next(a) == COGNITO_EVENT_NEED_ANSWER);
  step = cognito_auth_step(a);
  REQUIRE(step != NULL);
  CHECK(cognito_step_kind(step) == COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE);
  CHECK_STR("SOFTWARE_TOKEN_MFA", cognito_step_challenge_name(step));
  CHECK_STR("alice", cognito_step_username(step));
  CHECK_STR("phone", cognito_attributes_get(cognito_step_parameters(step), "FRIENDLY_DEVICE_NAME"));
  CHECK(cognito_step_previous_error(step) == 0);
  CHECK(cognito_step_option_count(step) == 0);
  CHECK(cognito_step_option(step, 0) == NULL);
  {
    const char *secret = "x";
    size_t secret_len = 1;
    CHECK_RC(COGNITO_E_INVALID_STATE, cognito_step_totp_secret(step, &secret, &secret_len));
    CHECK(secret == NULL && secret_len == 0);
  }

  /* a wrong kind of answer is refused and changes nothing */
  REQUIRE(cognito_answer_new_select(&ans, "SMS_MFA") == COGNITO_OK);
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_auth_answer(a, ans, 0));
  cognito_answer_free(ans);
  CHECK(next(a) == COGNITO_EVENT_NEED_ANSWER);

  /* 3. a code the service rejects: the step is asked again */
  REQUIRE(cognito_answer_new_code(&ans, "111111", 6) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_auth_answer(a, ans, 0));
  cognito_answer_free(ans);
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK_STR("RespondToAuthChallenge", cognito_auth_request_operation(a));
  request_body(a, body, sizeof body);
  CHECK(strstr(body, "SOFTWARE_TOKEN_MFA_CODE") != NULL);
  CHECK(strstr(body, "111111") != NULL);
  CHECK(strstr(body, "session-1") != NULL);
  push(a, 400, "req-2", "{\"__type\":\"CodeMismatchException\",\"message\":\"Invalid code received for user\"}");
  REQUIRE(next(a) == COGNITO_EVENT_NEED_ANSWER);
  step = cognito_auth_step(a);
  CHECK(cognito_step_kind(step) == COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE);
  CHECK_RC(COGNITO_E_CODE_MISMATCH, cognito_step_previous_error(step));
  CHECK(cognito_step_previous_error_message(step) != NULL);

  /* 4. the right code: signed in */
  REQUIRE(cognito_answer_new_code(&ans, "222222", 6) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_auth_answer(a, ans, 0));
  cognito_answer_free(ans);
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  make_tokens("alice", id, access, sizeof id);
  snprintf(reply, sizeof reply,
           "{\"AuthenticationResult\":{\"AccessToken\":\"%s\",\"IdToken\":\"%s\",\"RefreshToken\":\"refresh-1\","
           "\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"},\"ChallengeParameters\":{}}",
           access, id);
  CHECK_RC(COGNITO_OK, push(a, 200, "req-3", reply));
  REQUIRE(next(a) == COGNITO_EVENT_SIGNED_IN);
  CHECK_STR("alice", cognito_auth_username(a));
  REQUIRE(cognito_auth_take_session(a, &s) == COGNITO_OK);
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_take_session(a, &s2));
  CHECK(s2 == NULL);
  CHECK_STR("alice", cognito_session_username(s));
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK(tok_len == strlen(access) && strcmp(tok, access) == 0);
  CHECK_RC(COGNITO_OK, cognito_session_id_token(s, &tok, &tok_len));
  CHECK(tok_len == strlen(id) && strcmp(tok, id) == 0);
  CHECK_RC(COGNITO_OK, cognito_session_refresh_token(s, &tok, &tok_len));
  CHECK(tok_len == 9 && strcmp(tok, "refresh-1") == 0);
  CHECK(cognito_session_expires_in(s) == 3600);
  CHECK(cognito_session_expires_at(s) >= (int64_t)time(NULL) + 3500);
  CHECK(cognito_session_needs_refresh(s, 0, 60) == 0);
  CHECK(cognito_session_needs_refresh(s, ((int64_t)time(NULL) + 7200) * 1000, 60) == 1);
  CHECK(cognito_session_has_device(s) == 0);
  CHECK(cognito_session_flags(s) == 0);

  /* 5. a sans-I/O refresh keeps the refresh token */
  cognito_sign_in_request_free(rq);
  rq = NULL;
  REQUIRE(cognito_sign_in_request_new_refresh(&rq, s, 0) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  request_body(a, body, sizeof body);
  CHECK(strstr(body, "REFRESH_TOKEN_AUTH") != NULL);
  CHECK(strstr(body, "refresh-1") != NULL);
  make_tokens("alice", id, access, sizeof id);
  snprintf(reply, sizeof reply,
           "{\"AuthenticationResult\":{\"AccessToken\":\"%s\",\"IdToken\":\"%s\",\"ExpiresIn\":3600,"
           "\"TokenType\":\"Bearer\"},\"ChallengeParameters\":{}}",
           access, id);
  CHECK_RC(COGNITO_OK, push(a, 200, "req-4", reply));
  REQUIRE(next(a) == COGNITO_EVENT_SIGNED_IN);
  CHECK_RC(COGNITO_OK, cognito_auth_update_session(a, s));
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_update_session(a, s));
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK(strcmp(tok, access) == 0);
  CHECK_RC(COGNITO_OK, cognito_session_refresh_token(s, &tok, &tok_len));
  CHECK(strcmp(tok, "refresh-1") == 0);

  /* 6. a service error ends the sign-in; the details are on the handle */
  cognito_sign_in_request_free(rq);
  rq = NULL;
  REQUIRE(cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_PASSWORD) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_username(rq, "alice"));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_password(rq, "wrong-password", 14));
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED,
           push(a, 400, "req-5", "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}"));
  CHECK(next(a) == COGNITO_EVENT_FAILED);
  CHECK(next(a) == COGNITO_EVENT_FAILED); /* sticky */
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED, cognito_auth_errcode(a));
  CHECK_STR("NotAuthorizedException", cognito_auth_service_error(a));
  CHECK(cognito_auth_http_status(a) == 400);
  CHECK_STR("req-5", cognito_auth_request_id(a));
  CHECK(strstr(cognito_auth_errmsg(a), "Incorrect username or password") != NULL);
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_take_session(a, &s2));

  /* 7. a transport failure ends it too */
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_auth_on_transport_failure(a, COGNITO_E_NOT_AUTHORIZED, "no"));
  CHECK_RC(COGNITO_OK, cognito_auth_on_transport_failure(a, COGNITO_E_TIMEOUT, "timed out"));
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_auth_on_transport_failure(a, COGNITO_E_TIMEOUT, "again"));
  CHECK(next(a) == COGNITO_EVENT_FAILED);
  CHECK_RC(COGNITO_E_TIMEOUT, cognito_auth_errcode(a));
  CHECK(cognito_auth_service_error(a) == NULL);
  /* a -2xx code this version does not define is reported as COGNITO_E_TRANSPORT */
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK_RC(COGNITO_OK, cognito_auth_on_transport_failure(a, -299, "a future transport code"));
  CHECK(next(a) == COGNITO_EVENT_FAILED);
  CHECK_RC(COGNITO_E_TRANSPORT, cognito_auth_errcode(a));

  /* 8. a malformed answer */
  CHECK_RC(COGNITO_OK, cognito_auth_start(a, rq, 0));
  REQUIRE(next(a) == COGNITO_EVENT_SEND_REQUEST);
  CHECK(push(a, 200, NULL, "this is not json") < 0);
  CHECK(next(a) == COGNITO_EVENT_FAILED);
  CHECK(cognito_auth_errcode(a) / 100 == -6);

  /* nothing secret was logged */
  CHECK(g_log.len > 0 && strstr(g_log.data, "sign-in") != NULL);
  CHECK(strstr(g_log.data, kPassword) == NULL);
  CHECK(strstr(g_log.data, "111111") == NULL && strstr(g_log.data, "222222") == NULL);
  CHECK(strstr(g_log.data, "refresh-1") == NULL && strstr(g_log.data, "session-1") == NULL);
  CHECK(strstr(g_log.data, access) == NULL);

  cognito_session_free(s);
  cognito_sign_in_request_free(rq);
  cognito_auth_free(a);
  cognito_config_free(cfg);
}

/* ---- a blocking client over a scripted transport callback ---- */

typedef struct {
  int calls;
  int fail_with;      /* returned instead of an answer when nonzero */
  char last_op[64];
  int64_t last_timeout_ms;
  char access[2048], id[2048];
} script_t;

static int scripted(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  script_t *sc = (script_t *)user_data;
  const char *target = cognito_http_request_header(rq, "X-AMZ-TARGET");
  const char *op = target ? strrchr(target, '.') : NULL;
  char body[8192];
  ++sc->calls;
  sc->last_timeout_ms = cognito_http_request_timeout_ms(rq);
  snprintf(sc->last_op, sizeof sc->last_op, "%s", op ? op + 1 : "?");
  if (sc->fail_with != 0) return sc->fail_with;
  cognito_http_response_set_status(rsp, 200);
  cognito_http_response_add_header(rsp, "x-amzn-RequestId", "script-req");
  if (strcmp(sc->last_op, "InitiateAuth") == 0) {
    snprintf(body, sizeof body,
             "{\"AuthenticationResult\":{\"AccessToken\":\"%s\",\"IdToken\":\"%s\",\"RefreshToken\":\"r-1\","
             "\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"},\"ChallengeParameters\":{}}",
             sc->access, sc->id);
  } else if (strcmp(sc->last_op, "GetUser") == 0) {
    snprintf(body, sizeof body,
             "{\"Username\":\"bob\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"bob@example.com\"},"
             "{\"Name\":\"sub\",\"Value\":\"42\"}],\"UserMFASettingList\":[\"SOFTWARE_TOKEN_MFA\"],"
             "\"PreferredMfaSetting\":\"SOFTWARE_TOKEN_MFA\"}");
  } else if (strcmp(sc->last_op, "ForgotPassword") == 0) {
    snprintf(body, sizeof body,
             "{\"CodeDeliveryDetails\":{\"Destination\":\"b***@e***.com\",\"DeliveryMedium\":\"EMAIL\","
             "\"AttributeName\":\"email\"}}");
  } else if (strcmp(sc->last_op, "ListDevices") == 0) {
    snprintf(body, sizeof body,
             "{\"Devices\":[{\"DeviceKey\":\"us-east-1_dev1\",\"DeviceAttributes\":[{\"Name\":\"device_name\","
             "\"Value\":\"laptop\"}],\"DeviceCreateDate\":1700000000.5}],\"PaginationToken\":\"next\"}");
  } else {
    cognito_http_response_set_status(rsp, 400);
    snprintf(body, sizeof body, "{\"__type\":\"UnsupportedOperationException\",\"message\":\"not scripted\"}");
  }
  cognito_http_response_append_body(rsp, body, strlen(body));
  return 0;
}

static void test_blocking_client_over_callback(void) {
  cognito_config *cfg = make_config();
  cognito_client *c = NULL;
  cognito_sign_in_request *rq = NULL;
  cognito_sign_in *si = NULL;
  cognito_session *s = NULL, *s2 = NULL;
  cognito_user *u = NULL;
  cognito_devices *d = NULL;
  script_t sc;
  char *out = NULL;
  size_t out_len = 0;
  const char *tok;
  size_t tok_len;

  memset(&sc, 0, sizeof sc);
  make_tokens("bob", sc.id, sc.access, sizeof sc.id);
  CHECK_RC(COGNITO_OK, cognito_config_set_transport(cfg, scripted, &sc));
  CHECK_RC(COGNITO_OK, cognito_config_set_retries(cfg, 1));
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_config_set_retries(cfg, 0));
  CHECK(strlen(cognito_config_errmsg(cfg)) > 0);
  REQUIRE(cognito_client_new(&c, cfg) == COGNITO_OK);
  CHECK_STR("", cognito_config_errmsg(cfg));
  CHECK_STR("https://cognito-idp.us-east-1.amazonaws.com/", cognito_client_endpoint(c));

  REQUIRE(cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_PASSWORD) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_username(rq, "bob"));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_password(rq, kPassword, strlen(kPassword)));
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL);
  CHECK(cognito_sign_in_state(si) == COGNITO_EVENT_SIGNED_IN);
  CHECK(cognito_sign_in_step(si) == NULL);
  CHECK(sc.last_timeout_ms > 0);
  REQUIRE(cognito_sign_in_take_session(si, &s) == COGNITO_OK);
  CHECK_RC(COGNITO_E_INVALID_STATE, cognito_sign_in_take_session(si, &s2));
  CHECK(s2 == NULL);
  CHECK_STR("bob", cognito_session_username(s));

  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_get_user(c, tok, tok_len, &u));
  REQUIRE(u != NULL);
  CHECK_STR("bob", cognito_user_username(u));
  CHECK(cognito_attributes_count(cognito_user_attributes(u)) == 2);
  CHECK_STR("email", cognito_attributes_name(cognito_user_attributes(u), 0));
  CHECK_STR("bob@example.com", cognito_attributes_get(cognito_user_attributes(u), "email"));
  CHECK_STR("SOFTWARE_TOKEN_MFA", cognito_user_preferred_mfa(u));
  CHECK(cognito_user_mfa_count(u) == 1);
  CHECK(strstr(cognito_user_json(u), "\"Username\":\"bob\"") != NULL);
  cognito_user_free(u);

  CHECK_CLIENT_OK(c, cognito_client_list_devices(c, tok, tok_len, 10, NULL, &d));
  REQUIRE(d != NULL);
  CHECK(cognito_devices_count(d) == 1);
  CHECK_STR("us-east-1_dev1", cognito_devices_key(d, 0));
  CHECK_STR("laptop", cognito_devices_name(d, 0));
  CHECK(cognito_devices_created_at(d, 0) == 1700000000);
  CHECK_STR("next", cognito_devices_pagination_token(d));
  cognito_devices_free(d);

  CHECK_CLIENT_OK(c, cognito_client_forgot_password(c, "bob"));
  CHECK_STR("EMAIL", cognito_client_delivery_medium(c));
  CHECK_STR("b***@e***.com", cognito_client_delivery_destination(c));
  CHECK_STR("email", cognito_client_delivery_attribute(c));

  CHECK_CLIENT_OK(c, cognito_client_call(c, "GetUser", "{\"AccessToken\":\"x\"}", 18, &out, &out_len));
  CHECK(out != NULL && out_len == strlen(out) && strstr(out, "bob@example.com") != NULL);
  cognito_string_free(out);

  /* service errors through the callback */
  CHECK_RC(COGNITO_E_UNSUPPORTED_OPERATION, cognito_client_global_sign_out(c, tok, tok_len));
  CHECK_STR("UnsupportedOperationException", cognito_client_service_error(c));
  CHECK(cognito_client_http_status(c) == 400);
  CHECK_STR("script-req", cognito_client_request_id(c));
  CHECK_STR("not scripted", cognito_client_errmsg(c));
  CHECK(cognito_client_delivery_medium(c) == NULL);

  /* transport failures the callback reports */
  sc.fail_with = COGNITO_E_TIMEOUT;
  CHECK_RC(COGNITO_E_TIMEOUT, cognito_client_forgot_password(c, "bob"));
  CHECK(cognito_client_service_error(c) == NULL);
  sc.fail_with = 5;
  CHECK_RC(COGNITO_E_CALLBACK, cognito_client_forgot_password(c, "bob"));
  sc.fail_with = 0;

  /* argument errors never reach the transport */
  sc.calls = 0;
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_client_forgot_password(c, ""));
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_client_change_password(c, tok, tok_len, NULL, 0, NULL, 3));
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_client_call(c, "Get User", "{}", 2, &out, &out_len));
  CHECK(out == NULL && out_len == 0);
  CHECK(sc.calls == 0);
  CHECK(cognito_client_errcode(c) == COGNITO_E_INVALID_ARG);

  /* a token that does not verify (no keys are served by the script) */
  CHECK(cognito_client_verify_token(c, tok, tok_len, COGNITO_TOKEN_ACCESS, &out, &out_len) < 0);
  CHECK(out == NULL);

  cognito_session_free(s);
  cognito_sign_in_free(si);
  cognito_sign_in_request_free(rq);
  cognito_client_free(c);
  cognito_config_free(cfg);
}

static void test_versions_and_codes(void) {
  CHECK(cognito_version_num() == COGNITO_VERSION_NUM);
  CHECK_STR(COGNITO_VERSION_STRING, cognito_version_string());
  CHECK(cognito_abi_version() == COGNITO_ABI_VERSION);
  CHECK_RC(COGNITO_OK, COGNITO_CHECK_VERSION());
  CHECK_RC(COGNITO_E_UNSUPPORTED, cognito_check_version(COGNITO_VERSION_NUM + 0x10000));
  CHECK_RC(COGNITO_E_UNSUPPORTED, cognito_check_version(COGNITO_VERSION_NUM + 1));
  CHECK_STR("NotAuthorized", cognito_error_name(COGNITO_E_NOT_AUTHORIZED));
  CHECK_STR("Unknown", cognito_error_name(-12345));
  CHECK(strstr(cognito_strerror(COGNITO_E_NOT_AUTHORIZED), "NotAuthorizedException") != NULL);
  CHECK(cognito_strerror(-299) != NULL && cognito_strerror(42) != NULL);
  CHECK(cognito_is_fatal(COGNITO_E_NOMEM) == 1 && cognito_is_fatal(COGNITO_E_INTERNAL) == 1);
  CHECK(cognito_is_fatal(COGNITO_E_CALLBACK) == 0 && cognito_is_fatal(COGNITO_OK) == 0);
  cognito_string_free(NULL);
}

int main(void) {
  test_versions_and_codes();
  test_sans_io_sign_in_with_mfa_and_refresh();
  test_blocking_client_over_callback();
  buf_free(&g_log);
  return test_result("capi_sans_io");
}
