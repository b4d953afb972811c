/* A pure C program (C99) using only <cognito/cognito.h> against the local
 * Cognito emulator (ctest fixture `emulator`): SRP sign-in with TOTP MFA (codes
 * computed here with OpenSSL HMAC-SHA1), wrong codes, tokens, JWT
 * verification, refresh, remembered devices, sign-up and password reset with
 * codes read from the emulator's outbox (libcurl on its control API), account
 * operations, errors and their details, and a log that holds no secrets.
 * Exits 77 (skipped) when the emulator is not running. */
#define _POSIX_C_SOURCE 200809L

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "capi_test.h"

static const char kPassword[] = "C-api#Passw0rd";
static const char kNewPassword[] = "C-api#Passw0rd2";
static const char kTotpSecret[] = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

static char g_endpoint[256], g_control[300], g_pool[128], g_client[128];
static buf_t g_log;

/* ---- HTTP to the control API (libcurl) ------------------------------------ */

static size_t on_body(char *p, size_t size, size_t n, void *user_data) {
  buf_append((buf_t *)user_data, p, size * n);
  return size * n;
}

/* `method` `path` (below /_emulator/) with a JSON body; the answer in *out. */
static long control(const char *method, const char *path, const char *body, buf_t *out) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdr = NULL;
  char url[1024];
  long status = 0;
  REQUIRE(h != NULL);
  snprintf(url, sizeof url, "%s%s", g_control, path);
  hdr = curl_slist_append(hdr, "Content-Type: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  if (body != NULL) curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
  if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(hdr);
  curl_easy_cleanup(h);
  return status;
}

/* The newest outbox code for `username` and `purpose` (e.g. SIGN_UP). */
static void outbox_code(const char *username, const char *purpose, char *code, size_t size) {
  buf_t out = {0};
  char path[512];
  const char *last, *p;
  snprintf(path, sizeof path, "outbox?pool_id=%s&username=%s&purpose=%s", g_pool, username, purpose);
  REQUIRE(control("GET", path, NULL, &out) == 200);
  /* the newest message is the last one */
  last = NULL;
  for (p = out.data; (p = strstr(p, "\"code\"")) != NULL; ++p) last = p;
  REQUIRE(last != NULL);
  REQUIRE(json_str(last, "code", code, size));
  buf_free(&out);
}

/* ---- TOTP (RFC 6238: HMAC-SHA1, 30 s, 6 digits) --------------------------- */

static size_t base32_decode(const char *in, unsigned char *out, size_t cap) {
  unsigned buffer = 0;
  int bits = 0;
  size_t n = 0;
  for (; *in != '\0' && *in != '='; ++in) {
    int v;
    if (*in >= 'A' && *in <= 'Z') v = *in - 'A';
    else if (*in >= 'a' && *in <= 'z') v = *in - 'a';
    else if (*in >= '2' && *in <= '7') v = *in - '2' + 26;
    else continue;
    buffer = (buffer << 5) | (unsigned)v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (n < cap) out[n++] = (unsigned char)((buffer >> bits) & 0xFF);
    }
  }
  return n;
}

static void totp_at(const char *secret_b32, uint64_t counter, char out[7]) {
  unsigned char key[128], msg[8], mac[EVP_MAX_MD_SIZE];
  unsigned mac_len = 0;
  size_t key_len = base32_decode(secret_b32, key, sizeof key);
  int i;
  uint32_t code;
  unsigned offset;
  for (i = 7; i >= 0; --i) {
    msg[i] = (unsigned char)(counter & 0xFF);
    counter >>= 8;
  }
  REQUIRE(HMAC(EVP_sha1(), key, (int)key_len, msg, sizeof msg, mac, &mac_len) != NULL);
  offset = mac[mac_len - 1] & 0x0F;
  code = ((uint32_t)(mac[offset] & 0x7F) << 24) | ((uint32_t)mac[offset + 1] << 16) |
         ((uint32_t)mac[offset + 2] << 8) | (uint32_t)mac[offset + 3];
  snprintf(out, 7, "%06u", (unsigned)(code % 1000000u));
}

/* A code the emulator accepts now (current step +-1) that was not used yet:
 * it refuses a code it has seen before. */
static uint64_t g_used[32];
static int g_used_count = 0;
static void fresh_totp(const char *secret_b32, char out[7]) {
  uint64_t now = (uint64_t)time(NULL) / 30, c;
  int i, used;
  for (c = now - 1; c <= now + 1; ++c) {
    used = 0;
    for (i = 0; i < g_used_count; ++i)
      if (g_used[i] == c) used = 1;
    if (!used) {
      REQUIRE(g_used_count < 32);
      g_used[g_used_count++] = c;
      totp_at(secret_b32, c, out);
      return;
    }
  }
  /* all three used: wait for the next step */
  sleep(31 - (unsigned)(time(NULL) % 30));
  fresh_totp(secret_b32, out);
}

/* ---- the library -------------------------------------------------------------- */

static void on_log(int level, const char *message, size_t len, void *user_data) {
  (void)level;
  (void)user_data;
  buf_append(&g_log, message, len);
  buf_append(&g_log, "\n", 1);
}

static cognito_client *make_client(void) {
  cognito_config *cfg = NULL;
  cognito_client *c = NULL;
  REQUIRE(cognito_config_new(&cfg) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_config_set_user_pool_id(cfg, g_pool));
  CHECK_RC(COGNITO_OK, cognito_config_set_client_id(cfg, g_client));
  CHECK_RC(COGNITO_OK, cognito_config_set_endpoint(cfg, g_endpoint));
  CHECK_RC(COGNITO_OK, cognito_config_set_connect_timeout_ms(cfg, 5000));
  CHECK_RC(COGNITO_OK, cognito_config_set_request_timeout_ms(cfg, 20000));
  CHECK_RC(COGNITO_OK, cognito_config_set_device_name(cfg, "capi-test"));
  CHECK_RC(COGNITO_OK, cognito_config_set_user_agent_suffix(cfg, "capi-test/1"));
  CHECK_RC(COGNITO_OK, cognito_config_set_log(cfg, COGNITO_LOG_TRACE, on_log, NULL));
  if (cognito_client_new(&c, cfg) != COGNITO_OK) {
    fprintf(stderr, "cognito_client_new: %s\n", cognito_config_errmsg(cfg));
    exit(1);
  }
  cognito_config_free(cfg); /* the client copied it */
  return c;
}

static cognito_sign_in_request *password_request(int flow, const char *user, const char *pw) {
  cognito_sign_in_request *rq = NULL;
  REQUIRE(cognito_sign_in_request_new(&rq, flow) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_username(rq, user));
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_password(rq, pw, strlen(pw)));
  return rq;
}

/* Answers TOTP steps with fresh codes until signed in; returns the session. */
static cognito_session *finish_with_totp(cognito_client *c, cognito_sign_in *si, const char *secret) {
  cognito_session *s = NULL;
  int rounds = 0;
  while (cognito_sign_in_state(si) == COGNITO_EVENT_NEED_ANSWER && rounds++ < 3) {
    const cognito_step *st = cognito_sign_in_step(si);
    cognito_answer *ans = NULL;
    char code[7];
    REQUIRE(cognito_step_kind(st) == COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE);
    fresh_totp(secret, code);
    REQUIRE(cognito_answer_new_code(&ans, code, 6) == COGNITO_OK);
    CHECK_CLIENT_OK(c, cognito_client_answer(c, si, ans));
    cognito_answer_free(ans);
  }
  REQUIRE(cognito_sign_in_state(si) == COGNITO_EVENT_SIGNED_IN);
  REQUIRE(cognito_sign_in_take_session(si, &s) == COGNITO_OK);
  return s;
}

static void unique_name(const char *prefix, char *out, size_t size) {
  static int counter = 0;
  snprintf(out, size, "%s-%ld-%ld-%d", prefix, (long)getpid(), (long)time(NULL), ++counter);
}

/* ---- 1. an existing TOTP user: SRP + MFA, tokens, refresh, devices -------- */

static void test_srp_totp_sign_in(void) {
  cognito_client *c = make_client();
  cognito_sign_in_request *rq;
  cognito_sign_in *si = NULL;
  cognito_session *s = NULL, *s2 = NULL;
  cognito_answer *ans = NULL;
  cognito_user *u = NULL;
  cognito_devices *devs = NULL;
  char user[128], email[192], body[8192], good[7], bad[7], *claims = NULL, *raw = NULL;
  char access_before[4096], refresh_before[1024], device_key[256], group_key[256], device_pw[256];
  const char *tok, *p;
  size_t tok_len, len;
  buf_t out = {0};
  const cognito_step *st;

  unique_name("capi-totp", user, sizeof user);
  snprintf(email, sizeof email, "%s@example.com", user);
  snprintf(body, sizeof body,
           "{\"username\":\"%s\",\"password\":\"%s\",\"attributes\":{\"email\":\"%s\"},"
           "\"mfa\":{\"totp\":true,\"preferred\":\"SOFTWARE_TOKEN_MFA\"},\"totp_secret\":\"%s\"}",
           user, kPassword, email, kTotpSecret);
  {
    char path[256];
    snprintf(path, sizeof path, "pools/%s/users", g_pool);
    REQUIRE(control("POST", path, body, &out) == 201);
    buf_free(&out);
  }

  /* SRP: the password verifier is answered inside; the TOTP step is ours */
  rq = password_request(COGNITO_FLOW_USER_SRP, user, kPassword);
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL);
  REQUIRE(cognito_sign_in_state(si) == COGNITO_EVENT_NEED_ANSWER);
  st = cognito_sign_in_step(si);
  CHECK(cognito_step_kind(st) == COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE);
  CHECK_STR("SOFTWARE_TOKEN_MFA", cognito_step_challenge_name(st));
  CHECK_STR(user, cognito_step_username(st));
  CHECK_STR(user, cognito_sign_in_username(si));

  /* a wrong code: refused, the same step is asked again */
  totp_at(kTotpSecret, (uint64_t)time(NULL) / 30, good);
  strcpy(bad, good);
  bad[0] = bad[0] == '9' ? '0' : (char)(bad[0] + 1);
  REQUIRE(cognito_answer_new_code(&ans, bad, 6) == COGNITO_OK);
  CHECK_RC(COGNITO_E_CODE_MISMATCH, cognito_client_answer(c, si, ans));
  cognito_answer_free(ans);
  CHECK_STR("CodeMismatchException", cognito_client_service_error(c));
  REQUIRE(cognito_sign_in_state(si) == COGNITO_EVENT_NEED_ANSWER);
  CHECK_RC(COGNITO_E_CODE_MISMATCH, cognito_step_previous_error(cognito_sign_in_step(si)));

  /* the right one */
  s = finish_with_totp(c, si, kTotpSecret);
  CHECK_STR(user, cognito_session_username(s));
  CHECK(cognito_session_expires_at(s) > (int64_t)time(NULL) + 600);
  CHECK(cognito_session_needs_refresh(s, 0, 60) == 0);

  /* the pool tracks devices (user opt-in): a new device was confirmed */
  CHECK(cognito_session_has_device(s) == 1);
  CHECK((cognito_session_flags(s) & COGNITO_SESSION_NEW_DEVICE) != 0);
  CHECK((cognito_session_flags(s) & COGNITO_SESSION_DEVICE_NEEDS_CONFIRMATION) != 0);
  REQUIRE(cognito_session_device_key(s) != NULL && cognito_session_device_group_key(s) != NULL);
  snprintf(device_key, sizeof device_key, "%s", cognito_session_device_key(s));
  snprintf(group_key, sizeof group_key, "%s", cognito_session_device_group_key(s));
  CHECK_RC(COGNITO_OK, cognito_session_device_password(s, &tok, &tok_len));
  REQUIRE(tok_len > 0 && tok_len < sizeof device_pw);
  memcpy(device_pw, tok, tok_len + 1);

  /* tokens verify against the pool's keys */
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  REQUIRE(tok_len > 0 && tok_len < sizeof access_before);
  memcpy(access_before, tok, tok_len + 1);
  CHECK_CLIENT_OK(c, cognito_client_verify_token(c, tok, tok_len, COGNITO_TOKEN_ACCESS, &claims, &len));
  CHECK(claims != NULL && strstr(claims, "\"token_use\":\"access\"") != NULL && strlen(claims) == len);
  cognito_string_free(claims);
  claims = NULL;
  CHECK(cognito_client_verify_token(c, tok, tok_len, COGNITO_TOKEN_ID, &claims, &len) == COGNITO_E_TOKEN_INVALID);
  CHECK(claims == NULL);
  CHECK_RC(COGNITO_OK, cognito_session_id_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_verify_token(c, tok, tok_len, COGNITO_TOKEN_ID, &claims, NULL));
  CHECK(claims != NULL && strstr(claims, email) != NULL);
  cognito_string_free(claims);

  /* account reads with the access token */
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_get_user(c, tok, tok_len, &u));
  REQUIRE(u != NULL);
  CHECK_STR(user, cognito_user_username(u));
  CHECK_STR(email, cognito_attributes_get(cognito_user_attributes(u), "email"));
  CHECK_STR("SOFTWARE_TOKEN_MFA", cognito_user_preferred_mfa(u));
  cognito_user_free(u);
  u = NULL;
  CHECK(cognito_client_call(c, "GetUser", "{}", 2, &raw, &len) < 0); /* no AccessToken */
  CHECK(raw == NULL && len == 0);
  snprintf(body, sizeof body, "{\"AccessToken\":\"%.*s\"}", (int)tok_len, tok);
  CHECK_CLIENT_OK(c, cognito_client_call(c, "GetUser", body, strlen(body), &raw, &len));
  CHECK(raw != NULL && strstr(raw, "\"UserAttributes\"") != NULL);
  cognito_string_free(raw);

  /* the device: listed, remembered */
  CHECK_CLIENT_OK(c, cognito_client_list_devices(c, tok, tok_len, 10, NULL, &devs));
  REQUIRE(devs != NULL);
  CHECK(cognito_devices_count(devs) == 1);
  CHECK_STR(device_key, cognito_devices_key(devs, 0));
  CHECK_STR("capi-test", cognito_devices_name(devs, 0));
  cognito_devices_free(devs);
  CHECK_CLIENT_OK(c, cognito_client_update_device_status(c, tok, tok_len, device_key, 1));

  /* refresh: new access token, same refresh token */
  CHECK_RC(COGNITO_OK, cognito_session_refresh_token(s, &tok, &tok_len));
  REQUIRE(tok_len > 0 && tok_len < sizeof refresh_before);
  memcpy(refresh_before, tok, tok_len + 1);
  sleep(1); /* a new iat */
  CHECK_CLIENT_OK(c, cognito_client_refresh(c, s, 0));
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK(strcmp(tok, access_before) != 0);
  CHECK_RC(COGNITO_OK, cognito_session_refresh_token(s, &tok, &tok_len));
  CHECK(strcmp(tok, refresh_before) == 0);
  {
    int refreshed = -1;
    CHECK_CLIENT_OK(c, cognito_client_refresh_if_needed(c, s, 60, 0, &refreshed));
    CHECK(refreshed == 0);
  }

  /* a remembered device signs in without MFA (device SRP inside) */
  cognito_sign_in_request_free(rq);
  rq = password_request(COGNITO_FLOW_USER_SRP, user, kPassword);
  CHECK_RC(COGNITO_OK, cognito_sign_in_request_set_device(rq, device_key, group_key, device_pw, strlen(device_pw)));
  cognito_sign_in_free(si);
  si = NULL;
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL);
  CHECK(cognito_sign_in_state(si) == COGNITO_EVENT_SIGNED_IN);
  REQUIRE(cognito_sign_in_take_session(si, &s2) == COGNITO_OK);
  CHECK_STR(device_key, cognito_session_device_key(s2));
  CHECK((cognito_session_flags(s2) & COGNITO_SESSION_NEW_DEVICE) == 0);

  /* forget the device; sign out everywhere: the access token is dead */
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s2, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_forget_device(c, tok, tok_len, device_key));
  CHECK_CLIENT_OK(c, cognito_client_global_sign_out(c, tok, tok_len));
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED, cognito_client_get_user(c, tok, tok_len, &u));
  CHECK(u == NULL);
  CHECK_STR("NotAuthorizedException", cognito_client_service_error(c));
  CHECK(cognito_client_http_status(c) == 400);
  CHECK(cognito_client_request_id(c) != NULL);
  CHECK(strlen(cognito_client_errmsg(c)) > 0);

  /* a wrong password */
  cognito_sign_in_request_free(rq);
  rq = password_request(COGNITO_FLOW_USER_SRP, user, "Wrong#Passw0rd");
  cognito_sign_in_free(si);
  si = NULL;
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED, cognito_client_sign_in(c, rq, &si));
  CHECK(si == NULL);
  CHECK_STR("NotAuthorizedException", cognito_client_service_error(c));

  /* nothing secret in the log */
  p = g_log.data;
  REQUIRE(p != NULL);
  CHECK(strstr(p, "sign-in: step SOFTWARE_TOKEN_MFA_CODE") != NULL);
  CHECK(strstr(p, "InitiateAuth") != NULL);
  CHECK(strstr(p, kPassword) == NULL);
  CHECK(strstr(p, good) == NULL);
  CHECK(strstr(p, access_before) == NULL && strstr(p, refresh_before) == NULL);
  CHECK(strstr(p, device_pw) == NULL);

  cognito_session_free(s2);
  cognito_session_free(s);
  cognito_sign_in_free(si);
  cognito_sign_in_request_free(rq);
  cognito_client_free(c);
}

/* ---- 2. sign-up, TOTP set-up, password reset, deletion ---------------------- */

static void test_sign_up_and_account(void) {
  cognito_client *c = make_client();
  cognito_attributes *attrs = NULL;
  cognito_sign_in_request *rq;
  cognito_sign_in *si = NULL;
  cognito_session *s = NULL;
  cognito_user *u = NULL;
  char user[128], email[192], code[16], totp[7], *sub = NULL, *secret = NULL, *session = NULL;
  const char *tok;
  size_t tok_len, secret_len = 0, session_len = 0;
  int confirmed = -1;

  unique_name("capi-signup", user, sizeof user);
  snprintf(email, sizeof email, "%s@example.com", user);
  REQUIRE(cognito_attributes_new(&attrs) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_attributes_set(attrs, "email", email));
  CHECK_RC(COGNITO_OK, cognito_attributes_set(attrs, "name", "C Tester"));
  CHECK_CLIENT_OK(c, cognito_client_sign_up(c, user, kPassword, strlen(kPassword), attrs, &confirmed, &sub));
  CHECK(confirmed == 0);
  CHECK(sub != NULL && strlen(sub) == 36);
  CHECK_STR("EMAIL", cognito_client_delivery_medium(c));
  CHECK_STR("email", cognito_client_delivery_attribute(c));
  CHECK(cognito_client_delivery_destination(c) != NULL);
  cognito_string_free(sub);

  /* not confirmed yet */
  rq = password_request(COGNITO_FLOW_USER_SRP, user, kPassword);
  CHECK_RC(COGNITO_E_USER_NOT_CONFIRMED, cognito_client_sign_in(c, rq, &si));

  CHECK_CLIENT_OK(c, cognito_client_resend_confirmation_code(c, user));
  outbox_code(user, "SIGN_UP", code, sizeof code);
  CHECK_RC(COGNITO_E_CODE_MISMATCH, cognito_client_confirm_sign_up(c, user, "000000x", 7, NULL, NULL));
  CHECK_CLIENT_OK(c, cognito_client_confirm_sign_up(c, user, code, strlen(code), &session, &session_len));
  CHECK(session == NULL || strlen(session) == session_len);
  cognito_string_free(session);

  /* first sign-in (USER_PASSWORD_AUTH): no MFA yet */
  cognito_sign_in_request_free(rq);
  rq = password_request(COGNITO_FLOW_USER_PASSWORD, user, kPassword);
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL && cognito_sign_in_state(si) == COGNITO_EVENT_SIGNED_IN);
  REQUIRE(cognito_sign_in_take_session(si, &s) == COGNITO_OK);
  cognito_sign_in_free(si);
  si = NULL;
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));

  /* attributes */
  cognito_attributes_free(attrs);
  attrs = NULL;
  REQUIRE(cognito_attributes_new(&attrs) == COGNITO_OK);
  CHECK_RC(COGNITO_OK, cognito_attributes_set(attrs, "name", "C Tester 2"));
  CHECK_CLIENT_OK(c, cognito_client_update_user_attributes(c, tok, tok_len, attrs));
  {
    const char *names[] = {"name"};
    CHECK_CLIENT_OK(c, cognito_client_get_user(c, tok, tok_len, &u));
    CHECK_STR("C Tester 2", cognito_attributes_get(cognito_user_attributes(u), "name"));
    cognito_user_free(u);
    u = NULL;
    CHECK_CLIENT_OK(c, cognito_client_delete_user_attributes(c, tok, tok_len, names, 1));
    CHECK_CLIENT_OK(c, cognito_client_get_user(c, tok, tok_len, &u));
    CHECK(cognito_attributes_get(cognito_user_attributes(u), "name") == NULL);
    cognito_user_free(u);
    u = NULL;
  }
  CHECK_CLIENT_OK(c, cognito_client_get_user_attribute_verification_code(c, tok, tok_len, "email"));
  outbox_code(user, "VERIFY_ATTRIBUTE", code, sizeof code);
  CHECK_CLIENT_OK(c, cognito_client_verify_user_attribute(c, tok, tok_len, "email", code, strlen(code)));

  /* set up TOTP with the authenticator secret, make it the preferred MFA */
  CHECK_CLIENT_OK(c, cognito_client_associate_software_token(c, tok, tok_len, &secret, &secret_len));
  REQUIRE(secret != NULL && secret_len == strlen(secret));
  totp_at(secret, (uint64_t)time(NULL) / 30, totp);
  totp[0] = totp[0] == '9' ? '0' : (char)(totp[0] + 1); /* wrong */
  CHECK_RC(COGNITO_E_ENABLE_SOFTWARE_TOKEN_MFA, cognito_client_verify_software_token(c, tok, tok_len, totp, 6, NULL));
  fresh_totp(secret, totp);
  CHECK_CLIENT_OK(c, cognito_client_verify_software_token(c, tok, tok_len, totp, 6, "authenticator"));
  CHECK_CLIENT_OK(c, cognito_client_set_mfa_preference(c, tok, tok_len, COGNITO_MFA_TOTP, 1, 1));
  CHECK_CLIENT_OK(c, cognito_client_get_user_auth_factors(c, tok, tok_len, &u));
  REQUIRE(u != NULL);
  CHECK_STR(user, cognito_user_username(u));
  CHECK_STR("SOFTWARE_TOKEN_MFA", cognito_user_preferred_mfa(u));
  CHECK(cognito_user_auth_factor_count(u) >= 1);
  cognito_user_free(u);
  u = NULL;

  /* now sign-in asks for the TOTP code */
  cognito_session_free(s);
  s = NULL;
  cognito_sign_in_request_free(rq);
  rq = password_request(COGNITO_FLOW_USER_SRP, user, kPassword);
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL);
  s = finish_with_totp(c, si, secret);
  cognito_sign_in_free(si);
  si = NULL;

  /* password: change, then forgot + confirm with the outbox code */
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_change_password(c, tok, tok_len, kPassword, strlen(kPassword), kNewPassword,
                                                    strlen(kNewPassword)));
  CHECK_CLIENT_OK(c, cognito_client_forgot_password(c, user));
  CHECK_STR("EMAIL", cognito_client_delivery_medium(c));
  outbox_code(user, "FORGOT_PASSWORD", code, sizeof code);
  CHECK_CLIENT_OK(c, cognito_client_confirm_forgot_password(c, user, code, strlen(code), kPassword,
                                                            strlen(kPassword)));

  /* revoke the refresh token: refresh fails */
  CHECK_RC(COGNITO_OK, cognito_session_refresh_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_revoke_token(c, tok, tok_len));
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED, cognito_client_refresh(c, s, 0));

  /* delete the user (a fresh sign-in with the reset password) */
  cognito_session_free(s);
  s = NULL;
  CHECK_CLIENT_OK(c, cognito_client_sign_in(c, rq, &si));
  REQUIRE(si != NULL);
  s = finish_with_totp(c, si, secret);
  CHECK_RC(COGNITO_OK, cognito_session_access_token(s, &tok, &tok_len));
  CHECK_CLIENT_OK(c, cognito_client_delete_user(c, tok, tok_len));
  cognito_sign_in_free(si);
  si = NULL;
  CHECK_RC(COGNITO_E_NOT_AUTHORIZED, cognito_client_sign_in(c, rq, &si));

  cognito_string_free(secret);
  cognito_session_free(s);
  cognito_sign_in_free(si);
  cognito_sign_in_request_free(rq);
  cognito_attributes_free(attrs);
  cognito_client_free(c);
}

/* ---- setup ---------------------------------------------------------------------- */

static int load_emulator(void) {
  const char *dir = getenv("COGNITO_EMULATOR_STATE_DIR");
  char path[1024];
  buf_t text = {0};
  char chunk[4096];
  size_t n;
  FILE *f;
  if (dir == NULL) return 0;
  snprintf(path, sizeof path, "%s/emulator.json", dir);
  f = fopen(path, "rb");
  if (f == NULL) return 0;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&text, chunk, n);
  fclose(f);
  REQUIRE(text.data != NULL);
  REQUIRE(json_str(text.data, "endpoint", g_endpoint, sizeof g_endpoint));
  REQUIRE(json_str(text.data, "control_endpoint", g_control, sizeof g_control));
  REQUIRE(json_str(text.data, "user_pool_id", g_pool, sizeof g_pool));
  REQUIRE(json_str(text.data, "public_client_id", g_client, sizeof g_client));
  buf_free(&text);
  return 1;
}

int main(void) {
  if (!load_emulator()) {
    printf("no emulator (COGNITO_EMULATOR_STATE_DIR/emulator.json): skipped\n");
    return 77;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  printf("emulator %s, pool %s, client %s\n", g_endpoint, g_pool, g_client);
  test_srp_totp_sign_in();
  test_sign_up_and_account();
  buf_free(&g_log);
  curl_global_cleanup();
  return test_result("capi_emulator_srp_totp");
}
