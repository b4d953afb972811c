"""InitiateAuth and RespondToAuthChallenge: every flow and challenge of section 3.

One sign-in attempt is an :class:`AuthContext`.  Each challenge hands out a new
opaque ``Session`` token that maps to the context (the previous token dies);
(DEVICE_)PASSWORD_VERIFIER state is keyed by its ``SECRET_BLOCK`` instead, so
the PASSWORD_VERIFIER after USER_SRP_AUTH needs no Session (like Cognito).

After the first factor succeeded :meth:`AuthEngine.proceed` walks the common
tail: NEW_PASSWORD_REQUIRED -> (custom challenges) -> MFA -> DEVICE_SRP_AUTH
-> tokens (+ NewDeviceMetadata).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from typing import Optional

from .. import errors, ids, srp_server, tokens, totp
from ..errors import CognitoError
from ..model import EMAIL_RE, AppClient, CodeEntry, Device, Pool, User
from ..validation import (AUTH_FLOWS, CHALLENGE_NAMES, SESSION, STR_MAP, Str, client_request)
from . import Call, operation
from .common import check_password_policy, check_secret_hash, clean_attributes, send_code
from .refresh import refresh_token_auth
from .webauthn import check_assertion, new_challenge, relying_party, request_options

SECRET_BLOCK_NONCE_BYTES = 64
TIMESTAMP_FORMAT_MESSAGE = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."
FIRST_FACTOR_CHALLENGES = ("PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
CODE_RESPONSE_KEYS = {"SMS_MFA": "SMS_MFA_CODE", "EMAIL_OTP": "EMAIL_OTP_CODE", "SMS_OTP": "SMS_OTP_CODE"}
OTP_MEDIUM = {"SMS_MFA": "SMS", "SMS_OTP": "SMS", "EMAIL_OTP": "EMAIL"}


@dataclass
class AuthContext:
    """State of one sign-in attempt."""

    pool: Pool
    client: AppClient
    flow: str
    user: Optional[User]  # None: simulated unknown user (PreventUserExistenceErrors)
    claimed_username: str
    fake_user_id: Optional[str] = None
    first_factor: Optional[str] = None  # PASSWORD, SRP, OTP, CUSTOM, SIGN_UP
    device_key: Optional[str] = None
    device: Optional[Device] = None
    device_verified: bool = False
    needs_new_password: bool = False
    custom_solved: bool = False
    mfa_resolved: bool = False
    pending: Optional[str] = None  # challenge expected next
    code: Optional[CodeEntry] = None
    code_purpose: Optional[str] = None
    code_attempts: int = 0
    custom_attempts: int = 0
    choices: list = field(default_factory=list)  # MFAS_CAN_CHOOSE / AvailableChallenges / MFAS_CAN_SETUP
    totp_secret: Optional[str] = None  # MFA_SETUP: associated software token
    totp_verified: bool = False
    setup_email: Optional[str] = None
    web_authn_challenge: Optional[str] = None  # outstanding WEB_AUTHN challenge (one use)
    session: Optional[str] = None

    @property
    def username(self) -> str:
        """Canonical username (the fake UUID for simulated users)."""
        return self.user.username if self.user is not None else self.fake_user_id


@dataclass
class SrpState:
    """Server side of one PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER, keyed by SECRET_BLOCK."""

    ctx: AuthContext
    kind: str  # "user" | "device"
    group: str
    user_id: str
    challenge: srp_server.ServerChallenge
    secret_block: bytes
    issued_at: float
    expires_at: float
    simulated: bool = False  # unknown or passwordless user: always fails
    pinned: bool = False  # SECRET_BLOCK pinned through the control API (no binding MAC)


# ---------------------------------------------------------------------------------------
# Sessions (also used by AssociateSoftwareToken / VerifySoftwareToken)
# ---------------------------------------------------------------------------------------

def new_session(ctx: AuthContext) -> str:
    """Issue the next Session token of the context (the previous one stops working)."""
    end_session(ctx)
    ctx.pool.purge_expired()
    token = ids.opaque_token(96)
    ctx.session = token
    ctx.pool.sessions[token] = (ctx, ctx.pool.now() + ctx.client.auth_session_validity)
    return token


def end_session(ctx: AuthContext) -> None:
    if ctx.session is not None:
        ctx.pool.sessions.pop(ctx.session, None)
        ctx.session = None


def resume_session(pool: Pool, token: str, client: Optional[AppClient] = None) -> AuthContext:
    entry = pool.sessions.get(token)
    if entry is None:
        raise errors.invalid_session()
    ctx, expires_at = entry
    if client is not None and ctx.client is not client:
        raise errors.invalid_session()
    if pool.now() >= expires_at:
        end_session(ctx)
        raise errors.session_expired()
    return ctx


def find_session(call: Call, token: str) -> AuthContext:
    """Session lookup without a ClientId (AssociateSoftwareToken / VerifySoftwareToken)."""
    for pool in call.state.pools.values():
        if token in pool.sessions:
            return resume_session(pool, token)
    raise errors.invalid_session()


# ---------------------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------------------

class AuthEngine:
    def __init__(self, call: Call, pool: Pool, client: AppClient):
        self.call = call
        self.pool = pool
        self.client = client

    @property
    def now(self) -> float:
        return self.pool.now()

    # -- building responses -------------------------------------------------------------
    def challenge(self, ctx: AuthContext, name: str, params: Optional[dict] = None, *,
                  with_session: bool = True, available: Optional[list] = None) -> dict:
        """A challenge response; the context now expects ``name`` (under a new Session)."""
        ctx.pending = name
        parameters = {"USER_ID_FOR_SRP": ctx.username}
        parameters.update(params or {})
        out = {"ChallengeName": name, "ChallengeParameters": parameters}
        if with_session:
            out["Session"] = new_session(ctx)
        else:
            end_session(ctx)
        if available is not None:
            out["AvailableChallenges"] = list(available)
        return out

    def finish(self, ctx: AuthContext) -> dict:
        end_session(ctx)
        pool, user = self.pool, ctx.user
        used = ctx.device if ctx.device_verified else None
        new_device = None
        if used is not None:
            used.last_authenticated = self.now
            used.last_ip = self.call.remote_ip
        elif pool.device_tracking != "OFF":
            new_device = Device(key=ids.device_key(pool.region), group_key=user.device_group_key,
                                created=self.now, modified=self.now, last_ip=self.call.remote_ip)
            user.devices[new_device.key] = new_device
        result = tokens.issue(self.call.state, pool, self.client, user,
                              device_key=used.key if used else None, new_device=new_device)
        return {"ChallengeParameters": {}, "AuthenticationResult": result}

    # -- contexts and user checks ---------------------------------------------------------
    def begin(self, flow: str, params: dict, client_flag: str) -> AuthContext:
        """Common start of the username-based flows: flag, USERNAME, SECRET_HASH, lookup."""
        if not self.client.allows(client_flag):
            raise errors.invalid_parameter(f"{flow} flow not enabled for this client")
        username = params.get("USERNAME")
        if not username:
            raise errors.missing_parameter("USERNAME")
        check_secret_hash(self.client, username, params.get("SECRET_HASH"))
        user = self.pool.find_user_for_sign_in(username)
        if user is None and self.client.prevent_user_existence_errors == "LEGACY":
            raise errors.user_not_found()
        ctx = AuthContext(pool=self.pool, client=self.client, flow=flow, user=user,
                          claimed_username=username, device_key=params.get("DEVICE_KEY"))
        if user is None:
            _, ctx.fake_user_id = self.pool.fake_identity(self.call.state.server_secret, username)
        return ctx

    def check_can_sign_in(self, user: User) -> None:
        if user.locked_until > self.now:
            raise errors.not_authorized("Password attempts exceeded")
        if user.status == "UNCONFIRMED":
            raise errors.user_not_confirmed()

    def check_enabled(self, user: User) -> None:
        if not user.enabled:
            raise errors.not_authorized("User is disabled.")

    def password_failed(self, user: User) -> CognitoError:
        user.failed_sign_ins += 1
        lockout = self.pool.settings["lockout"]
        over = user.failed_sign_ins - lockout["threshold"]
        if over >= 0:
            user.locked_until = self.now + min(lockout["max_seconds"], lockout["base_seconds"] * 2 ** over)
        return errors.not_authorized()

    def password_ok(self, ctx: AuthContext, factor: str) -> None:
        user = ctx.user
        self.check_enabled(user)
        if user.status == "RESET_REQUIRED":
            raise errors.error("PasswordResetRequiredException", "Password reset required for the user")
        if user.status == "FORCE_CHANGE_PASSWORD":
            expires = user.temporary_password_expires
            if expires is not None and self.now >= expires:
                raise errors.not_authorized(
                    "Temporary password has expired and must be reset by an administrator.")
            ctx.needs_new_password = True
        user.failed_sign_ins, user.locked_until = 0, 0.0
        ctx.first_factor = factor

    def check_device(self, ctx: AuthContext) -> None:
        """Resolve DEVICE_KEY (only meaningful with device tracking on)."""
        ctx.device = None
        if not ctx.device_key or self.pool.device_tracking == "OFF" or ctx.user is None:
            return
        device = ctx.user.devices.get(ctx.device_key)
        if device is None or not device.confirmed:
            raise errors.device_not_found()
        ctx.device = device

    # -- first factors ------------------------------------------------------------------------
    def password_factor(self, ctx: AuthContext, password: str) -> dict:
        if ctx.user is None:
            raise errors.not_authorized()
        self.check_can_sign_in(ctx.user)
        if not ctx.user.check_password(password):
            raise self.password_failed(ctx.user)
        self.password_ok(ctx, "PASSWORD")
        self.check_device(ctx)
        return self.proceed(ctx)

    def srp_challenge(self, ctx: AuthContext, srp_a: Optional[str], *, with_session: bool) -> dict:
        if not srp_a:
            raise errors.missing_parameter("SRP_A")
        try:
            a_pub = srp_server.parse_client_a(srp_a)
        except srp_server.SrpInputError as exc:
            raise errors.invalid_parameter(f"Invalid SRP_A: {exc}") from None
        user = ctx.user
        if user is not None:
            self.check_can_sign_in(user)
        simulated = user is None or user.srp_verifier is None
        if not simulated:
            salt, verifier, user_id = user.srp_salt, user.srp_verifier, user.username
        else:  # unknown or passwordless user: stable fake salt, fails at PASSWORD_VERIFIER
            salt, user_id = self.pool.fake_identity(self.call.state.server_secret, ctx.claimed_username)
            user_id = user.username if user is not None else user_id
            verifier = srp_server.compute_verifier(salt, self.pool.srp_group, user_id, secrets.token_hex(16))
        state = self.register_srp(ctx, "user", self.pool.srp_group, user_id, a_pub, verifier,
                                  simulated=simulated)
        params = {"SALT": srp_server.java_hex(salt), "SRP_B": srp_server.java_hex(state.challenge.b_pub),
                  "SECRET_BLOCK": base64.b64encode(state.secret_block).decode("ascii"),
                  "USERNAME": user_id, "USER_ID_FOR_SRP": user_id}
        return self.challenge(ctx, "PASSWORD_VERIFIER", params, with_session=with_session)

    def register_srp(self, ctx: AuthContext, kind: str, group: str, user_id: str, a_pub: int,
                     verifier: int, *, simulated: bool = False) -> SrpState:
        """B for this exchange (b and SECRET_BLOCK may be pinned through the control API)."""
        pins = self.pool.srp_pins
        self.pool.purge_expired()
        state = SrpState(ctx=ctx, kind=kind, group=group, user_id=user_id,
                         challenge=srp_server.start_challenge(a_pub, verifier, pins.get("b")),
                         secret_block=b"", issued_at=self.now,
                         expires_at=self.now + self.client.auth_session_validity,
                         simulated=simulated, pinned="secret_block" in pins)
        if state.pinned:
            state.secret_block = pins["secret_block"]
        else:
            nonce = secrets.token_bytes(SECRET_BLOCK_NONCE_BYTES)
            state.secret_block = nonce + self._block_binding(state, nonce)
        self.pool.srp_challenges[base64.b64encode(state.secret_block).decode("ascii")] = state
        return state

    def _block_binding(self, state: SrpState, nonce: bytes) -> bytes:
        """HMAC(server key; nonce, pool, client, user, kind, A, B, b, issue time) inside SECRET_BLOCK."""
        fields = (self.pool.id, state.ctx.client.client_id, state.user_id, state.kind, repr(state.issued_at))
        mac = hmac.new(self.call.state.server_secret, nonce + "\0".join(fields).encode("utf-8"), hashlib.sha256)
        for number in (state.challenge.a_pub, state.challenge.b_pub, state.challenge.b_priv):
            mac.update(srp_server.pad(number))
        return mac.digest()

    def _block_intact(self, state: SrpState) -> bool:
        if state.pinned:
            return True
        nonce, binding = state.secret_block[:SECRET_BLOCK_NONCE_BYTES], state.secret_block[SECRET_BLOCK_NONCE_BYTES:]
        return hmac.compare_digest(binding, self._block_binding(state, nonce))

    def code_challenge(self, ctx: AuthContext, name: str, purpose: str,
                       destination: Optional[str] = None) -> dict:
        """Send a code (SMS_MFA, EMAIL_OTP, SMS_OTP) and ask for it."""
        medium = OTP_MEDIUM[name]
        attribute = "phone_number" if medium == "SMS" else "email"
        if ctx.user is None:  # simulated: nothing is delivered, any answer fails
            destination = destination or ("+10000000000" if medium == "SMS" else ctx.claimed_username)
            ctx.code = CodeEntry(code=secrets.token_hex(8), expires_at=self.now + 3600, medium=medium,
                                 destination=destination)
        else:
            destination = destination or ctx.user.attr(attribute)
            if not destination:
                raise errors.invalid_parameter(f"User has no {attribute} to send the code to.")
            ctx.code = send_code(self.call, self.pool, ctx.user, purpose=purpose, medium=medium,
                                 destination=destination,
                                 validity=self.pool.settings["mfa_code_validity_seconds"])
        ctx.code_purpose = purpose
        ctx.code_attempts = 0
        return self.challenge(ctx, name, {"CODE_DELIVERY_DELIVERY_MEDIUM": medium,
                                          "CODE_DELIVERY_DESTINATION": ids.mask_destination(medium, destination)})

    def check_session_code(self, ctx: AuthContext, answer: str) -> None:
        entry = ctx.code
        if entry is None:
            raise errors.invalid_session()
        if self.now >= entry.expires_at:
            raise errors.expired_code()
        if ctx.user is None or not hmac.compare_digest(entry.code.encode(), answer.encode("utf-8")):
            self.count_code_failure(ctx)
        ctx.code = None

    def count_code_failure(self, ctx: AuthContext) -> None:
        ctx.code_attempts += 1
        if ctx.code_attempts >= self.pool.settings["max_auth_code_attempts"]:
            end_session(ctx)
            raise errors.invalid_session()
        raise errors.code_mismatch(errors.AUTH_CODE_MISMATCH)

    # -- the common tail -----------------------------------------------------------------------
    def proceed(self, ctx: AuthContext) -> dict:
        if ctx.needs_new_password:
            return self.challenge(ctx, "NEW_PASSWORD_REQUIRED", self.new_password_params(ctx))
        if ctx.flow == "CUSTOM_AUTH" and not ctx.custom_solved:
            return self.custom_challenge(ctx)
        if not ctx.mfa_resolved:
            ctx.mfa_resolved = True
            step = self.mfa_step(ctx)
            if step is not None:
                return step
        if ctx.device is not None and not ctx.device_verified:
            return self.challenge(ctx, "DEVICE_SRP_AUTH", {"USERNAME": ctx.user.username,
                                                           "DEVICE_KEY": ctx.device.key})
        return self.finish(ctx)

    def new_password_params(self, ctx: AuthContext) -> dict:
        user = ctx.user
        missing = [a for a in self.pool.settings["required_attributes"] if not user.attr(a)]
        return {"userAttributes": json.dumps(user.attributes, separators=(",", ":")),
                "requiredAttributes": json.dumps(["userAttributes." + a for a in missing],
                                                 separators=(",", ":"))}

    def mfa_step(self, ctx: AuthContext) -> Optional[dict]:
        pool, user = self.pool, ctx.user
        if pool.mfa_mode == "OFF" or ctx.first_factor in ("OTP", "CUSTOM", "SIGN_UP") \
                or ctx.flow == "CUSTOM_AUTH":
            return None
        if ctx.device is not None and ctx.device.remembered and pool.settings["device_mfa_bypass"]:
            return None
        enabled = user.enabled_mfa(pool)
        if not enabled:
            if pool.mfa_mode != "ON":
                return None
            if "SMS_MFA" in pool.mfa_types and user.attr("phone_number"):
                enabled = ["SMS_MFA"]  # required MFA with a phone number on file: SMS
            else:
                ctx.choices = list(pool.mfa_types)
                return self.challenge(ctx, "MFA_SETUP",
                                      {"MFAS_CAN_SETUP": json.dumps(ctx.choices, separators=(",", ":"))})
        if len(enabled) > 1 and user.preferred_mfa not in enabled:
            ctx.choices = enabled
            return self.challenge(ctx, "SELECT_MFA_TYPE",
                                  {"MFAS_CAN_CHOOSE": json.dumps(enabled, separators=(",", ":"))})
        return self.mfa_challenge(ctx, user.preferred_mfa if user.preferred_mfa in enabled else enabled[0])

    def mfa_challenge(self, ctx: AuthContext, mfa_type: str) -> dict:
        if mfa_type == "SOFTWARE_TOKEN_MFA":
            ctx.code_attempts = 0
            return self.challenge(ctx, "SOFTWARE_TOKEN_MFA", {})
        purpose = "SMS_MFA" if mfa_type == "SMS_MFA" else "EMAIL_MFA"
        return self.code_challenge(ctx, mfa_type, purpose)

    def custom_challenge(self, ctx: AuthContext) -> dict:
        """Built-in passwordless OTP trigger (AWS's passwordless example, as Define/Create/Verify)."""
        settings = self.pool.settings["custom_auth"]
        user = ctx.user
        medium = settings["medium"]
        destination = user.attr("email" if medium == "EMAIL" else "phone_number")
        if not destination:
            raise errors.error("UserLambdaValidationException",
                               "CreateAuthChallenge failed with error No email or phone_number for the user.")
        if ctx.code is None or self.now >= ctx.code.expires_at:
            ctx.code = send_code(self.call, self.pool, user, purpose="CUSTOM_CHALLENGE", medium=medium,
                                 destination=destination, validity=self.client.auth_session_validity)
        params = {"USERNAME": user.username, "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
                  "CODE_DELIVERY_DESTINATION": ids.mask_destination(medium, destination),
                  "ATTEMPTS_LEFT": str(settings["max_attempts"] - ctx.custom_attempts)}
        return self.challenge(ctx, "CUSTOM_CHALLENGE", params)

    def available_first_factors(self, user: Optional[User]) -> list[str]:
        allowed = self.pool.settings["allowed_first_auth_factors"]
        out = []
        if "PASSWORD" in allowed and (user is None or user.password is not None):
            out += ["PASSWORD", "PASSWORD_SRP"]
        if "EMAIL_OTP" in allowed and (user is None or (user.attr("email") and user.is_verified("email"))):
            out.append("EMAIL_OTP")
        if "SMS_OTP" in allowed and (user is not None and user.attr("phone_number")
                                     and user.is_verified("phone_number")):
            out.append("SMS_OTP")
        if user is not None and user.web_authn_credentials and relying_party(self.pool) is not None:
            out.append("WEB_AUTHN")
        return out

    def start_first_factor(self, ctx: AuthContext, factor: str, values: dict) -> dict:
        """USER_AUTH: PREFERRED_CHALLENGE or the ANSWER to SELECT_CHALLENGE."""
        if factor == "PASSWORD":
            if "PASSWORD" not in values:
                return self.challenge(ctx, "PASSWORD", {})
            ctx.device_key = values.get("DEVICE_KEY", ctx.device_key)
            return self.password_factor(ctx, values["PASSWORD"])
        if factor == "PASSWORD_SRP":
            if "SRP_A" not in values:
                return self.challenge(ctx, "PASSWORD_SRP", {})
            return self.srp_challenge(ctx, values["SRP_A"], with_session=True)
        if factor in ("EMAIL_OTP", "SMS_OTP"):
            if ctx.user is not None:
                self.check_enabled(ctx.user)
            return self.code_challenge(ctx, factor, factor)
        if "CREDENTIAL" in values:  # SELECT_CHALLENGE answered with the assertion in one step
            return self.web_authn_factor(ctx, values["CREDENTIAL"])
        self.check_enabled(ctx.user)
        ctx.web_authn_challenge = new_challenge()
        return self.challenge(ctx, "WEB_AUTHN", {"CREDENTIAL_REQUEST_OPTIONS": request_options(
            self.pool, ctx.user, ctx.web_authn_challenge)})

    def web_authn_factor(self, ctx: AuthContext, credential: str) -> dict:
        """Check the assertion against the context's challenge (used up, pass or fail)."""
        challenge, ctx.web_authn_challenge = ctx.web_authn_challenge, None
        self.check_enabled(ctx.user)
        try:
            check_assertion(self.pool, ctx.user, credential, challenge)
        except CognitoError:
            end_session(ctx)
            raise
        ctx.first_factor, ctx.mfa_resolved = "WEB_AUTHN", True
        self.check_device(ctx)
        return self.proceed(ctx)

    # -- InitiateAuth flows ---------------------------------------------------------------------
    def user_password_auth(self, params: dict, _session) -> dict:
        ctx = self.begin("USER_PASSWORD_AUTH", params, "ALLOW_USER_PASSWORD_AUTH")
        if "PASSWORD" not in params:
            raise errors.missing_parameter("PASSWORD")
        return self.password_factor(ctx, params["PASSWORD"])

    def user_srp_auth(self, params: dict, _session) -> dict:
        ctx = self.begin("USER_SRP_AUTH", params, "ALLOW_USER_SRP_AUTH")
        return self.srp_challenge(ctx, params.get("SRP_A"), with_session=False)

    def custom_auth(self, params: dict, _session) -> dict:
        if self.pool.settings["custom_auth"] is None and self.client.allows("ALLOW_CUSTOM_AUTH"):
            raise errors.invalid_parameter("Custom auth lambda trigger is not configured for the user pool.")
        ctx = self.begin("CUSTOM_AUTH", params, "ALLOW_CUSTOM_AUTH")
        if params.get("CHALLENGE_NAME") == "SRP_A":
            return self.srp_challenge(ctx, params.get("SRP_A"), with_session=True)
        if ctx.user is None:
            raise errors.not_authorized()
        self.check_can_sign_in(ctx.user)
        self.check_enabled(ctx.user)
        return self.custom_challenge(ctx)

    def user_auth(self, params: dict, session: Optional[str]) -> dict:
        ctx = self.begin("USER_AUTH", params, "ALLOW_USER_AUTH")
        if session is not None:
            return self.sign_in_after_sign_up(ctx, session)
        preferred = params.get("PREFERRED_CHALLENGE")
        if preferred is not None and preferred not in FIRST_FACTOR_CHALLENGES:
            raise errors.invalid_parameter(f"Invalid PREFERRED_CHALLENGE: {preferred}")
        if ctx.user is not None:
            self.check_can_sign_in(ctx.user)
        ctx.choices = self.available_first_factors(ctx.user)
        if preferred in ctx.choices:
            return self.start_first_factor(ctx, preferred, params)
        return self.challenge(ctx, "SELECT_CHALLENGE", {}, available=ctx.choices)

    def sign_in_after_sign_up(self, ctx: AuthContext, token: str) -> dict:
        entry = self.pool.signup_sessions.get(token)
        if (entry is None or ctx.user is None or entry.username != ctx.user.username
                or entry.client_id != self.client.client_id):
            raise errors.invalid_session()
        if self.now >= entry.expires_at:
            raise errors.session_expired()
        if ctx.user.status == "UNCONFIRMED":
            raise errors.user_not_confirmed()
        if not entry.confirmed:  # the Session returned by ConfirmSignUp is the one that signs in
            raise errors.invalid_session()
        del self.pool.signup_sessions[token]
        self.check_enabled(ctx.user)
        ctx.first_factor, ctx.mfa_resolved = "SIGN_UP", True
        self.check_device(ctx)
        return self.proceed(ctx)

    # -- RespondToAuthChallenge ----------------------------------------------------------------
    def respond(self, name: str, session: Optional[str], responses: dict) -> dict:
        if name in ("PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"):
            return self.respond_verifier(name, responses)
        if name == "ADMIN_NO_SRP_AUTH":
            raise errors.invalid_parameter("ADMIN_NO_SRP_AUTH cannot be answered with RespondToAuthChallenge.")
        if not session:
            raise errors.missing_parameter("Session")
        ctx = resume_session(self.pool, session, self.client)
        if ctx.pending != name:
            raise errors.invalid_parameter(f"Invalid challenge name {name}; the session expects {ctx.pending}.")
        self.check_challenge_user(ctx, responses)
        return getattr(self, "on_" + name.lower())(ctx, responses)

    def check_challenge_user(self, ctx: AuthContext, responses: dict) -> None:
        """USERNAME must name the session's user; SECRET_HASH uses the canonical username."""
        username = responses.get("USERNAME")
        if not username:
            raise errors.missing_parameter("USERNAME")
        if ctx.user is not None:
            if self.pool.find_user_for_sign_in(username) is not ctx.user:
                raise errors.not_authorized()
            check_secret_hash(self.client, ctx.user.username, responses.get("SECRET_HASH"))
        else:
            known = {self.pool.norm(ctx.claimed_username), self.pool.norm(ctx.fake_user_id)}
            if self.pool.norm(username) not in known:
                raise errors.not_authorized()
            check_secret_hash(self.client, username, responses.get("SECRET_HASH"))

    def respond_verifier(self, name: str, responses: dict) -> dict:
        for key in ("USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"):
            if not responses.get(key):
                raise errors.missing_parameter(key)
        kind = "user" if name == "PASSWORD_VERIFIER" else "device"
        key = responses["PASSWORD_CLAIM_SECRET_BLOCK"]
        state: Optional[SrpState] = self.pool.srp_challenges.get(key)
        if (state is None or state.kind != kind or state.ctx.client is not self.client
                or not self._block_intact(state)):
            raise errors.not_authorized()
        ctx = state.ctx
        self.check_challenge_user(ctx, responses)
        if kind == "user":
            # The DEVICE_KEY sent with PASSWORD_VERIFIER is authoritative.  An unknown device is
            # reported before the SECRET_BLOCK is used up, so the client can retry without it.
            ctx.device_key = responses.get("DEVICE_KEY")
            self.check_device(ctx)
        del self.pool.srp_challenges[key]  # one use per SECRET_BLOCK
        if self.now >= state.expires_at:
            raise errors.session_expired()
        try:
            fresh = srp_server.check_timestamp(responses["TIMESTAMP"], self.now,
                                               self.pool.settings["srp_timestamp_skew_seconds"])
        except srp_server.TimestampFormatError:
            raise errors.invalid_parameter(TIMESTAMP_FORMAT_MESSAGE) from None
        if kind == "user" and ctx.user is not None and ctx.user.locked_until > self.now:
            raise errors.not_authorized("Password attempts exceeded")
        valid = fresh and srp_server.verify_claim(state.challenge, state.group, state.user_id,
                                                  state.secret_block, responses["TIMESTAMP"],
                                                  responses["PASSWORD_CLAIM_SIGNATURE"])
        if state.simulated or ctx.user is None:
            raise errors.not_authorized()
        if not valid:
            if kind == "user":
                raise self.password_failed(ctx.user)
            raise errors.not_authorized()
        if kind == "user":
            self.password_ok(ctx, "SRP")
        else:
            ctx.device_verified = True
        return self.proceed(ctx)

    def on_device_srp_auth(self, ctx: AuthContext, responses: dict) -> dict:
        device_key = responses.get("DEVICE_KEY")
        if not device_key:
            raise errors.missing_parameter("DEVICE_KEY")
        device = ctx.user.devices.get(device_key)
        if device is None or not device.confirmed or device is not ctx.device:
            raise errors.device_not_found()
        if not responses.get("SRP_A"):
            raise errors.missing_parameter("SRP_A")
        try:
            a_pub = srp_server.parse_client_a(responses["SRP_A"])
        except srp_server.SrpInputError as exc:
            raise errors.invalid_parameter(f"Invalid SRP_A: {exc}") from None
        state = self.register_srp(ctx, "device", device.group_key, device.key, a_pub, device.verifier)
        params = {"SALT": srp_server.java_hex(device.salt), "SRP_B": srp_server.java_hex(state.challenge.b_pub),
                  "SECRET_BLOCK": base64.b64encode(state.secret_block).decode("ascii"),
                  "USERNAME": ctx.user.username, "DEVICE_KEY": device.key}
        return self.challenge(ctx, "DEVICE_PASSWORD_VERIFIER", params)

    def on_new_password_required(self, ctx: AuthContext, responses: dict) -> dict:
        new_password = responses.get("NEW_PASSWORD")
        if not new_password:
            raise errors.missing_parameter("NEW_PASSWORD")
        check_password_policy(self.pool, new_password)
        prefix = "userAttributes."
        written = clean_attributes(self.pool, {k[len(prefix):]: v for k, v in responses.items()
                                               if k.startswith(prefix)})
        user = ctx.user
        merged = dict(user.attributes) | written
        for name in self.pool.settings["required_attributes"]:
            if not merged.get(name):
                raise errors.invalid_parameter(f"Invalid attributes given, {name} is missing")
        user.attributes.update(written)
        user.set_password(self.pool, new_password)
        user.status = "CONFIRMED"
        ctx.needs_new_password = False
        return self.proceed(ctx)

    def _on_code(self, ctx: AuthContext, responses: dict, name: str) -> dict:
        key = CODE_RESPONSE_KEYS[name]
        if not responses.get(key):
            raise errors.missing_parameter(key)
        first_factor = ctx.code_purpose in ("EMAIL_OTP", "SMS_OTP")  # passwordless
        if first_factor:
            # As for PASSWORD_VERIFIER: the DEVICE_KEY sent with the answer is authoritative, and an
            # unknown device is reported before the code is used up, so the client can send the same
            # answer again without it (AWS's libraries do; starting over would send another code).
            ctx.device_key = responses.get("DEVICE_KEY")
            self.check_device(ctx)
        self.check_session_code(ctx, responses[key])
        if first_factor:
            ctx.first_factor, ctx.mfa_resolved = "OTP", True
        elif ctx.code_purpose == "EMAIL_MFA_SETUP":
            user = ctx.user
            user.attributes["email"] = ctx.setup_email
            user.attributes["email_verified"] = "true"
            user.email_mfa = True
            user.preferred_mfa = user.preferred_mfa or "EMAIL_OTP"
        return self.proceed(ctx)

    def on_sms_mfa(self, ctx, responses):
        return self._on_code(ctx, responses, "SMS_MFA")

    def on_email_otp(self, ctx, responses):
        return self._on_code(ctx, responses, "EMAIL_OTP")

    def on_sms_otp(self, ctx, responses):
        return self._on_code(ctx, responses, "SMS_OTP")

    def on_software_token_mfa(self, ctx: AuthContext, responses: dict) -> dict:
        code = responses.get("SOFTWARE_TOKEN_MFA_CODE")
        if not code:
            raise errors.missing_parameter("SOFTWARE_TOKEN_MFA_CODE")
        user = ctx.user
        step = totp.matching_step(user.totp_secret, code, self.now)
        if step is not None and self.pool.settings["totp_reuse_prevention"] and step <= user.totp_last_step:
            step = None  # a code is good for one sign-in only
        if step is None:
            self.count_code_failure(ctx)
        user.totp_last_step = step
        return self.proceed(ctx)

    def on_select_mfa_type(self, ctx: AuthContext, responses: dict) -> dict:
        answer = responses.get("ANSWER")
        if answer not in ctx.choices:
            raise errors.invalid_parameter(f"Invalid ANSWER {answer!r}; expected one of {ctx.choices}")
        return self.mfa_challenge(ctx, answer)

    def on_mfa_setup(self, ctx: AuthContext, responses: dict) -> dict:
        if ctx.totp_verified:
            return self.proceed(ctx)
        email = responses.get("EMAIL")
        if email:
            if "EMAIL_OTP" not in ctx.choices:
                raise errors.invalid_parameter("Email MFA cannot be set up in this user pool.")
            if not EMAIL_RE.match(email):
                raise errors.invalid_parameter("Invalid email address format.")
            ctx.setup_email = email
            return self.code_challenge(ctx, "EMAIL_OTP", "EMAIL_MFA_SETUP", destination=email)
        raise errors.invalid_parameter(
            "MFA_SETUP needs a software token verified with VerifySoftwareToken (and its Session) or EMAIL.")

    def on_custom_challenge(self, ctx: AuthContext, responses: dict) -> dict:
        answer = responses.get("ANSWER")
        if answer is None:
            raise errors.missing_parameter("ANSWER")
        entry = ctx.code
        if entry is not None and self.now < entry.expires_at and hmac.compare_digest(
                entry.code.encode(), answer.encode("utf-8")):
            # The answer's DEVICE_KEY is authoritative; an unknown device is reported before the
            # code is used up, so the same answer can be sent again without it.
            ctx.device_key = responses.get("DEVICE_KEY")
            self.check_device(ctx)
            ctx.code, ctx.custom_solved = None, True
            ctx.first_factor = ctx.first_factor or "CUSTOM"
            return self.proceed(ctx)
        ctx.custom_attempts += 1
        if ctx.custom_attempts >= self.pool.settings["custom_auth"]["max_attempts"]:
            end_session(ctx)
            raise errors.not_authorized()
        return self.custom_challenge(ctx)

    def on_select_challenge(self, ctx: AuthContext, responses: dict) -> dict:
        answer = responses.get("ANSWER")
        if answer not in ctx.choices:
            raise errors.invalid_parameter(f"Invalid ANSWER {answer!r}; expected one of {ctx.choices}")
        return self.start_first_factor(ctx, answer, responses)

    def on_password(self, ctx: AuthContext, responses: dict) -> dict:
        if "PASSWORD" not in responses:
            raise errors.missing_parameter("PASSWORD")
        return self.start_first_factor(ctx, "PASSWORD", responses)

    def on_web_authn(self, ctx: AuthContext, responses: dict) -> dict:
        if not responses.get("CREDENTIAL"):
            raise errors.missing_parameter("CREDENTIAL")
        return self.web_authn_factor(ctx, responses["CREDENTIAL"])

    def on_password_srp(self, ctx: AuthContext, responses: dict) -> dict:
        return self.srp_challenge(ctx, responses.get("SRP_A"), with_session=True)


_FLOWS = {
    "USER_PASSWORD_AUTH": AuthEngine.user_password_auth,
    "USER_SRP_AUTH": AuthEngine.user_srp_auth,
    "CUSTOM_AUTH": AuthEngine.custom_auth,
    "USER_AUTH": AuthEngine.user_auth,
}


@operation("InitiateAuth", client_request(AuthFlow=Str(required=True, enum=AUTH_FLOWS),
                                          AuthParameters=STR_MAP, Session=SESSION))
def initiate_auth(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    flow, params = body["AuthFlow"], body.get("AuthParameters", {})
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return refresh_token_auth(call, pool, client, params)
    handler = _FLOWS.get(flow)
    if handler is None:
        raise errors.invalid_parameter("Initiate Auth method not supported.")
    return handler(AuthEngine(call, pool, client), params, body.get("Session"))


@operation("RespondToAuthChallenge", client_request(ChallengeName=Str(required=True, enum=CHALLENGE_NAMES),
                                                    Session=SESSION, ChallengeResponses=STR_MAP))
def respond_to_auth_challenge(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    engine = AuthEngine(call, pool, client)
    return engine.respond(body["ChallengeName"], body.get("Session"), body.get("ChallengeResponses", {}))
