"""Helpers for the binding's tests: fake JWTs, TOTP codes, the emulator's control API."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import time
import urllib.request
from typing import Optional


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fake_jwt(claims: dict) -> str:
    """A JWT-shaped token with readable claims and a fake signature."""
    header = b64url(json.dumps({"alg": "RS256", "kid": "test"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.c2ln"


def fake_tokens(username: str, client_id: str, lifetime: int = 3600) -> tuple[str, str]:
    now = int(time.time())
    id_token = fake_jwt({"sub": "s-1", "cognito:username": username, "token_use": "id", "aud": client_id,
                         "iat": now, "exp": now + lifetime})
    access = fake_jwt({"sub": "s-1", "username": username, "token_use": "access", "client_id": client_id,
                       "iat": now, "exp": now + lifetime, "jti": os.urandom(8).hex()})
    return id_token, access


def totp(secret_b32: str, counter: Optional[int] = None) -> str:
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    if counter is None:
        counter = int(time.time()) // 30
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class TotpCodes:
    """Hands out codes the emulator accepts (current step +-1) and has not seen."""

    def __init__(self, secret: str):
        self.secret = secret
        self.used: set[int] = set()

    def next(self) -> str:
        while True:
            now = int(time.time()) // 30
            for c in (now - 1, now, now + 1):
                if c not in self.used:
                    self.used.add(c)
                    return totp(self.secret, c)
            time.sleep(31 - time.time() % 30)


def emulator_info() -> Optional[dict]:
    state = os.environ.get("COGNITO_EMULATOR_STATE_DIR")
    if not state:
        return None
    path = os.path.join(state, "emulator.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class Control:
    """The emulator's control API (/_emulator/), plain HTTP on loopback."""

    def __init__(self, info: dict):
        self.base = info["control_endpoint"]
        self.pool = info["user_pool_id"]
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def request(self, method: str, path: str, body: Optional[dict] = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with self._opener.open(req, timeout=20) as rsp:
            return json.loads(rsp.read() or b"null")

    def create_user(self, **user) -> dict:
        return self.request("POST", f"pools/{self.pool}/users", user)

    def create_pool(self, **pool) -> dict:
        return self.request("POST", "pools", pool)

    def outbox_code(self, username: str, purpose: str, pool: Optional[str] = None) -> str:
        msgs = self.request("GET", f"outbox?pool_id={pool or self.pool}&username={username}&purpose={purpose}")
        assert msgs, f"no {purpose} message for {username}"
        return msgs[-1]["code"]


_counter = 0


def unique(prefix: str) -> str:
    global _counter
    _counter += 1
    return f"{prefix}-{os.getpid()}-{int(time.time())}-{_counter}"
