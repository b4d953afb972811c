"""Client-side Cognito SRP for the emulator tests (test-only code).

Deliberately written independently of ``cognito_emulator.srp_server`` (own
PAD, hex parsing, HKDF and TIMESTAMP code) so that the vectors cross-check two
implementations.  Also holds the other client-side helpers the tests need:
SECRET_HASH, device verifier generation and RFC 6238 TOTP.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time

_N = int(
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd"
    "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f"
    "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510"
    "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7"
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c"
    "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
    16,
)
_G = 2


def pad_hex(value: int) -> str:
    """amplify-js padHex: minimal two's-complement hex string of a signed integer."""
    if value >= 0:
        h = format(value, "x")
        if len(h) % 2:
            h = "0" + h
        if h[0] in "89abcdef":
            h = "00" + h
        return h
    # Two's complement: invert the positive form (with its sign byte) and add one.
    positive = pad_hex(-value)
    width = len(positive) * 4
    h = format((1 << width) + value, "x").rjust(len(positive), "f")
    while h.startswith("ff") and len(h) > 2 and h[2] in "89abcdef":
        h = h[2:]
    return h


def _h(*hex_or_bytes) -> bytes:
    m = hashlib.sha256()
    for part in hex_or_bytes:
        m.update(bytes.fromhex(part) if isinstance(part, str) else part)
    return m.digest()


def _hash_int(*parts) -> int:
    return int(_h(*parts).hex(), 16)


_K = _hash_int(pad_hex(_N), pad_hex(_G))


def parse_server_hex(text: str) -> int:
    """SRP_B / SALT as sent by Cognito: signed, any case, maybe odd length."""
    negative = text.startswith("-")
    magnitude = int(text[1:] if negative else text, 16)
    return -magnitude if negative else magnitude


def format_timestamp(epoch_seconds: float | None = None) -> str:
    """'EEE MMM d HH:mm:ss UTC yyyy' in English, day not padded."""
    t = time.gmtime(time.time() if epoch_seconds is None else int(epoch_seconds // 1))
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "%s %s %d %02d:%02d:%02d UTC %d" % (
        days[t.tm_wday], months[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year)


def _hkdf16(ikm_hex: str, salt_hex: str) -> bytes:
    prk = hmac.new(bytes.fromhex(salt_hex), bytes.fromhex(ikm_hex), hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def password_hash(group: str, user_id: str, password: str) -> bytes:
    return _h((group + user_id + ":" + password).encode("utf-8"))


def compute_x(salt: int, group: str, user_id: str, password: str) -> int:
    return _hash_int(pad_hex(salt), password_hash(group, user_id, password))


def pool_name(pool_id: str) -> str:
    return pool_id.split("_", 1)[1]


class SrpClient:
    """One SRP exchange.  ``group`` is the pool name (or DeviceGroupKey).

    A random ``a`` has 256 bits (as amplify-swift uses) to keep the tests fast;
    the vectors exercise 1024-bit values.
    """

    def __init__(self, group: str, a: int | None = None):
        self.group = group
        while True:
            self.a = a if a is not None else int.from_bytes(os.urandom(32), "big")
            self.A = pow(_G, self.a, _N)
            if self.A % _N:
                break
            if a is not None:
                raise ValueError("A mod N == 0")

    @property
    def srp_a(self) -> str:
        return format(self.A, "x")

    def session_key(self, user_id: str, password: str, salt_hex: str, srp_b_hex: str) -> bytes:
        b_pub = parse_server_hex(srp_b_hex)
        if b_pub % _N == 0:
            raise ValueError("B mod N == 0")
        u = _hash_int(pad_hex(self.A), pad_hex(b_pub))
        if u == 0:
            raise ValueError("u == 0")
        x = compute_x(parse_server_hex(salt_hex), self.group, user_id, password)
        base = (b_pub - _K * pow(_G, x, _N)) % _N
        s = pow(base, self.a + u * x, _N)
        return _hkdf16(pad_hex(s), pad_hex(u))

    def claim(self, user_id: str, password: str, salt_hex: str, srp_b_hex: str,
              secret_block_b64: str, timestamp: str | None = None) -> tuple[str, str]:
        """Returns (PASSWORD_CLAIM_SIGNATURE, TIMESTAMP)."""
        timestamp = timestamp or format_timestamp()
        key = self.session_key(user_id, password, salt_hex, srp_b_hex)
        msg = (self.group.encode("utf-8") + user_id.encode("utf-8")
               + base64.b64decode(secret_block_b64) + timestamp.encode("utf-8"))
        sig = base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()
        return sig, timestamp

    def respond(self, params: dict, password: str, timestamp: str | None = None,
                user_key: str = "USER_ID_FOR_SRP") -> dict:
        """ChallengeResponses for a (DEVICE_)PASSWORD_VERIFIER challenge."""
        user_id = params[user_key]
        sig, ts = self.claim(user_id, password, params["SALT"], params["SRP_B"],
                             params["SECRET_BLOCK"], timestamp)
        return {
            "USERNAME": params["USERNAME"],
            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "PASSWORD_CLAIM_SIGNATURE": sig,
            "TIMESTAMP": ts,
        }


def device_verifier(group_key: str, device_key: str, device_password: str | None = None,
                    salt: bytes | None = None) -> tuple[str, dict]:
    """Returns (device password, DeviceSecretVerifierConfig) for ConfirmDevice."""
    device_password = device_password or base64.b64encode(os.urandom(40)).decode()
    salt_int = int.from_bytes(salt if salt is not None else os.urandom(16), "big")
    v = pow(_G, compute_x(salt_int, group_key, device_key, device_password), _N)
    return device_password, {
        "Salt": base64.b64encode(bytes.fromhex(pad_hex(salt_int))).decode(),
        "PasswordVerifier": base64.b64encode(bytes.fromhex(pad_hex(v))).decode(),
    }


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    mac = hmac.new(client_secret.encode("utf-8"), (username + client_id).encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def totp(secret_b32: str, at: float, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1) for a base32 secret."""
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    counter = struct.pack(">Q", int(at // step))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(code).zfill(digits)
