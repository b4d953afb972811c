"""WebAuthn (passkeys) for the emulator: strict CBOR, registration and assertion checks,
and a virtual authenticator for tests (the control API's /_emulator/webauthn/*).

Only what Cognito needs is supported: attestation format "none", ES256 keys on P-256
(COSE EC2), no extensions in the checks other than skipping a well-formed extension map.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field
from typing import Any, Optional

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP, FLAG_UV, FLAG_AT, FLAG_ED = 0x01, 0x04, 0x40, 0x80
COSE_ES256 = -7


class WebAuthnError(ValueError):
    """A malformed or failed WebAuthn value; ``kind`` names the failed check."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


# ---------------------------------------------------------------------------------------
# base64url and CBOR
# ---------------------------------------------------------------------------------------

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: Any, what: str) -> bytes:
    if not isinstance(text, str) or not text or "=" in text:
        raise WebAuthnError("format", f"{what} must be a non-empty base64url string without padding")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise WebAuthnError("format", f"{what} is not valid base64url") from None


def cbor_encode(value: Any) -> bytes:
    """Encode ints, bytes, str, lists and dicts (definite lengths, shortest heads)."""
    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | info]) + struct.pack(fmt, n)
        raise ValueError("integer too large for CBOR")

    if isinstance(value, bool) or value is None:
        raise ValueError("CBOR simple values are not supported")
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
    raise ValueError(f"cannot CBOR-encode {type(value).__name__}")


def cbor_decode_prefix(data: bytes, offset: int = 0, depth: int = 0) -> tuple[Any, int]:
    """One CBOR item at ``offset``: (value, offset after it).  Majors 0-5 only, definite lengths."""
    if depth > 16:
        raise WebAuthnError("cbor", "CBOR nesting too deep")
    if offset >= len(data):
        raise WebAuthnError("cbor", "truncated CBOR")
    initial = data[offset]
    major, info = initial >> 5, initial & 0x1F
    offset += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        if offset + size > len(data):
            raise WebAuthnError("cbor", "truncated CBOR")
        n = int.from_bytes(data[offset:offset + size], "big")
        offset += size
    else:
        raise WebAuthnError("cbor", "indefinite or reserved CBOR length")
    if major == 0:
        return n, offset
    if major == 1:
        return -1 - n, offset
    if major in (2, 3):
        if offset + n > len(data):
            raise WebAuthnError("cbor", "truncated CBOR string")
        raw = data[offset:offset + n]
        if major == 2:
            return raw, offset + n
        try:
            return raw.decode("utf-8"), offset + n
        except UnicodeDecodeError:
            raise WebAuthnError("cbor", "invalid UTF-8 in CBOR text") from None
    if major == 4:
        items = []
        for _ in range(n):
            item, offset = cbor_decode_prefix(data, offset, depth + 1)
            items.append(item)
        return items, offset
    if major == 5:
        out: dict = {}
        for _ in range(n):
            key, offset = cbor_decode_prefix(data, offset, depth + 1)
            if not isinstance(key, (int, str)) or key in out:
                raise WebAuthnError("cbor", "bad or duplicate CBOR map key")
            out[key], offset = cbor_decode_prefix(data, offset, depth + 1)
        return out, offset
    raise WebAuthnError("cbor", f"unsupported CBOR major type {major}")


def cbor_decode(data: bytes) -> Any:
    value, end = cbor_decode_prefix(data)
    if end != len(data):
        raise WebAuthnError("cbor", "trailing bytes after CBOR item")
    return value


# ---------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------

def cose_from_key(key: ec.EllipticCurvePublicKey) -> dict:
    numbers = key.public_numbers()
    return {1: 2, 3: COSE_ES256, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}


def key_from_cose(cose: Any) -> ec.EllipticCurvePublicKey:
    """An ES256 P-256 COSE_Key; anything else is not supported by the emulator."""
    if not isinstance(cose, dict):
        raise WebAuthnError("format", "credentialPublicKey is not a COSE map")
    if cose.get(1) != 2 or cose.get(3) != COSE_ES256 or cose.get(-1) != 1:
        raise WebAuthnError("unsupported", "only ES256 (COSE alg -7) keys on P-256 are supported")
    x, y = cose.get(-2), cose.get(-3)
    if not (isinstance(x, bytes) and isinstance(y, bytes) and len(x) == 32 and len(y) == 32):
        raise WebAuthnError("format", "COSE EC2 key needs 32-byte x and y")
    try:
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP256R1()).public_key()
    except ValueError:
        raise WebAuthnError("format", "COSE EC2 point is not on P-256") from None


# ---------------------------------------------------------------------------------------
# Parsing the browser's JSON
# ---------------------------------------------------------------------------------------

@dataclass
class AuthData:
    rp_id_hash: bytes
    flags: int
    sign_count: int
    credential_id: Optional[bytes] = None
    public_key: Optional[ec.EllipticCurvePublicKey] = None


def parse_auth_data(raw: bytes) -> AuthData:
    if len(raw) < 37:
        raise WebAuthnError("format", "authenticatorData is too short")
    out = AuthData(raw[:32], raw[32], int.from_bytes(raw[33:37], "big"))
    offset = 37
    if out.flags & FLAG_AT:
        if len(raw) < offset + 18:
            raise WebAuthnError("format", "attested credential data is truncated")
        length = int.from_bytes(raw[offset + 16:offset + 18], "big")
        offset += 18
        if length == 0 or len(raw) < offset + length:
            raise WebAuthnError("format", "credential id is truncated")
        out.credential_id = raw[offset:offset + length]
        cose, offset = cbor_decode_prefix(raw, offset + length)
        out.public_key = key_from_cose(cose)
    if out.flags & FLAG_ED:
        extensions, offset = cbor_decode_prefix(raw, offset)
        if not isinstance(extensions, dict):
            raise WebAuthnError("format", "extensions are not a CBOR map")
    if offset != len(raw):
        raise WebAuthnError("format", "trailing bytes in authenticatorData")
    return out


def parse_client_data(raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WebAuthnError("format", "clientDataJSON is not JSON") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("type", "challenge", "origin")):
        raise WebAuthnError("format", "clientDataJSON needs type, challenge and origin strings")
    return data


def _response_part(credential: Any, *names: str) -> list[bytes]:
    if not isinstance(credential, dict) or credential.get("type") != "public-key":
        raise WebAuthnError("format", "the credential must be an object with type public-key")
    response = credential.get("response")
    if not isinstance(response, dict):
        raise WebAuthnError("format", "the credential has no response object")
    from_b64url(credential.get("id"), "id")
    if credential.get("rawId") != credential.get("id"):
        raise WebAuthnError("format", "rawId and id differ")
    return [from_b64url(response.get(name), f"response.{name}") for name in names]


@dataclass
class RelyingParty:
    """The pool's WebAuthn settings, as the checks need them."""

    rp_id: str
    origins: list
    user_verification: str

    def check_client_data(self, client_data: dict, expected_type: str, challenge: Optional[str]) -> None:
        if client_data["type"] != expected_type:
            raise WebAuthnError("type", f"clientDataJSON.type must be {expected_type}")
        if challenge is None or not secrets.compare_digest(client_data["challenge"].encode(), challenge.encode()):
            raise WebAuthnError("challenge", "the challenge does not match an outstanding one")
        if client_data["origin"] not in self.origins:
            raise WebAuthnError("origin", f"origin {client_data['origin']} is not allowed")

    def check_auth_data(self, auth: AuthData) -> None:
        if not secrets.compare_digest(auth.rp_id_hash, hashlib.sha256(self.rp_id.encode()).digest()):
            raise WebAuthnError("rp", "rpIdHash does not match the relying party")
        if not auth.flags & FLAG_UP:
            raise WebAuthnError("flags", "user presence flag not set")
        if self.user_verification == "required" and not auth.flags & FLAG_UV:
            raise WebAuthnError("flags", "user verification required")


@dataclass
class Registration:
    credential_id: str
    public_key: ec.EllipticCurvePublicKey
    sign_count: int
    transports: list
    attachment: Optional[str]


def verify_registration(rp: RelyingParty, credential: Any, challenge: Optional[str]) -> Registration:
    client_raw, attestation_raw = _response_part(credential, "clientDataJSON", "attestationObject")
    client_data = parse_client_data(client_raw)
    attestation = cbor_decode(attestation_raw)
    if not isinstance(attestation, dict) or not isinstance(attestation.get("authData"), bytes) \
            or not isinstance(attestation.get("attStmt"), dict) or not isinstance(attestation.get("fmt"), str):
        raise WebAuthnError("format", "attestationObject needs fmt, attStmt and authData")
    rp.check_client_data(client_data, "webauthn.create", challenge)
    if attestation["fmt"] != "none" or attestation["attStmt"]:
        raise WebAuthnError("unsupported", f"attestation format {attestation['fmt']} is not supported")
    auth = parse_auth_data(attestation["authData"])
    rp.check_auth_data(auth)
    if auth.credential_id is None:
        raise WebAuthnError("flags", "attested credential data flag not set")
    if b64url(auth.credential_id) != credential["id"]:
        raise WebAuthnError("format", "credential id differs from the attested one")
    response = credential["response"]
    transports = response.get("transports", [])
    if not isinstance(transports, list) or not all(isinstance(t, str) for t in transports):
        raise WebAuthnError("format", "response.transports must be a list of strings")
    attachment = credential.get("authenticatorAttachment")
    if attachment is not None and attachment not in ("platform", "cross-platform"):
        raise WebAuthnError("format", "authenticatorAttachment must be platform or cross-platform")
    return Registration(credential["id"], auth.public_key, auth.sign_count, list(transports), attachment)


def verify_assertion(rp: RelyingParty, credential: Any, challenge: Optional[str],
                     public_key: ec.EllipticCurvePublicKey, stored_count: int) -> int:
    """Check an AuthenticationResponseJSON; returns the new signature counter."""
    client_raw, auth_raw, signature = _response_part(credential, "clientDataJSON", "authenticatorData",
                                                     "signature")
    rp.check_client_data(parse_client_data(client_raw), "webauthn.get", challenge)
    auth = parse_auth_data(auth_raw)
    rp.check_auth_data(auth)
    try:
        public_key.verify(signature, auth_raw + hashlib.sha256(client_raw).digest(), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        raise WebAuthnError("signature", "the assertion signature is not valid") from None
    if (auth.sign_count or stored_count) and auth.sign_count <= stored_count:
        raise WebAuthnError("counter", "the signature counter did not increase")
    return auth.sign_count


# ---------------------------------------------------------------------------------------
# The virtual authenticator (control API)
# ---------------------------------------------------------------------------------------

@dataclass
class _HeldKey:
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: str
    counter: int = 0


@dataclass
class VirtualAuthenticator:
    """Creates credentials and assertions like a browser + authenticator would."""

    keys: dict = field(default_factory=dict)  # credential id (base64url) -> _HeldKey

    @staticmethod
    def _client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False},
                          separators=(",", ":")).encode()

    @staticmethod
    def _tamper(body: dict) -> Optional[str]:
        tamper = body.get("tamper")
        allowed = ("signature", "challenge", "origin", "rp_id", "type", "counter", "user_presence", "fmt")
        if tamper is not None and tamper not in allowed:
            raise ValueError(f"tamper must be one of {', '.join(allowed)}")
        return tamper

    @staticmethod
    def _options(value: Any) -> dict:
        if isinstance(value, str):
            value = json.loads(value)
        if not isinstance(value, dict) or not isinstance(value.get("challenge"), str):
            raise ValueError("options must be an object (or JSON string) with a challenge")
        return value

    def create(self, body: dict) -> dict:
        options, tamper = self._options(body.get("options")), self._tamper(body)
        rp_id = (options.get("rp") or {}).get("id")
        user_id = (options.get("user") or {}).get("id")
        if not isinstance(rp_id, str) or not isinstance(user_id, str):
            raise ValueError("options need rp.id and user.id")
        origin = body.get("origin") or f"https://{rp_id}"
        key = ec.generate_private_key(ec.SECP256R1())
        cred_id = secrets.token_bytes(32)
        flags = FLAG_AT | (0 if tamper == "user_presence" else FLAG_UP) | \
            (FLAG_UV if body.get("user_verified", True) else 0)
        auth_data = (self._rp_hash(rp_id, tamper) + bytes([flags]) + (0).to_bytes(4, "big") + bytes(16)
                     + len(cred_id).to_bytes(2, "big") + cred_id + cbor_encode(cose_from_key(key.public_key())))
        challenge = self._challenge(options["challenge"], tamper)
        client_data = self._client_data("webauthn.get" if tamper == "type" else "webauthn.create", challenge,
                                        "https://evil.example" if tamper == "origin" else origin)
        attestation = {"fmt": "packed" if tamper == "fmt" else "none", "attStmt": {}, "authData": auth_data}
        if tamper != "fmt":  # a credential created for a negative test is not kept
            self.keys[b64url(cred_id)] = _HeldKey(key, rp_id, user_id)
        attachment = body.get("attachment", "platform")
        return {"id": b64url(cred_id), "rawId": b64url(cred_id), "type": "public-key",
                "authenticatorAttachment": attachment, "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(client_data),
                             "attestationObject": b64url(cbor_encode(attestation)),
                             "transports": list(body.get("transports", ["internal"]))}}

    def get(self, body: dict) -> dict:
        options, tamper = self._options(body.get("options")), self._tamper(body)
        rp_id = options.get("rpId")
        if not isinstance(rp_id, str):
            raise ValueError("options need rpId")
        wanted = body.get("credential_id")
        allowed = [c.get("id") for c in options.get("allowCredentials", []) if isinstance(c, dict)]
        candidates = [wanted] if wanted else allowed or list(self.keys)
        cred_id = next((c for c in candidates if c in self.keys and self.keys[c].rp_id == rp_id), None)
        if cred_id is None:
            raise KeyError("the virtual authenticator holds no matching credential")
        held = self.keys[cred_id]
        held.counter += 1
        counter = 1 if tamper == "counter" else held.counter  # "counter": a stale value (replay/clone)
        flags = (0 if tamper == "user_presence" else FLAG_UP) | (FLAG_UV if body.get("user_verified", True) else 0)
        auth_data = self._rp_hash(rp_id, tamper) + bytes([flags]) + counter.to_bytes(4, "big")
        origin = body.get("origin") or f"https://{rp_id}"
        client_data = self._client_data("webauthn.create" if tamper == "type" else "webauthn.get",
                                        self._challenge(options["challenge"], tamper),
                                        "https://evil.example" if tamper == "origin" else origin)
        signed = auth_data + hashlib.sha256(client_data).digest()
        if tamper == "signature":
            signed = b"\x00" + signed
        signature = held.private_key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {"id": cred_id, "rawId": cred_id, "type": "public-key", "authenticatorAttachment": "platform",
                "clientExtensionResults": {},
                "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                             "signature": b64url(signature), "userHandle": held.user_handle}}

    @staticmethod
    def _rp_hash(rp_id: str, tamper: Optional[str]) -> bytes:
        return hashlib.sha256(("evil.example" if tamper == "rp_id" else rp_id).encode()).digest()

    @staticmethod
    def _challenge(challenge: str, tamper: Optional[str]) -> str:
        return b64url(secrets.token_bytes(32)) if tamper == "challenge" else challenge
