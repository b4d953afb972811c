/* <cognito/cognito.h> compiles on its own as strict C99 (-std=c99 -pedantic
 * -Wall -Wextra -Werror), twice (include guard), and its constants are
 * usable in constant expressions. */
#include <cognito/cognito.h>
#include <cognito/cognito.h>

typedef char check_ok[(COGNITO_OK == 0) ? 1 : -1];
typedef char check_usage[(COGNITO_E_INVALID_ARG == -100) ? 1 : -1];
typedef char check_fatal[(COGNITO_E_NOMEM == -900 && COGNITO_E_INTERNAL == -901) ? 1 : -1];
typedef char check_version[(COGNITO_VERSION_NUM > 0) ? 1 : -1];

int main(void) {
  check_ok a;
  check_usage b;
  check_fatal c;
  check_version d;
  (void)a;
  (void)b;
  (void)c;
  (void)d;
  return COGNITO_CHECK_VERSION() == COGNITO_OK ? 0 : 1;
}
