"""Cognito error types and the exact messages the service uses."""

from __future__ import annotations


class CognitoError(Exception):
    """An error answered as ``{"__type": name, "message": message}``."""

    def __init__(self, name: str, message: str = "", status: int = 400):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.status = status


# Messages (cognito-protocol.md section 1.4) -----------------------------------
INCORRECT_CREDENTIALS = "Incorrect username or password."
SESSION_EXPIRED = "Invalid session for the user, session is expired."
INVALID_SESSION = "Invalid session for the user."
TOKEN_REVOKED = "Access Token has been revoked"
TOKEN_EXPIRED = "Access Token has expired"
INVALID_ACCESS_TOKEN = "Invalid Access Token"
INVALID_REFRESH_TOKEN = "Invalid Refresh Token"
CODE_MISMATCH = "Invalid verification code provided, please try again."
CODE_EXPIRED = "Invalid code provided, please request a code again."
AUTH_CODE_MISMATCH = "Invalid code or auth state for the user."
ATTEMPT_LIMIT = "Attempt limit exceeded, please try after some time."


def error(name: str, message: str = "") -> CognitoError:
    return CognitoError(name, message)


def not_authorized(message: str = INCORRECT_CREDENTIALS) -> CognitoError:
    return CognitoError("NotAuthorizedException", message)


def invalid_parameter(message: str) -> CognitoError:
    return CognitoError("InvalidParameterException", message)


def missing_parameter(name: str) -> CognitoError:
    return invalid_parameter(f"Missing required parameter {name}")


def user_not_found() -> CognitoError:
    return CognitoError("UserNotFoundException", "User does not exist.")


def user_not_confirmed() -> CognitoError:
    return CognitoError("UserNotConfirmedException", "User is not confirmed.")


def resource_not_found(message: str) -> CognitoError:
    return CognitoError("ResourceNotFoundException", message)


def device_not_found() -> CognitoError:
    return resource_not_found("Device does not exist.")


def code_mismatch(message: str = CODE_MISMATCH) -> CognitoError:
    return CognitoError("CodeMismatchException", message)


def expired_code(message: str = CODE_EXPIRED) -> CognitoError:
    return CognitoError("ExpiredCodeException", message)


def limit_exceeded(message: str = ATTEMPT_LIMIT) -> CognitoError:
    return CognitoError("LimitExceededException", message)


def session_expired() -> CognitoError:
    return not_authorized(SESSION_EXPIRED)


def invalid_session() -> CognitoError:
    return not_authorized(INVALID_SESSION)


def internal_error(message: str = "Internal server error.") -> CognitoError:
    return CognitoError("InternalErrorException", message, status=500)


def validation_failed(problems: list[str]) -> CognitoError:
    count = len(problems)
    noun = "error" if count == 1 else "errors"
    return invalid_parameter(f"{count} validation {noun} detected: " + "; ".join(problems))
