/* sign_in.c — USER_SRP_AUTH with MFA codes over the stable C ABI.
 *
 *   sign_in USERNAME          password, then each code, one per line on stdin
 *
 * Settings from COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, COGNITO_CLIENT_SECRET
 * and COGNITO_ENDPOINT. Exit status 0 when signed in; 1 with the Cognito
 * error name and message on stderr. */
#include <cognito/cognito.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_line(char *buf, size_t cap) {
  if (!fgets(buf, (int)cap, stdin)) return 0;
  buf[strcspn(buf, "\r\n")] = '\0';
  return 1;
}

static int fail_client(const cognito_client *c, int rc) {
  const char *name = cognito_client_service_error(c);
  fprintf(stderr, "error: %s: %s\n", name && *name ? name : cognito_strerror(rc), cognito_client_errmsg(c));
  return 1;
}

int main(int argc, char **argv) {
  const char *pool = getenv("COGNITO_USER_POOL_ID"), *client_id = getenv("COGNITO_CLIENT_ID");
  const char *secret = getenv("COGNITO_CLIENT_SECRET"), *endpoint = getenv("COGNITO_ENDPOINT");
  cognito_config *cfg = NULL;
  cognito_client *c = NULL;
  cognito_sign_in_request *rq = NULL;
  cognito_sign_in *si = NULL;
  cognito_session *s = NULL;
  char password[256], code[64];
  int rc, status = 1;

  if (argc != 2 || !pool || !client_id) {
    fprintf(stderr, "usage: COGNITO_USER_POOL_ID=.. COGNITO_CLIENT_ID=.. sign_in USERNAME\n");
    return 2;
  }
  COGNITO_CHECK_VERSION();
  if (cognito_config_new(&cfg) != COGNITO_OK) return 1;
  cognito_config_set_user_pool_id(cfg, pool);
  cognito_config_set_client_id(cfg, client_id);
  if (secret && *secret) cognito_config_set_client_secret(cfg, secret, strlen(secret));
  if (endpoint && *endpoint) cognito_config_set_endpoint(cfg, endpoint);
  if ((rc = cognito_client_new(&c, cfg)) != COGNITO_OK) {
    fprintf(stderr, "error: %s: %s\n", cognito_strerror(rc), cognito_config_errmsg(cfg));
    goto out;
  }

  if (!read_line(password, sizeof password)) goto out;
  cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_SRP);
  cognito_sign_in_request_set_username(rq, argv[1]);
  cognito_sign_in_request_set_password(rq, password, strlen(password));
  memset(password, 0, sizeof password);
  if ((rc = cognito_client_sign_in(c, rq, &si)) != COGNITO_OK) {
    status = fail_client(c, rc);
    goto out;
  }
  while (cognito_sign_in_state(si) == COGNITO_EVENT_NEED_ANSWER) {
    const cognito_step *st = cognito_sign_in_step(si);
    cognito_answer *ans = NULL;
    fprintf(stderr, "%s code: ", cognito_step_challenge_name(st));
    if (!read_line(code, sizeof code)) goto out;
    cognito_answer_new_code(&ans, code, strlen(code));
    rc = cognito_client_answer(c, si, ans);
    cognito_answer_free(ans);
    if (rc == COGNITO_E_CODE_MISMATCH) {
      fprintf(stderr, "wrong code, try again\n");
    } else if (rc != COGNITO_OK) {
      status = fail_client(c, rc);
      goto out;
    }
  }
  if ((rc = cognito_sign_in_take_session(si, &s)) != COGNITO_OK) {
    status = fail_client(c, rc);
    goto out;
  }
  printf("signed in as %s; tokens expire at %lld (unix time)\n", cognito_session_username(s),
         (long long)cognito_session_expires_at(s));
  status = 0;
out:
  cognito_session_free(s);
  cognito_sign_in_free(si);
  cognito_sign_in_request_free(rq);
  cognito_client_free(c);
  cognito_config_free(cfg);
  return status;
}
