/*
 * libcognito — the C API: Amazon Cognito User Pools sign-up, sign-in (SRP, MFA,
 * passwordless, custom), tokens and account operations, from C and from any
 * language that can call C (Python ctypes/cffi, Swift, Rust, ...).
 *
 * ==========================================================================
 *  READ THIS FIRST
 * ==========================================================================
 *
 * This header is the whole C API. If a declaration is not in this file it is
 * not part of the API (and not part of the ABI promise). The header compiles
 * as C99 and as C++, includes only <stddef.h> and <stdint.h>, and has no
 * varargs, no inline functions and no public struct layouts.
 *
 * ABI. The shared library is libcognito_c.so.COGNITO_ABI_VERSION. Within one
 * ABI version functions are only ever added (new symbols in new version
 * nodes), never removed or changed; a change of behaviour gets a new function
 * (cognito_foo2) and the old one is deprecated. Status codes are append-only.
 *
 * Names. cognito_<object>_<verb>; macros and constants COGNITO_*. Objects are
 * opaque handles:
 *   - created with cognito_<object>_new(&out, ...) (out parameter first);
 *     on failure *out is set to NULL;
 *   - released with cognito_<object>_free(h), which accepts NULL and wipes
 *     any secret the object held.
 * Methods take the handle first, then inputs, then outputs.
 *
 * Status codes. Functions that can fail return an int: 0 (COGNITO_OK) on
 * success, a negative COGNITO_E_* code on failure. Codes are grouped in
 * ranges; map an unknown code by its range (code / 100):
 *   -1xx  usage: the caller passed something wrong or called at a wrong time
 *   -2xx  transport: DNS, connect, TLS, timeout, reset, size cap
 *   -3xx  a Cognito service exception (one code per exception name; the
 *         exception name itself is available as "service error")
 *   -6xx  protocol: the service's answer is not what the API promises
 *   -7xx  cryptography, SRP, token verification
 *   -8xx  a callback of the application failed
 *   -9xx  fatal: out of memory or an internal error. After a fatal code the
 *         handle that reported it refuses further work (COGNITO_E_INVALID_STATE);
 *         only its _free function is still useful.
 * cognito_strerror() describes a code, cognito_error_name() names it, and
 * cognito_is_fatal() tells whether it is fatal. No function returns a positive
 * status: progress that is not an error (a sign-in that needs an answer, ...)
 * is reported through an out parameter or a state getter, never as a status.
 *
 * Error details live on the handle (SQLite style), never in thread-local
 * storage, so they survive thread hops (Swift concurrency, Python releasing
 * the GIL): cognito_client_errcode / _errmsg / _service_error / _http_status /
 * _request_id, the same for cognito_auth, and cognito_config_errmsg. They
 * describe the most recent call on that handle that returns a status.
 * Messages never contain secrets.
 *
 * Ownership, stated once:
 *   - Inputs are copied; the library never keeps a caller's pointer after the
 *     call returns (callbacks' user_data excepted). Handles passed as inputs
 *     are borrowed for the duration of the call.
 *   - Secrets (passwords, codes, tokens, session strings, device passwords,
 *     client secrets) are passed as a pointer AND a length: UTF-8, need not be
 *     NUL-terminated, may live in locked or otherwise secured memory. The
 *     library keeps its copies in memory it wipes when it releases them.
 *   - A `const char *` RETURNED by a function, and a pointer stored through a
 *     `const char **` / `const uint8_t **` out parameter, is BORROWED: it
 *     belongs to the handle and stays valid until the next call that changes
 *     that handle (any function taking it as non-const), or until it is
 *     freed. Borrowed strings are NUL-terminated UTF-8 (also when a length is
 *     returned next to them). Do not free them.
 *   - A `char **` out parameter receives an OWNED string: NUL-terminated,
 *     released with cognito_string_free() (which wipes it), never with free().
 *     A `cognito_x **` out parameter receives an owned handle.
 *   - Ownership moves only on success; on failure owned out parameters are
 *     set to NULL (and lengths to 0).
 *   - Optional pointer inputs are marked "may be NULL"; all other pointer
 *     arguments must not be NULL (a NULL is reported as COGNITO_E_INVALID_ARG,
 *     never a crash). Getters given a NULL handle return NULL / 0.
 *
 * Thread safety. Distinct handles may be used concurrently from different
 * threads. A single handle (cognito_config, cognito_client, cognito_auth,
 * cognito_sign_in, cognito_session, ...) must not be used by two threads at
 * the same time; it may be moved between threads. A cognito_client or
 * cognito_auth call made while another call on the same handle is in
 * progress (from another thread, or from one of its own callbacks) returns
 * COGNITO_E_INVALID_STATE at once and changes nothing, not even the handle's
 * error details, which belong to the call in progress (so do not read them,
 * or the handle's borrowed results, from the refused thread);
 * cognito_client_cancel is the exception, made for exactly that. Objects handed out by a
 * handle (a step, an HTTP request, attribute lists) belong to that handle.
 * Callbacks run on the thread that made the call into the library.
 * cognito_version_*, cognito_check_version, cognito_abi_version,
 * cognito_strerror, cognito_error_name, cognito_is_fatal and
 * cognito_string_free are always thread-safe. No global initialisation is
 * needed.
 *
 * Callbacks get their user_data as the last argument, run synchronously on
 * the calling thread, must not call back into the handle that invoked them,
 * and must not unwind (no C++ exceptions, longjmp, Swift errors or Python
 * exceptions across the boundary).
 *
 * Time. Functions that need the wall clock take `now_unix_ms` (milliseconds
 * since 1970-01-01T00:00:00Z); 0 means "read the system clock".
 *
 * A blocking sign-in with TOTP MFA:
 *
 *   cognito_config *cfg;  cognito_client *c;  cognito_sign_in_request *rq;
 *   cognito_sign_in *si;  cognito_answer *ans;  cognito_session *s;
 *   cognito_config_new(&cfg);
 *   cognito_config_set_user_pool_id(cfg, "us-east-1_AbCdEfGhI");
 *   cognito_config_set_client_id(cfg, "1example23456789");
 *   if (cognito_client_new(&c, cfg) != COGNITO_OK) { ... cognito_config_errmsg(cfg) ... }
 *   cognito_sign_in_request_new(&rq, COGNITO_FLOW_USER_SRP);
 *   cognito_sign_in_request_set_username(rq, "alice");
 *   cognito_sign_in_request_set_password(rq, pw, pw_len);
 *   if (cognito_client_sign_in(c, rq, &si) != COGNITO_OK) { ... cognito_client_errmsg(c) ... }
 *   while (cognito_sign_in_state(si) == COGNITO_EVENT_NEED_ANSWER) {
 *     const cognito_step *st = cognito_sign_in_step(si);
 *     if (cognito_step_kind(st) == COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE) {
 *       cognito_answer_new_code(&ans, code, 6);
 *       rc = cognito_client_answer(c, si, ans);   (COGNITO_E_CODE_MISMATCH: ask again)
 *       cognito_answer_free(ans);
 *     } ...
 *   }
 *   cognito_sign_in_take_session(si, &s);     (tokens, device, expiry)
 *   ...
 *   cognito_session_free(s); cognito_sign_in_free(si); cognito_sign_in_request_free(rq);
 *   cognito_client_free(c); cognito_config_free(cfg);
 *
 * The same sign-in without the library doing I/O: see "Sans-I/O" below.
 */
#ifndef COGNITO_COGNITO_H
#define COGNITO_COGNITO_H

#include <stddef.h>
#include <stdint.h>

/* ---- export macro ---------------------------------------------------------
 * COGNITO_C_API marks every function of this header. Define COGNITO_C_STATIC
 * when linking a static build of the C API. */
#if defined(COGNITO_C_STATIC)
#  define COGNITO_C_API
#elif defined(_WIN32)
#  if defined(COGNITO_C_BUILDING)
#    define COGNITO_C_API __declspec(dllexport)
#  else
#    define COGNITO_C_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define COGNITO_C_API __attribute__((visibility("default")))
#else
#  define COGNITO_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ==========================================================================
 *  Version
 * ========================================================================== */

/* The version of this header. CMake rewrites the three numbers and the string
 * from the project version when it builds and installs the library. (The
 * definitions are spelled exactly as in the C++ header <cognito/version.hpp>,
 * so a C++ program may include both.) */
#ifndef COGNITO_VERSION_MAJOR
#define COGNITO_VERSION_MAJOR 0
#define COGNITO_VERSION_MINOR 1
#define COGNITO_VERSION_PATCH 0
/** (MAJOR << 16) | (MINOR << 8) | PATCH: always larger in a newer release. */
#define COGNITO_VERSION_NUM \
  ((COGNITO_VERSION_MAJOR << 16) | (COGNITO_VERSION_MINOR << 8) | COGNITO_VERSION_PATCH)
#define COGNITO_VERSION_STRING "0.1.0"
#endif
/** The ABI version: the SONAME suffix of libcognito_c.so. */
#define COGNITO_ABI_VERSION 1

/** cognito_version_num returns COGNITO_VERSION_NUM of the library actually
 * loaded (compare it with the header's to detect a mismatch). Since 0.1. */
COGNITO_C_API unsigned cognito_version_num(void);

/** cognito_version_string returns the library's version, e.g. "0.1.0".
 * Static storage. Since 0.1. */
COGNITO_C_API const char *cognito_version_string(void);

/** cognito_abi_version returns the library's ABI version (its SONAME
 * suffix). Since 0.1. */
COGNITO_C_API unsigned cognito_abi_version(void);

/** cognito_check_version checks that the loaded library can serve a program
 * compiled against the header version `header_version` (pass
 * COGNITO_VERSION_NUM, or use COGNITO_CHECK_VERSION()): the same major version
 * and a library at least as new as the header.
 * Returns COGNITO_OK, or COGNITO_E_UNSUPPORTED on a mismatch. Since 0.1. */
COGNITO_C_API int cognito_check_version(unsigned header_version);

/** COGNITO_CHECK_VERSION() is cognito_check_version(COGNITO_VERSION_NUM). */
#define COGNITO_CHECK_VERSION() cognito_check_version(COGNITO_VERSION_NUM)

/* ==========================================================================
 *  Status codes
 * ========================================================================== */

/* The numbers are the C++ API's cognito::ErrorCode values. Append-only:
 * never renumbered, never reused. Functions return them as int. */
enum cognito_status {
  COGNITO_OK = 0,

  /* -1xx usage */
  COGNITO_E_INVALID_ARG = -100,      /* a parameter is NULL, empty, malformed or out of range */
  COGNITO_E_INVALID_STATE = -101,    /* not allowed in the object's current state */
  COGNITO_E_BUFFER_TOO_SMALL = -102, /* an output buffer is too small */
  COGNITO_E_UNSUPPORTED = -103,      /* not built in / not supported (also: version mismatch) */
  COGNITO_E_INSECURE_URL = -104,     /* plain http:// to a non-loopback host without opt-in */

  /* -2xx transport */
  COGNITO_E_TRANSPORT = -200,        /* other transport failure */
  COGNITO_E_DNS = -201,              /* host name could not be resolved */
  COGNITO_E_CONNECT = -202,          /* connection refused / unreachable */
  COGNITO_E_TLS = -203,              /* TLS handshake or certificate verification failed */
  COGNITO_E_TIMEOUT = -204,          /* a timeout or the call's deadline passed */
  COGNITO_E_CONNECTION_RESET = -205, /* the connection broke while sending or receiving */
  COGNITO_E_BODY_TOO_LARGE = -206,   /* the answer exceeded the configured size cap */
  COGNITO_E_HTTP_STATUS = -207,      /* a non-2xx answer that carries no service error */
  COGNITO_E_CANCELLED = -208,        /* the call was cancelled (cognito_client_cancel) */

  /* -3xx Cognito service exceptions (name: cognito_client_service_error()) */
  COGNITO_E_SERVICE_UNKNOWN = -300,  /* an exception name this version does not know */
  COGNITO_E_ACCESS_DENIED = -301,
  COGNITO_E_ALIAS_EXISTS = -302,
  COGNITO_E_CODE_DELIVERY_FAILURE = -303,
  COGNITO_E_CODE_MISMATCH = -304,
  COGNITO_E_CONCURRENT_MODIFICATION = -305,
  COGNITO_E_DEVICE_KEY_EXISTS = -306,
  COGNITO_E_DUPLICATE_PROVIDER = -307,
  COGNITO_E_ENABLE_SOFTWARE_TOKEN_MFA = -308,
  COGNITO_E_EXPIRED_CODE = -309,
  COGNITO_E_FEATURE_UNAVAILABLE_IN_TIER = -310,
  COGNITO_E_FORBIDDEN = -311,
  COGNITO_E_GROUP_EXISTS = -312,
  COGNITO_E_INTERNAL_ERROR = -313,
  COGNITO_E_INTERNAL_SERVER = -314,
  COGNITO_E_INVALID_EMAIL_ROLE_ACCESS_POLICY = -315,
  COGNITO_E_INVALID_LAMBDA_RESPONSE = -316,
  COGNITO_E_INVALID_OAUTH_FLOW = -317,
  COGNITO_E_INVALID_PARAMETER = -318,
  COGNITO_E_INVALID_PASSWORD = -319,
  COGNITO_E_INVALID_SMS_ROLE_ACCESS_POLICY = -320,
  COGNITO_E_INVALID_SMS_ROLE_TRUST_RELATIONSHIP = -321,
  COGNITO_E_INVALID_USER_POOL_CONFIGURATION = -322,
  COGNITO_E_LIMIT_EXCEEDED = -323,
  COGNITO_E_MFA_METHOD_NOT_FOUND = -324,
  COGNITO_E_MANAGED_LOGIN_BRANDING_EXISTS = -325,
  COGNITO_E_NOT_AUTHORIZED = -326,
  COGNITO_E_PASSWORD_HISTORY_POLICY_VIOLATION = -327,
  COGNITO_E_PASSWORD_RESET_REQUIRED = -328,
  COGNITO_E_PRECONDITION_NOT_MET = -329,
  COGNITO_E_REFRESH_TOKEN_REUSE = -330,
  COGNITO_E_RESOURCE_NOT_FOUND = -331,
  COGNITO_E_SCOPE_DOES_NOT_EXIST = -332,
  COGNITO_E_SOFTWARE_TOKEN_MFA_NOT_FOUND = -333,
  COGNITO_E_TERMS_EXISTS = -334,
  COGNITO_E_TIER_CHANGE_NOT_ALLOWED = -335,
  COGNITO_E_TOO_MANY_FAILED_ATTEMPTS = -336,
  COGNITO_E_TOO_MANY_REQUESTS = -337,
  COGNITO_E_UNAUTHORIZED = -338,
  COGNITO_E_UNEXPECTED_LAMBDA = -339,
  COGNITO_E_UNSUPPORTED_IDENTITY_PROVIDER = -340,
  COGNITO_E_UNSUPPORTED_OPERATION = -341,
  COGNITO_E_UNSUPPORTED_TOKEN_TYPE = -342,
  COGNITO_E_UNSUPPORTED_USER_STATE = -343,
  COGNITO_E_USER_IMPORT_IN_PROGRESS = -344,
  COGNITO_E_USER_LAMBDA_VALIDATION = -345,
  COGNITO_E_USER_NOT_CONFIRMED = -346,
  COGNITO_E_USER_NOT_FOUND = -347,
  COGNITO_E_USER_POOL_ADD_ON_NOT_ENABLED = -348,
  COGNITO_E_USER_POOL_TAGGING = -349,
  COGNITO_E_USERNAME_EXISTS = -350,
  COGNITO_E_WEB_AUTHN_CHALLENGE_NOT_FOUND = -351,
  COGNITO_E_WEB_AUTHN_CLIENT_MISMATCH = -352,
  COGNITO_E_WEB_AUTHN_CONFIGURATION_MISSING = -353,
  COGNITO_E_WEB_AUTHN_CREDENTIAL_NOT_SUPPORTED = -354,
  COGNITO_E_WEB_AUTHN_NOT_ENABLED = -355,
  COGNITO_E_WEB_AUTHN_ORIGIN_NOT_ALLOWED = -356,
  COGNITO_E_WEB_AUTHN_RELYING_PARTY_MISMATCH = -357,
  COGNITO_E_SERIALIZATION = -358,
  COGNITO_E_UNKNOWN_OPERATION = -359,
  COGNITO_E_REQUEST_TIMEOUT = -360,
  COGNITO_E_THROTTLING = -361,

  /* -6xx protocol */
  COGNITO_E_MALFORMED_RESPONSE = -600, /* the body is not JSON (or not an object) */
  COGNITO_E_MISSING_FIELD = -601,      /* a member the API promises is absent */
  COGNITO_E_WRONG_TYPE = -602,         /* a member has the wrong JSON type */
  COGNITO_E_UNEXPECTED_RESPONSE = -603,/* valid JSON, but no answer that fits the request */

  /* -7xx crypto */
  COGNITO_E_CRYPTO = -700,             /* an OpenSSL primitive failed */
  COGNITO_E_RANDOM = -701,             /* the CSPRNG failed */
  COGNITO_E_SRP_BAD_SERVER_VALUE = -702, /* SRP_B / SALT / SECRET_BLOCK malformed or unsafe */
  COGNITO_E_TOKEN_INVALID = -703,      /* a JWT is malformed, badly signed, expired or foreign */

  /* -8xx callbacks */
  COGNITO_E_CALLBACK = -800,           /* a callback of the application reported failure */

  /* -9xx fatal */
  COGNITO_E_NOMEM = -900,              /* out of memory */
  COGNITO_E_INTERNAL = -901            /* internal error (a bug) */
};

/** cognito_strerror returns a short English description of `code` (any int;
 * unknown codes get a description of their range). Never NULL; static
 * storage. Since 0.1. */
COGNITO_C_API const char *cognito_strerror(int code);

/** cognito_error_name returns the stable name of `code` ("NotAuthorized",
 * "Timeout", the C++ ErrorCode enumerator), or "Unknown". Never NULL; static
 * storage. Since 0.1. */
COGNITO_C_API const char *cognito_error_name(int code);

/** cognito_is_fatal returns 1 if `code` is fatal (<= -900), else 0. Since 0.1. */
COGNITO_C_API int cognito_is_fatal(int code);

/** cognito_string_free wipes and releases a string the library returned
 * through a `char **` out parameter. NULL is a no-op. Never pass memory from
 * elsewhere (a pointer the library did not allocate is ignored when it can be
 * recognised, but that is not guaranteed). Since 0.1. */
COGNITO_C_API void cognito_string_free(char *str);

/* ==========================================================================
 *  Constants (passed and returned as int)
 * ========================================================================== */

/** Log levels (cognito_config_set_log). */
enum cognito_log_level {
  COGNITO_LOG_NONE = 0,
  COGNITO_LOG_ERROR = 1,
  COGNITO_LOG_WARN = 2,
  COGNITO_LOG_INFO = 3,
  COGNITO_LOG_DEBUG = 4,
  COGNITO_LOG_TRACE = 5
};

/** Sign-in flows (cognito_sign_in_request_new). */
enum cognito_flow {
  COGNITO_FLOW_USER_SRP = 1,              /* USER_SRP_AUTH: the password never leaves the device */
  COGNITO_FLOW_USER_PASSWORD = 2,         /* USER_PASSWORD_AUTH: the password is sent over TLS */
  COGNITO_FLOW_CUSTOM_AUTH = 3,           /* CUSTOM_AUTH: Lambda-defined challenges */
  COGNITO_FLOW_CUSTOM_AUTH_WITH_SRP = 4,  /* CUSTOM_AUTH starting with SRP */
  COGNITO_FLOW_USER_AUTH = 5,             /* USER_AUTH: choice-based, passwordless */
  COGNITO_FLOW_REFRESH_TOKEN = 6,         /* REFRESH_TOKEN_AUTH */
  COGNITO_FLOW_REFRESH_TOKEN_ROTATION = 7 /* GetTokensFromRefreshToken (refresh-token rotation) */
};

/** What a sign-in asks the application (cognito_step_kind). */
enum cognito_step_kind {
  COGNITO_STEP_SMS_MFA_CODE = 1,           /* SMS_MFA: answer with the code sent by SMS */
  COGNITO_STEP_SOFTWARE_TOKEN_MFA_CODE = 2,/* SOFTWARE_TOKEN_MFA: the authenticator app's code */
  COGNITO_STEP_EMAIL_OTP_CODE = 3,         /* EMAIL_OTP: the code sent by email */
  COGNITO_STEP_SMS_OTP_CODE = 4,           /* SMS_OTP: the code sent by SMS (passwordless) */
  COGNITO_STEP_SELECT_MFA_TYPE = 5,        /* SELECT_MFA_TYPE: select one of the options */
  COGNITO_STEP_MFA_SETUP = 6,              /* MFA_SETUP: setup TOTP or email, or select an option */
  COGNITO_STEP_TOTP_SETUP_CODE = 7,        /* after setup TOTP: show the URI, answer the first code */
  COGNITO_STEP_NEW_PASSWORD_REQUIRED = 8,  /* NEW_PASSWORD_REQUIRED: new password + required attributes */
  COGNITO_STEP_CUSTOM_CHALLENGE = 9,       /* CUSTOM_CHALLENGE: see the parameters */
  COGNITO_STEP_SELECT_CHALLENGE = 10,      /* SELECT_CHALLENGE (USER_AUTH): select, or give the password */
  COGNITO_STEP_WEB_AUTHN = 11,             /* WEB_AUTHN: pass the options to the authenticator */
  COGNITO_STEP_UNKNOWN_CHALLENGE = 12,     /* a challenge this version does not know */
  COGNITO_STEP_PASSWORD = 13               /* PASSWORD / PASSWORD_SRP asked directly */
};

/** Sign-in progress (cognito_auth_next_event, cognito_sign_in_state). */
enum cognito_event_kind {
  COGNITO_EVENT_SEND_REQUEST = 1, /* sans-I/O only: send cognito_auth_request() */
  COGNITO_EVENT_NEED_ANSWER = 2,  /* answer the step */
  COGNITO_EVENT_SIGNED_IN = 3,    /* take the session */
  COGNITO_EVENT_FAILED = 4        /* over; the handle's error details say why */
};

/** Token kinds (cognito_client_verify_token). */
enum cognito_token_use {
  COGNITO_TOKEN_ID = 1,
  COGNITO_TOKEN_ACCESS = 2
};

/** MFA factors (cognito_client_set_mfa_preference). */
enum cognito_mfa_factor {
  COGNITO_MFA_SMS = 1,
  COGNITO_MFA_TOTP = 2,
  COGNITO_MFA_EMAIL = 3,
  COGNITO_MFA_WEB_AUTHN = 4
};

/** Flags of a session (cognito_session_flags). */
enum cognito_session_flag {
  COGNITO_SESSION_NEW_DEVICE = 1,                /* the sign-in confirmed a new device: store it */
  COGNITO_SESSION_DEVICE_NEEDS_CONFIRMATION = 2, /* pool "user opt-in": remember it with update_device_status */
  COGNITO_SESSION_DROPPED_DEVICE = 4,            /* the stored device was unknown to the service: delete it */
  COGNITO_SESSION_DEVICE_ERROR = 8               /* a new device could not be confirmed (tokens are fine) */
};

/* ==========================================================================
 *  Handles
 * ========================================================================== */

typedef struct cognito_config cognito_config;             /* settings for clients and auth machines */
typedef struct cognito_client cognito_client;             /* blocking client (does the HTTP itself) */
typedef struct cognito_auth cognito_auth;                 /* sans-I/O sign-in machine */
typedef struct cognito_sign_in_request cognito_sign_in_request; /* what to sign in with */
typedef struct cognito_sign_in cognito_sign_in;           /* a sign-in in progress (blocking client) */
typedef struct cognito_step cognito_step;                 /* a question of a sign-in (borrowed only) */
typedef struct cognito_answer cognito_answer;             /* the application's answer to a step */
typedef struct cognito_session cognito_session;           /* a signed-in user's tokens and device */
typedef struct cognito_attributes cognito_attributes;     /* an ordered name -> value list */
typedef struct cognito_user cognito_user;                 /* GetUser / GetUserAuthFactors result */
typedef struct cognito_devices cognito_devices;           /* ListDevices / GetDevice result */
typedef struct cognito_http_request cognito_http_request; /* an HTTP request to send (borrowed only) */
typedef struct cognito_http_response cognito_http_response; /* an HTTP response to hand back */

/* ==========================================================================
 *  HTTP requests and responses (custom transports and sans-I/O)
 * ========================================================================== */

/** cognito_http_request_method returns the request's method ("POST",
 * "GET"). Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_http_request_method(const cognito_http_request *request);

/** cognito_http_request_url returns the absolute URL to send the request
 * to. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_http_request_url(const cognito_http_request *request);

/** cognito_http_request_header_count returns the number of request headers
 * (0 for NULL). Since 0.1. */
COGNITO_C_API size_t cognito_http_request_header_count(const cognito_http_request *request);

/** cognito_http_request_header_name returns the name of header `index`, or
 * NULL when `index` is out of range. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_http_request_header_name(const cognito_http_request *request, size_t index);

/** cognito_http_request_header_value returns the value of header `index`, or
 * NULL when `index` is out of range. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_http_request_header_value(const cognito_http_request *request, size_t index);

/** cognito_http_request_header returns the value of the first header named
 * `name` (ASCII case-insensitive), or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_http_request_header(const cognito_http_request *request, const char *name);

/** cognito_http_request_body stores the body in `*body` / `*body_len`
 * (borrowed; may hold passwords or tokens: do not log it, do not keep
 * copies). An empty body gives a non-NULL pointer and length 0.
 * Returns COGNITO_OK or COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_http_request_body(const cognito_http_request *request, const uint8_t **body,
                                            size_t *body_len);

/** cognito_http_request_timeout_ms returns the time the transport may take
 * for this request in milliseconds (the time left until the call's deadline);
 * 0 when there is no limit (sans-I/O requests). Since 0.1. */
COGNITO_C_API int64_t cognito_http_request_timeout_ms(const cognito_http_request *request);

/** cognito_http_request_cancelled returns 1 once cognito_client_cancel was
 * called for the call this request belongs to, else 0 (always 0 for sans-I/O
 * requests), COGNITO_E_INVALID_ARG for NULL. A transport callback that can
 * stop early polls it and then returns COGNITO_E_CANCELLED. Since 0.1. */
COGNITO_C_API int cognito_http_request_cancelled(const cognito_http_request *request);

/** cognito_http_response_new creates an empty response (status 0, no
 * headers, empty body). Returns COGNITO_OK, COGNITO_E_INVALID_ARG or
 * COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_http_response_new(cognito_http_response **out);

/** cognito_http_response_free wipes and releases `response`. NULL is a no-op.
 * Since 0.1. */
COGNITO_C_API void cognito_http_response_free(cognito_http_response *response);

/** cognito_http_response_reset makes `response` empty again (the body is
 * wiped). Returns COGNITO_OK or COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_http_response_reset(cognito_http_response *response);

/** cognito_http_response_set_status sets the HTTP status (100..599).
 * Returns COGNITO_OK or COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_http_response_set_status(cognito_http_response *response, int status);

/** cognito_http_response_add_header adds a header (names are matched
 * case-insensitively; x-amzn-RequestId is reported as the request id).
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG (NULL, empty name, CR/LF) or
 * COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_http_response_add_header(cognito_http_response *response, const char *name,
                                                   const char *value);

/** cognito_http_response_append_body appends `data_len` bytes to the body
 * (`data` may be NULL when `data_len` is 0). Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG, COGNITO_E_NOMEM or COGNITO_E_BODY_TOO_LARGE when
 * the body would exceed the client's cognito_config_set_max_response_bytes:
 * the body is then dropped and the call fails with that code, whatever the
 * callback does afterwards (cognito_http_response_reset included). Since 0.1. */
COGNITO_C_API int cognito_http_response_append_body(cognito_http_response *response, const void *data,
                                                    size_t data_len);

/* ==========================================================================
 *  Callbacks
 * ========================================================================== */

/** A custom transport: send `request` and describe the answer in `response`
 * (status, headers, body). Return 0 when an answer arrived (any status: a
 * 400 with a Cognito error is an answer), a transport code (-200..-299, e.g.
 * COGNITO_E_TIMEOUT; one this version does not define counts as
 * COGNITO_E_TRANSPORT) when none did, anything else to fail the call with
 * COGNITO_E_CALLBACK. Do not retry inside: the client applies its retry
 * policy. `request` and `response` are valid only during the call. */
typedef int (*cognito_transport_fn)(const cognito_http_request *request, cognito_http_response *response,
                                    void *user_data);

/** A log sink: `message` (`message_len` bytes, also NUL-terminated) is valid
 * only during the call. Messages carry structure only (operations, HTTP
 * status, request ids, step kinds, challenge names, error names, timings),
 * never bodies, passwords, codes, tokens or SRP values — at any level. */
typedef void (*cognito_log_fn)(int level, const char *message, size_t message_len, void *user_data);

/* ==========================================================================
 *  Configuration
 * ========================================================================== */

/** cognito_config_new creates a configuration with defaults: no pool, no
 * client, TLS verification on, connect timeout 10 s, request timeout 30 s,
 * deadline 60 s per call, 3 attempts, 1 MiB response cap, SRP ephemeral 256
 * bits, remember devices on, logging off. A client or auth machine copies the
 * configuration when it is created; later changes do not affect it.
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG (out is NULL) or COGNITO_E_NOMEM.
 * Since 0.1. */
COGNITO_C_API int cognito_config_new(cognito_config **out);

/** cognito_config_free wipes (the client secret) and releases `config`. NULL
 * is a no-op. Since 0.1. */
COGNITO_C_API void cognito_config_free(cognito_config *config);

/** cognito_config_errmsg describes the last failure of a setter on `config`,
 * or of cognito_client_new / cognito_auth_new with it; "" after a success.
 * Never NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_config_errmsg(const cognito_config *config);

/* Setters. Each returns COGNITO_OK, COGNITO_E_INVALID_ARG (NULL config, a
 * value out of range, a string that is not UTF-8 or holds control
 * characters) or COGNITO_E_NOMEM. A NULL string resets the setting to its
 * default. Since 0.1. */

/** The user pool id, e.g. "us-east-1_AbCdEfGhI" (required for sign-in). */
COGNITO_C_API int cognito_config_set_user_pool_id(cognito_config *config, const char *user_pool_id);
/** The app client id (required). */
COGNITO_C_API int cognito_config_set_client_id(cognito_config *config, const char *client_id);
/** The app client secret, only for app clients that have one (NULL: none). */
COGNITO_C_API int cognito_config_set_client_secret(cognito_config *config, const char *secret, size_t secret_len);
/** The region; default: the user pool id's prefix. */
COGNITO_C_API int cognito_config_set_region(cognito_config *config, const char *region);
/** An endpoint URL used verbatim (emulators, VPC endpoints); default: the
 * regional Cognito endpoint. */
COGNITO_C_API int cognito_config_set_endpoint(cognito_config *config, const char *url);
/** 1: use the FIPS endpoint (cognito-idp-fips). */
COGNITO_C_API int cognito_config_set_fips(cognito_config *config, int enabled);
/** A PEM CA bundle to verify servers with (default: the system's). */
COGNITO_C_API int cognito_config_set_ca_file(cognito_config *config, const char *path);
/** A directory of hashed CA certificates (default: the system's). */
COGNITO_C_API int cognito_config_set_ca_path(cognito_config *config, const char *dir);
/** A proxy URL, e.g. "http://proxy:3128" (default: the environment's). */
COGNITO_C_API int cognito_config_set_proxy(cognito_config *config, const char *proxy_url);
/** TCP + TLS connect timeout in ms (>= 0; 0 = libcurl's default). */
COGNITO_C_API int cognito_config_set_connect_timeout_ms(cognito_config *config, int64_t ms);
/** Timeout of one HTTP request in ms (>= 0; 0 = only the deadline). */
COGNITO_C_API int cognito_config_set_request_timeout_ms(cognito_config *config, int64_t ms);
/** Deadline of one call, all attempts and waits included, in ms (> 0). */
COGNITO_C_API int cognito_config_set_deadline_ms(cognito_config *config, int64_t ms);
/** Largest accepted response body in bytes (> 0; default 1 MiB), for
 * libcurl and for a transport callback alike. */
COGNITO_C_API int cognito_config_set_max_response_bytes(cognito_config *config, size_t bytes);
/** 1: allow plain http:// to non-loopback hosts (tests only). Loopback
 * hosts (127.0.0.0/8, ::1, localhost) are always allowed. */
COGNITO_C_API int cognito_config_set_allow_insecure_http(cognito_config *config, int allow);
/** Attempts per call (1..10; 1 = no retries). Only retryable errors are
 * retried (throttling, 5xx, network), non-idempotent requests only when the
 * service certainly did not process them. */
COGNITO_C_API int cognito_config_set_retries(cognito_config *config, int max_attempts);
/** Retry back-off in ms: base delay, base delay after throttling, and the
 * largest delay (full jitter). All >= 0, `max_ms` >= the others. */
COGNITO_C_API int cognito_config_set_retry_delays_ms(cognito_config *config, int64_t base_ms,
                                                     int64_t throttle_base_ms, int64_t max_ms);
/** Size of the SRP private ephemeral in bits (256..1024, multiple of 8). */
COGNITO_C_API int cognito_config_set_srp_ephemeral_bits(cognito_config *config, unsigned bits);
/** 1 (default): confirm a new device during sign-in and hand its
 * credentials out with the session; 0: do not. */
COGNITO_C_API int cognito_config_set_remember_devices(cognito_config *config, int enabled);
/** The device name sent with ConfirmDevice (default "libcognito"). */
COGNITO_C_API int cognito_config_set_device_name(cognito_config *config, const char *name);
/** The issuer (app name) in the otpauth:// URI of a TOTP set-up during
 * sign-in (default "Cognito"). */
COGNITO_C_API int cognito_config_set_totp_issuer(cognito_config *config, const char *issuer);
/** Appended to the User-Agent "libcognito/<version>", e.g. "myapp/2.1". */
COGNITO_C_API int cognito_config_set_user_agent_suffix(cognito_config *config, const char *suffix);
/** The expected `iss` of the pool's tokens (cognito_client_verify_token);
 * default: derived from the endpoint and pool id. */
COGNITO_C_API int cognito_config_set_token_issuer(cognito_config *config, const char *issuer);
/** Clock tolerance for token times in seconds (0..3600, default 60). */
COGNITO_C_API int cognito_config_set_token_leeway_s(cognito_config *config, int64_t seconds);

/** cognito_config_set_transport makes clients send their HTTP requests
 * through `fn` instead of libcurl (NULL `fn`: back to libcurl). `user_data`
 * is passed to every call and must stay valid as long as a client created
 * with this configuration exists. Returns COGNITO_OK or
 * COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_config_set_transport(cognito_config *config, cognito_transport_fn fn, void *user_data);

/** cognito_config_set_log installs a per-handle log sink for clients and auth
 * machines created with this configuration: messages of level <= `min_level`
 * (COGNITO_LOG_ERROR..COGNITO_LOG_TRACE) go to `fn`. NULL `fn` or
 * COGNITO_LOG_NONE: no logging (the default). `user_data` must stay valid as
 * long as such a handle exists. Returns COGNITO_OK or COGNITO_E_INVALID_ARG.
 * Since 0.1. */
COGNITO_C_API int cognito_config_set_log(cognito_config *config, int min_level, cognito_log_fn fn, void *user_data);

/* ==========================================================================
 *  Attribute lists (user attributes, client metadata, challenge parameters)
 * ========================================================================== */

/** cognito_attributes_new creates an empty list. Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG or COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_attributes_new(cognito_attributes **out);

/** cognito_attributes_free releases `attributes`. NULL is a no-op. Only for
 * lists made with cognito_attributes_new (never for borrowed ones). Since 0.1. */
COGNITO_C_API void cognito_attributes_free(cognito_attributes *attributes);

/** cognito_attributes_set sets `name` to `value`, replacing an existing entry
 * of that name (order of first insertion is kept). Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG (NULL, empty name, not UTF-8) or COGNITO_E_NOMEM.
 * Since 0.1. */
COGNITO_C_API int cognito_attributes_set(cognito_attributes *attributes, const char *name, const char *value);

/** cognito_attributes_count returns the number of entries (0 for NULL). Since 0.1. */
COGNITO_C_API size_t cognito_attributes_count(const cognito_attributes *attributes);

/** cognito_attributes_name returns the name of entry `index`, or NULL when
 * out of range. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_attributes_name(const cognito_attributes *attributes, size_t index);

/** cognito_attributes_value returns the value of entry `index`, or NULL when
 * out of range. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_attributes_value(const cognito_attributes *attributes, size_t index);

/** cognito_attributes_get returns the value of the entry named `name`, or
 * NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_attributes_get(const cognito_attributes *attributes, const char *name);

/* ==========================================================================
 *  Client (blocking: does the HTTP itself) and its error details
 * ========================================================================== */

/** cognito_client_new creates a client from `config` (copied): it resolves
 * the endpoint and creates the transport (libcurl, or the configured
 * callback). On failure the reason is in cognito_config_errmsg(config).
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG (NULL, no client id, no region
 * or endpoint, bad transport options), COGNITO_E_UNSUPPORTED (built without
 * libcurl and no transport callback) or COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_client_new(cognito_client **out, const cognito_config *config);

/** cognito_client_free releases `client` (secrets wiped). NULL is a no-op.
 * Since 0.1. */
COGNITO_C_API void cognito_client_free(cognito_client *client);

/** cognito_client_errcode returns the status of the last call on `client`
 * that returns a status (COGNITO_OK after a success); COGNITO_E_INVALID_ARG
 * for NULL. Since 0.1. */
COGNITO_C_API int cognito_client_errcode(const cognito_client *client);

/** cognito_client_errmsg describes the last failure on `client`: the
 * service's message or the library's ("" after a success). Never NULL.
 * Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_errmsg(const cognito_client *client);

/** cognito_client_service_error returns the Cognito exception name of the
 * last failure ("NotAuthorizedException"), or NULL when it was not a service
 * error. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_service_error(const cognito_client *client);

/** cognito_client_http_status returns the HTTP status of the last failure's
 * answer, 0 if none arrived. Since 0.1. */
COGNITO_C_API int cognito_client_http_status(const cognito_client *client);

/** cognito_client_request_id returns the x-amzn-RequestId of the last
 * failure's answer, or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_request_id(const cognito_client *client);

/** cognito_client_cancel cancels the call in progress on `client`, if any:
 * it returns COGNITO_E_CANCELLED as soon as it can (libcurl's transfer is
 * aborted within about a second, a retry wait ends at once; a transport
 * callback sees cognito_http_request_cancelled) and is never retried; a
 * sign-in step sends no further request. A request already sent may have been
 * acted on by the service; an answer that arrived complete is still used
 * (when a sign-in had only ConfirmDevice left it signs in without the new
 * device). Calls started afterwards are not affected. The one
 * function that may be called from any thread (or from a callback) while
 * another call uses `client`, as long as `client` is not freed. NULL is a
 * no-op. Since 0.1. */
COGNITO_C_API void cognito_client_cancel(cognito_client *client);

/** cognito_client_endpoint returns the URL the client sends to. Borrowed.
 * Since 0.1. */
COGNITO_C_API const char *cognito_client_endpoint(const cognito_client *client);

/** cognito_client_delivery_destination returns the masked destination
 * ("a***@e***.com") of the code the last successful call sent (sign up,
 * resend, forgot password, attribute verification, attribute update), or
 * NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_delivery_destination(const cognito_client *client);

/** cognito_client_delivery_medium returns "EMAIL" or "SMS" for the code the
 * last successful call sent, or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_delivery_medium(const cognito_client *client);

/** cognito_client_delivery_attribute returns the attribute ("email",
 * "phone_number") the last successful call sent a code to, or NULL.
 * Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_client_delivery_attribute(const cognito_client *client);

/* ==========================================================================
 *  Sign-in requests
 * ========================================================================== */

/* Which settings each flow needs (checked when the sign-in starts):
 *   USER_SRP, USER_PASSWORD, CUSTOM_AUTH_WITH_SRP: username, password
 *   CUSTOM_AUTH: username
 *   USER_AUTH: username; a password when the preferred challenge is PASSWORD
 *              or PASSWORD_SRP; the session for auto sign-in after sign-up
 *   REFRESH_TOKEN: refresh token; username (canonical) if the client has a secret
 *   REFRESH_TOKEN_ROTATION: refresh token
 * A device needs key, group key and password for sign-in flows, only the key
 * for the refresh flows. */

/** cognito_sign_in_request_new creates an empty request for `flow`
 * (COGNITO_FLOW_*). Returns COGNITO_OK, COGNITO_E_INVALID_ARG (NULL or an
 * unknown flow) or COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_sign_in_request_new(cognito_sign_in_request **out, int flow);

/** cognito_sign_in_request_new_refresh creates a refresh request for
 * `session` (its username, refresh token and device key): flow REFRESH_TOKEN,
 * or REFRESH_TOKEN_ROTATION when `rotation` is 1. For sans-I/O refreshes
 * (blocking clients use cognito_client_refresh). Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG (NULL, no refresh token) or COGNITO_E_NOMEM.
 * Since 0.1. */
COGNITO_C_API int cognito_sign_in_request_new_refresh(cognito_sign_in_request **out,
                                                      const cognito_session *session, int rotation);

/** cognito_sign_in_request_free wipes and releases `request`. NULL is a
 * no-op. Since 0.1. */
COGNITO_C_API void cognito_sign_in_request_free(cognito_sign_in_request *request);

/* Setters: COGNITO_OK, COGNITO_E_INVALID_ARG (NULL request, NULL or invalid
 * value) or COGNITO_E_NOMEM. Since 0.1. */

/** The username as typed (username or an alias: email, phone). */
COGNITO_C_API int cognito_sign_in_request_set_username(cognito_sign_in_request *request, const char *username);
/** The password (`password_len` bytes of UTF-8). */
COGNITO_C_API int cognito_sign_in_request_set_password(cognito_sign_in_request *request, const char *password,
                                                       size_t password_len);
/** USER_AUTH only: PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP or WEB_AUTHN. */
COGNITO_C_API int cognito_sign_in_request_set_preferred_challenge(cognito_sign_in_request *request,
                                                                  const char *challenge);
/** USER_AUTH only: the Session of SignUp / ConfirmSignUp (auto sign-in). */
COGNITO_C_API int cognito_sign_in_request_set_session(cognito_sign_in_request *request, const char *session,
                                                      size_t session_len);
/** Refresh flows: the refresh token. */
COGNITO_C_API int cognito_sign_in_request_set_refresh_token(cognito_sign_in_request *request, const char *token,
                                                            size_t token_len);
/** A remembered device of this user (see cognito_session_device_key): all
 * three for sign-in flows; for refresh flows `device_group_key` and
 * `device_password` may be NULL. */
COGNITO_C_API int cognito_sign_in_request_set_device(cognito_sign_in_request *request, const char *device_key,
                                                     const char *device_group_key, const char *device_password,
                                                     size_t device_password_len);
/** Adds one ClientMetadata entry (passed to Lambda triggers). */
COGNITO_C_API int cognito_sign_in_request_set_client_metadata(cognito_sign_in_request *request, const char *key,
                                                              const char *value);

/* ==========================================================================
 *  Steps (the questions of a sign-in) — always borrowed from a
 *  cognito_sign_in or cognito_auth
 * ========================================================================== */

/** cognito_step_kind returns the step's COGNITO_STEP_* kind, or
 * COGNITO_E_INVALID_ARG for NULL. Since 0.1. */
COGNITO_C_API int cognito_step_kind(const cognito_step *step);

/** cognito_step_challenge_name returns the raw ChallengeName
 * ("SOFTWARE_TOKEN_MFA"). Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_challenge_name(const cognito_step *step);

/** cognito_step_username returns the canonical username the service uses.
 * Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_username(const cognito_step *step);

/** cognito_step_delivery_medium returns "SMS" / "EMAIL" for codes that were
 * sent, else NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_delivery_medium(const cognito_step *step);

/** cognito_step_destination returns the masked destination of a sent code
 * ("+*******5678"), else NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_destination(const cognito_step *step);

/** cognito_step_option_count returns the number of options of a
 * SELECT_MFA_TYPE, MFA_SETUP or SELECT_CHALLENGE step. Since 0.1. */
COGNITO_C_API size_t cognito_step_option_count(const cognito_step *step);

/** cognito_step_option returns option `index` ("SOFTWARE_TOKEN_MFA"), or
 * NULL when out of range. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_option(const cognito_step *step, size_t index);

/** cognito_step_required_attribute_count returns the number of attributes a
 * NEW_PASSWORD_REQUIRED answer must give. Since 0.1. */
COGNITO_C_API size_t cognito_step_required_attribute_count(const cognito_step *step);

/** cognito_step_required_attribute returns required attribute `index`
 * (without "userAttributes."), or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_required_attribute(const cognito_step *step, size_t index);

/** cognito_step_user_attributes returns the user's current attributes of a
 * NEW_PASSWORD_REQUIRED step (empty list otherwise; NULL for NULL).
 * Borrowed. Since 0.1. */
COGNITO_C_API const cognito_attributes *cognito_step_user_attributes(const cognito_step *step);

/** cognito_step_parameters returns all (public) ChallengeParameters, by
 * index or by key (NULL for NULL). Borrowed. Since 0.1. */
COGNITO_C_API const cognito_attributes *cognito_step_parameters(const cognito_step *step);

/** cognito_step_totp_secret stores the shared TOTP secret (Base32) of a
 * TOTP_SETUP_CODE step in `*secret` / `*secret_len` (borrowed; a secret).
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG, or COGNITO_E_INVALID_STATE when
 * the step has none. Since 0.1. */
COGNITO_C_API int cognito_step_totp_secret(const cognito_step *step, const char **secret, size_t *secret_len);

/** cognito_step_totp_uri stores the otpauth:// URI (for a QR code; contains
 * the secret) of a TOTP_SETUP_CODE step, like cognito_step_totp_secret.
 * Since 0.1. */
COGNITO_C_API int cognito_step_totp_uri(const cognito_step *step, const char **uri, size_t *uri_len);

/** cognito_step_web_authn_options returns the CREDENTIAL_REQUEST_OPTIONS JSON
 * of a WEB_AUTHN step, else NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_web_authn_options(const cognito_step *step);

/** cognito_step_previous_error returns the code of the rejected previous
 * answer when the step is asked again (COGNITO_E_CODE_MISMATCH for a code;
 * COGNITO_E_INVALID_PASSWORD, COGNITO_E_PASSWORD_HISTORY_POLICY_VIOLATION or
 * COGNITO_E_INVALID_PARAMETER for NEW_PASSWORD_REQUIRED), else 0. Since 0.1. */
COGNITO_C_API int cognito_step_previous_error(const cognito_step *step);

/** cognito_step_previous_error_message returns the service's message for
 * the rejected previous answer, or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_step_previous_error_message(const cognito_step *step);

/* ==========================================================================
 *  Answers
 * ========================================================================== */

/* Constructors: COGNITO_OK, COGNITO_E_INVALID_ARG (NULL, not UTF-8) or
 * COGNITO_E_NOMEM. Whether an answer fits the step is checked when it is
 * given (cognito_client_answer / cognito_auth_answer). Since 0.1. */

/** A code: SMS_MFA_CODE, SOFTWARE_TOKEN_MFA_CODE, EMAIL_OTP_CODE,
 * SMS_OTP_CODE and TOTP_SETUP_CODE steps. */
COGNITO_C_API int cognito_answer_new_code(cognito_answer **out, const char *code, size_t code_len);
/** One of the step's options: SELECT_MFA_TYPE, SELECT_CHALLENGE, MFA_SETUP. */
COGNITO_C_API int cognito_answer_new_select(cognito_answer **out, const char *option);
/** NEW_PASSWORD_REQUIRED: the new password and values for the required
 * attributes (names without prefix; `attributes` may be NULL). */
COGNITO_C_API int cognito_answer_new_password_required(cognito_answer **out, const char *new_password,
                                                       size_t new_password_len, const cognito_attributes *attributes);
/** CUSTOM_CHALLENGE (and UNKNOWN_CHALLENGE): the answer. */
COGNITO_C_API int cognito_answer_new_custom(cognito_answer **out, const char *answer, size_t answer_len);
/** MFA_SETUP: set up an authenticator app (a TOTP_SETUP_CODE step follows).
 * `friendly_device_name` may be NULL. */
COGNITO_C_API int cognito_answer_new_setup_totp(cognito_answer **out, const char *friendly_device_name);
/** MFA_SETUP: set up email MFA with this address. */
COGNITO_C_API int cognito_answer_new_setup_email(cognito_answer **out, const char *email);
/** PASSWORD step, or SELECT_CHALLENGE with a password challenge: the
 * password. `option` is "PASSWORD" or "PASSWORD_SRP" (NULL: PASSWORD_SRP). */
COGNITO_C_API int cognito_answer_new_password(cognito_answer **out, const char *password, size_t password_len,
                                              const char *option);
/** WEB_AUTHN: the authenticator's AuthenticationResponseJSON. */
COGNITO_C_API int cognito_answer_new_web_authn(cognito_answer **out, const char *credential_json,
                                               size_t credential_json_len);

/** cognito_answer_free wipes and releases `answer`. NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_answer_free(cognito_answer *answer);

/* ==========================================================================
 *  Blocking sign-in
 * ========================================================================== */

/** cognito_client_sign_in starts a sign-in with `request` and runs it until
 * the application must answer a step or the user is signed in (the hidden
 * steps — PASSWORD_VERIFIER, device SRP, ConfirmDevice — are answered
 * inside). On success `*out` is a new sign-in whose state is
 * COGNITO_EVENT_NEED_ANSWER or COGNITO_EVENT_SIGNED_IN.
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG (incomplete request), a service
 * code (COGNITO_E_NOT_AUTHORIZED for a wrong password, ...), a transport,
 * protocol or crypto code, or COGNITO_E_NOMEM; details on `client`.
 * Since 0.1. */
COGNITO_C_API int cognito_client_sign_in(cognito_client *client, const cognito_sign_in_request *request,
                                         cognito_sign_in **out);

/** cognito_client_answer answers the step of `sign_in` and runs the sign-in
 * on to the next step or the end. After a failure the state tells whether
 * the sign-in goes on: still NEED_ANSWER when the answer was refused and may
 * be given again (COGNITO_E_INVALID_ARG: it does not fit the step, nothing
 * was sent; COGNITO_E_CODE_MISMATCH: the service rejected the code, or for
 * NEW_PASSWORD_REQUIRED COGNITO_E_INVALID_PASSWORD / _PASSWORD_HISTORY_POLICY_
 * VIOLATION / _INVALID_PARAMETER: the same step is asked again with
 * cognito_step_previous_error set); FAILED when the
 * sign-in is over (start again). Returns COGNITO_OK, COGNITO_E_INVALID_STATE
 * (no step waits) or the failure's code; details on `client`. Since 0.1. */
COGNITO_C_API int cognito_client_answer(cognito_client *client, cognito_sign_in *sign_in,
                                        const cognito_answer *answer);

/** cognito_sign_in_free releases `sign_in`. NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_sign_in_free(cognito_sign_in *sign_in);

/** cognito_sign_in_state returns COGNITO_EVENT_NEED_ANSWER,
 * COGNITO_EVENT_SIGNED_IN or COGNITO_EVENT_FAILED; COGNITO_E_INVALID_ARG for
 * NULL. Since 0.1. */
COGNITO_C_API int cognito_sign_in_state(const cognito_sign_in *sign_in);

/** cognito_sign_in_step returns the step to answer, or NULL when the state
 * is not NEED_ANSWER. Borrowed from `sign_in`. Since 0.1. */
COGNITO_C_API const cognito_step *cognito_sign_in_step(const cognito_sign_in *sign_in);

/** cognito_sign_in_username returns the canonical username once the service
 * has told it (else as typed). Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_sign_in_username(const cognito_sign_in *sign_in);

/** cognito_sign_in_take_session moves the outcome of a SIGNED_IN sign-in
 * into a new session `*out` (once). Returns COGNITO_OK, COGNITO_E_INVALID_ARG,
 * COGNITO_E_INVALID_STATE (not signed in, or taken before) or
 * COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_sign_in_take_session(cognito_sign_in *sign_in, cognito_session **out);

/* ==========================================================================
 *  Sessions: a signed-in user's tokens and remembered device
 * ========================================================================== */

/** cognito_session_new imports tokens stored earlier: `username` is the
 * canonical username (cognito:username; needed to refresh with a client
 * secret, may be NULL otherwise), the tokens as received (`id_token` may be
 * NULL with length 0; the refresh token may be NULL when only the other
 * tokens are kept). Expiry is read from the tokens' claims (no signature
 * check); unreadable tokens count as expired.
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG (no access token, not UTF-8) or
 * COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_session_new(cognito_session **out, const char *username, const char *id_token,
                                      size_t id_token_len, const char *access_token, size_t access_token_len,
                                      const char *refresh_token, size_t refresh_token_len);

/** cognito_session_free wipes and releases `session`. NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_session_free(cognito_session *session);

/** cognito_session_username returns the canonical username. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_session_username(const cognito_session *session);

/** cognito_session_id_token stores the ID token in `*token` / `*token_len`
 * (borrowed; a secret; may be empty). Returns COGNITO_OK or
 * COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_session_id_token(const cognito_session *session, const char **token, size_t *token_len);
/** cognito_session_access_token: like cognito_session_id_token. Since 0.1. */
COGNITO_C_API int cognito_session_access_token(const cognito_session *session, const char **token,
                                               size_t *token_len);
/** cognito_session_refresh_token: like cognito_session_id_token (empty when
 * there is none). Since 0.1. */
COGNITO_C_API int cognito_session_refresh_token(const cognito_session *session, const char **token,
                                                size_t *token_len);

/** cognito_session_expires_at returns the earlier `exp` of the access and ID
 * tokens in Unix seconds (server clock), 0 when unknown. Since 0.1. */
COGNITO_C_API int64_t cognito_session_expires_at(const cognito_session *session);

/** cognito_session_issued_at returns the access token's `iat` in Unix
 * seconds (server clock), 0 when unknown. Since 0.1. */
COGNITO_C_API int64_t cognito_session_issued_at(const cognito_session *session);

/** cognito_session_expires_in returns ExpiresIn as Cognito sent it
 * (seconds), 0 when unknown. Since 0.1. */
COGNITO_C_API int64_t cognito_session_expires_in(const cognito_session *session);

/** cognito_session_clock_drift_s returns the local clock minus the server
 * clock in seconds, as measured when the tokens arrived. Since 0.1. */
COGNITO_C_API int64_t cognito_session_clock_drift_s(const cognito_session *session);

/** cognito_session_needs_refresh returns 1 when the access or ID token
 * expires within `margin_s` seconds of `now_unix_ms` (local clock corrected
 * by the drift; the margin is capped at half the lifetime) or the expiry is
 * unknown, 0 when not, COGNITO_E_INVALID_ARG for NULL, a negative margin or
 * one over a year (31536000 s), or a time before 1970 or after 2100.
 * Since 0.1. */
COGNITO_C_API int cognito_session_needs_refresh(const cognito_session *session, int64_t now_unix_ms,
                                                int64_t margin_s);

/** cognito_session_flags returns COGNITO_SESSION_* bits describing how the
 * sign-in that made the session went (0 for imported sessions). Since 0.1. */
COGNITO_C_API int cognito_session_flags(const cognito_session *session);

/** cognito_session_has_device returns 1 when the session carries remembered-
 * device credentials, else 0. Since 0.1. */
COGNITO_C_API int cognito_session_has_device(const cognito_session *session);

/** cognito_session_device_key returns the device key, or NULL. Borrowed.
 * Store it (with the group key and password) per pool and canonical username
 * to sign in as a remembered device later. Since 0.1. */
COGNITO_C_API const char *cognito_session_device_key(const cognito_session *session);

/** cognito_session_device_group_key returns the device group key, or NULL.
 * Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_session_device_group_key(const cognito_session *session);

/** cognito_session_device_password stores the device password (a secret;
 * protect it like a password) in `*password` / `*password_len` (borrowed).
 * Returns COGNITO_OK, COGNITO_E_INVALID_ARG, or COGNITO_E_INVALID_STATE when
 * the session has no device. Since 0.1. */
COGNITO_C_API int cognito_session_device_password(const cognito_session *session, const char **password,
                                                  size_t *password_len);

/** cognito_session_set_device imports remembered-device credentials into the
 * session (used by refreshes). Returns COGNITO_OK, COGNITO_E_INVALID_ARG or
 * COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_session_set_device(cognito_session *session, const char *device_key,
                                             const char *device_group_key, const char *device_password,
                                             size_t device_password_len);

/** cognito_session_clear_device forgets the session's device credentials
 * (wiped). Returns COGNITO_OK or COGNITO_E_INVALID_ARG. Since 0.1. */
COGNITO_C_API int cognito_session_clear_device(cognito_session *session);

/** cognito_client_refresh replaces the session's ID and access tokens (and,
 * with `rotation` = 1 — GetTokensFromRefreshToken — the refresh token) with
 * new ones from its refresh token. Returns COGNITO_OK, COGNITO_E_INVALID_ARG
 * (no refresh token), COGNITO_E_NOT_AUTHORIZED (revoked or expired refresh
 * token), a transport code, ...; details on `client`. The session is
 * unchanged on failure. Since 0.1. */
COGNITO_C_API int cognito_client_refresh(cognito_client *client, cognito_session *session, int rotation);

/** cognito_client_refresh_if_needed refreshes like cognito_client_refresh
 * when cognito_session_needs_refresh(session, now, margin_s) says so, and
 * stores 1 (refreshed) or 0 in `*refreshed` (may be NULL). A margin that
 * function rejects gives COGNITO_E_INVALID_ARG (nothing sent). Since 0.1. */
COGNITO_C_API int cognito_client_refresh_if_needed(cognito_client *client, cognito_session *session,
                                                   int64_t margin_s, int rotation, int *refreshed);

/* ==========================================================================
 *  Account operations (blocking). Each returns COGNITO_OK or a negative code
 *  with details on `client`: COGNITO_E_INVALID_ARG for NULL or invalid
 *  arguments (nothing sent), a -3xx service code, or a transport / protocol
 *  code. Tokens are the access token unless stated otherwise.
 * ========================================================================== */

/** cognito_client_sign_up registers `username` with `password` and
 * `attributes` (may be NULL). `*confirmed` (may be NULL) receives 1 when the
 * user is confirmed already; `*user_sub` (may be NULL) the new user's sub
 * (owned). Where the confirmation code went: cognito_client_delivery_*.
 * Since 0.1. */
COGNITO_C_API int cognito_client_sign_up(cognito_client *client, const char *username, const char *password,
                                         size_t password_len, const cognito_attributes *attributes,
                                         int *confirmed, char **user_sub);

/** cognito_client_confirm_sign_up confirms `username` with the code sent at
 * sign-up. `*session` / `*session_len` (may be NULL) receive the Session for
 * auto sign-in (owned; NULL when the service sent none). Since 0.1. */
COGNITO_C_API int cognito_client_confirm_sign_up(cognito_client *client, const char *username, const char *code,
                                                 size_t code_len, char **session, size_t *session_len);

/** cognito_client_resend_confirmation_code sends the sign-up code again.
 * Since 0.1. */
COGNITO_C_API int cognito_client_resend_confirmation_code(cognito_client *client, const char *username);

/** cognito_client_forgot_password sends a password-reset code. Since 0.1. */
COGNITO_C_API int cognito_client_forgot_password(cognito_client *client, const char *username);

/** cognito_client_confirm_forgot_password sets `new_password` with the code
 * from cognito_client_forgot_password. Since 0.1. */
COGNITO_C_API int cognito_client_confirm_forgot_password(cognito_client *client, const char *username,
                                                         const char *code, size_t code_len,
                                                         const char *new_password, size_t new_password_len);

/** cognito_client_change_password changes the signed-in user's password.
 * Since 0.1. */
COGNITO_C_API int cognito_client_change_password(cognito_client *client, const char *access_token,
                                                 size_t access_token_len, const char *previous_password,
                                                 size_t previous_password_len, const char *proposed_password,
                                                 size_t proposed_password_len);

/** cognito_client_get_user returns the signed-in user's username,
 * attributes and MFA settings in a new `*out`. Since 0.1. */
COGNITO_C_API int cognito_client_get_user(cognito_client *client, const char *access_token,
                                          size_t access_token_len, cognito_user **out);

/** cognito_client_get_user_auth_factors returns the user's username, MFA
 * settings and configured sign-in factors in a new `*out` (its attribute
 * list is empty). Since 0.1. */
COGNITO_C_API int cognito_client_get_user_auth_factors(cognito_client *client, const char *access_token,
                                                       size_t access_token_len, cognito_user **out);

/** cognito_client_update_user_attributes sets the attributes in
 * `attributes`. A changed email or phone gets a verification code
 * (cognito_client_delivery_*). Since 0.1. */
COGNITO_C_API int cognito_client_update_user_attributes(cognito_client *client, const char *access_token,
                                                        size_t access_token_len,
                                                        const cognito_attributes *attributes);

/** cognito_client_delete_user_attributes deletes the `count` attributes
 * named in `names` (count >= 1). Since 0.1. */
COGNITO_C_API int cognito_client_delete_user_attributes(cognito_client *client, const char *access_token,
                                                        size_t access_token_len, const char *const *names,
                                                        size_t count);

/** cognito_client_get_user_attribute_verification_code sends a code to
 * verify `attribute` ("email" or "phone_number"). Since 0.1. */
COGNITO_C_API int cognito_client_get_user_attribute_verification_code(cognito_client *client,
                                                                      const char *access_token,
                                                                      size_t access_token_len,
                                                                      const char *attribute);

/** cognito_client_verify_user_attribute verifies `attribute` with the code
 * sent to it. Since 0.1. */
COGNITO_C_API int cognito_client_verify_user_attribute(cognito_client *client, const char *access_token,
                                                       size_t access_token_len, const char *attribute,
                                                       const char *code, size_t code_len);

/** cognito_client_associate_software_token starts TOTP setup: `*secret` /
 * `*secret_len` receive the Base32 secret for the authenticator app (owned;
 * a secret). Since 0.1. */
COGNITO_C_API int cognito_client_associate_software_token(cognito_client *client, const char *access_token,
                                                          size_t access_token_len, char **secret,
                                                          size_t *secret_len);

/** cognito_client_verify_software_token completes TOTP setup with a code of
 * the authenticator app (`friendly_device_name` may be NULL). A wrong code
 * gives the service's COGNITO_E_ENABLE_SOFTWARE_TOKEN_MFA (or
 * COGNITO_E_CODE_MISMATCH when it answers with Status ERROR). Since 0.1. */
COGNITO_C_API int cognito_client_verify_software_token(cognito_client *client, const char *access_token,
                                                       size_t access_token_len, const char *code, size_t code_len,
                                                       const char *friendly_device_name);

/** cognito_client_set_mfa_preference enables (`enabled` = 1) or disables (0)
 * MFA `factor` (COGNITO_MFA_*) for the user, and makes it the preferred one
 * when `preferred` is 1 (not for COGNITO_MFA_WEB_AUTHN). Since 0.1. */
COGNITO_C_API int cognito_client_set_mfa_preference(cognito_client *client, const char *access_token,
                                                    size_t access_token_len, int factor, int enabled,
                                                    int preferred);

/** cognito_client_list_devices lists up to `limit` (1..60; 0: the service's
 * default) remembered devices in a new `*out`, starting at
 * `pagination_token` (may be NULL). Since 0.1. */
COGNITO_C_API int cognito_client_list_devices(cognito_client *client, const char *access_token,
                                              size_t access_token_len, int limit, const char *pagination_token,
                                              cognito_devices **out);

/** cognito_client_get_device describes device `device_key` in a new `*out`
 * (a list of one). Since 0.1. */
COGNITO_C_API int cognito_client_get_device(cognito_client *client, const char *access_token,
                                            size_t access_token_len, const char *device_key,
                                            cognito_devices **out);

/** cognito_client_forget_device forgets device `device_key`. Since 0.1. */
COGNITO_C_API int cognito_client_forget_device(cognito_client *client, const char *access_token,
                                               size_t access_token_len, const char *device_key);

/** cognito_client_update_device_status marks device `device_key` remembered
 * (`remembered` = 1) or not (0). Since 0.1. */
COGNITO_C_API int cognito_client_update_device_status(cognito_client *client, const char *access_token,
                                                      size_t access_token_len, const char *device_key,
                                                      int remembered);

/** cognito_client_global_sign_out revokes all of the user's tokens.
 * Since 0.1. */
COGNITO_C_API int cognito_client_global_sign_out(cognito_client *client, const char *access_token,
                                                 size_t access_token_len);

/** cognito_client_revoke_token revokes a REFRESH token and the access tokens
 * issued with it. Since 0.1. */
COGNITO_C_API int cognito_client_revoke_token(cognito_client *client, const char *refresh_token,
                                              size_t refresh_token_len);

/** cognito_client_delete_user deletes the signed-in user. Since 0.1. */
COGNITO_C_API int cognito_client_delete_user(cognito_client *client, const char *access_token,
                                             size_t access_token_len);

/** cognito_client_call is the escape hatch for any operation: it sends
 * `json` (`json_len` bytes; a JSON object; empty means "{}") as the body of
 * `operation` ("GetUser", "ListWebAuthnCredentials", ...) and stores the
 * response body in `*out` / `*out_len` (owned; may hold tokens). ClientId is
 * NOT filled in, nor SECRET_HASH: the JSON is sent as given. Service errors
 * come back as their codes. Returns COGNITO_OK, COGNITO_E_INVALID_ARG (bad
 * operation name), a service, transport or protocol code. Since 0.1. */
COGNITO_C_API int cognito_client_call(cognito_client *client, const char *operation, const char *json,
                                      size_t json_len, char **out, size_t *out_len);

/** cognito_client_verify_token verifies a JWT of this pool and app client:
 * RS256 signature with the pool's keys (fetched once and cached in the
 * client), issuer, token_use (`token_use`: COGNITO_TOKEN_ID or
 * COGNITO_TOKEN_ACCESS), audience / client_id, expiry. `*claims_json` /
 * `*claims_json_len` (may be NULL) receive the payload JSON (owned).
 * Returns COGNITO_OK, COGNITO_E_TOKEN_INVALID (which check failed is in the
 * message), COGNITO_E_INVALID_ARG, or the key fetch's transport / service
 * code. Since 0.1. */
COGNITO_C_API int cognito_client_verify_token(cognito_client *client, const char *jwt, size_t jwt_len,
                                              int token_use, char **claims_json, size_t *claims_json_len);

/* ---- results of account operations ---- */

/** cognito_user_free releases `user`. NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_user_free(cognito_user *user);
/** cognito_user_username returns the username. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_user_username(const cognito_user *user);
/** cognito_user_attributes returns the user's attributes (by index or name).
 * Borrowed. Since 0.1. */
COGNITO_C_API const cognito_attributes *cognito_user_attributes(const cognito_user *user);
/** cognito_user_preferred_mfa returns the preferred MFA ("SOFTWARE_TOKEN_MFA",
 * ...), or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_user_preferred_mfa(const cognito_user *user);
/** cognito_user_mfa_count returns the number of enabled MFA methods. Since 0.1. */
COGNITO_C_API size_t cognito_user_mfa_count(const cognito_user *user);
/** cognito_user_mfa returns enabled MFA method `index` ("SMS_MFA", ...), or
 * NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_user_mfa(const cognito_user *user, size_t index);
/** cognito_user_auth_factor_count returns the number of configured sign-in
 * factors (GetUserAuthFactors). Since 0.1. */
COGNITO_C_API size_t cognito_user_auth_factor_count(const cognito_user *user);
/** cognito_user_auth_factor returns configured factor `index` ("PASSWORD",
 * "EMAIL_OTP", ...), or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_user_auth_factor(const cognito_user *user, size_t index);
/** cognito_user_json returns the whole response as JSON. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_user_json(const cognito_user *user);

/** cognito_devices_free releases `devices`. NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_devices_free(cognito_devices *devices);
/** cognito_devices_count returns the number of devices. Since 0.1. */
COGNITO_C_API size_t cognito_devices_count(const cognito_devices *devices);
/** cognito_devices_key returns device `index`'s key, or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_devices_key(const cognito_devices *devices, size_t index);
/** cognito_devices_name returns device `index`'s name (attribute
 * "device_name"), or NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_devices_name(const cognito_devices *devices, size_t index);
/** cognito_devices_attributes returns device `index`'s attributes, or NULL.
 * Borrowed. Since 0.1. */
COGNITO_C_API const cognito_attributes *cognito_devices_attributes(const cognito_devices *devices, size_t index);
/** cognito_devices_created_at returns when device `index` was created (Unix
 * seconds), 0 when unknown. Since 0.1. */
COGNITO_C_API int64_t cognito_devices_created_at(const cognito_devices *devices, size_t index);
/** cognito_devices_last_authenticated_at returns when device `index` last
 * signed in (Unix seconds), 0 when unknown. Since 0.1. */
COGNITO_C_API int64_t cognito_devices_last_authenticated_at(const cognito_devices *devices, size_t index);
/** cognito_devices_pagination_token returns the token for the next page, or
 * NULL on the last page. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_devices_pagination_token(const cognito_devices *devices);

/* ==========================================================================
 *  Sans-I/O: the application brings its own HTTP stack
 *
 *   cognito_auth_new(&a, cfg);
 *   cognito_auth_start(a, request, 0);
 *   for (;;) {
 *     cognito_auth_next_event(a, &kind);
 *     if (kind == COGNITO_EVENT_SEND_REQUEST) {
 *       const cognito_http_request *rq = cognito_auth_request(a);
 *       ... POST it (method, url, headers by index, body) with your stack ...
 *       fill a cognito_http_response (status, headers, body);
 *       cognito_auth_on_response(a, rsp, 0);     (or cognito_auth_on_transport_failure)
 *     } else if (kind == COGNITO_EVENT_NEED_ANSWER) {
 *       ... cognito_auth_step(a) ... cognito_auth_answer(a, answer, 0);
 *     } else if (kind == COGNITO_EVENT_SIGNED_IN) {
 *       cognito_auth_take_session(a, &session); break;
 *     } else { ... cognito_auth_errcode(a), cognito_auth_errmsg(a) ...; break; }
 *   }
 *
 * The machine never does I/O, never sleeps and never retries; the
 * application applies its own timeouts and retry policy.
 * ========================================================================== */

/** cognito_auth_new creates a sign-in machine for the pool and app client of
 * `config` (copied; transport settings are not used, the log sink is). On
 * failure the reason is in cognito_config_errmsg(config). Returns
 * COGNITO_OK, COGNITO_E_INVALID_ARG (no pool id or client id, no region or
 * endpoint) or COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_auth_new(cognito_auth **out, const cognito_config *config);

/** cognito_auth_free releases `auth` (secrets wiped). NULL is a no-op. Since 0.1. */
COGNITO_C_API void cognito_auth_free(cognito_auth *auth);

/** cognito_auth_start begins a sign-in (or refresh) with `request`. After a
 * SIGNED_IN or FAILED event it begins a new one. Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG (incomplete request; nothing changes) or
 * COGNITO_E_INVALID_STATE (a sign-in is running). Since 0.1. */
COGNITO_C_API int cognito_auth_start(cognito_auth *auth, const cognito_sign_in_request *request,
                                     int64_t now_unix_ms);

/** cognito_auth_next_event stores what to do next in `*kind`
 * (COGNITO_EVENT_*). Asking again without acting returns the same event.
 * FAILED is sticky until the next start; its reason is in the auth's error
 * details (cognito_auth_errcode / _errmsg / ...). Before any start: FAILED
 * with COGNITO_E_INVALID_STATE. Returns COGNITO_OK or COGNITO_E_INVALID_ARG
 * (the event is not a status). Since 0.1. */
COGNITO_C_API int cognito_auth_next_event(cognito_auth *auth, int *kind);

/** cognito_auth_request returns the request of a SEND_REQUEST event, else
 * NULL. Borrowed from `auth`: valid until the next non-const call on it.
 * Since 0.1. */
COGNITO_C_API const cognito_http_request *cognito_auth_request(const cognito_auth *auth);

/** cognito_auth_request_operation returns the Cognito operation of the
 * pending request ("InitiateAuth"), else NULL. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_auth_request_operation(const cognito_auth *auth);

/** cognito_auth_on_response hands the machine the answer to the pending
 * request (any status: error answers are parsed here). Returns COGNITO_OK
 * when the sign-in goes on (a rejected code makes the next event NEED_ANSWER
 * again), the error when it ended the sign-in (the next event is FAILED), or
 * COGNITO_E_INVALID_STATE when no request is pending. Since 0.1. */
COGNITO_C_API int cognito_auth_on_response(cognito_auth *auth, const cognito_http_response *response,
                                           int64_t now_unix_ms);

/** cognito_auth_on_transport_failure reports that the pending request got
 * no answer: `code` is a transport code (-200..-299; one this version does
 * not define counts as COGNITO_E_TRANSPORT) or COGNITO_E_CALLBACK, `message`
 * (may be NULL) says why. The sign-in fails with it (a failed
 * ConfirmDevice still signs in, without the device). Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG (another code) or COGNITO_E_INVALID_STATE (no request
 * pending). Since 0.1. */
COGNITO_C_API int cognito_auth_on_transport_failure(cognito_auth *auth, int code, const char *message);

/** cognito_auth_step returns the step of a NEED_ANSWER event, else NULL.
 * Borrowed from `auth`. Since 0.1. */
COGNITO_C_API const cognito_step *cognito_auth_step(const cognito_auth *auth);

/** cognito_auth_answer answers the pending step. Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG (the answer does not fit; nothing changes: answer
 * again) or COGNITO_E_INVALID_STATE (no step waits). Since 0.1. */
COGNITO_C_API int cognito_auth_answer(cognito_auth *auth, const cognito_answer *answer, int64_t now_unix_ms);

/** cognito_auth_take_session moves the outcome of a SIGNED_IN event into a
 * new session `*out` (once per sign-in). Returns COGNITO_OK,
 * COGNITO_E_INVALID_ARG, COGNITO_E_INVALID_STATE or COGNITO_E_NOMEM. Since 0.1. */
COGNITO_C_API int cognito_auth_take_session(cognito_auth *auth, cognito_session **out);

/** cognito_auth_update_session applies the outcome of a SIGNED_IN refresh to
 * an existing `session`: new ID and access tokens, the refresh token only if
 * it was rotated, the device kept. Returns like cognito_auth_take_session.
 * Since 0.1. */
COGNITO_C_API int cognito_auth_update_session(cognito_auth *auth, cognito_session *session);

/** cognito_auth_username returns the canonical username once the service
 * has told it (else as typed), or NULL before any start. Borrowed. Since 0.1. */
COGNITO_C_API const char *cognito_auth_username(const cognito_auth *auth);

/** cognito_auth_errcode: like cognito_client_errcode, for `auth`. Since 0.1. */
COGNITO_C_API int cognito_auth_errcode(const cognito_auth *auth);
/** cognito_auth_errmsg: like cognito_client_errmsg, for `auth`. Since 0.1. */
COGNITO_C_API const char *cognito_auth_errmsg(const cognito_auth *auth);
/** cognito_auth_service_error: like cognito_client_service_error. Since 0.1. */
COGNITO_C_API const char *cognito_auth_service_error(const cognito_auth *auth);
/** cognito_auth_http_status: like cognito_client_http_status. Since 0.1. */
COGNITO_C_API int cognito_auth_http_status(const cognito_auth *auth);
/** cognito_auth_request_id: like cognito_client_request_id. Since 0.1. */
COGNITO_C_API const char *cognito_auth_request_id(const cognito_auth *auth);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* COGNITO_COGNITO_H */
