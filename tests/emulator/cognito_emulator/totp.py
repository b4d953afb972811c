"""RFC 6238 TOTP (SHA1, 6 digits, 30 s) as used by SOFTWARE_TOKEN_MFA."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    """32-character base32 secret (20 random bytes), as AssociateSoftwareToken returns."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def _decode(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def code_at(secret: str, counter: int) -> str:
    digest = hmac.new(_decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 10 ** DIGITS
    return f"{value:0{DIGITS}d}"


def matching_step(secret: str, code: str, now: float, window: int = 1) -> int | None:
    """Time step (counter) whose code equals ``code`` within +-window steps, else None."""
    if not (isinstance(code, str) and len(code) == DIGITS and code.isdigit()):
        return None
    current = int(now // STEP_SECONDS)
    for counter in range(current - window, current + window + 1):
        if hmac.compare_digest(code_at(secret, counter), code):
            return counter
    return None


def is_valid_secret(secret: str) -> bool:
    try:
        return len(_decode(secret)) >= 10
    except (ValueError, TypeError):
        return False
