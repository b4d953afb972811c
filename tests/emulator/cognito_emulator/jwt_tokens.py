"""RS256 JSON Web Tokens: two signing keys (ID / access), JWKS, sign and verify.

``cryptography`` is the only non-stdlib dependency of the emulator and it is
used here only.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int_b64url(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def _json_b64url(obj: dict) -> str:
    return b64url(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


class TokenFormatError(ValueError):
    """Not a JWT signed by this emulator."""


@dataclass
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls) -> "SigningKey":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        kid = base64.b64encode(secrets.token_bytes(32)).decode("ascii")  # like Cognito's kids
        return cls(kid, key)

    def jwk(self) -> dict:
        numbers = self.private_key.public_key().public_numbers()
        return {"alg": "RS256", "e": _int_b64url(numbers.e), "kid": self.kid,
                "kty": "RSA", "n": _int_b64url(numbers.n), "use": "sig"}


class KeySet:
    """The ID-token key and the access-token key (different kids, like Cognito)."""

    def __init__(self):
        self.id_key = SigningKey.generate()
        self.access_key = SigningKey.generate()
        self._by_kid = {k.kid: k for k in (self.id_key, self.access_key)}

    def jwks(self) -> dict:
        return {"keys": [self.id_key.jwk(), self.access_key.jwk()]}

    def sign(self, claims: dict, token_use: str) -> str:
        key = self.id_key if token_use == "id" else self.access_key
        header = {"kid": key.kid, "alg": "RS256"}
        signing_input = _json_b64url(header) + "." + _json_b64url(claims)
        sig = key.private_key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(sig)

    def verify(self, token: str) -> tuple[dict, dict]:
        """Check the RS256 signature; returns (header, claims).  No claim checks."""
        try:
            head_b64, body_b64, sig_b64 = token.split(".")
            header = json.loads(b64url_decode(head_b64))
            claims = json.loads(b64url_decode(body_b64))
            signature = b64url_decode(sig_b64)
        except (ValueError, AttributeError) as exc:
            raise TokenFormatError("malformed token") from exc
        if not isinstance(header, dict) or not isinstance(claims, dict):
            raise TokenFormatError("malformed token")
        key = self._by_kid.get(header.get("kid"))
        if key is None or header.get("alg") != "RS256":
            raise TokenFormatError("unknown key")
        try:
            key.private_key.public_key().verify(
                signature, f"{head_b64}.{body_b64}".encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise TokenFormatError("bad signature") from exc
        return header, claims

    def kid_for(self, token_use: str) -> str:
        return (self.id_key if token_use == "id" else self.access_key).kid
