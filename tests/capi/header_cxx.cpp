// <cognito/cognito.h> compiles as C++17 with strict warnings, alone and
// together with the C++ API, and its status codes are the C++ ErrorCode values.
#include <cognito/cognito.h>
#include <cognito/cognito.h>

#include <cognito/cognito.hpp>

#include <type_traits>

static_assert(COGNITO_E_INVALID_ARG == static_cast<int>(cognito::ErrorCode::InvalidArgument));
static_assert(COGNITO_E_NOT_AUTHORIZED == static_cast<int>(cognito::ErrorCode::NotAuthorized));
static_assert(COGNITO_E_CODE_MISMATCH == static_cast<int>(cognito::ErrorCode::CodeMismatch));
static_assert(COGNITO_E_TIMEOUT == static_cast<int>(cognito::ErrorCode::Timeout));
static_assert(COGNITO_E_NOMEM == static_cast<int>(cognito::ErrorCode::OutOfMemory));
static_assert(std::is_same_v<decltype(cognito_version_num()), unsigned>);

int main() {
  return cognito_version_num() == COGNITO_VERSION_NUM && cognito::version_num() == COGNITO_VERSION_NUM ? 0 : 1;
}
