// libcognito — the one error type of the library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cognito/export.hpp"

namespace cognito {

/// What went wrong. The numbers are part of the C ABI (capi/ uses the same
/// values): they are append-only, never renumbered or reused. Ranges:
///   -1xx  usage (the caller did something wrong)
///   -2xx  transport (DNS, connect, TLS, timeout, reset, size cap)
///   -3xx..-5xx  a Cognito service exception, one code per exception name
///   -6xx  protocol (the server's answer is not what the API promises)
///   -7xx  cryptography / SRP
///   -8xx  a callback of the caller failed
///   -9xx  fatal (out of memory, internal)
/// Map unknown codes by range: code / 100.
enum class ErrorCode : std::int32_t {
  Ok = 0,

  // usage
  InvalidArgument = -100,   ///< a parameter is missing, empty or out of range
  InvalidState = -101,      ///< the call is not allowed in the object's current state
  BufferTooSmall = -102,    ///< (C ABI) output buffer too small
  Unsupported = -103,       ///< the feature is not built in or not supported
  InsecureUrl = -104,       ///< plain http:// to a non-loopback host without opt-in

  // transport
  Transport = -200,         ///< other transport failure
  Dns = -201,               ///< host name could not be resolved
  Connect = -202,           ///< TCP connection refused / unreachable
  Tls = -203,               ///< TLS handshake or certificate verification failed
  Timeout = -204,           ///< connect or total timeout, or the deadline passed
  ConnectionReset = -205,   ///< the connection broke while sending or receiving
  BodyTooLarge = -206,      ///< the response exceeded the configured size cap
  HttpStatus = -207,        ///< non-200 answer that carries no service error
  Cancelled = -208,         ///< the call was cancelled (Client::cancel); never retried

  // service exceptions (the Cognito exception name is in Error::service_code)
  ServiceUnknown = -300,    ///< an exception name this version does not know
  AccessDenied = -301,
  AliasExists = -302,
  CodeDeliveryFailure = -303,
  CodeMismatch = -304,
  ConcurrentModification = -305,
  DeviceKeyExists = -306,
  DuplicateProvider = -307,
  EnableSoftwareTokenMfa = -308,
  ExpiredCode = -309,
  FeatureUnavailableInTier = -310,
  Forbidden = -311,
  GroupExists = -312,
  InternalError = -313,
  InternalServer = -314,
  InvalidEmailRoleAccessPolicy = -315,
  InvalidLambdaResponse = -316,
  InvalidOAuthFlow = -317,
  InvalidParameter = -318,
  InvalidPassword = -319,
  InvalidSmsRoleAccessPolicy = -320,
  InvalidSmsRoleTrustRelationship = -321,
  InvalidUserPoolConfiguration = -322,
  LimitExceeded = -323,
  MfaMethodNotFound = -324,
  ManagedLoginBrandingExists = -325,
  NotAuthorized = -326,
  PasswordHistoryPolicyViolation = -327,
  PasswordResetRequired = -328,
  PreconditionNotMet = -329,
  RefreshTokenReuse = -330,
  ResourceNotFound = -331,
  ScopeDoesNotExist = -332,
  SoftwareTokenMfaNotFound = -333,
  TermsExists = -334,
  TierChangeNotAllowed = -335,
  TooManyFailedAttempts = -336,
  TooManyRequests = -337,
  Unauthorized = -338,
  UnexpectedLambda = -339,
  UnsupportedIdentityProvider = -340,
  UnsupportedOperation = -341,
  UnsupportedTokenType = -342,
  UnsupportedUserState = -343,
  UserImportInProgress = -344,
  UserLambdaValidation = -345,
  UserNotConfirmed = -346,
  UserNotFound = -347,
  UserPoolAddOnNotEnabled = -348,
  UserPoolTagging = -349,
  UsernameExists = -350,
  WebAuthnChallengeNotFound = -351,
  WebAuthnClientMismatch = -352,
  WebAuthnConfigurationMissing = -353,
  WebAuthnCredentialNotSupported = -354,
  WebAuthnNotEnabled = -355,
  WebAuthnOriginNotAllowed = -356,
  WebAuthnRelyingPartyMismatch = -357,
  Serialization = -358,
  UnknownOperation = -359,
  RequestTimeout = -360,
  Throttling = -361,

  // protocol
  MalformedResponse = -600, ///< body is not JSON (or not a JSON object)
  MissingField = -601,      ///< a member the API promises is absent
  WrongType = -602,         ///< a member has the wrong JSON type
  UnexpectedResponse = -603,///< valid JSON but not an answer that fits the request

  // crypto / SRP
  Crypto = -700,            ///< an OpenSSL primitive failed
  Random = -701,            ///< the CSPRNG failed
  SrpBadServerValue = -702, ///< SRP_B / SALT / SECRET_BLOCK malformed or unsafe (B mod N == 0, u == 0)
  TokenInvalid = -703,      ///< a JWT is malformed, badly signed, expired or for someone else

  // callbacks
  Callback = -800,          ///< a callback supplied by the caller reported failure

  // fatal
  OutOfMemory = -900,
  Internal = -901,
};

/// A failure: what kind, the human text, and where it came from.
/// Messages never contain secrets (passwords, tokens, codes, SRP values).
struct COGNITO_API Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;       ///< service `message`/`Message`, or our own text
  std::string service_code;  ///< short Cognito exception name ("NotAuthorizedException"), else empty
  int http_status = 0;       ///< HTTP status of the answer, 0 if none arrived
  std::string request_id;    ///< x-amzn-RequestId of the answer, if any

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  /// True for errors that may succeed when the same request is sent again:
  /// throttling, HTTP 5xx / InternalErrorException, and network failures.
  /// Never for user errors (NotAuthorized, CodeMismatch, LimitExceeded, ...):
  /// a known exception name wins over the HTTP status, so such an error is
  /// final even when it comes with a 5xx or 429 status. The status decides
  /// only for answers without a name (HttpStatus) or with an unknown one
  /// (ServiceUnknown).
  [[nodiscard]] bool retryable() const noexcept;

  /// True when the request certainly did not reach the service (DNS or connect
  /// failure, or the service refused it unprocessed by throttling), so even a
  /// non-idempotent request may be sent again.
  [[nodiscard]] bool certainly_not_processed() const noexcept;

  /// "NotAuthorizedException: Incorrect username or password. (HTTP 400, request id ...)"
  [[nodiscard]] std::string to_string() const;
};

/// Stable name of a code ("NotAuthorized", "Timeout", ...).
COGNITO_API std::string_view error_code_name(ErrorCode code) noexcept;
/// The Cognito exception name for a service code, or "" for non-service codes.
COGNITO_API std::string_view service_exception_name(ErrorCode code) noexcept;
/// Code for a Cognito exception name (short or namespaced, with or without a
/// trailing ":..."); ServiceUnknown when the name is not known.
COGNITO_API ErrorCode error_code_from_exception(std::string_view name) noexcept;

}  // namespace cognito
