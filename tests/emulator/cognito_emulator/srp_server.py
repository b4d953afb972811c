"""Server-side SRP-6a math exactly as Amazon Cognito uses it ("Caldera" variant).

Pure functions only: no I/O, no global state, no randomness except where a
caller does not supply the value.  Protocol reference: cognito-protocol.md
sections 4 (user SRP), 4.9 (TIMESTAMP) and 5 (device SRP).

Conventions:
* ``pad(n)`` is Java ``BigInteger.toByteArray()``: the minimal big-endian
  two's-complement encoding (NOT the fixed-width RFC 5054 PAD).
* Integers travel as hex on the wire (``SRP_A``, ``SRP_B``, ``SALT``), the
  secret block and the signature as standard Base64.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from .modexp import mod_exp

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
INFO = b"Caldera Derived Key"

#: Longest SRP_A (hex digits) the server accepts.  A < N needs at most 768
#: digits; some clients zero-pad, so allow some slack but bound the CPU cost.
MAX_SRP_A_HEX_DIGITS = 1024


# --------------------------------------------------------------------------
# Encoding helpers
# --------------------------------------------------------------------------

def pad(n: int) -> bytes:
    """Java BigInteger.toByteArray(): minimal two's-complement big-endian."""
    length = 1
    if n >= 0:
        length = n.bit_length() // 8 + 1
    else:
        while n < -(1 << (8 * length - 1)):
            length += 1
    return n.to_bytes(length, "big", signed=True)


def from_pad(data: bytes) -> int:
    """Inverse of :func:`pad` (Java ``new BigInteger(byte[])``)."""
    return int.from_bytes(data, "big", signed=True) if data else 0


def java_hex(n: int) -> str:
    """Java BigInteger.toString(16): lowercase, minimal, '-' for negatives."""
    return ("-" + format(-n, "x")) if n < 0 else format(n, "x")


_HEX_RE = re.compile(r"-?[0-9a-fA-F]+\Z")


def parse_hex(text: str) -> int:
    """Parse signed hex as sent on the wire; ValueError when malformed."""
    if not isinstance(text, str) or not _HEX_RE.match(text):
        raise ValueError("not a hex integer")
    return int(text, 16)


def hash_int(*parts: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"".join(parts)).digest(), "big")


K = hash_int(pad(N), pad(G))


def compute_u(a_pub: int, b_pub: int) -> int:
    return hash_int(pad(a_pub), pad(b_pub))


def compute_x(salt: int, group: str, user_id: str, password: str) -> int:
    """x = H(PAD(salt) || H(group || user_id || ':' || password)).

    ``group`` is the pool name (part of the pool id after the first '_') for
    user SRP and the DeviceGroupKey for device SRP; ``user_id`` is
    USER_ID_FOR_SRP (the canonical username) or the DeviceKey.
    """
    inner = hashlib.sha256(f"{group}{user_id}:{password}".encode("utf-8")).digest()
    return hash_int(pad(salt), inner)


def compute_verifier(salt: int, group: str, user_id: str, password: str) -> int:
    return mod_exp(G, compute_x(salt, group, user_id, password), N)


def hkdf_key(u: int, s: int) -> bytes:
    """HKDF-SHA256(salt=PAD(u), ikm=PAD(S), info='Caldera Derived Key', L=16)."""
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    return hmac.new(prk, INFO + b"\x01", hashlib.sha256).digest()[:16]


def signature(key: bytes, group: str, user_id: str, secret_block: bytes, timestamp: str) -> str:
    msg = group.encode("utf-8") + user_id.encode("utf-8") + secret_block + timestamp.encode("utf-8")
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode("ascii")


def pool_name(pool_id: str) -> str:
    """The SRP 'group' of a user pool: the part after the first '_'."""
    return pool_id.split("_", 1)[1]


def random_salt() -> int:
    """16 random bytes as a non-negative integer (Java new BigInteger(128, rnd))."""
    return int.from_bytes(secrets.token_bytes(16), "big")


def random_private_key() -> int:
    while True:
        b = int.from_bytes(secrets.token_bytes(32), "big")
        if b:
            return b


# --------------------------------------------------------------------------
# TIMESTAMP (cognito-protocol.md section 4.9)
# --------------------------------------------------------------------------

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Lenient grammar (what a Java SimpleDateFormat would still parse); the result
# is then compared with the canonical rendering.
_TS_RE = re.compile(
    r"(?P<wd>[A-Za-z]{3}) (?P<mon>[A-Za-z]{3}) +(?P<day>\d{1,2}) "
    r"(?P<h>\d{1,2}):(?P<m>\d{1,2}):(?P<s>\d{1,2}) (?P<zone>[A-Za-z]{3}) (?P<year>\d{1,6})\Z"
)
_WEEKDAYS_CI = {w.lower() for w in WEEKDAYS}
_MONTHS_CI = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}


class TimestampFormatError(ValueError):
    """TIMESTAMP cannot be parsed at all (-> InvalidParameterException)."""


def format_timestamp(epoch_seconds: float) -> str:
    """Canonical 'EEE MMM d HH:mm:ss UTC yyyy' rendering of an instant."""
    t = time.gmtime(int(epoch_seconds // 1))
    return (f"{WEEKDAYS[t.tm_wday]} {MONTHS[t.tm_mon - 1]} {t.tm_mday} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")


def parse_timestamp(text: str) -> int:
    """Parse a TIMESTAMP leniently; returns epoch seconds.

    Raises TimestampFormatError when the value is not a date in the expected
    English pattern.  It does NOT check canonical form (see check_timestamp).
    """
    m = _TS_RE.match(text) if isinstance(text, str) else None
    if not m:
        raise TimestampFormatError(text)
    if m["wd"].lower() not in _WEEKDAYS_CI or m["mon"].lower() not in _MONTHS_CI:
        raise TimestampFormatError(text)
    if m["zone"].upper() not in ("UTC", "GMT"):
        raise TimestampFormatError(text)
    month = _MONTHS_CI[m["mon"].lower()]
    day, hour, minute, sec, year = (int(m[k]) for k in ("day", "h", "m", "s", "year"))
    if not (1 <= day <= 31 and hour < 24 and minute < 60 and sec < 60):
        raise TimestampFormatError(text)
    return _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + sec


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 (proleptic Gregorian, any year; H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def check_timestamp(text: str, now: float, skew_seconds: float) -> bool:
    """True iff TIMESTAMP is canonical and within +-skew of ``now``.

    Raises TimestampFormatError for unparseable input.
    """
    when = parse_timestamp(text)
    if format_timestamp(when) != text:
        return False  # e.g. zero-padded day, wrong weekday, 'GMT', lower case
    return abs(when - now) <= skew_seconds


# --------------------------------------------------------------------------
# Server session math
# --------------------------------------------------------------------------

class SrpInputError(ValueError):
    """Client-supplied SRP value is malformed (-> InvalidParameterException)."""


def parse_client_a(srp_a: str) -> int:
    if not isinstance(srp_a, str) or len(srp_a.lstrip("-")) > MAX_SRP_A_HEX_DIGITS:
        raise SrpInputError("SRP_A is too long")
    try:
        a_pub = parse_hex(srp_a)
    except ValueError as exc:
        raise SrpInputError("SRP_A is not a hex number") from exc
    if a_pub <= 0 or a_pub % N == 0:
        raise SrpInputError("SRP_A is invalid")
    return a_pub


@dataclass(frozen=True)
class ServerChallenge:
    """Values the server keeps between the challenge and the verifier."""

    a_pub: int
    b_priv: int
    b_pub: int
    verifier: int


def start_challenge(a_pub: int, verifier: int, b_priv: int | None = None) -> ServerChallenge:
    """B = (k*v + g^b) mod N with a random (or pinned) b; B mod N != 0."""
    while True:
        b = b_priv if b_priv is not None else random_private_key()
        b_pub = (K * verifier + mod_exp(G, b, N)) % N
        if b_pub % N != 0:
            return ServerChallenge(a_pub, b, b_pub, verifier)
        if b_priv is not None:  # pragma: no cover - astronomically unlikely
            raise SrpInputError("pinned b yields B = 0")


def session_key(ch: ServerChallenge) -> bytes | None:
    """K = HKDF(PAD(u), PAD(S)) with S = (A * v^u)^b mod N; None if u == 0."""
    u = compute_u(ch.a_pub, ch.b_pub)
    if u == 0:
        return None
    s = mod_exp(ch.a_pub * mod_exp(ch.verifier, u, N) % N, ch.b_priv, N)
    return hkdf_key(u, s)


def claim_matches(key: bytes, group: str, user_id: str, secret_block: bytes, timestamp: str,
                  claimed_signature: str) -> bool:
    """Constant-time compare of PASSWORD_CLAIM_SIGNATURE with the expected one for key K."""
    if not isinstance(claimed_signature, str):
        return False
    expected = signature(key, group, user_id, secret_block, timestamp)
    try:
        claimed = claimed_signature.encode("ascii")
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(expected.encode("ascii"), claimed)


def verify_claim(ch: ServerChallenge, group: str, user_id: str, secret_block: bytes,
                 timestamp: str, claimed_signature: str) -> bool:
    """Check PASSWORD_CLAIM_SIGNATURE for a challenge (TIMESTAMP freshness not checked)."""
    key = session_key(ch)
    return key is not None and claim_matches(key, group, user_id, secret_block, timestamp, claimed_signature)
