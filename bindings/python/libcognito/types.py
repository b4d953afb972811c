"""Enumerations and value types of the binding (plain data, no handles)."""
from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass, field
from typing import Optional

__all__ = [
    "Flow", "StepKind", "EventKind", "TokenUse", "MfaFactor", "LogLevel", "SessionFlags", "Step", "Tokens",
    "DeviceCredentials", "CodeDelivery", "SignUpResult", "User", "Device", "DeviceList", "HttpRequest",
    "HttpResponse",
]


class Flow(enum.IntEnum):
    """How to sign in (COGNITO_FLOW_*)."""
    USER_SRP = 1                # USER_SRP_AUTH: the password never leaves the device
    USER_PASSWORD = 2           # USER_PASSWORD_AUTH
    CUSTOM_AUTH = 3             # CUSTOM_AUTH
    CUSTOM_AUTH_WITH_SRP = 4    # CUSTOM_AUTH starting with SRP
    USER_AUTH = 5               # USER_AUTH: choice-based / passwordless
    REFRESH_TOKEN = 6           # REFRESH_TOKEN_AUTH
    REFRESH_TOKEN_ROTATION = 7  # GetTokensFromRefreshToken


class StepKind(enum.IntEnum):
    """What a sign-in asks the application (COGNITO_STEP_*)."""
    SMS_MFA_CODE = 1
    SOFTWARE_TOKEN_MFA_CODE = 2
    EMAIL_OTP_CODE = 3
    SMS_OTP_CODE = 4
    SELECT_MFA_TYPE = 5
    MFA_SETUP = 6
    TOTP_SETUP_CODE = 7
    NEW_PASSWORD_REQUIRED = 8
    CUSTOM_CHALLENGE = 9
    SELECT_CHALLENGE = 10
    WEB_AUTHN = 11
    UNKNOWN_CHALLENGE = 12
    PASSWORD = 13


class EventKind(enum.IntEnum):
    """Progress of a sign-in (COGNITO_EVENT_*)."""
    SEND_REQUEST = 1
    NEED_ANSWER = 2
    SIGNED_IN = 3
    FAILED = 4


class TokenUse(enum.IntEnum):
    ID = 1
    ACCESS = 2


class MfaFactor(enum.IntEnum):
    SMS = 1
    TOTP = 2
    EMAIL = 3
    WEB_AUTHN = 4


class LogLevel(enum.IntEnum):
    NONE = 0
    ERROR = 1
    WARN = 2
    INFO = 3
    DEBUG = 4
    TRACE = 5


class SessionFlags(enum.IntFlag):
    """How the sign-in that made a session went (COGNITO_SESSION_*)."""
    NONE = 0
    NEW_DEVICE = 1                 # a new device was confirmed: store session.device
    DEVICE_NEEDS_CONFIRMATION = 2  # pool "user opt-in": remember it with update_device_status
    DROPPED_DEVICE = 4             # the stored device was unknown to the service: delete it
    DEVICE_ERROR = 8               # a new device could not be confirmed (the tokens are fine)


@dataclass(frozen=True)
class Step:
    """A question of a sign-in. ``totp_secret`` / ``totp_uri`` are secrets."""
    kind: StepKind
    challenge_name: str
    username: str
    delivery_medium: Optional[str] = None
    destination: Optional[str] = None
    options: tuple[str, ...] = ()
    required_attributes: tuple[str, ...] = ()
    user_attributes: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    totp_secret: Optional[str] = field(default=None, repr=False)
    totp_uri: Optional[str] = field(default=None, repr=False)
    web_authn_options: Optional[str] = None
    #: set when the step is asked again because the last answer was rejected
    previous_error: Optional[Exception] = None


@dataclass(frozen=True)
class Tokens:
    """A snapshot of a session's tokens (secrets: never log them)."""
    id_token: str = field(repr=False)
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_in: int = 0
    issued_at: Optional[_dt.datetime] = None   # server clock, UTC
    expires_at: Optional[_dt.datetime] = None  # the earlier exp of access and ID token, server clock, UTC
    clock_drift: int = 0                       # seconds, local clock minus server clock


@dataclass(frozen=True)
class DeviceCredentials:
    """A remembered device: store it per (pool, username); the password is a secret."""
    device_key: str
    device_group_key: str
    device_password: str = field(repr=False)


@dataclass(frozen=True)
class CodeDelivery:
    """Where a code went."""
    destination: Optional[str]
    medium: Optional[str]      # "EMAIL" / "SMS"
    attribute: Optional[str]   # "email" / "phone_number"


@dataclass(frozen=True)
class SignUpResult:
    confirmed: bool
    user_sub: str
    delivery: Optional[CodeDelivery]


@dataclass(frozen=True)
class User:
    """GetUser (attributes) or GetUserAuthFactors (auth_factors) result."""
    username: str
    attributes: dict[str, str]
    preferred_mfa: Optional[str]
    mfa: tuple[str, ...]
    auth_factors: tuple[str, ...]
    json: str


@dataclass(frozen=True)
class Device:
    key: str
    name: Optional[str]
    attributes: dict[str, str]
    created_at: Optional[_dt.datetime]
    last_authenticated_at: Optional[_dt.datetime]


@dataclass(frozen=True)
class DeviceList:
    devices: tuple[Device, ...]
    pagination_token: Optional[str]


@dataclass
class HttpRequest:
    """An HTTP request the library wants sent (custom transports, sans-I/O)."""
    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)   # may hold passwords or tokens
    timeout: Optional[float] = None   # seconds left for it, None = no limit
    operation: Optional[str] = None   # "InitiateAuth", ... when known

    def header(self, name: str) -> Optional[str]:
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return None


@dataclass
class HttpResponse:
    """The answer to an HttpRequest (any status)."""
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = field(default=b"", repr=False)


def from_unix(seconds: int) -> Optional[_dt.datetime]:
    """Unix seconds as an aware UTC datetime; None for 0 ("unknown") and for
    values a datetime cannot hold (they come from the server: never raise)."""
    if not seconds:
        return None
    try:
        return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
