"""Identifier generation and destination masking."""

from __future__ import annotations

import base64
import re
import secrets
import string
import uuid

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits

POOL_ID_RE = re.compile(r"[\w-]+_[0-9a-zA-Z]+\Z")
CLIENT_ID_RE = re.compile(r"[\w+]+\Z")
DEVICE_KEY_RE = re.compile(r"[\w-]+_[0-9a-f-]+\Z")


def random_string(length: int, alphabet: str = _ALNUM) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def pool_id(region: str) -> str:
    return f"{region}_{random_string(9)}"


def client_id() -> str:
    return random_string(26, _LOWER_ALNUM)


def client_secret() -> str:
    return random_string(52, _LOWER_ALNUM)


def new_uuid() -> str:
    return str(uuid.uuid4())


def device_key(region: str) -> str:
    return f"{region}_{uuid.uuid4()}"


def device_group_key() -> str:
    return "-" + random_string(9)


def opaque_token(nbytes: int = 48) -> str:
    """URL-safe opaque token (sessions, refresh tokens)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode().rstrip("=")


def six_digit_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def mask_email(address: str) -> str:
    """'jane@example.com' -> 'j***@e***' (Cognito's CODE_DELIVERY_DESTINATION)."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def mask_phone(number: str) -> str:
    """'+15555550100' -> '+*******0100'."""
    if len(number) <= 4:
        return number
    head = "+" if number.startswith("+") else ""
    body = number[len(head):]
    return head + "*" * (len(body) - 4) + body[-4:]


def mask_destination(medium: str, destination: str) -> str:
    return mask_phone(destination) if medium == "SMS" else mask_email(destination)
