/* Uses the installed <cognito/cognito.h> and libcognito_c. */
#include <cognito/cognito.h>
#include <stdio.h>
#include <string.h>

/* CONSUMER_WITH_CURL: whether the installed library was built with libcurl
 * (from the package's COGNITO_WITH_CURL, or given by the pkg-config test). */
#ifndef CONSUMER_WITH_CURL
#define CONSUMER_WITH_CURL 1
#endif

#if !CONSUMER_WITH_CURL
/* Without libcurl the application brings the transport. This program sends
 * nothing, so one that always fails will do. */
static int no_network(const cognito_http_request *request, cognito_http_response *response, void *user_data) {
  (void)request;
  (void)response;
  (void)user_data;
  return COGNITO_E_TRANSPORT;
}
#endif

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
#if !CONSUMER_WITH_CURL
  rc = cognito_client_new(&client, cfg);
  if (rc != COGNITO_E_UNSUPPORTED) {
    fprintf(stderr, "cognito_client_new without libcurl or a transport: %s, not COGNITO_E_UNSUPPORTED\n",
            cognito_error_name(rc));
    return 1;
  }
  cognito_config_set_transport(cfg, no_network, NULL);
#endif
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
