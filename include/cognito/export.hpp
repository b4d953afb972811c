// libcognito — symbol export macro for the C++ API.
#pragma once

// COGNITO_API marks the public C++ API. The shared library is built with
// -fvisibility=hidden, so everything not marked stays private.
// Define COGNITO_STATIC when linking the static library on Windows.
#if defined(_WIN32) && !defined(COGNITO_STATIC)
#  if defined(COGNITO_BUILDING)
#    define COGNITO_API __declspec(dllexport)
#  else
#    define COGNITO_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define COGNITO_API __attribute__((visibility("default")))
#else
#  define COGNITO_API
#endif
