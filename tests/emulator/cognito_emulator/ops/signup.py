"""SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword."""

from __future__ import annotations

from .. import errors, ids
from ..model import EMAIL_RE, PHONE_RE, VERIFIED_FLAGS, Pool, SignUpSession, User
from ..validation import (ATTRIBUTES, CODE, PASSWORD, REQUIRED_PASSWORD, SECRET_HASH, SESSION, USERNAME, Bool,
                          client_request)
from . import Call, operation
from .common import (check_alias_free, check_password_policy, check_secret_hash,
                     clean_attributes, consume_code, delivery_details, hides_user_existence,
                     missing_required, recovery_medium, store_code, verification_medium)

SIGN_UP_CODE = "SIGN_UP"
FORGOT_PASSWORD_CODE = "FORGOT_PASSWORD"


def _signup_session(pool: Pool, user: User, client_id: str, *, confirmed: bool) -> str:
    token = ids.opaque_token(96)
    pool.signup_sessions[token] = SignUpSession(
        username=user.username, client_id=client_id, confirmed=confirmed,
        expires_at=pool.now() + pool.clients[client_id].auth_session_validity)
    return token


def _simulated_delivery(username: str) -> dict:
    """CodeDeliveryDetails for an unknown user when existence errors are hidden."""
    if PHONE_RE.match(username):
        return delivery_details("SMS", username)
    return delivery_details("EMAIL", username if EMAIL_RE.match(username) else "user@example.com")


def _lookup(pool: Pool, client, username: str):
    """User for Username (alias allowed); None if unknown and existence must be hidden."""
    user = pool.find_user_for_sign_in(username)
    if user is None and not hides_user_existence(client):
        raise errors.user_not_found()
    return user


def _sign_up_username(pool: Pool, username: str, attributes: dict[str, str]) -> str:
    """Validate the requested username; returns the username to store."""
    username_attributes = pool.settings["username_attributes"]
    if username_attributes:
        if "email" in username_attributes and EMAIL_RE.match(username):
            attribute = "email"
        elif "phone_number" in username_attributes and PHONE_RE.match(username):
            attribute = "phone_number"
        elif username_attributes == ["email"]:
            raise errors.invalid_parameter("Username should be an email.")
        elif username_attributes == ["phone_number"]:
            raise errors.invalid_parameter("Username should be a phone number.")
        else:
            raise errors.invalid_parameter("Username should be either an email or a phone number.")
        if pool.user_with_attribute(attribute, username, verified_only=False) is not None:
            label = "email" if attribute == "email" else "phone_number"
            raise errors.error("UsernameExistsException", f"An account with the given {label} already exists.")
        attributes[attribute] = username
        return ids.new_uuid()
    for alias in pool.settings["alias_attributes"]:
        if alias == "email" and EMAIL_RE.match(username):
            raise errors.invalid_parameter(
                "Username cannot be of email format, since user pool is configured for email alias.")
        if alias == "phone_number" and PHONE_RE.match(username):
            raise errors.invalid_parameter(
                "Username cannot be of phone number format, since user pool is configured for phone_number alias.")
    if pool.find_user(username) is not None:
        raise errors.error("UsernameExistsException", "User already exists")
    return username


@operation("SignUp", client_request(SecretHash=SECRET_HASH, Username=USERNAME, Password=PASSWORD,
                                    UserAttributes=ATTRIBUTES, ValidationData=ATTRIBUTES))
def sign_up(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    attributes = clean_attributes(pool, body.get("UserAttributes", []))
    password = body.get("Password")
    if password is None:
        if not client.allows("ALLOW_USER_AUTH"):
            raise errors.invalid_parameter("Password is required for this app client.")
    else:
        check_password_policy(pool, password)
    username = _sign_up_username(pool, body["Username"], attributes)
    missing = missing_required(pool, attributes)
    if missing:
        raise errors.invalid_parameter(
            f"Attributes did not conform to the schema: {missing[0]}: The attribute is required")

    user = pool.add_user({"username": username, "sub": username if pool.settings["username_attributes"] else None,
                          "attributes": attributes | {flag: "false" for attr, flag in VERIFIED_FLAGS.items()
                                                      if attr in attributes},
                          "status": "UNCONFIRMED"})
    if password is not None:
        user.set_password(pool, password)
    response = {"UserSub": user.sub}
    if pool.settings["auto_confirm_sign_up"]:
        user.status = "CONFIRMED"
    else:
        medium = verification_medium(pool, user)
        if medium is not None:
            response["CodeDeliveryDetails"] = store_code(call, pool, user, SIGN_UP_CODE, medium,
                                                         pool.settings["code_validity_seconds"])
    response["UserConfirmed"] = user.status == "CONFIRMED"
    response["Session"] = _signup_session(pool, user, client.client_id, confirmed=response["UserConfirmed"])
    return response


@operation("ConfirmSignUp", client_request(SecretHash=SECRET_HASH, Username=USERNAME, ConfirmationCode=CODE,
                                           ForceAliasCreation=Bool(), Session=SESSION))
def confirm_sign_up(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    user = pool.find_user_for_sign_in(body["Username"])
    if user is None:
        if hides_user_existence(client):
            raise errors.code_mismatch()
        raise errors.error("UserNotFoundException", "Username/client id combination not found.")
    session = None
    if "Session" in body:
        session = pool.signup_sessions.get(body["Session"])
        if session is None or session.username != user.username or session.client_id != client.client_id:
            raise errors.invalid_session()
        if pool.now() >= session.expires_at:
            raise errors.session_expired()
    if user.status != "UNCONFIRMED":
        raise errors.not_authorized(f"User cannot be confirmed. Current status is {user.status}")
    entry = consume_code(pool, user, SIGN_UP_CODE, body["ConfirmationCode"])
    verified = "email" if entry.medium == "EMAIL" else "phone_number"
    check_alias_free(pool, user, verified, force=bool(body.get("ForceAliasCreation")))
    user.attributes[VERIFIED_FLAGS[verified]] = "true"
    user.status = "CONFIRMED"
    user.modified = pool.now()
    if session is None:
        return {}
    del pool.signup_sessions[body["Session"]]
    return {"Session": _signup_session(pool, user, client.client_id, confirmed=True)}


@operation("ResendConfirmationCode", client_request(SecretHash=SECRET_HASH, Username=USERNAME))
def resend_confirmation_code(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    user = _lookup(pool, client, body["Username"])
    if user is None:
        return {"CodeDeliveryDetails": _simulated_delivery(body["Username"])}
    if user.status != "UNCONFIRMED":
        raise errors.invalid_parameter("User is already confirmed.")
    medium = verification_medium(pool, user)
    if medium is None:
        raise errors.invalid_parameter("Cannot resend codes. Auto verification not turned on.")
    return {"CodeDeliveryDetails": store_code(call, pool, user, SIGN_UP_CODE, medium,
                                              pool.settings["code_validity_seconds"])}


@operation("ForgotPassword", client_request(SecretHash=SECRET_HASH, Username=USERNAME))
def forgot_password(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    user = _lookup(pool, client, body["Username"])
    if user is None:
        return {"CodeDeliveryDetails": _simulated_delivery(body["Username"])}
    if not user.enabled:
        raise errors.not_authorized("User is disabled.")
    if user.status == "FORCE_CHANGE_PASSWORD":
        raise errors.not_authorized("User password cannot be reset in the current state.")
    medium = recovery_medium(pool, user)
    if medium is None:
        raise errors.invalid_parameter(
            "Cannot reset password for the user as there is no registered/verified email or phone_number")
    return {"CodeDeliveryDetails": store_code(call, pool, user, FORGOT_PASSWORD_CODE, medium,
                                              pool.settings["forgot_password_code_validity_seconds"])}


@operation("ConfirmForgotPassword", client_request(SecretHash=SECRET_HASH, Username=USERNAME,
                                                   ConfirmationCode=CODE, Password=REQUIRED_PASSWORD))
def confirm_forgot_password(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    user = pool.find_user_for_sign_in(body["Username"])
    if user is None:
        if hides_user_existence(client):
            raise errors.code_mismatch()
        raise errors.user_not_found()
    check_password_policy(pool, body["Password"])
    consume_code(pool, user, FORGOT_PASSWORD_CODE, body["ConfirmationCode"])
    user.set_password(pool, body["Password"])
    if user.status in ("RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"):
        user.status = "CONFIRMED"
    user.failed_sign_ins, user.locked_until = 0, 0.0
    return {}

