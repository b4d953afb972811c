"""Runs the example programs (examples/) against the local emulator, the way a
shell script would: settings in COGNITO_* variables or flags, answers on stdin,
one per line, in the order the example asks them.

Codes are not known in advance (the emulator makes them up when it "sends"
them), so an answer may be a callable: the writer thread calls it when that
answer is due, and it polls the emulator's outbox (or its totp-code endpoint)
until the code is there. The example blocks reading stdin meanwhile.

Each test creates its own users (and pools when it needs other settings)
through the emulator's control API, so tests are independent and may run in
parallel. Exit status: 0 pass, 1 fail, 77 skip (no emulator state).

A flow script defines cases and calls main():

    def case_sms(d):
        user = d.new_user("sms", mfa={"sms": True, "preferred": "SMS_MFA"}, phone=True)
        r = d.run("sign_in_srp", ["--username", user, "--json"], [PASSWORD, d.code(user, "SMS_MFA")])
        check(r.json()["challenges"] == ["SMS_MFA"], "SMS_MFA answered")

    if __name__ == "__main__":
        main({"sms": case_sms})
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import struct
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Callable, Optional, Union

SKIP = 77
PASSWORD = "Examp1e#Passw0rd"
NEW_PASSWORD = "N3w#Examp1e#Passw0rd"
ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
             "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]


class Failure(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failure(what)
    print(f"  ok: {what}")


Answer = Union[str, Callable[["Process"], str]]


class Process:
    """A running example: the answers are written by a thread, output collected."""

    def __init__(self, argv: list[str], env: dict, answers: list[Answer]):
        self.argv = argv
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.stdout = b""
        self.stderr = b""
        self.answer_error: Optional[str] = None
        self._threads = [threading.Thread(target=self._read, args=("stdout",), daemon=True),
                         threading.Thread(target=self._read, args=("stderr",), daemon=True),
                         threading.Thread(target=self._write, args=(answers,), daemon=True)]
        for t in self._threads:
            t.start()

    def running(self) -> bool:
        return self.proc.poll() is None

    def _read(self, name: str) -> None:
        stream = getattr(self.proc, name)
        chunks = []
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
            setattr(self, name, b"".join(chunks))

    def _write(self, answers: list[Answer]) -> None:
        try:
            for a in answers:
                text = a(self) if callable(a) else a
                self.proc.stdin.write(text.encode() + b"\n")
                self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the example ended early: its exit status tells why
        except Failure as e:
            self.answer_error = str(e)
        finally:
            try:
                self.proc.stdin.close()  # a further question gets end of input, not a hang
            except OSError:
                pass

    def wait(self, timeout: float) -> int:
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Failure(f"{os.path.basename(self.argv[0])} did not finish within {timeout} s")
        for t in self._threads:
            t.join(5)
        return rc


class Result:
    def __init__(self, program: str, rc: int, stdout: str, stderr: str):
        self.program, self.rc, self.stdout, self.stderr = program, rc, stdout, stderr

    def ok(self) -> "Result":
        check(self.rc == 0, f"{self.program} exits 0 (got {self.rc})")
        return self

    def failed(self, rc: int = 1) -> "Result":
        check(self.rc == rc, f"{self.program} exits {rc} (got {self.rc})")
        return self

    def json(self) -> dict:
        """stdout must be exactly one JSON object (what --json promises)."""
        try:
            value = json.loads(self.stdout)
        except ValueError as e:
            raise Failure(f"stdout is not one JSON value ({e}): {self.stdout!r}")
        check(isinstance(value, dict), "stdout is one JSON object")
        return value


class Driver:
    def __init__(self, bin_dir: str):
        self.bin_dir = bin_dir
        state = os.environ.get("COGNITO_EMULATOR_STATE_DIR", "")
        path = os.path.join(state, "emulator.json") if state else ""
        if not path or not os.path.exists(path):
            print(f"skipped: no emulator ({path or 'COGNITO_EMULATOR_STATE_DIR is not set'})")
            sys.exit(SKIP)
        with open(path, encoding="utf-8") as f:
            self.info = json.load(f)
        self.endpoint = self.info["endpoint"]
        self.control_endpoint = self.info["control_endpoint"]
        self.pool_id = self.info["user_pool_id"]
        self.public_client = self.info["public_client_id"]
        self.secret_client = self.info["secret_client_id"]
        self.client_secret = self.info["client_secret"]
        self.rotation_client = self.info["rotation_client_id"]

    # ---- control API ---------------------------------------------------------------
    def control(self, method: str, path: str, body: Optional[dict] = None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.control_endpoint + path.lstrip("/"), data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as rsp:
                return json.loads(rsp.read() or b"null")
        except urllib.error.HTTPError as e:
            raise Failure(f"control API {method} {path}: HTTP {e.code} {e.read()[:300]!r}") from None

    @staticmethod
    def unique(prefix: str) -> str:
        return f"ex-{prefix}-{uuid.uuid4().hex[:10]}"

    def new_user(self, prefix: str, pool_id: Optional[str] = None, phone: bool = False, **fields) -> str:
        """A confirmed user with PASSWORD, a verified email (and phone), plus `fields`."""
        user = self.unique(prefix)
        attributes = {"email": f"{user}@example.com"}
        if phone:
            attributes["phone_number"] = "+15555550177"
        attributes.update(fields.pop("attributes", {}))
        body = {"username": user, "attributes": attributes}
        if "temporary_password" not in fields and "status" not in fields:
            body["password"] = PASSWORD
        body.update(fields)
        self.control("POST", f"pools/{pool_id or self.pool_id}/users", body)
        return user

    def user(self, username: str, pool_id: Optional[str] = None) -> dict:
        return self.control("GET", f"pools/{pool_id or self.pool_id}/users/{urllib.parse.quote(username)}")

    def new_pool(self, **settings) -> dict:
        """A pool of its own (e.g. mfa ON) with a public client named "app" allowing every flow."""
        body = {"name": self.unique("pool"), "clients": [{"name": "app", "explicit_auth_flows": ALL_FLOWS}]}
        body.update(settings)
        return self.control("POST", "pools", body)

    # ---- answers that have to wait for the emulator -------------------------------------
    def code(self, username: str, purpose: str, nth: int = 1, pool_id: Optional[str] = None,
             timeout: float = 20) -> Callable[[Process], str]:
        """An answer: the nth code sent to `username` for `purpose` (waits until it is sent)."""
        def fetch(p: Process) -> str:
            query = urllib.parse.urlencode({"pool_id": pool_id or self.pool_id, "username": username,
                                            "purpose": purpose})
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                messages = self.control("GET", f"outbox?{query}")
                if len(messages) >= nth:
                    print(f"  (answer: code #{nth} for {purpose} from the outbox)")
                    return messages[nth - 1]["code"]
                if not p.running():
                    raise Failure(f"the example ended while waiting for a {purpose} code")
                time.sleep(0.05)
            raise Failure(f"no {purpose} code #{nth} for {username} within {timeout} s")
        return fetch

    def totp(self, username: str, pool_id: Optional[str] = None, timeout: float = 20) -> Callable[[Process], str]:
        """An answer: the current code of the user's (pending or verified) authenticator secret."""
        def fetch(p: Process) -> str:
            path = f"pools/{pool_id or self.pool_id}/users/{urllib.parse.quote(username)}/totp-code"
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    code = self.control("GET", path)["code"]
                    print("  (answer: the current TOTP code from the control API)")
                    return code
                except Failure:
                    if not p.running():
                        raise Failure("the example ended while waiting for a TOTP secret") from None
                    time.sleep(0.05)
            raise Failure(f"no TOTP secret for {username} within {timeout} s")
        return fetch

    @staticmethod
    def totp_from_output(timeout: float = 20) -> Callable[[Process], str]:
        """An answer: the current code of the secret the example printed ("secret: BASE32"), computed
        here like an authenticator app would (the secret of an MFA_SETUP lives in the sign-in session,
        which the control API cannot see)."""
        def fetch(p: Process) -> str:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                m = re.search(rb"secret: ([A-Z2-7]+)", p.stderr)
                if m:
                    print("  (answer: a TOTP code computed from the printed secret)")
                    return totp_code(m.group(1).decode())
                if not p.running():
                    raise Failure("the example ended before showing a TOTP secret")
                time.sleep(0.05)
            raise Failure(f"no TOTP secret shown within {timeout} s")
        return fetch

    # ---- running an example --------------------------------------------------------------
    def settings_env(self, client_id: Optional[str] = None, pool_id: Optional[str] = None) -> dict:
        return {"COGNITO_ENDPOINT": self.endpoint, "COGNITO_USER_POOL_ID": pool_id or self.pool_id,
                "COGNITO_CLIENT_ID": client_id or self.public_client}

    def run(self, program: str, args: list[str], answers: list[Answer], env: Optional[dict] = None,
            settings: bool = True, timeout: float = 45) -> Result:
        """Runs bin_dir/program with `args`; `settings`: COGNITO_* from the emulator (else none)."""
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("COGNITO_")}
        if settings:
            full_env.update(self.settings_env())
        full_env.update(env or {})
        argv = [os.path.join(self.bin_dir, program)] + args
        print(f"$ {program} {' '.join(args)}")
        p = Process(argv, full_env, answers)
        rc = p.wait(timeout)
        out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
        for line in err.splitlines():
            print(f"  stderr| {line}")
        for line in out.splitlines():
            print(f"  stdout| {line}")
        print(f"  exit status {rc}")
        if p.answer_error:
            raise Failure(p.answer_error)
        return Result(program, rc, out, err)


def totp_code(secret_b32: str, at: Optional[float] = None) -> str:
    """RFC 6238: HMAC-SHA1, 30 s steps, 6 digits."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def file_mode(path: str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def main(cases: dict[str, Callable[[Driver], None]]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True, help="directory of the example programs")
    parser.add_argument("case", choices=sorted(cases))
    args = parser.parse_args()
    driver = Driver(args.bin_dir)
    try:
        cases[args.case](driver)
    except Failure as e:
        print(f"FAIL: {e}")
        sys.exit(1)
    print("PASS")
