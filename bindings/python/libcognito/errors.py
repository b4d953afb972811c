"""Exceptions: one class per error family, and one per common Cognito error.

Every failure of the library raises a CognitoError subclass carrying the C
status code (``code``, the same number as the C++ cognito::ErrorCode), its
stable ``name`` ("NotAuthorized"), the Cognito exception name
(``service_code``, e.g. "NotAuthorizedException", or None), the message, the
HTTP status and the request id. Codes the binding does not know map to the
family of their range (code // 100 ... see ``error_class``), so a newer library
never produces an exception that cannot be caught by family.
"""
from __future__ import annotations

import builtins
from typing import Optional

from ._ffi import lib

__all__ = [
    "CognitoError", "UsageError", "InvalidArgumentError", "InvalidStateError", "UnsupportedError",
    "InsecureUrlError", "TransportError", "DnsError", "ConnectError", "TlsError", "TimeoutError_",
    "ConnectionResetError_", "BodyTooLargeError", "HttpStatusError", "CancelledError", "ServiceError",
    "AccessDeniedError",
    "AliasExistsError", "CodeDeliveryFailureError", "CodeMismatchError", "ConcurrentModificationError",
    "EnableSoftwareTokenMfaError", "ExpiredCodeError", "ForbiddenError", "InternalServiceError",
    "InvalidParameterError", "InvalidPasswordError", "LimitExceededError", "MfaMethodNotFoundError",
    "NotAuthorizedError", "PasswordHistoryPolicyViolationError", "PasswordResetRequiredError",
    "RefreshTokenReuseError", "ResourceNotFoundError", "SoftwareTokenMfaNotFoundError",
    "TooManyFailedAttemptsError", "TooManyRequestsError", "UnsupportedOperationError",
    "UnsupportedTokenTypeError", "UserLambdaValidationError", "UserNotConfirmedError", "UserNotFoundError",
    "UsernameExistsError", "WebAuthnError", "ProtocolError", "CryptoError", "TokenInvalidError",
    "SrpError", "CallbackError", "FatalError", "OutOfMemoryError", "InternalError", "error_class",
    "error_from_code",
]


class CognitoError(Exception):
    """Base class of every libcognito error."""

    def __init__(self, code: int, message: str = "", *, service_code: Optional[str] = None,
                 http_status: int = 0, request_id: Optional[str] = None):
        self.code = int(code)
        self.name = lib.cognito_error_name(self.code).decode()
        self.message = message or lib.cognito_strerror(self.code).decode()
        self.service_code = service_code or None
        self.http_status = int(http_status)
        self.request_id = request_id or None
        super().__init__(self.__str__())

    def __str__(self) -> str:
        head = self.service_code or self.name
        text = f"{head}: {self.message}" if self.message else head
        extra = []
        if self.http_status:
            extra.append(f"HTTP {self.http_status}")
        if self.request_id:
            extra.append(f"request id {self.request_id}")
        return f"{text} ({', '.join(extra)})" if extra else text

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(code={self.code}, name={self.name!r}, service_code={self.service_code!r}, "
                f"http_status={self.http_status}, request_id={self.request_id!r}, message={self.message!r})")

    @property
    def fatal(self) -> bool:
        """True for fatal codes (<= -900): the object that raised it is unusable."""
        return bool(lib.cognito_is_fatal(self.code))


# ---- families (by range) --------------------------------------------------------------
class UsageError(CognitoError):
    """-1xx: the caller passed something wrong or called at the wrong time."""


class TransportError(CognitoError):
    """-2xx: DNS, connect, TLS, timeout, reset, size cap, unexpected HTTP status."""


class ServiceError(CognitoError):
    """-3xx..-5xx: a Cognito service exception (see ``service_code``)."""


class ProtocolError(CognitoError):
    """-6xx: the service's answer is not what the API promises."""


class CryptoError(CognitoError):
    """-7xx: cryptography, SRP, token verification."""


class CallbackError(CognitoError):
    """-8xx: a callback of the application (transport, log) failed."""


class FatalError(CognitoError):
    """-9xx: out of memory or an internal error."""


# ---- usage ------------------------------------------------------------------------------
class InvalidArgumentError(UsageError, ValueError):
    pass


class InvalidStateError(UsageError):
    pass


class UnsupportedError(UsageError):
    pass


class InsecureUrlError(UsageError):
    pass


# ---- transport --------------------------------------------------------------------------
class DnsError(TransportError):
    pass


class ConnectError(TransportError, builtins.ConnectionError):
    pass


class TlsError(TransportError):
    pass


class TimeoutError_(TransportError, builtins.TimeoutError):  # noqa: N801 - the builtin name is taken
    pass


class ConnectionResetError_(TransportError, builtins.ConnectionError):  # noqa: N801
    pass


class BodyTooLargeError(TransportError):
    pass


class HttpStatusError(TransportError):
    pass


class CancelledError(TransportError):
    """The call was cancelled (Client.cancel())."""


# ---- service ------------------------------------------------------------------------------
class AccessDeniedError(ServiceError):
    pass


class AliasExistsError(ServiceError):
    pass


class CodeDeliveryFailureError(ServiceError):
    pass


class CodeMismatchError(ServiceError):
    pass


class ConcurrentModificationError(ServiceError):
    pass


class EnableSoftwareTokenMfaError(ServiceError):
    """VerifySoftwareToken did not accept the code."""


class ExpiredCodeError(ServiceError):
    pass


class ForbiddenError(ServiceError):
    pass


class InternalServiceError(ServiceError):
    """InternalErrorException / InternalServerException (HTTP 5xx)."""


class InvalidParameterError(ServiceError):
    pass


class InvalidPasswordError(ServiceError):
    pass


class LimitExceededError(ServiceError):
    pass


class MfaMethodNotFoundError(ServiceError):
    pass


class NotAuthorizedError(ServiceError):
    pass


class PasswordHistoryPolicyViolationError(ServiceError):
    pass


class PasswordResetRequiredError(ServiceError):
    pass


class RefreshTokenReuseError(ServiceError):
    pass


class ResourceNotFoundError(ServiceError):
    pass


class SoftwareTokenMfaNotFoundError(ServiceError):
    pass


class TooManyFailedAttemptsError(ServiceError):
    pass


class TooManyRequestsError(ServiceError):
    """TooManyRequestsException / ThrottlingException."""


class UnsupportedOperationError(ServiceError):
    pass


class UnsupportedTokenTypeError(ServiceError):
    pass


class UserLambdaValidationError(ServiceError):
    pass


class UserNotConfirmedError(ServiceError):
    pass


class UserNotFoundError(ServiceError):
    pass


class UsernameExistsError(ServiceError):
    pass


class WebAuthnError(ServiceError):
    """One of the WebAuthn* exceptions."""


# ---- crypto / callback / fatal ------------------------------------------------------------
class TokenInvalidError(CryptoError):
    pass


class SrpError(CryptoError):
    """SRP_B / SALT / SECRET_BLOCK malformed or unsafe."""


class OutOfMemoryError(FatalError, MemoryError):
    pass


class InternalError(FatalError):
    pass


_BY_CODE: dict[int, type] = {
    -100: InvalidArgumentError, -101: InvalidStateError, -103: UnsupportedError, -104: InsecureUrlError,
    -201: DnsError, -202: ConnectError, -203: TlsError, -204: TimeoutError_, -205: ConnectionResetError_,
    -206: BodyTooLargeError, -207: HttpStatusError, -208: CancelledError,
    -301: AccessDeniedError, -302: AliasExistsError, -303: CodeDeliveryFailureError, -304: CodeMismatchError,
    -305: ConcurrentModificationError, -308: EnableSoftwareTokenMfaError, -309: ExpiredCodeError,
    -311: ForbiddenError, -313: InternalServiceError, -314: InternalServiceError, -318: InvalidParameterError,
    -319: InvalidPasswordError, -323: LimitExceededError, -324: MfaMethodNotFoundError, -326: NotAuthorizedError,
    -327: PasswordHistoryPolicyViolationError, -328: PasswordResetRequiredError, -330: RefreshTokenReuseError,
    -331: ResourceNotFoundError, -333: SoftwareTokenMfaNotFoundError, -336: TooManyFailedAttemptsError,
    -337: TooManyRequestsError, -341: UnsupportedOperationError, -342: UnsupportedTokenTypeError,
    -345: UserLambdaValidationError, -346: UserNotConfirmedError, -347: UserNotFoundError,
    -350: UsernameExistsError, -351: WebAuthnError, -352: WebAuthnError, -353: WebAuthnError,
    -354: WebAuthnError, -355: WebAuthnError, -356: WebAuthnError, -357: WebAuthnError, -361: TooManyRequestsError,
    -702: SrpError, -703: TokenInvalidError,
    -900: OutOfMemoryError, -901: InternalError,
}

_BY_RANGE: dict[int, type] = {1: UsageError, 2: TransportError, 3: ServiceError, 4: ServiceError, 5: ServiceError,
                              6: ProtocolError, 7: CryptoError, 8: CallbackError, 9: FatalError}


def error_class(code: int) -> type:
    """The exception class for `code`: the specific one, else its range's family."""
    if code in _BY_CODE:
        return _BY_CODE[code]
    return _BY_RANGE.get((-code) // 100, CognitoError) if code < 0 else CognitoError


def error_from_code(code: int, message: str = "", **details) -> CognitoError:
    return error_class(code)(code, message, **details)
