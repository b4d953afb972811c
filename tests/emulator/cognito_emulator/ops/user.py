"""AccessToken-authorized user operations: profile, attributes, password, sign-out, deletion."""

from __future__ import annotations

from .. import errors, tokens
from ..model import VERIFIED_FLAGS
from ..validation import (ATTRIBUTE_NAME, ATTRIBUTES, CODE, PASSWORD, REQUIRED_PASSWORD, STR_MAP, ListOf,
                          token_request)
from . import Call, operation
from .common import (apply_attribute_changes, check_alias_free, check_password_policy, clean_attributes,
                     consume_code, store_code)


def _mfa_summary(user) -> dict:
    out = {}
    settings = user.mfa_setting_names()
    if settings:
        out["UserMFASettingList"] = settings
    if user.preferred_mfa:
        out["PreferredMfaSetting"] = user.preferred_mfa
    return out


@operation("GetUser", token_request())
def get_user(call: Call, body: dict) -> dict:
    user = tokens.authorize(call.state, body["AccessToken"]).user
    out = {"Username": user.username, "UserAttributes": user.attribute_list()}
    if user.sms_mfa and user.attr("phone_number"):
        out["MFAOptions"] = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    out.update(_mfa_summary(user))
    return out


@operation("GetUserAuthFactors", token_request())
def get_user_auth_factors(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    user, pool = principal.user, principal.pool
    allowed = pool.settings["allowed_first_auth_factors"]
    factors = []
    if user.password is not None and "PASSWORD" in allowed:
        factors.append("PASSWORD")
    if "EMAIL_OTP" in allowed and user.attr("email") and user.is_verified("email"):
        factors.append("EMAIL_OTP")
    if "SMS_OTP" in allowed and user.attr("phone_number") and user.is_verified("phone_number"):
        factors.append("SMS_OTP")
    return {"Username": user.username, "ConfiguredUserAuthFactors": factors} | _mfa_summary(user)


@operation("UpdateUserAttributes", token_request(UserAttributes=ListOf(ATTRIBUTES.item, required=True),
                                                 ClientMetadata=STR_MAP))
def update_user_attributes(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    changes = clean_attributes(pool, body["UserAttributes"])
    for attribute in pool.settings["username_attributes"]:  # email/phone used as username: must stay unique
        value = changes.get(attribute)
        other = pool.user_with_attribute(attribute, value, verified_only=False) if value else None
        if other is not None and other is not user:
            label = "email" if attribute == "email" else "phone_number"
            raise errors.error("AliasExistsException", f"An account with the given {label} already exists.")
    deliveries = apply_attribute_changes(call, pool, user, changes)
    return {"CodeDeliveryDetailsList": deliveries} if deliveries else {}


@operation("DeleteUserAttributes", token_request(UserAttributeNames=ListOf(ATTRIBUTE_NAME, required=True)))
def delete_user_attributes(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    for name in body["UserAttributeNames"]:
        if name in pool.settings["required_attributes"]:
            raise errors.invalid_parameter(f"Cannot delete the required attribute {name}")
        if name == "sub" or name in VERIFIED_FLAGS.values():
            raise errors.not_authorized("A client attempted to write unauthorized attribute")
    for name in body["UserAttributeNames"]:
        user.attributes.pop(name, None)
        if name in VERIFIED_FLAGS:
            user.attributes.pop(VERIFIED_FLAGS[name], None)
    user.modified = pool.now()
    return {}


@operation("GetUserAttributeVerificationCode", token_request(AttributeName=ATTRIBUTE_NAME, ClientMetadata=STR_MAP))
def get_user_attribute_verification_code(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    name = body["AttributeName"]
    if name not in VERIFIED_FLAGS:
        raise errors.invalid_parameter(f"Invalid attribute name {name}: only email and phone_number can be verified")
    if not user.attr(name):
        raise errors.invalid_parameter(f"User has no attribute {name}")
    medium = "EMAIL" if name == "email" else "SMS"
    return {"CodeDeliveryDetails": store_code(call, pool, user, f"VERIFY_ATTRIBUTE:{name}", medium,
                                              pool.settings["code_validity_seconds"])}


@operation("VerifyUserAttribute", token_request(AttributeName=ATTRIBUTE_NAME, Code=CODE))
def verify_user_attribute(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    name = body["AttributeName"]
    if name not in VERIFIED_FLAGS or not user.attr(name):
        raise errors.invalid_parameter(f"Invalid attribute name {name}")
    consume_code(pool, user, f"VERIFY_ATTRIBUTE:{name}", body["Code"])
    check_alias_free(pool, user, name, force=False)
    user.attributes[VERIFIED_FLAGS[name]] = "true"
    user.modified = pool.now()
    return {}


@operation("ChangePassword", token_request(PreviousPassword=PASSWORD, ProposedPassword=REQUIRED_PASSWORD))
def change_password(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    if user.password is not None:
        if "PreviousPassword" not in body:
            raise errors.missing_parameter("PreviousPassword")
        if user.locked_until > pool.now():
            raise errors.limit_exceeded()
        if not user.check_password(body["PreviousPassword"]):
            raise errors.not_authorized()
    check_password_policy(pool, body["ProposedPassword"])
    user.set_password(pool, body["ProposedPassword"])
    return {}


@operation("GlobalSignOut", token_request())
def global_sign_out(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    tokens.global_sign_out(principal.pool, principal.user)
    return {}


@operation("DeleteUser", token_request())
def delete_user(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    principal.pool.remove_user(principal.user)
    return {}
