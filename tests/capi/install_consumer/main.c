/* Uses the installed <cognito/cognito.h> and libcognito_c. */
#include <cognito/cognito.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  cognito_config *cfg = NULL;
  cognito_client *client = NULL;
  int rc;
  if (COGNITO_CHECK_VERSION() != COGNITO_OK) {
    fprintf(stderr, "header %s, library %s: mismatch\n", COGNITO_VERSION_STRING, cognito_version_string());
    return 1;
  }
  if (cognito_config_new(&cfg) != COGNITO_OK) return 1;
  cognito_config_set_user_pool_id(cfg, "eu-west-1_Example");
  cognito_config_set_client_id(cfg, "1example23456789");
  rc = cognito_client_new(&client, cfg);
  if (rc != COGNITO_OK) {
    fprintf(stderr, "cognito_client_new: %s (%s)\n", cognito_strerror(rc), cognito_config_errmsg(cfg));
    return 1;
  }
  if (strcmp(cognito_client_endpoint(client), "https://cognito-idp.eu-west-1.amazonaws.com/") != 0) return 1;
  printf("consumer_c: libcognito_c %s (ABI %u) works\n", cognito_version_string(), cognito_abi_version());
  cognito_client_free(client);
  cognito_config_free(cfg);
  return 0;
}
