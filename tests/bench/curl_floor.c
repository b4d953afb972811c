/* cognito_curl_floor: the least a process that signs in over libcurl must do
 * before any Cognito work: start with libcurl linked (and, through it, every
 * library Debian's libcurl4-openssl-dev pulls in), initialise it, make and
 * free one easy handle, exit. scripts/bench times it next to
 * examples/sign_in_srp to show how much of a whole sign-in process is the
 * process floor rather than libcognito. Not linked to libcognito. */
#include <curl/curl.h>
#include <stdio.h>

int main(void) {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fputs("curl_global_init failed\n", stderr);
    return 1;
  }
  CURL *easy = curl_easy_init();
  if (!easy) {
    fputs("curl_easy_init failed\n", stderr);
    curl_global_cleanup();
    return 1;
  }
  curl_easy_cleanup(easy);
  printf("%s\n", curl_version());
  curl_global_cleanup();
  return 0;
}
