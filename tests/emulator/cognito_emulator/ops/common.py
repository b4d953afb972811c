"""Helpers shared by the operation modules: client auth, codes, attributes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Optional

from .. import errors, ids
from ..errors import CognitoError
from ..model import (EMAIL_RE, PHONE_RE, STANDARD_ATTRIBUTES, VERIFIED_FLAGS, AppClient, CodeEntry,
                     Pool, User)
from . import Call


# -- client authentication -----------------------------------------------------------

def secret_hash(client_secret: str, username: str, client_id: str) -> str:
    mac = hmac.new(client_secret.encode("utf-8"), (username + client_id).encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode("ascii")


def check_secret_hash(client: AppClient, username: str, provided: Optional[str]) -> None:
    """SECRET_HASH / SecretHash, computed over ``username`` (section 6.2 says which)."""
    if client.secret is None:
        return
    if not provided:
        raise errors.not_authorized(
            f"Client {client.client_id} is configured with secret but SECRET_HASH was not received")
    expected = secret_hash(client.secret, username, client.client_id)
    if not hmac.compare_digest(expected.encode("utf-8"), provided.encode("utf-8")):
        raise errors.not_authorized(f"SecretHash does not match for the client: {client.client_id}")


def check_client_secret(client: AppClient, provided: Optional[str], *,
                        error_name: str = "NotAuthorizedException") -> None:
    """Raw ClientSecret member (GetTokensFromRefreshToken, RevokeToken)."""
    if client.secret is None:
        return
    if not provided:
        raise CognitoError(error_name,
                           f"Client {client.client_id} is configured with secret but ClientSecret was not received")
    if not hmac.compare_digest(client.secret.encode("utf-8"), provided.encode("utf-8")):
        raise CognitoError(error_name, f"Client secret does not match for the client: {client.client_id}")


def hides_user_existence(client: AppClient) -> bool:
    return client.prevent_user_existence_errors == "ENABLED"


# -- codes ------------------------------------------------------------------------------

MEDIUM_ATTRIBUTE = {"SMS": "phone_number", "EMAIL": "email"}


def send_code(call: Call, pool: Pool, user: User, *, purpose: str, medium: str, destination: str,
              validity: float) -> CodeEntry:
    code = ids.six_digit_code()
    call.state.outbox.deliver(pool=pool, username=user.username, medium=medium, destination=destination,
                              code=code, purpose=purpose)
    return CodeEntry(code=code, expires_at=pool.now() + validity, medium=medium, destination=destination)


def delivery_details(medium: str, destination: str) -> dict:
    return {"Destination": ids.mask_destination(medium, destination), "DeliveryMedium": medium,
            "AttributeName": MEDIUM_ATTRIBUTE[medium]}


def store_code(call: Call, pool: Pool, user: User, purpose: str, medium: str, validity: float) -> dict:
    """Send a code for a stored purpose (sign-up, forgot password, attribute) -> CodeDeliveryDetails."""
    destination = user.attr(MEDIUM_ATTRIBUTE[medium])
    user.codes[purpose] = send_code(call, pool, user, purpose=purpose.split(":")[0], medium=medium,
                                    destination=destination, validity=validity)
    return delivery_details(medium, destination)


def consume_code(pool: Pool, user: User, purpose: str, code: str) -> CodeEntry:
    """Check a stored code: attempt limit, expiry, match.  Removes it on success."""
    entry = user.codes.get(purpose)
    if entry is None:
        raise errors.code_mismatch()
    if entry.attempts >= pool.settings["max_code_attempts"]:
        raise errors.limit_exceeded()
    if pool.now() >= entry.expires_at:
        raise errors.expired_code()
    if not hmac.compare_digest(entry.code.encode(), code.encode("utf-8")):
        entry.attempts += 1
        raise errors.code_mismatch()
    del user.codes[purpose]
    return entry


def verification_medium(pool: Pool, user: User) -> Optional[str]:
    """Where sign-up / attribute verification codes go (SMS preferred, like Cognito)."""
    auto = pool.settings["auto_verified_attributes"]
    if "phone_number" in auto and user.attr("phone_number"):
        return "SMS"
    if "email" in auto and user.attr("email"):
        return "EMAIL"
    return None


def recovery_medium(pool: Pool, user: User) -> Optional[str]:
    """Where forgot-password codes go: the first verified recovery attribute."""
    for attribute in pool.settings["account_recovery"]:
        if user.attr(attribute) and user.is_verified(attribute):
            return "EMAIL" if attribute == "email" else "SMS"
    return None


# -- attributes and passwords ------------------------------------------------------------

def check_password_policy(pool: Pool, password: str) -> None:
    problem = pool.password_problem(password)
    if problem:
        raise errors.error("InvalidPasswordException", problem)


def clean_attributes(pool: Pool, attributes: list[dict] | dict) -> dict[str, str]:
    """Validate client-written attributes; returns name -> value."""
    items = attributes.items() if isinstance(attributes, dict) else (
        (a["Name"], a.get("Value", "")) for a in attributes)
    cleaned: dict[str, str] = {}
    for name, value in items:
        if name == "sub":
            raise errors.invalid_parameter("Cannot modify the non-mutable attribute sub")
        if name in VERIFIED_FLAGS.values():
            raise errors.not_authorized("A client attempted to write unauthorized attribute")
        if name not in STANDARD_ATTRIBUTES and not name.startswith("custom:"):
            raise errors.invalid_parameter(f"Attribute does not exist in the schema: {name}")
        if name == "email" and not EMAIL_RE.match(value):
            raise errors.invalid_parameter("Invalid email address format.")
        if name == "phone_number" and not PHONE_RE.match(value):
            raise errors.invalid_parameter("Invalid phone number format.")
        cleaned[name] = value
    return cleaned


def missing_required(pool: Pool, attributes: dict[str, str]) -> list[str]:
    return [name for name in pool.settings["required_attributes"] if not attributes.get(name)]


def apply_attribute_changes(call: Call, pool: Pool, user: User, changes: dict[str, str]) -> list[dict]:
    """Write attributes; email/phone changes reset *_verified and send a code."""
    deliveries = []
    for name, value in changes.items():
        changed = user.attr(name) != value
        user.attributes[name] = value
        if name in VERIFIED_FLAGS and changed:
            user.attributes[VERIFIED_FLAGS[name]] = "false"
            if name in pool.settings["auto_verified_attributes"]:
                medium = "EMAIL" if name == "email" else "SMS"
                deliveries.append(store_code(call, pool, user, f"VERIFY_ATTRIBUTE:{name}", medium,
                                             pool.settings["code_validity_seconds"]))
    user.modified = pool.now()
    return deliveries


def check_alias_free(pool: Pool, user: User, attribute: str, *, force: bool) -> None:
    """Verifying an alias attribute another user already uses (verified) -> AliasExistsException."""
    if attribute not in pool.settings["alias_attributes"] or not user.attr(attribute):
        return
    other = pool.user_with_attribute(attribute, user.attr(attribute), verified_only=True)
    if other is None or other is user:
        return
    if not force:
        label = "email" if attribute == "email" else "phone number"
        raise errors.error("AliasExistsException", f"An account with the given {label} already exists.")
    other.attributes[VERIFIED_FLAGS[attribute]] = "false"


def paginate(items: list, key, token: Optional[str], limit: int, message: str) -> tuple[list, Optional[str]]:
    """One page of ``items`` from the item whose ``key(item)`` is ``token``; the next token or None."""
    start = 0
    if token is not None:
        keys = [key(item) for item in items]
        if token not in keys:
            raise errors.invalid_parameter(message)
        start = keys.index(token)
    following = items[start + limit:start + limit + 1]
    return items[start:start + limit], key(following[0]) if following else None
