// libcognito — umbrella header: the whole C++ API.
//
// C++ API stability: source-compatible within a major version; no binary
// promise (use the C ABI in <cognito/cognito.h> for that).
// Thread safety: distinct objects may be used from different threads at once;
// one object must not be used by two threads at the same time.
#pragma once

#include "cognito/version.hpp"
#include "cognito/error.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "cognito/http.hpp"
#include "cognito/log.hpp"
#include "cognito/config.hpp"
#include "cognito/model.hpp"
#include "cognito/srp.hpp"
#include "cognito/tokens.hpp"
#include "cognito/auth.hpp"
#include "cognito/client.hpp"
#include "cognito/session.hpp"
#if COGNITO_WITH_CURL
#include "cognito/curl_transport.hpp"
#endif
