"""Test harness: one in-process emulator per test process, raw-HTTP clients, helpers.

Every test creates its own pool (``make_pool``) so tests never depend on each
other; server-wide knobs (faults, global clock) are reset in ``tearDown``.
"""

from __future__ import annotations

import atexit
import base64
import http.client
import itertools
import json
import os
import secrets
import sys
import unittest
import urllib.parse
from dataclasses import dataclass
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
VECTORS = os.path.join(os.path.dirname(HERE), "vectors")

from cognito_emulator.http_server import Emulator  # noqa: E402
from srp_client import SrpClient, pool_name, secret_hash, totp  # noqa: E402

TARGET = "AWSCognitoIdentityProviderService."
ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
             "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]
PASSWORD = "Passw0rd!x"

_emulator: Optional[Emulator] = None
_counter = itertools.count(1)


def emulator() -> Emulator:
    global _emulator
    if _emulator is None:
        with open(os.path.join(HERE, "demo_config.json"), encoding="utf-8") as fh:
            demo = json.load(fh)["pools"]
        _emulator = Emulator(demo).start()
        atexit.register(_emulator.stop)
    return _emulator


def load_vectors(name: str) -> dict:
    with open(os.path.join(VECTORS, name), encoding="utf-8") as fh:
        return json.load(fh)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes

    @property
    def json(self):
        return json.loads(self.raw)

    @property
    def error_type(self) -> Optional[str]:
        return self.json.get("__type") if self.status >= 400 else None

    @property
    def message(self) -> str:
        return self.json.get("message", "")


class Http:
    """A keep-alive HTTP/1.1 connection to the emulator (raw http.client)."""

    def __init__(self, port: int, timeout: float = 10.0):
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes = b"", headers: Optional[dict] = None) -> Reply:
        self.conn.request(method, path, body=body, headers=headers or {})
        resp = self.conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())

    def close(self) -> None:
        self.conn.close()


class Cognito:
    """Calls ``AWSCognitoIdentityProviderService.<Op>`` over a raw HTTP connection."""

    def __init__(self, port: int):
        self.http = Http(port)

    def call(self, op: str, body: dict | bytes, headers: Optional[dict] = None) -> Reply:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        hdrs = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + op}
        hdrs.update(headers or {})
        return self.http.request("POST", "/", payload, hdrs)


class Control:
    def __init__(self, port: int):
        self.http = Http(port)

    def _do(self, method: str, path: str, body=None, expect=(200, 201)):
        payload = b"" if body is None else json.dumps(body).encode()
        reply = self.http.request(method, "/_emulator" + path, payload, {"Content-Type": "application/json"})
        if expect and reply.status not in expect:
            raise AssertionError(f"control {method} {path} -> {reply.status} {reply.raw[:300]!r}")
        return reply.json if reply.raw else None

    def get(self, path, **query):
        return self._do("GET", path + (("?" + urllib.parse.urlencode(query)) if query else ""))

    def post(self, path, body=None, **kw):
        return self._do("POST", path, body or {}, **kw)

    def patch(self, path, body, **kw):
        return self._do("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self._do("DELETE", path, **kw)


def unique_pool_id(region: str = "us-east-1") -> str:
    return f"{region}_T{next(_counter)}{secrets.token_hex(3)}"


class PoolHandle:
    """A pool created for one test plus convenience wrappers around its clients."""

    def __init__(self, case: "EmulatorTestCase", view: dict):
        self.case = case
        self.id = view["user_pool_id"]
        self.view = view
        self.clients = {c["name"]: c for c in view["clients"]}

    def client(self, name: str = "public") -> dict:
        return self.clients[name]

    @property
    def public(self) -> str:
        return self.clients["public"]["client_id"]

    def add_user(self, username: str, password: Optional[str] = PASSWORD, **extra) -> dict:
        body = {"username": username, **extra}
        if password is not None and "temporary_password" not in extra:
            body["password"] = password
        return self.case.ctl.post(f"/pools/{self.id}/users", body)

    def user(self, username: str) -> dict:
        return self.case.ctl.get(f"/pools/{self.id}/users/{urllib.parse.quote(username, safe='')}")

    def update_user(self, username: str, **changes) -> dict:
        return self.case.ctl.patch(f"/pools/{self.id}/users/{urllib.parse.quote(username, safe='')}", changes)

    def advance(self, seconds: float) -> None:
        self.case.ctl.post(f"/pools/{self.id}/clock", {"advance_seconds": seconds})

    def now(self) -> float:
        return self.case.ctl.get(f"/pools/{self.id}/clock")["now"]

    def outbox(self, **filters) -> list[dict]:
        return self.case.ctl.get("/outbox", pool_id=self.id, **filters)

    def last_code(self, username: Optional[str] = None, purpose: Optional[str] = None) -> str:
        filters = {k: v for k, v in (("username", username), ("purpose", purpose)) if v}
        messages = self.outbox(**filters)
        if not messages:
            raise AssertionError(f"no message in the outbox for {filters}")
        return messages[-1]["code"]


class EmulatorTestCase(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.emu = emulator()
        cls.port = cls.emu.port

    def setUp(self):
        self.api = Cognito(self.port)
        self.ctl = Control(self.port)
        # cleanups run last-in first-out: connections close after every other cleanup
        self.addCleanup(self.ctl.http.close)
        self.addCleanup(self.api.http.close)

    def tearDown(self):
        self.ctl.delete("/faults")
        self.ctl.delete("/clock")

    # -- pools -----------------------------------------------------------------------------
    def make_pool(self, *, clients: Optional[list] = None, users: Optional[list] = None, **settings) -> PoolHandle:
        config = {"id": unique_pool_id(), "auto_verified_attributes": ["email"], **settings}
        config["clients"] = clients if clients is not None else [
            {"name": "public", "explicit_auth_flows": ALL_FLOWS},
            {"name": "secret", "generate_secret": True, "explicit_auth_flows": ALL_FLOWS}]
        config["users"] = users or []
        return PoolHandle(self, self.ctl.post("/pools", config))

    # -- API helpers -------------------------------------------------------------------------
    def ok(self, op: str, body: dict) -> dict:
        reply = self.api.call(op, body)
        self.assertEqual(reply.status, 200, f"{op} failed: {reply.raw[:500]!r}")
        return reply.json

    def fails(self, op: str, body: dict, error_type: str, message: Optional[str] = None) -> Reply:
        reply = self.api.call(op, body)
        self.assertEqual(reply.status, 500 if error_type == "InternalErrorException" else 400,
                         f"{op}: expected {error_type}, got {reply.status} {reply.raw[:300]!r}")
        self.assertEqual(reply.error_type, error_type, reply.raw[:300])
        if message is not None:
            self.assertEqual(reply.message, message)
        return reply

    def password_auth(self, pool: PoolHandle, username: str, password: str = PASSWORD,
                      client: str = "public", **params) -> dict:
        c = pool.client(client)
        auth = {"USERNAME": username, "PASSWORD": password, **params}
        if c["client_secret"]:
            auth.setdefault("SECRET_HASH", secret_hash(username, c["client_id"], c["client_secret"]))
        return self.ok("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": c["client_id"],
                                        "AuthParameters": auth})

    def srp_start(self, pool: PoolHandle, username: str, client: str = "public", flow: str = "USER_SRP_AUTH",
                  **params) -> tuple[SrpClient, dict]:
        c = pool.client(client)
        srp = SrpClient(pool_name(pool.id))
        auth = {"USERNAME": username, "SRP_A": srp.srp_a, **params}
        if c["client_secret"]:
            auth.setdefault("SECRET_HASH", secret_hash(username, c["client_id"], c["client_secret"]))
        return srp, self.ok("InitiateAuth", {"AuthFlow": flow, "ClientId": c["client_id"], "AuthParameters": auth})

    def srp_answer(self, pool: PoolHandle, srp: SrpClient, challenge: dict, password: str = PASSWORD,
                   client: str = "public", timestamp: Optional[str] = None, **extra) -> dict:
        """The RespondToAuthChallenge body for a PASSWORD_VERIFIER challenge."""
        c = pool.client(client)
        responses = srp.respond(challenge["ChallengeParameters"], password, timestamp=timestamp)
        responses.update(extra)
        if c["client_secret"]:
            responses.setdefault("SECRET_HASH", secret_hash(responses["USERNAME"], c["client_id"],
                                                            c["client_secret"]))
        body = {"ClientId": c["client_id"], "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": responses}
        if "Session" in challenge:
            body["Session"] = challenge["Session"]
        return body

    def srp_sign_in(self, pool: PoolHandle, username: str, password: str = PASSWORD, client: str = "public",
                    **params) -> dict:
        srp, challenge = self.srp_start(pool, username, client, **params)
        self.assertEqual(challenge["ChallengeName"], "PASSWORD_VERIFIER")
        extra = {"DEVICE_KEY": params["DEVICE_KEY"]} if "DEVICE_KEY" in params else {}
        return self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge, password, client, **extra))

    def respond(self, pool: PoolHandle, prev: dict, name: str, responses: dict, client: str = "public") -> Reply:
        c = pool.client(client)
        if c["client_secret"] and "USERNAME" in responses:
            responses = {"SECRET_HASH": secret_hash(responses["USERNAME"], c["client_id"], c["client_secret"]),
                         **responses}
        body = {"ClientId": c["client_id"], "ChallengeName": name, "ChallengeResponses": responses}
        if prev.get("Session"):
            body["Session"] = prev["Session"]
        return self.api.call("RespondToAuthChallenge", body)

    def respond_ok(self, pool: PoolHandle, prev: dict, name: str, responses: dict, client: str = "public") -> dict:
        reply = self.respond(pool, prev, name, responses, client)
        self.assertEqual(reply.status, 200, f"{name} failed: {reply.raw[:500]!r}")
        return reply.json

    def tokens(self, result: dict) -> dict:
        self.assertIn("AuthenticationResult", result, f"expected tokens, got {result}")
        return result["AuthenticationResult"]


def jwt_claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


__all__ = ["EmulatorTestCase", "PoolHandle", "Cognito", "Control", "Http", "Reply", "emulator", "load_vectors",
           "jwt_claims", "SrpClient", "pool_name", "secret_hash", "totp", "PASSWORD", "ALL_FLOWS", "TARGET",
           "unique_pool_id"]
