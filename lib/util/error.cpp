#include "cognito/error.hpp"

#include <array>
#include <utility>

namespace cognito {
namespace {

struct CodeInfo {
  ErrorCode code;
  std::string_view name;       // stable short name
  std::string_view exception;  // Cognito exception name, "" if not a service code
};

// One row per ErrorCode, in declaration order.
constexpr std::array kCodes{
    CodeInfo{ErrorCode::Ok, "Ok", ""},
    CodeInfo{ErrorCode::InvalidArgument, "InvalidArgument", ""},
    CodeInfo{ErrorCode::InvalidState, "InvalidState", ""},
    CodeInfo{ErrorCode::BufferTooSmall, "BufferTooSmall", ""},
    CodeInfo{ErrorCode::Unsupported, "Unsupported", ""},
    CodeInfo{ErrorCode::InsecureUrl, "InsecureUrl", ""},
    CodeInfo{ErrorCode::Transport, "Transport", ""},
    CodeInfo{ErrorCode::Dns, "Dns", ""},
    CodeInfo{ErrorCode::Connect, "Connect", ""},
    CodeInfo{ErrorCode::Tls, "Tls", ""},
    CodeInfo{ErrorCode::Timeout, "Timeout", ""},
    CodeInfo{ErrorCode::ConnectionReset, "ConnectionReset", ""},
    CodeInfo{ErrorCode::BodyTooLarge, "BodyTooLarge", ""},
    CodeInfo{ErrorCode::HttpStatus, "HttpStatus", ""},
    CodeInfo{ErrorCode::Cancelled, "Cancelled", ""},
    CodeInfo{ErrorCode::ServiceUnknown, "ServiceUnknown", ""},
    CodeInfo{ErrorCode::AccessDenied, "AccessDenied", "AccessDeniedException"},
    CodeInfo{ErrorCode::AliasExists, "AliasExists", "AliasExistsException"},
    CodeInfo{ErrorCode::CodeDeliveryFailure, "CodeDeliveryFailure", "CodeDeliveryFailureException"},
    CodeInfo{ErrorCode::CodeMismatch, "CodeMismatch", "CodeMismatchException"},
    CodeInfo{ErrorCode::ConcurrentModification, "ConcurrentModification", "ConcurrentModificationException"},
    CodeInfo{ErrorCode::DeviceKeyExists, "DeviceKeyExists", "DeviceKeyExistsException"},
    CodeInfo{ErrorCode::DuplicateProvider, "DuplicateProvider", "DuplicateProviderException"},
    CodeInfo{ErrorCode::EnableSoftwareTokenMfa, "EnableSoftwareTokenMfa", "EnableSoftwareTokenMFAException"},
    CodeInfo{ErrorCode::ExpiredCode, "ExpiredCode", "ExpiredCodeException"},
    CodeInfo{ErrorCode::FeatureUnavailableInTier, "FeatureUnavailableInTier", "FeatureUnavailableInTierException"},
    CodeInfo{ErrorCode::Forbidden, "Forbidden", "ForbiddenException"},
    CodeInfo{ErrorCode::GroupExists, "GroupExists", "GroupExistsException"},
    CodeInfo{ErrorCode::InternalError, "InternalError", "InternalErrorException"},
    CodeInfo{ErrorCode::InternalServer, "InternalServer", "InternalServerException"},
    CodeInfo{ErrorCode::InvalidEmailRoleAccessPolicy, "InvalidEmailRoleAccessPolicy", "InvalidEmailRoleAccessPolicyException"},
    CodeInfo{ErrorCode::InvalidLambdaResponse, "InvalidLambdaResponse", "InvalidLambdaResponseException"},
    CodeInfo{ErrorCode::InvalidOAuthFlow, "InvalidOAuthFlow", "InvalidOAuthFlowException"},
    CodeInfo{ErrorCode::InvalidParameter, "InvalidParameter", "InvalidParameterException"},
    CodeInfo{ErrorCode::InvalidPassword, "InvalidPassword", "InvalidPasswordException"},
    CodeInfo{ErrorCode::InvalidSmsRoleAccessPolicy, "InvalidSmsRoleAccessPolicy", "InvalidSmsRoleAccessPolicyException"},
    CodeInfo{ErrorCode::InvalidSmsRoleTrustRelationship, "InvalidSmsRoleTrustRelationship", "InvalidSmsRoleTrustRelationshipException"},
    CodeInfo{ErrorCode::InvalidUserPoolConfiguration, "InvalidUserPoolConfiguration", "InvalidUserPoolConfigurationException"},
    CodeInfo{ErrorCode::LimitExceeded, "LimitExceeded", "LimitExceededException"},
    CodeInfo{ErrorCode::MfaMethodNotFound, "MfaMethodNotFound", "MFAMethodNotFoundException"},
    CodeInfo{ErrorCode::ManagedLoginBrandingExists, "ManagedLoginBrandingExists", "ManagedLoginBrandingExistsException"},
    CodeInfo{ErrorCode::NotAuthorized, "NotAuthorized", "NotAuthorizedException"},
    CodeInfo{ErrorCode::PasswordHistoryPolicyViolation, "PasswordHistoryPolicyViolation", "PasswordHistoryPolicyViolationException"},
    CodeInfo{ErrorCode::PasswordResetRequired, "PasswordResetRequired", "PasswordResetRequiredException"},
    CodeInfo{ErrorCode::PreconditionNotMet, "PreconditionNotMet", "PreconditionNotMetException"},
    CodeInfo{ErrorCode::RefreshTokenReuse, "RefreshTokenReuse", "RefreshTokenReuseException"},
    CodeInfo{ErrorCode::ResourceNotFound, "ResourceNotFound", "ResourceNotFoundException"},
    CodeInfo{ErrorCode::ScopeDoesNotExist, "ScopeDoesNotExist", "ScopeDoesNotExistException"},
    CodeInfo{ErrorCode::SoftwareTokenMfaNotFound, "SoftwareTokenMfaNotFound", "SoftwareTokenMFANotFoundException"},
    CodeInfo{ErrorCode::TermsExists, "TermsExists", "TermsExistsException"},
    CodeInfo{ErrorCode::TierChangeNotAllowed, "TierChangeNotAllowed", "TierChangeNotAllowedException"},
    CodeInfo{ErrorCode::TooManyFailedAttempts, "TooManyFailedAttempts", "TooManyFailedAttemptsException"},
    CodeInfo{ErrorCode::TooManyRequests, "TooManyRequests", "TooManyRequestsException"},
    CodeInfo{ErrorCode::Unauthorized, "Unauthorized", "UnauthorizedException"},
    CodeInfo{ErrorCode::UnexpectedLambda, "UnexpectedLambda", "UnexpectedLambdaException"},
    CodeInfo{ErrorCode::UnsupportedIdentityProvider, "UnsupportedIdentityProvider", "UnsupportedIdentityProviderException"},
    CodeInfo{ErrorCode::UnsupportedOperation, "UnsupportedOperation", "UnsupportedOperationException"},
    CodeInfo{ErrorCode::UnsupportedTokenType, "UnsupportedTokenType", "UnsupportedTokenTypeException"},
    CodeInfo{ErrorCode::UnsupportedUserState, "UnsupportedUserState", "UnsupportedUserStateException"},
    CodeInfo{ErrorCode::UserImportInProgress, "UserImportInProgress", "UserImportInProgressException"},
    CodeInfo{ErrorCode::UserLambdaValidation, "UserLambdaValidation", "UserLambdaValidationException"},
    CodeInfo{ErrorCode::UserNotConfirmed, "UserNotConfirmed", "UserNotConfirmedException"},
    CodeInfo{ErrorCode::UserNotFound, "UserNotFound", "UserNotFoundException"},
    CodeInfo{ErrorCode::UserPoolAddOnNotEnabled, "UserPoolAddOnNotEnabled", "UserPoolAddOnNotEnabledException"},
    CodeInfo{ErrorCode::UserPoolTagging, "UserPoolTagging", "UserPoolTaggingException"},
    CodeInfo{ErrorCode::UsernameExists, "UsernameExists", "UsernameExistsException"},
    CodeInfo{ErrorCode::WebAuthnChallengeNotFound, "WebAuthnChallengeNotFound", "WebAuthnChallengeNotFoundException"},
    CodeInfo{ErrorCode::WebAuthnClientMismatch, "WebAuthnClientMismatch", "WebAuthnClientMismatchException"},
    CodeInfo{ErrorCode::WebAuthnConfigurationMissing, "WebAuthnConfigurationMissing", "WebAuthnConfigurationMissingException"},
    CodeInfo{ErrorCode::WebAuthnCredentialNotSupported, "WebAuthnCredentialNotSupported", "WebAuthnCredentialNotSupportedException"},
    CodeInfo{ErrorCode::WebAuthnNotEnabled, "WebAuthnNotEnabled", "WebAuthnNotEnabledException"},
    CodeInfo{ErrorCode::WebAuthnOriginNotAllowed, "WebAuthnOriginNotAllowed", "WebAuthnOriginNotAllowedException"},
    CodeInfo{ErrorCode::WebAuthnRelyingPartyMismatch, "WebAuthnRelyingPartyMismatch", "WebAuthnRelyingPartyMismatchException"},
    CodeInfo{ErrorCode::Serialization, "Serialization", "SerializationException"},
    CodeInfo{ErrorCode::UnknownOperation, "UnknownOperation", "UnknownOperationException"},
    CodeInfo{ErrorCode::RequestTimeout, "RequestTimeout", "RequestTimeoutException"},
    CodeInfo{ErrorCode::Throttling, "Throttling", "ThrottlingException"},
    CodeInfo{ErrorCode::MalformedResponse, "MalformedResponse", ""},
    CodeInfo{ErrorCode::MissingField, "MissingField", ""},
    CodeInfo{ErrorCode::WrongType, "WrongType", ""},
    CodeInfo{ErrorCode::UnexpectedResponse, "UnexpectedResponse", ""},
    CodeInfo{ErrorCode::Crypto, "Crypto", ""},
    CodeInfo{ErrorCode::Random, "Random", ""},
    CodeInfo{ErrorCode::SrpBadServerValue, "SrpBadServerValue", ""},
    CodeInfo{ErrorCode::TokenInvalid, "TokenInvalid", ""},
    CodeInfo{ErrorCode::Callback, "Callback", ""},
    CodeInfo{ErrorCode::OutOfMemory, "OutOfMemory", ""},
    CodeInfo{ErrorCode::Internal, "Internal", ""},
};

const CodeInfo* info(ErrorCode code) noexcept {
  for (const auto& row : kCodes)
    if (row.code == code) return &row;
  return nullptr;
}

bool is_network(ErrorCode c) noexcept {
  const auto v = static_cast<std::int32_t>(c);
  return v <= -200 && v > -300 && c != ErrorCode::HttpStatus && c != ErrorCode::BodyTooLarge &&
         c != ErrorCode::Cancelled;
}

// Network failures worth another attempt. A failed TLS handshake or
// certificate check is a configuration problem, not a transient one.
bool is_transient_network(ErrorCode c) noexcept { return is_network(c) && c != ErrorCode::Tls; }

bool is_throttling(const Error& e) noexcept {
  return e.code == ErrorCode::TooManyRequests || e.code == ErrorCode::Throttling ||
         e.http_status == 429;
}

bool is_server_fault(const Error& e) noexcept {
  return e.code == ErrorCode::InternalError || e.code == ErrorCode::InternalServer ||
         e.code == ErrorCode::RequestTimeout ||
         (e.http_status >= 500 && e.http_status <= 504 && e.http_status != 501);
}

// A Cognito exception this version knows by name and that says something about
// the request or the user (NotAuthorized, CodeMismatch, UserNotFound,
// PasswordResetRequired, LimitExceeded, ...): final, whatever HTTP status a
// proxy or the service paired it with. Throttling and the server-side faults
// are the only named exceptions worth another attempt; an unknown name
// (ServiceUnknown) says nothing, so the status decides.
bool is_final_service_error(ErrorCode c) noexcept {
  const auto v = static_cast<std::int32_t>(c);
  if (v > -300 || v <= -600 || c == ErrorCode::ServiceUnknown) return false;
  switch (c) {
    case ErrorCode::TooManyRequests:
    case ErrorCode::Throttling:
    case ErrorCode::InternalError:
    case ErrorCode::InternalServer:
    case ErrorCode::RequestTimeout:
      return false;
    default:
      return true;
  }
}

}  // namespace

bool Error::retryable() const noexcept {
  // The exception name wins over the status (protocol §1.5): a user error is
  // final even with a 5xx or 429. In particular LimitExceededException means
  // "attempt limit exceeded" in Cognito: retrying extends the lock-out.
  if (is_final_service_error(code)) return false;
  if (is_transient_network(code)) return true;
  if (is_throttling(*this)) return true;
  return is_server_fault(*this);
}

bool Error::certainly_not_processed() const noexcept {
  // Network failures before a connection existed, and explicit refusals by the
  // service (throttling, 5xx answers). A timeout or a reset after sending is
  // ambiguous: the service may have acted on the request.
  if (code == ErrorCode::Dns || code == ErrorCode::Connect) return true;
  if (is_network(code)) return false;
  return retryable();
}

std::string Error::to_string() const {
  std::string out = service_code.empty() ? std::string(error_code_name(code)) : service_code;
  if (!message.empty()) {
    out += ": ";
    out += message;
  }
  if (http_status != 0 || !request_id.empty()) {
    out += " (";
    if (http_status != 0) out += "HTTP " + std::to_string(http_status);
    if (!request_id.empty()) {
      if (http_status != 0) out += ", ";
      out += "request id " + request_id;
    }
    out += ")";
  }
  return out;
}

std::string_view error_code_name(ErrorCode code) noexcept {
  const CodeInfo* i = info(code);
  return i ? i->name : std::string_view("Unknown");
}

std::string_view service_exception_name(ErrorCode code) noexcept {
  const CodeInfo* i = info(code);
  return i ? i->exception : std::string_view();
}

ErrorCode error_code_from_exception(std::string_view name) noexcept {
  // "com.amazonaws...#CodeMismatchException" / "NotAuthorizedException:http://..."
  if (auto cut = name.find_first_of(":,"); cut != std::string_view::npos) name = name.substr(0, cut);
  if (auto hash = name.rfind('#'); hash != std::string_view::npos) name = name.substr(hash + 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  if (name.empty()) return ErrorCode::ServiceUnknown;
  for (const auto& row : kCodes)
    if (!row.exception.empty() && row.exception == name) return row.code;
  return ErrorCode::ServiceUnknown;
}

}  // namespace cognito
