/* Regression tests from the second review of the C API: values from a hostile
 * or broken server that do not fit the C types, and arguments a function
 * must reject instead of silently ignoring. A scripted transport callback
 * stands in for Cognito; nothing goes to the network. Pure C99. */
#include <stdint.h>

#include "capi_test.h"

typedef struct {
  int calls;
  const char *devices_body; /* the ListDevices answer */
  char access[2048], id[2048];
} script_t;

static int scripted(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  script_t *sc = (script_t *)user_data;
  const char *target = cognito_http_request_header(rq, "X-Amz-Target");
  char body[8192];
  ++sc->calls;
  cognito_http_response_set_status(rsp, 200);
  if (target != NULL && strstr(target, ".ListDevices") != NULL) {
    snprintf(body, sizeof body, "%s", sc->devices_body);
  } else if (target != NULL && strstr(target, ".InitiateAuth") != NULL) {
    snprintf(body, sizeof body,
             "{\"AuthenticationResult\":{\"AccessToken\":\"%s\",\"IdToken\":\"%s\",\"ExpiresIn\":3600,"
             "\"TokenType\":\"Bearer\"},\"ChallengeParameters\":{}}",
             sc->access, sc->id);
  } else {
    cognito_http_response_set_status(rsp, 400);
    snprintf(body, sizeof body, "{\"__type\":\"UnsupportedOperationException\",\"message\":\"not scripted\"}");
  }
  cognito_http_response_append_body(rsp, body, strlen(body));
  return 0;
}

/* A configuration for the fake pool (the caller frees it). */
static cognito_config *fake_pool_config(void) {
  cognito_config *cfg = NULL;
  REQUIRE(cognito_config_new(&cfg) == COGNITO_OK);
  REQUIRE(cognito_config_set_user_pool_id(cfg, "us-east-1_Fake12345") == COGNITO_OK);
  REQUIRE(cognito_config_set_client_id(cfg, "fakeclient") == COGNITO_OK);
  return cfg;
}

/* A client of the fake pool over `fn`, with `attempts` attempts per call and
 * a response cap of `max_bytes` (0: the default). */
static cognito_client *client_over(cognito_transport_fn fn, void *user_data, int attempts, size_t max_bytes) {
  cognito_config *cfg = fake_pool_config();
  cognito_client *c = NULL;
  REQUIRE(cognito_config_set_transport(cfg, fn, user_data) == COGNITO_OK);
  REQUIRE(cognito_config_set_retries(cfg, attempts) == COGNITO_OK);
  if (max_bytes != 0) REQUIRE(cognito_config_set_max_response_bytes(cfg, max_bytes) == COGNITO_OK);
  REQUIRE(cognito_client_new(&c, cfg) == COGNITO_OK);
  cognito_config_free(cfg);
  return c;
}

static cognito_client *make_client(script_t *sc) { return client_over(scripted, sc, 1, 0); }

/* DeviceCreateDate / DeviceLastAuthenticatedDate are JSON numbers (doubles).
 * One that no int64_t can hold must not be converted blindly (undefined
 * behaviour; INT64_MIN on x86-64): the getters say "unknown" (0) instead. */
static void test_device_dates_out_of_range(void) {
  script_t sc;
  cognito_client *c;
  cognito_devices *d = NULL;
  memset(&sc, 0, sizeof sc);
  sc.devices_body =
      "{\"Devices\":["
      "{\"DeviceKey\":\"k0\",\"DeviceCreateDate\":1e300,\"DeviceLastAuthenticatedDate\":-1e300},"
      "{\"DeviceKey\":\"k1\",\"DeviceCreateDate\":9.3e18,\"DeviceLastAuthenticatedDate\":-9.3e18},"
      "{\"DeviceKey\":\"k2\",\"DeviceCreateDate\":1700000000.75,\"DeviceLastAuthenticatedDate\":1700000100}"
      "]}";
  c = make_client(&sc);
  CHECK_CLIENT_OK(c, cognito_client_list_devices(c, "token", 5, 0, NULL, &d));
  REQUIRE(d != NULL);
  REQUIRE(cognito_devices_count(d) == 3);
  CHECK(cognito_devices_created_at(d, 0) == 0);
  CHECK(cognito_devices_last_authenticated_at(d, 0) == 0);
  CHECK(cognito_devices_created_at(d, 1) == 0);
  CHECK(cognito_devices_last_authenticated_at(d, 1) == 0);
  CHECK(cognito_devices_created_at(d, 2) == 1700000000);
  CHECK(cognito_devices_last_authenticated_at(d, 2) == 1700000100);
  cognito_devices_free(d);
  cognito_client_free(c);
}

/* cognito_client_refresh_if_needed must not turn an invalid margin into
 * "no refresh needed": cognito_session_needs_refresh rejects a margin over a
 * year, and so must the function documented as acting on its answer. */
static void test_refresh_if_needed_rejects_invalid_margin(void) {
  script_t sc;
  cognito_client *c;
  cognito_session *s = NULL;
  int refreshed = 7;
  const int64_t too_large = (int64_t)86400 * 365 * 2;
  memset(&sc, 0, sizeof sc);
  sc.devices_body = "{}";
  fake_jwt("{\"token_use\":\"id\",\"iat\":1700000000,\"exp\":4000000000}", sc.id, sizeof sc.id);
  fake_jwt("{\"token_use\":\"access\",\"iat\":1700000000,\"exp\":4000000000,\"username\":\"u\"}", sc.access,
           sizeof sc.access);
  c = make_client(&sc);
  REQUIRE(cognito_session_new(&s, "u", sc.id, strlen(sc.id), sc.access, strlen(sc.access), "r", 1) == COGNITO_OK);
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_session_needs_refresh(s, 0, too_large));
  CHECK_RC(COGNITO_E_INVALID_ARG, cognito_client_refresh_if_needed(c, s, too_large, 0, &refreshed));
  CHECK(refreshed == 0);
  CHECK(cognito_client_errcode(c) == COGNITO_E_INVALID_ARG);
  CHECK(strlen(cognito_client_errmsg(c)) > 0);
  CHECK(sc.calls == 0);
  /* a valid margin still works: far from expiry, nothing is sent */
  CHECK_CLIENT_OK(c, cognito_client_refresh_if_needed(c, s, 60, 0, &refreshed));
  CHECK(refreshed == 0);
  CHECK(sc.calls == 0);
  cognito_session_free(s);
  cognito_client_free(c);
}

/* A transport callback's answer is held to cognito_config_set_max_response_bytes
 * like libcurl's: append_body refuses to grow the body past it, and the call
 * fails with COGNITO_E_BODY_TOO_LARGE even when the callback ignores that and
 * returns 0. An answer of exactly the cap is fine. */
typedef struct {
  size_t chunks, chunk_len;
  int append_rc; /* what the last append_body returned */
} big_t;

static int big_answer(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  big_t *b = (big_t *)user_data;
  char chunk[64];
  size_t i;
  (void)rq;
  memset(chunk, ' ', sizeof chunk);
  cognito_http_response_set_status(rsp, 200);
  b->append_rc = cognito_http_response_append_body(rsp, "{", 1);
  for (i = 0; i < b->chunks && b->append_rc == COGNITO_OK; ++i)
    b->append_rc = cognito_http_response_append_body(rsp, chunk, b->chunk_len);
  if (b->append_rc == COGNITO_OK) b->append_rc = cognito_http_response_append_body(rsp, "}", 1);
  return 0; /* an answer arrived, whatever append_body said */
}

static void test_callback_answers_are_held_to_the_size_cap(void) {
  big_t b;
  cognito_client *c = client_over(big_answer, &b, 1, 130);

  /* 1 + 2 * 64 + 1 = 130 bytes: exactly the cap, a valid (empty) answer. */
  b.chunks = 2;
  b.chunk_len = 64;
  CHECK_CLIENT_OK(c, cognito_client_forget_device(c, "access-token", 12, "us-east-1_device"));
  CHECK(b.append_rc == COGNITO_OK);
  /* 64 bytes more: refused by append_body and by the call. */
  b.chunks = 3;
  CHECK_RC(COGNITO_E_BODY_TOO_LARGE, cognito_client_forget_device(c, "access-token", 12, "us-east-1_device"));
  CHECK(b.append_rc == COGNITO_E_BODY_TOO_LARGE);
  CHECK(strstr(cognito_client_errmsg(c), "130") != NULL);
  cognito_client_free(c);
}

/* A callback that calls back into the handle that invoked it (the header
 * forbids it) is refused with COGNITO_E_INVALID_STATE and changes nothing:
 * the outer call goes on and ends as it would have, with its own error
 * details; the handle works afterwards. */
typedef struct {
  cognito_client *client;
  cognito_auth *auth;
  int nested_rc;
  int calls;
} reenter_t;

static int reentering_transport(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  reenter_t *r = (reenter_t *)user_data;
  const char *body = "{}";
  (void)rq;
  if (r->calls++ == 0) r->nested_rc = cognito_client_forget_device(r->client, "access-token", 12, "nested-device");
  cognito_http_response_set_status(rsp, 200);
  cognito_http_response_append_body(rsp, body, strlen(body));
  return 0;
}

static void reentering_log(int level, const char *message, size_t message_len, void *user_data) {
  reenter_t *r = (reenter_t *)user_data;
  int kind = 0;
  (void)level;
  (void)message;
  (void)message_len;
  if (r->auth != NULL && r->calls++ == 0) r->nested_rc = cognito_auth_next_event(r->auth, &kind);
}

static void test_callbacks_cannot_reenter_their_handle(void) {
  reenter_t r;
  cognito_config *cfg = NULL;
  cognito_sign_in_request *rq = NULL;
  int kind = 0;
  memset(&r, 0, sizeof r);

  /* A client's transport callback calling the client. */
  r.client = client_over(reentering_transport, &r, 1, 0);
  CHECK_CLIENT_OK(r.client, cognito_client_forget_device(r.client, "access-token", 12, "outer-device"));
  CHECK(r.nested_rc == COGNITO_E_INVALID_STATE);
  CHECK(r.calls == 1); /* the nested call sent nothing */
  CHECK_CLIENT_OK(r.client, cognito_client_forget_device(r.client, "access-token", 12, "again"));
  CHECK(r.calls == 2);
  cognito_client_free(r.client);

  /* An auth machine's log sink calling the machine. */
  memset(&r, 0, sizeof r);
  cfg = fake_pool_config();
  REQUIRE(cognito_config_set_log(cfg, COGNITO_LOG_TRACE, reentering_log, &r) == COGNITO_OK);
  REQUIRE(cognito_auth_new(&r.auth, cfg) == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_PASSWORD) == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_set_username(rq, "bob") == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_set_password(rq, "Passw0rd!", 9) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_auth_start(r.auth, rq, 0));
  CHECK(r.calls >= 1);
  CHECK(r.nested_rc == COGNITO_E_INVALID_STATE);
  CHECK_RC(COGNITO_OK, cognito_auth_next_event(r.auth, &kind));
  CHECK(kind == COGNITO_EVENT_SEND_REQUEST);
  cognito_sign_in_request_free(rq);
  cognito_auth_free(r.auth);
  cognito_config_free(cfg);
}

/* cognito_client_cancel from a transport callback (a stand-in for another
 * thread): the callback sees cognito_http_request_cancelled, the call ends
 * with COGNITO_E_CANCELLED although its answer was retryable, nothing is
 * retried, and the next call runs normally. */
typedef struct {
  cognito_client *client;
  int calls, cancel_on_call, seen_cancelled;
} cancel_t;

static int cancelling_transport(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  cancel_t *t = (cancel_t *)user_data;
  const char *busy = "{\"__type\":\"InternalErrorException\",\"message\":\"busy\"}";
  const char *ok = "{}";
  ++t->calls;
  if (t->calls == t->cancel_on_call) {
    CHECK(cognito_http_request_cancelled(rq) == 0);
    cognito_client_cancel(t->client);
    t->seen_cancelled = cognito_http_request_cancelled(rq);
    cognito_http_response_set_status(rsp, 500);
    cognito_http_response_append_body(rsp, busy, strlen(busy));
    return 0;
  }
  cognito_http_response_set_status(rsp, 200);
  cognito_http_response_append_body(rsp, ok, strlen(ok));
  return 0;
}

static void test_cancel_from_a_callback(void) {
  cancel_t t;
  memset(&t, 0, sizeof t);
  t.cancel_on_call = 1;
  t.client = client_over(cancelling_transport, &t, 3, 0);
  CHECK_RC(COGNITO_E_CANCELLED, cognito_client_forget_device(t.client, "access-token", 12, "device"));
  CHECK(t.seen_cancelled == 1);
  CHECK(t.calls == 1); /* the 500 was not retried */
  CHECK_STR("Cancelled", cognito_error_name(COGNITO_E_CANCELLED));
  CHECK_CLIENT_OK(t.client, cognito_client_forget_device(t.client, "access-token", 12, "device"));
  CHECK(t.calls == 2);
  cognito_client_cancel(t.client); /* idle: nothing to cancel */
  CHECK_CLIENT_OK(t.client, cognito_client_forget_device(t.client, "access-token", 12, "device"));
  cognito_client_cancel(NULL);
  CHECK(cognito_http_request_cancelled(NULL) == COGNITO_E_INVALID_ARG);
  cognito_client_free(t.client);
}

int main(void) {
  test_device_dates_out_of_range();
  test_refresh_if_needed_rejects_invalid_margin();
  test_callback_answers_are_held_to_the_size_cap();
  test_callbacks_cannot_reenter_their_handle();
  test_cancel_from_a_callback();
  return test_result("capi_robustness");
}
