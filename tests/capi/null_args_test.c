/* Every function of the C API (the calls are generated from capi/symbols.txt
 * into capi_calls.inc) given NULL, garbage and extreme arguments: status
 * functions return a typed error, getters return NULL / 0, nothing crashes.
 * The fixture provides one valid handle of every type; the client's transport
 * is a callback, so nothing goes to the network. Pure C99. */
#include <limits.h>
#include <stdint.h>

#include "capi_test.h"

typedef struct {
  cognito_config *config;
  cognito_client *client;
  cognito_auth *auth;
  cognito_auth *auth_with_request; /* only lends its pending request */
  cognito_sign_in_request *sign_in_request;
  cognito_sign_in *sign_in;
  const cognito_step *step;
  cognito_answer *answer;
  cognito_session *session;
  cognito_attributes *attributes;
  cognito_user *user;
  cognito_devices *devices;
  const cognito_http_request *http_request;
  cognito_http_response *http_response;
  int functions;
} fixture;

/* Invalid UTF-8 and a control character; long enough for the lengths used. */
static const char g_garbage[] = "\xff\xfe\x01garbage\xc0\xafgarbage";
static const char *const g_garbage_list[] = {g_garbage, g_garbage, g_garbage, g_garbage};

static int named(int rc) { return strcmp(cognito_error_name(rc), "Unknown") != 0; }

static void expect_error(const char *fn, int mode, int rc) {
  if (rc >= 0 || !named(rc)) {
    fprintf(stderr, "%s (call %d, NULL arguments) returned %d, want a negative COGNITO_E_* code\n", fn, mode, rc);
    ++g_failures;
  }
}

static void expect_typed(const char *fn, int mode, int rc) {
  if (rc != COGNITO_OK && (rc > 0 || !named(rc))) {
    fprintf(stderr, "%s (call %d) returned %d, want COGNITO_OK or a COGNITO_E_* code\n", fn, mode, rc);
    ++g_failures;
  }
}

static void expect_value(const char *fn, int mode, int rc) {
  if (rc < 0 && !named(rc)) {
    fprintf(stderr, "%s (call %d) returned %d, want a value or a COGNITO_E_* code\n", fn, mode, rc);
    ++g_failures;
  }
}

static void expect_cstr(const char *fn, int mode, const char *s) {
  /* NULL, or a readable C string */
  if (s != NULL && strlen(s) > 100000) {
    fprintf(stderr, "%s (call %d) returned an absurd string\n", fn, mode);
    ++g_failures;
  }
}

static void expect_zero(const char *fn, long long v) {
  if (v != 0) {
    fprintf(stderr, "%s (NULL arguments) returned %lld, want 0\n", fn, v);
    ++g_failures;
  }
}

static void expect_null(const char *fn, const void *p) {
  if (p != NULL) {
    fprintf(stderr, "%s (NULL arguments) returned a pointer, want NULL\n", fn);
    ++g_failures;
  }
}

#include "capi_calls.inc"

/* InitiateAuth -> a TOTP challenge; GetUser / ListDevices -> canned answers;
 * anything else -> NotAuthorizedException. */
static int fake_transport(const cognito_http_request *rq, cognito_http_response *rsp, void *user_data) {
  const char *target = cognito_http_request_header(rq, "X-Amz-Target");
  const char *body;
  (void)user_data;
  if (target != NULL && strstr(target, ".InitiateAuth") != NULL) {
    body = "{\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"Session\":\"s\",\"ChallengeParameters\":{\"USER_ID_FOR_SRP\":\"u\"}}";
    cognito_http_response_set_status(rsp, 200);
  } else if (target != NULL && strstr(target, ".GetUser") != NULL) {
    body = "{\"Username\":\"u\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"u@example.com\"}]}";
    cognito_http_response_set_status(rsp, 200);
  } else if (target != NULL && strstr(target, ".ListDevices") != NULL) {
    body = "{\"Devices\":[{\"DeviceKey\":\"k\",\"DeviceAttributes\":[]}]}";
    cognito_http_response_set_status(rsp, 200);
  } else {
    body = "{\"__type\":\"NotAuthorizedException\",\"message\":\"no\"}";
    cognito_http_response_set_status(rsp, 400);
  }
  cognito_http_response_append_body(rsp, body, strlen(body));
  return 0;
}

static void setup(fixture *fx) {
  char id[1024], access[1024];
  int kind = 0;
  memset(fx, 0, sizeof *fx);
  REQUIRE(cognito_config_new(&fx->config) == COGNITO_OK);
  REQUIRE(cognito_config_set_user_pool_id(fx->config, "us-east-1_Fake12345") == COGNITO_OK);
  REQUIRE(cognito_config_set_client_id(fx->config, "fakeclient") == COGNITO_OK);
  REQUIRE(cognito_config_set_transport(fx->config, fake_transport, NULL) == COGNITO_OK);
  REQUIRE(cognito_config_set_retries(fx->config, 1) == COGNITO_OK);
  REQUIRE(cognito_client_new(&fx->client, fx->config) == COGNITO_OK);
  REQUIRE(cognito_auth_new(&fx->auth, fx->config) == COGNITO_OK);
  REQUIRE(cognito_auth_new(&fx->auth_with_request, fx->config) == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_new(&fx->sign_in_request, COGNITO_FLOW_USER_PASSWORD) == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_set_username(fx->sign_in_request, "u") == COGNITO_OK);
  REQUIRE(cognito_sign_in_request_set_password(fx->sign_in_request, "pw", 2) == COGNITO_OK);
  REQUIRE(cognito_client_sign_in(fx->client, fx->sign_in_request, &fx->sign_in) == COGNITO_OK);
  fx->step = cognito_sign_in_step(fx->sign_in);
  REQUIRE(fx->step != NULL);
  REQUIRE(cognito_answer_new_code(&fx->answer, "123456", 6) == COGNITO_OK);
  fake_jwt("{\"token_use\":\"id\",\"iat\":1,\"exp\":2}", id, sizeof id);
  fake_jwt("{\"token_use\":\"access\",\"iat\":1,\"exp\":2,\"username\":\"u\"}", access, sizeof access);
  REQUIRE(cognito_session_new(&fx->session, "u", id, strlen(id), access, strlen(access), "r", 1) == COGNITO_OK);
  REQUIRE(cognito_attributes_new(&fx->attributes) == COGNITO_OK);
  REQUIRE(cognito_attributes_set(fx->attributes, "email", "u@example.com") == COGNITO_OK);
  REQUIRE(cognito_client_get_user(fx->client, access, strlen(access), &fx->user) == COGNITO_OK);
  REQUIRE(cognito_client_list_devices(fx->client, access, strlen(access), 0, NULL, &fx->devices) == COGNITO_OK);
  REQUIRE(cognito_auth_start(fx->auth_with_request, fx->sign_in_request, 0) == COGNITO_OK);
  REQUIRE(cognito_auth_next_event(fx->auth_with_request, &kind) == COGNITO_OK && kind == COGNITO_EVENT_SEND_REQUEST);
  fx->http_request = cognito_auth_request(fx->auth_with_request);
  REQUIRE(fx->http_request != NULL);
  REQUIRE(cognito_http_response_new(&fx->http_response) == COGNITO_OK);
}

static void teardown(fixture *fx) {
  cognito_http_response_free(fx->http_response);
  cognito_devices_free(fx->devices);
  cognito_user_free(fx->user);
  cognito_attributes_free(fx->attributes);
  cognito_session_free(fx->session);
  cognito_answer_free(fx->answer);
  cognito_sign_in_free(fx->sign_in);
  cognito_sign_in_request_free(fx->sign_in_request);
  cognito_auth_free(fx->auth_with_request);
  cognito_auth_free(fx->auth);
  cognito_client_free(fx->client);
  cognito_config_free(fx->config);
}

int main(void) {
  fixture fx;
  setup(&fx);
  call_every_function(&fx);
  /* the handles are still usable afterwards */
  CHECK(cognito_client_errcode(fx.client) <= 0);
  CHECK(cognito_session_username(fx.session) != NULL);
  teardown(&fx);
  CHECK(fx.functions == CAPI_FUNCTION_COUNT);
  printf("called %d functions three ways\n", fx.functions);
  return test_result("capi_null_args");
}
