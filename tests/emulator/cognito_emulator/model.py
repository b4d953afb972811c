"""Pools, app clients, users and devices, built from the JSON configuration.

Configuration keys are snake_case; unknown keys are rejected so typos in test
set-ups fail loudly.  See README.md ("Configuration") for the full list.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass
from typing import Any, Optional

from . import ids, srp_server, totp
from .clock import Clock
from .errors import CognitoError


class ConfigError(CognitoError):
    def __init__(self, message: str):
        super().__init__("InvalidParameterException", message)


def _merge(defaults: dict, config: dict, what: str) -> dict:
    unknown = set(config) - set(defaults)
    if unknown:
        raise ConfigError(f"unknown {what} setting(s): {', '.join(sorted(unknown))}")
    merged = copy.deepcopy(defaults)
    merged.update(copy.deepcopy(config))
    return merged


def _choice(value: Any, allowed: tuple, what: str) -> Any:
    if value not in allowed:
        raise ConfigError(f"{what} must be one of {', '.join(map(str, allowed))} (got {value!r})")
    return value


MFA_TYPES = ("SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP")
ALL_AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
                  "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH")
FIRST_FACTORS = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
USER_STATUSES = ("UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED")
STANDARD_ATTRIBUTES = frozenset((
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name",
    "name", "nickname", "phone_number", "picture", "preferred_username", "profile", "zoneinfo",
    "updated_at", "website"))
VERIFIED_FLAGS = {"email": "email_verified", "phone_number": "phone_number_verified"}
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\Z")
PHONE_RE = re.compile(r"\+[0-9]{4,15}\Z")


# ---------------------------------------------------------------------------
# App client
# ---------------------------------------------------------------------------

CLIENT_DEFAULTS = {
    "description": None,  # free text (documentation only)
    "id": None,
    "name": "client",
    "secret": None,
    "generate_secret": False,
    "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "access_token_validity_seconds": 3600,
    "id_token_validity_seconds": 3600,
    "refresh_token_validity_seconds": 30 * 86400,
    "auth_session_validity_minutes": 3,
    "refresh_token_rotation": {"enabled": False, "retry_grace_period_seconds": 0},
    "enable_token_revocation": True,
    "prevent_user_existence_errors": "ENABLED",
}


class AppClient:
    def __init__(self, config: dict):
        cfg = _merge(CLIENT_DEFAULTS, config, "client")
        self.config = cfg
        self.client_id = cfg["id"] or ids.client_id()
        if not ids.CLIENT_ID_RE.match(self.client_id):
            raise ConfigError(f"invalid client id {self.client_id!r}")
        self.name = cfg["name"]
        self.secret = cfg["secret"] or (ids.client_secret() if cfg["generate_secret"] else None)
        self.auth_flows = {_choice(f, ALL_AUTH_FLOWS, "explicit_auth_flows") for f in cfg["explicit_auth_flows"]}
        self.access_token_validity = int(cfg["access_token_validity_seconds"])
        self.id_token_validity = int(cfg["id_token_validity_seconds"])
        self.refresh_token_validity = int(cfg["refresh_token_validity_seconds"])
        self.auth_session_validity = int(float(cfg["auth_session_validity_minutes"]) * 60)
        rotation = _merge(CLIENT_DEFAULTS["refresh_token_rotation"], cfg["refresh_token_rotation"] or {},
                          "refresh_token_rotation")
        self.rotation_enabled = bool(rotation["enabled"])
        self.retry_grace_period = int(rotation["retry_grace_period_seconds"])
        self.token_revocation = bool(cfg["enable_token_revocation"])
        self.prevent_user_existence_errors = _choice(
            cfg["prevent_user_existence_errors"], ("ENABLED", "LEGACY"), "prevent_user_existence_errors")

    def allows(self, flow: str) -> bool:
        return flow in self.auth_flows

    def describe(self) -> dict:
        return {"client_id": self.client_id, "name": self.name, "client_secret": self.secret,
                "explicit_auth_flows": sorted(self.auth_flows),
                "refresh_token_rotation": self.rotation_enabled,
                "retry_grace_period_seconds": self.retry_grace_period,
                "prevent_user_existence_errors": self.prevent_user_existence_errors,
                "auth_session_validity_seconds": self.auth_session_validity}


# ---------------------------------------------------------------------------
# Users and devices
# ---------------------------------------------------------------------------

@dataclass
class CodeEntry:
    """A one-time code (sign-up, forgot password, attribute verification, MFA, OTP)."""

    code: str
    expires_at: float
    medium: str = ""
    destination: str = ""
    attempts: int = 0


@dataclass
class SignUpSession:
    """The Session SignUp/ConfirmSignUp return for sign-in right after confirmation."""

    username: str
    client_id: str
    expires_at: float
    confirmed: bool = False


@dataclass
class Device:
    key: str
    group_key: str
    created: float
    name: Optional[str] = None
    confirmed: bool = False  # ConfirmDevice stored a verifier
    remembered: bool = False
    salt: Optional[int] = None  # signed (Java BigInteger of the registered bytes)
    verifier: Optional[int] = None
    modified: float = 0.0
    last_authenticated: Optional[float] = None
    last_ip: str = "127.0.0.1"

    def describe(self) -> dict:
        attributes = [{"Name": "device_status", "Value": "valid"},
                      {"Name": "dev:device_remembered_status",
                       "Value": "remembered" if self.remembered else "not_remembered"},
                      {"Name": "last_ip_used", "Value": self.last_ip}]
        if self.name is not None:
            attributes.insert(0, {"Name": "device_name", "Value": self.name})
        out = {"DeviceKey": self.key, "DeviceAttributes": attributes,
               "DeviceCreateDate": self.created, "DeviceLastModifiedDate": self.modified or self.created}
        if self.last_authenticated is not None:
            out["DeviceLastAuthenticatedDate"] = self.last_authenticated
        return out


USER_DEFAULTS = {
    "description": None,  # free text (documentation only)
    "username": None,
    "sub": None,
    "password": None,
    "temporary_password": None,
    "status": None,
    "enabled": True,
    "attributes": {},
    "mfa": {},
    "totp_secret": None,
    "srp_salt_hex": None,
    "srp_verifier_hex": None,
    "devices": [],
}
MFA_CONFIG_DEFAULTS = {"sms": False, "totp": False, "email": False, "preferred": None}
DEVICE_DEFAULTS = {"device_key": None, "device_group_key": None, "device_password": None,
                   "salt_hex": None, "verifier_hex": None, "remembered": True, "name": None}


@dataclass
class WebAuthnCredential:
    credential_id: str
    public_key: Any  # cryptography EllipticCurvePublicKey
    sign_count: int
    relying_party_id: str
    created: float
    transports: list
    attachment: Optional[str] = None
    name: str = ""

    def describe(self) -> dict:
        out = {"CredentialId": self.credential_id, "FriendlyCredentialName": self.name,
               "RelyingPartyId": self.relying_party_id, "AuthenticatorTransports": list(self.transports),
               "CreatedAt": self.created}
        if self.attachment:
            out["AuthenticatorAttachment"] = self.attachment
        return out


class User:
    def __init__(self, username: str, sub: str, created: float):
        self.username = username
        self.sub = sub
        self.attributes: dict[str, str] = {}
        self.password: Optional[str] = None
        self.srp_salt: Optional[int] = None
        self.srp_verifier: Optional[int] = None
        self.status = "CONFIRMED"
        self.enabled = True
        self.created = created
        self.modified = created
        self.temporary_password_expires: Optional[float] = None
        # MFA
        self.sms_mfa = False
        self.email_mfa = False
        self.totp_mfa = False
        self.preferred_mfa: Optional[str] = None
        self.totp_secret: Optional[str] = None  # verified secret
        self.totp_pending_secret: Optional[str] = None  # associated, not yet verified
        self.totp_last_step = -1
        # devices
        self.device_group_key = ids.device_group_key()
        self.devices: dict[str, Device] = {}
        # one-time codes by purpose ("SIGN_UP", "FORGOT_PASSWORD", "VERIFY_ATTRIBUTE:email", ...)
        self.codes: dict[str, CodeEntry] = {}
        # passkeys: credential id (base64url) -> WebAuthnCredential; outstanding registration
        self.web_authn_credentials: dict[str, "WebAuthnCredential"] = {}
        self.web_authn_registration: Optional[tuple[str, float]] = None  # (challenge, expires_at)
        # lock-out
        self.failed_sign_ins = 0
        self.locked_until = 0.0

    # -- attributes ---------------------------------------------------------
    def attr(self, name: str) -> Optional[str]:
        return self.attributes.get(name)

    def is_verified(self, name: str) -> bool:
        return self.attributes.get(VERIFIED_FLAGS.get(name, name + "_verified")) == "true"

    def attribute_list(self) -> list[dict]:
        items = [{"Name": "sub", "Value": self.sub}]
        items += [{"Name": k, "Value": v} for k, v in sorted(self.attributes.items())]
        return items

    # -- password -------------------------------------------------------------
    def set_password(self, pool: "Pool", password: Optional[str], *, temporary: bool = False,
                     salt: Optional[int] = None) -> None:
        self.password = password
        if password is None:
            self.srp_salt = self.srp_verifier = None
        else:
            self.srp_salt = salt if salt is not None else srp_server.random_salt()
            self.srp_verifier = srp_server.compute_verifier(
                self.srp_salt, srp_server.pool_name(pool.id), self.username, password)
        if temporary:
            self.status = "FORCE_CHANGE_PASSWORD"
            days = pool.settings["password_policy"]["temporary_password_validity_days"]
            self.temporary_password_expires = pool.now() + days * 86400
        else:
            self.temporary_password_expires = None
        self.modified = pool.now()

    def check_password(self, candidate: str) -> bool:
        if self.password is None or not isinstance(candidate, str):
            return False
        return hmac.compare_digest(self.password.encode("utf-8"), candidate.encode("utf-8"))

    # -- MFA ----------------------------------------------------------------
    def enabled_mfa(self, pool: "Pool") -> list[str]:
        """MFA types the user has enabled and can receive, restricted to the pool's types."""
        enabled = []
        if self.sms_mfa and self.attr("phone_number"):
            enabled.append("SMS_MFA")
        if self.totp_mfa and self.totp_secret:
            enabled.append("SOFTWARE_TOKEN_MFA")
        if self.email_mfa and self.attr("email"):
            enabled.append("EMAIL_OTP")
        return [t for t in enabled if t in pool.mfa_types]

    def mfa_setting_names(self) -> list[str]:
        names = []
        if self.sms_mfa:
            names.append("SMS_MFA")
        if self.totp_mfa:
            names.append("SOFTWARE_TOKEN_MFA")
        if self.email_mfa:
            names.append("EMAIL_OTP")
        return names

    def describe(self) -> dict:
        return {
            "username": self.username, "sub": self.sub, "status": self.status, "enabled": self.enabled,
            "attributes": dict(self.attributes), "has_password": self.password is not None,
            "mfa": {"sms": self.sms_mfa, "totp": self.totp_mfa, "email": self.email_mfa,
                    "preferred": self.preferred_mfa},
            "totp_secret": self.totp_secret,
            "srp_salt_hex": None if self.srp_salt is None else srp_server.java_hex(self.srp_salt),
            "device_group_key": self.device_group_key,
            "devices": [d.describe() | {"confirmed": d.confirmed} for d in self.devices.values()],
            "web_authn_credentials": [c.describe() for c in self.web_authn_credentials.values()],
            "failed_sign_ins": self.failed_sign_ins, "locked_until": self.locked_until,
            "created": self.created,
        }


# ---------------------------------------------------------------------------
# Pool
# ---------------------------------------------------------------------------

POOL_DEFAULTS = {
    "description": None,  # free text (documentation only)
    "id": None,
    "region": None,
    "name": "pool",
    "username_attributes": [],
    "alias_attributes": [],
    "auto_verified_attributes": ["email"],
    "username_case_sensitive": False,
    "required_attributes": [],
    "password_policy": {},
    "mfa": "OFF",
    "mfa_types": list(MFA_TYPES),
    "device_tracking": "OFF",
    "device_mfa_bypass": True,
    "allowed_first_auth_factors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"],
    "custom_auth": None,
    "web_authn": None,
    "auto_confirm_sign_up": False,
    "account_recovery": ["email", "phone_number"],
    "code_validity_seconds": 86400,
    "forgot_password_code_validity_seconds": 3600,
    "mfa_code_validity_seconds": 180,
    "max_code_attempts": 5,
    "max_auth_code_attempts": 3,
    "lockout": {},
    "srp_timestamp_skew_seconds": 300,
    "totp_reuse_prevention": True,
    "clients": [],
    "users": [],
}
PASSWORD_POLICY_DEFAULTS = {"minimum_length": 8, "require_uppercase": True, "require_lowercase": True,
                            "require_numbers": True, "require_symbols": True,
                            "temporary_password_validity_days": 7}
LOCKOUT_DEFAULTS = {"threshold": 5, "base_seconds": 1, "max_seconds": 900}
WEB_AUTHN_DEFAULTS = {"relying_party_id": "localhost", "origins": ["https://localhost"],
                      "user_verification": "preferred", "timeout_ms": 180000}
CUSTOM_AUTH_DEFAULTS = {"type": "otp", "medium": "EMAIL", "max_attempts": 3}
PASSWORD_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


class Pool:
    def __init__(self, config: dict, base_clock: Clock):
        cfg = _merge(POOL_DEFAULTS, config, "pool")
        self.config = copy.deepcopy(config)  # as given, for reset
        region = cfg["region"] or (cfg["id"].split("_", 1)[0] if cfg["id"] else "us-east-1")
        self.id = cfg["id"] or ids.pool_id(region)
        if not ids.POOL_ID_RE.match(self.id):
            raise ConfigError(f"invalid user pool id {self.id!r}")
        self.region = region
        self.name = cfg["name"]
        cfg["password_policy"] = _merge(PASSWORD_POLICY_DEFAULTS, cfg["password_policy"], "password_policy")
        cfg["lockout"] = _merge(LOCKOUT_DEFAULTS, cfg["lockout"], "lockout")
        if cfg["custom_auth"] is not None:
            cfg["custom_auth"] = _merge(CUSTOM_AUTH_DEFAULTS, cfg["custom_auth"], "custom_auth")
            _choice(cfg["custom_auth"]["medium"], ("EMAIL", "SMS"), "custom_auth.medium")
        if cfg["web_authn"] is not None:
            cfg["web_authn"] = _merge(WEB_AUTHN_DEFAULTS, cfg["web_authn"], "web_authn")
            _choice(cfg["web_authn"]["user_verification"], ("required", "preferred"), "web_authn.user_verification")
        _choice(cfg["mfa"], ("OFF", "OPTIONAL", "ON"), "mfa")
        _choice(cfg["device_tracking"], ("OFF", "ALWAYS", "USER_OPT_IN"), "device_tracking")
        for t in cfg["mfa_types"]:
            _choice(t, MFA_TYPES, "mfa_types")
        for f in cfg["allowed_first_auth_factors"]:
            _choice(f, FIRST_FACTORS, "allowed_first_auth_factors")
        for a in cfg["username_attributes"]:
            _choice(a, ("email", "phone_number"), "username_attributes")
        for a in cfg["alias_attributes"]:
            _choice(a, ("email", "phone_number", "preferred_username"), "alias_attributes")
        if cfg["username_attributes"] and cfg["alias_attributes"]:
            raise ConfigError("username_attributes and alias_attributes are mutually exclusive")
        self.settings = cfg
        self.clock = Clock(base=base_clock.now)
        self.clients: dict[str, AppClient] = {}
        self.users: dict[str, User] = {}
        # authentication state (see auth.py / tokens.py)
        self.sessions: dict = {}
        self.srp_challenges: dict = {}
        self.signup_sessions: dict = {}
        self.refresh_tokens: dict = {}
        self.revoked_origins: set[str] = set()
        self.srp_pins: dict = {}
        for client_cfg in cfg["clients"]:
            self.add_client(client_cfg)
        for user_cfg in cfg["users"]:
            self.add_user(user_cfg)

    # -- settings shortcuts ----------------------------------------------------
    def now(self) -> float:
        return self.clock.now()

    @property
    def mfa_mode(self) -> str:
        return self.settings["mfa"]

    @property
    def mfa_types(self) -> list[str]:
        return self.settings["mfa_types"]

    @property
    def device_tracking(self) -> str:
        return self.settings["device_tracking"]

    @property
    def srp_group(self) -> str:
        return srp_server.pool_name(self.id)

    def norm(self, name: str) -> str:
        return name if self.settings["username_case_sensitive"] else name.lower()

    def update_settings(self, changes: dict) -> None:
        """Change pool settings in place (users, clients and tokens are kept)."""
        forbidden = {"id", "region", "clients", "users"} & set(changes)
        if forbidden:
            raise ConfigError(f"cannot change {', '.join(sorted(forbidden))} of an existing pool")
        candidate = {k: v for k, v in self.config.items() if k not in ("clients", "users")}
        candidate.update(changes)
        candidate["id"] = self.id
        fresh = Pool(candidate, Clock())  # validates
        self.settings.update({k: v for k, v in fresh.settings.items() if k not in ("clients", "users")})
        self.config.update(copy.deepcopy(changes))

    def purge_expired(self, *, threshold: int = 256) -> None:
        """Drop expired sessions / SRP challenges once the stores grow (long-running demos)."""
        now = self.now()
        if len(self.sessions) > threshold:
            self.sessions = {k: v for k, v in self.sessions.items() if v[1] > now}
        if len(self.srp_challenges) > threshold:
            self.srp_challenges = {k: v for k, v in self.srp_challenges.items() if v.expires_at > now}
        if len(self.signup_sessions) > threshold:
            self.signup_sessions = {k: v for k, v in self.signup_sessions.items() if v.expires_at > now}

    # -- clients -----------------------------------------------------------------
    def add_client(self, config: dict) -> AppClient:
        client = AppClient(config)
        self.clients[client.client_id] = client
        return client

    # -- users -------------------------------------------------------------------
    def find_user(self, username: str) -> Optional[User]:
        """By (canonical) username only."""
        return self.users.get(self.norm(username)) if isinstance(username, str) else None

    def find_user_for_sign_in(self, name: str) -> Optional[User]:
        """By username, username attribute (email/phone) or verified alias."""
        user = self.find_user(name)
        if user is not None:
            return user
        wanted = self.norm(name)
        for attribute in self.settings["username_attributes"]:
            for candidate in self.users.values():
                value = candidate.attr(attribute)
                if value is not None and self.norm(value) == wanted:
                    return candidate
        for attribute in self.settings["alias_attributes"]:
            for candidate in self.users.values():
                value = candidate.attr(attribute)
                if value is None or self.norm(value) != wanted:
                    continue
                if attribute == "preferred_username" or candidate.is_verified(attribute):
                    return candidate
        return None

    def user_with_attribute(self, attribute: str, value: str, *, verified_only: bool) -> Optional[User]:
        for candidate in self.users.values():
            current = candidate.attr(attribute)
            if current is not None and self.norm(current) == self.norm(value):
                if not verified_only or candidate.is_verified(attribute):
                    return candidate
        return None

    def add_user(self, config: dict) -> User:
        cfg = _merge(USER_DEFAULTS, config, "user")
        attributes = {k: str(v) if not isinstance(v, bool) else ("true" if v else "false")
                      for k, v in (cfg["attributes"] or {}).items()}
        username = cfg["username"]
        if self.settings["username_attributes"]:
            # email/phone as username: the real username is a UUID (== sub)
            if username and (EMAIL_RE.match(username) or PHONE_RE.match(username)):
                attributes.setdefault("email" if "@" in username else "phone_number", username)
                username = None
            username = username or cfg["sub"] or ids.new_uuid()
        if not username:
            raise ConfigError("user needs a username")
        if self.find_user(username) is not None:
            raise CognitoError("UsernameExistsException", "User already exists")
        if cfg["sub"]:
            sub = cfg["sub"]
        elif self.settings["username_attributes"] and _is_uuid(username):
            sub = username  # email/phone-as-username pools: username == sub
        else:
            sub = ids.new_uuid()
        user = User(username, sub, self.now())
        for name, value in attributes.items():
            user.attributes[name] = value
        for name in ("email", "phone_number"):
            if name in attributes and VERIFIED_FLAGS[name] not in attributes:
                user.attributes[VERIFIED_FLAGS[name]] = "true"  # pre-created users are verified
        salt = srp_server.parse_hex(cfg["srp_salt_hex"]) if cfg["srp_salt_hex"] else None
        if cfg["temporary_password"] is not None:
            user.set_password(self, cfg["temporary_password"], temporary=True, salt=salt)
        elif cfg["password"] is not None:
            user.set_password(self, cfg["password"], salt=salt)
        elif salt is not None:
            user.srp_salt = salt
        if cfg["srp_verifier_hex"]:
            if user.srp_salt is None:
                raise ConfigError("srp_verifier_hex needs srp_salt_hex")
            user.srp_verifier = srp_server.parse_hex(cfg["srp_verifier_hex"])
        if cfg["status"] is not None:
            user.status = _choice(cfg["status"], USER_STATUSES, "status")
        user.enabled = bool(cfg["enabled"])
        mfa = _merge(MFA_CONFIG_DEFAULTS, cfg["mfa"] or {}, "mfa")
        user.sms_mfa, user.totp_mfa, user.email_mfa = bool(mfa["sms"]), bool(mfa["totp"]), bool(mfa["email"])
        if mfa["preferred"] is not None:
            user.preferred_mfa = _choice(mfa["preferred"], MFA_TYPES, "mfa.preferred")
        if cfg["totp_secret"]:
            if not totp.is_valid_secret(cfg["totp_secret"]):
                raise ConfigError("totp_secret must be base32")
            user.totp_secret = cfg["totp_secret"]
        elif user.totp_mfa:
            user.totp_secret = totp.new_secret()
        for device_cfg in cfg["devices"]:
            self.add_device(user, device_cfg)
        self.users[self.norm(user.username)] = user
        return user

    def add_device(self, user: User, config: dict) -> Device:
        cfg = _merge(DEVICE_DEFAULTS, config, "device")
        key = cfg["device_key"] or ids.device_key(self.region)
        if not ids.DEVICE_KEY_RE.match(key):
            raise ConfigError(f"invalid device key {key!r}")
        if cfg["device_group_key"]:
            user.device_group_key = cfg["device_group_key"]
        device = Device(key=key, group_key=user.device_group_key, created=self.now(),
                        name=cfg["name"], confirmed=True, remembered=bool(cfg["remembered"]))
        if cfg["verifier_hex"]:
            device.salt = srp_server.parse_hex(cfg["salt_hex"] or "0")
            device.verifier = srp_server.parse_hex(cfg["verifier_hex"])
        elif cfg["device_password"]:
            device.salt = srp_server.parse_hex(cfg["salt_hex"]) if cfg["salt_hex"] else srp_server.random_salt()
            device.verifier = srp_server.compute_verifier(device.salt, device.group_key, key,
                                                          cfg["device_password"])
        else:
            raise ConfigError("device needs device_password or verifier_hex")
        user.devices[key] = device
        return device

    def remove_user(self, user: User) -> None:
        self.users.pop(self.norm(user.username), None)
        for record in self.refresh_tokens.values():
            if record.username == user.username:
                record.revoked = True
                self.revoked_origins.add(record.origin_jti)

    # -- policy -------------------------------------------------------------------
    def password_problem(self, password: str) -> Optional[str]:
        """None if the password satisfies the policy, else Cognito's message."""
        policy = self.settings["password_policy"]
        checks = [
            (len(password) >= policy["minimum_length"], "Password not long enough"),
            (not policy["require_uppercase"] or any(c.isupper() for c in password),
             "Password must have uppercase characters"),
            (not policy["require_lowercase"] or any(c.islower() for c in password),
             "Password must have lowercase characters"),
            (not policy["require_numbers"] or any(c.isdigit() for c in password),
             "Password must have numeric characters"),
            (not policy["require_symbols"] or any(c in PASSWORD_SYMBOLS for c in password),
             "Password must have symbol characters"),
        ]
        for ok, message in checks:
            if not ok:
                return "Password did not conform with policy: " + message
        return None

    def fake_identity(self, secret: bytes, username: str) -> tuple[int, str]:
        """Stable fake (salt, UUID) for an unknown user (PreventUserExistenceErrors)."""
        digest = hmac.new(secret, f"{self.id}\0{self.norm(username)}".encode("utf-8"), hashlib.sha256).digest()
        return int.from_bytes(digest[:16], "big"), str(uuid.UUID(bytes=digest[16:32], version=4))

    def describe(self) -> dict:
        return {"user_pool_id": self.id, "region": self.region, "name": self.name,
                "settings": {k: v for k, v in self.settings.items() if k not in ("clients", "users")},
                "clients": [c.describe() for c in self.clients.values()],
                "users": sorted(u.username for u in self.users.values()),
                "clock": self.clock.describe()}


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
        return True
    except ValueError:
        return False
