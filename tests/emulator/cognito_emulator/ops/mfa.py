"""Software tokens (TOTP) and MFA preferences."""

from __future__ import annotations

from .. import errors, tokens, totp
from ..validation import ACCESS_TOKEN, MFA_OPTION, MFA_SETTINGS, SESSION, Bool, ListOf, Str, Struct
from . import Call, operation
from .auth import find_session, new_session

OPTIONAL_ACCESS_TOKEN = Str(pattern=ACCESS_TOKEN.pattern, sensitive=True)


def _token_or_session(call: Call, body: dict):
    """Exactly one of AccessToken / Session: returns (principal, None) or (None, auth context)."""
    if ("AccessToken" in body) == ("Session" in body):
        raise errors.invalid_parameter("Exactly one of AccessToken or Session must be provided.")
    if "AccessToken" in body:
        return tokens.authorize(call.state, body["AccessToken"]), None
    ctx = find_session(call, body["Session"])
    if ctx.pending != "MFA_SETUP" or "SOFTWARE_TOKEN_MFA" not in ctx.choices:
        raise errors.invalid_session()
    return None, ctx


@operation("AssociateSoftwareToken", Struct({"AccessToken": OPTIONAL_ACCESS_TOKEN, "Session": SESSION}))
def associate_software_token(call: Call, body: dict) -> dict:
    principal, ctx = _token_or_session(call, body)
    secret = totp.new_secret()
    if principal is not None:
        principal.user.totp_pending_secret = secret
        return {"SecretCode": secret}
    ctx.totp_secret, ctx.totp_verified = secret, False
    return {"SecretCode": secret, "Session": new_session(ctx)}


@operation("VerifySoftwareToken", Struct({"AccessToken": OPTIONAL_ACCESS_TOKEN, "Session": SESSION,
                                          "UserCode": Str(required=True, min=6, max=6, pattern=r"[0-9]+"),
                                          "FriendlyDeviceName": Str(max=131072)}))
def verify_software_token(call: Call, body: dict) -> dict:
    principal, ctx = _token_or_session(call, body)
    user = principal.user if principal is not None else ctx.user
    pool = principal.pool if principal is not None else ctx.pool
    secret = user.totp_pending_secret if principal is not None else ctx.totp_secret
    if secret is None:
        raise errors.error("SoftwareTokenMFANotFoundException",
                           "Software token has not been associated (call AssociateSoftwareToken first).")
    step = totp.matching_step(secret, body["UserCode"], pool.now())
    if step is None:
        raise errors.error("EnableSoftwareTokenMFAException", "Code mismatch")
    user.totp_secret, user.totp_pending_secret, user.totp_last_step = secret, None, step
    if principal is not None:
        return {"Status": "SUCCESS"}
    # Sign-in MFA_SETUP: the token is verified and enabled; the final MFA_SETUP answer
    # must carry the NEW session returned here.
    user.totp_mfa = True
    user.preferred_mfa = user.preferred_mfa or "SOFTWARE_TOKEN_MFA"
    ctx.totp_verified = True
    return {"Status": "SUCCESS", "Session": new_session(ctx)}


_SETTINGS = (("SMSMfaSettings", "SMS_MFA", "sms_mfa"), ("SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA", "totp_mfa"),
             ("EmailMfaSettings", "EMAIL_OTP", "email_mfa"))


@operation("SetUserMFAPreference", Struct({"AccessToken": ACCESS_TOKEN, "SMSMfaSettings": MFA_SETTINGS,
                                           "SoftwareTokenMfaSettings": MFA_SETTINGS,
                                           "EmailMfaSettings": MFA_SETTINGS,
                                           "WebAuthnMfaSettings": Struct({"Enabled": Bool()})}))
def set_user_mfa_preference(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    for member, mfa_type, flag in _SETTINGS:
        settings = body.get(member)
        if settings is None:
            continue
        enabled, preferred = settings.get("Enabled"), settings.get("PreferredMfa")
        if enabled or preferred:
            _check_can_enable(pool, user, mfa_type)
        if enabled is not None:
            setattr(user, flag, bool(enabled))
            if not enabled and user.preferred_mfa == mfa_type:
                user.preferred_mfa = None
        if preferred:
            setattr(user, flag, True)
            user.preferred_mfa = mfa_type
        elif preferred is False and user.preferred_mfa == mfa_type:
            user.preferred_mfa = None
    return {}


def _check_can_enable(pool, user, mfa_type: str) -> None:
    if mfa_type not in pool.mfa_types or pool.mfa_mode == "OFF":
        raise errors.invalid_parameter(f"{mfa_type} is not enabled for this user pool.")
    if mfa_type == "SOFTWARE_TOKEN_MFA" and not user.totp_secret:
        raise errors.invalid_parameter("User has not verified software token mfa")
    if mfa_type == "SMS_MFA" and not user.attr("phone_number"):
        raise errors.invalid_parameter("User does not have a phone number.")
    if mfa_type == "EMAIL_OTP" and not user.attr("email"):
        raise errors.invalid_parameter("User does not have an email address.")


@operation("SetUserSettings", Struct({"AccessToken": ACCESS_TOKEN,
                                      "MFAOptions": ListOf(MFA_OPTION, required=True)}))
def set_user_settings(call: Call, body: dict) -> dict:
    """Legacy SMS MFA switch: [{DeliveryMedium: SMS, AttributeName: phone_number}] enables it."""
    principal = tokens.authorize(call.state, body["AccessToken"])
    user = principal.user
    wants_sms = any(o.get("DeliveryMedium") == "SMS" for o in body["MFAOptions"])
    if wants_sms and not user.attr("phone_number"):
        raise errors.invalid_parameter("User does not have a phone number.")
    user.sms_mfa = wants_sms
    if not wants_sms and user.preferred_mfa == "SMS_MFA":
        user.preferred_mfa = None
    return {}
