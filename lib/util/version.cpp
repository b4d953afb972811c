#include "cognito/version.hpp"

namespace cognito {
int version_num() noexcept { return COGNITO_VERSION_NUM; }
const char* version_string() noexcept { return COGNITO_VERSION_STRING; }
}  // namespace cognito
