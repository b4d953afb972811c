/* Tiny helpers shared by the C tests of the C API (C99, no dependencies). */
#ifndef COGNITO_CAPI_TEST_H
#define COGNITO_CAPI_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cognito/cognito.h>

static int g_failures = 0;

#define CHECK(cond)                                                                 \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);     \
      ++g_failures;                                                                 \
    }                                                                               \
  } while (0)

/* A status call that must return `want`; prints the code's name otherwise. */
#define CHECK_RC(want, call)                                                        \
  do {                                                                              \
    int rc_ = (call);                                                               \
    if (rc_ != (want)) {                                                            \
      fprintf(stderr, "%s:%d: %s returned %d (%s), want %d (%s)\n", __FILE__,       \
              __LINE__, #call, rc_, cognito_error_name(rc_), (int)(want),           \
              cognito_error_name(want));                                            \
      ++g_failures;                                                                 \
    }                                                                               \
  } while (0)

/* Like CHECK_RC(COGNITO_OK, ...) but also prints the client's error details. */
#define CHECK_CLIENT_OK(client, call)                                               \
  do {                                                                              \
    int rc_ = (call);                                                               \
    if (rc_ != COGNITO_OK) {                                                        \
      fprintf(stderr, "%s:%d: %s failed: %d %s: %s (%s)\n", __FILE__, __LINE__,     \
              #call, rc_, cognito_error_name(rc_), cognito_client_errmsg(client),   \
              cognito_client_service_error(client) ? cognito_client_service_error(client) : "-"); \
      ++g_failures;                                                                 \
    }                                                                               \
  } while (0)

#define CHECK_STR(want, got)                                                        \
  do {                                                                              \
    const char *w_ = (want), *g_ = (got);                                           \
    if (g_ == NULL || strcmp(w_, g_) != 0) {                                        \
      fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__,    \
              #got, g_ ? g_ : "(null)", w_);                                        \
      ++g_failures;                                                                 \
    }                                                                               \
  } while (0)

/* Stops the test at once (later steps depend on this one). */
#define REQUIRE(cond)                                                               \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond);   \
      exit(1);                                                                      \
    }                                                                               \
  } while (0)

static inline int test_result(const char *name) {
  if (g_failures != 0) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, g_failures);
    return 1;
  }
  printf("%s: all checks passed\n", name);
  return 0;
}

/* ---- text helpers ---- */

/* Growing byte buffer. */
typedef struct {
  char *data;
  size_t len, cap;
} buf_t;

static inline void buf_append(buf_t *b, const void *p, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    b->data = (char *)realloc(b->data, cap);
    REQUIRE(b->data != NULL);
    b->cap = cap;
  }
  if (n != 0) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static inline void buf_free(buf_t *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* The string value of the first "key": "value" in `json` (no escapes in the
 * value), copied into out; 0 if absent. Good enough for test fixtures. */
static inline int json_str(const char *json, const char *key, char *out, size_t out_size) {
  char pat[128];
  const char *p, *q;
  size_t n;
  snprintf(pat, sizeof pat, "\"%s\"", key);
  p = strstr(json, pat);
  if (p == NULL) return 0;
  p += strlen(pat);
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == ':') ++p;
  if (*p != '"') return 0;
  ++p;
  q = strchr(p, '"');
  if (q == NULL) return 0;
  n = (size_t)(q - p);
  if (n + 1 > out_size) return 0;
  memcpy(out, p, n);
  out[n] = '\0';
  return 1;
}

/* base64url without padding (JWT segments). */
static inline void b64url(const char *in, size_t n, char *out) {
  static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    unsigned v = ((unsigned char)in[i] << 16) | ((unsigned char)in[i + 1] << 8) | (unsigned char)in[i + 2];
    out[o++] = t[(v >> 18) & 63];
    out[o++] = t[(v >> 12) & 63];
    out[o++] = t[(v >> 6) & 63];
    out[o++] = t[v & 63];
  }
  if (n - i == 1) {
    unsigned v = (unsigned char)in[i] << 16;
    out[o++] = t[(v >> 18) & 63];
    out[o++] = t[(v >> 12) & 63];
  } else if (n - i == 2) {
    unsigned v = ((unsigned char)in[i] << 16) | ((unsigned char)in[i + 1] << 8);
    out[o++] = t[(v >> 18) & 63];
    out[o++] = t[(v >> 12) & 63];
    out[o++] = t[(v >> 6) & 63];
  }
  out[o] = '\0';
}

/* An unsigned JWT-shaped token with the given payload (readable, not verifiable). */
static inline void fake_jwt(const char *payload, char *out, size_t out_size) {
  static const char header[] = "{\"alg\":\"RS256\",\"kid\":\"test-key\"}";
  char h[128], p[1024];
  b64url(header, strlen(header), h);
  b64url(payload, strlen(payload), p);
  REQUIRE(strlen(h) + strlen(p) + 16 <= out_size);
  strcpy(out, h);
  strcat(out, ".");
  strcat(out, p);
  strcat(out, ".c2lnbmF0dXJl");
}

#endif /* COGNITO_CAPI_TEST_H */
