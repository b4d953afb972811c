"""server.py as a process (JSON line, SIGTERM, bind refusal, --config, --demo) and fixture.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "server.py")
FIXTURE = os.path.join(HERE, "fixture.py")


def post(endpoint: str, op: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(endpoint, json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


class ServerProcess:
    def __init__(self, *args: str):
        self.proc = subprocess.Popen([sys.executable, SERVER, *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("server exited: " + self.proc.stderr.read())
        self.info = json.loads(line)

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        stderr = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code, stderr


class ServerCliTest(unittest.TestCase):
    def test_demo_start_json_line_and_sigterm(self):
        with tempfile.TemporaryDirectory() as tmp:
            port_file = os.path.join(tmp, "port")
            server = ServerProcess("--port", "0", "--port-file", port_file, "--demo")
            try:
                info = server.info
                for key in ("endpoint", "region", "user_pool_id", "public_client_id", "secret_client_id",
                            "client_secret", "rotation_client_id", "jwks_uri", "issuer", "control_endpoint"):
                    self.assertIn(key, info)
                self.assertEqual(info["region"], "us-east-1")
                self.assertEqual(info["user_pool_id"], "us-east-1_EmuDemo01")
                self.assertTrue(info["endpoint"].startswith("http://127.0.0.1:"))
                with open(port_file, encoding="utf-8") as fh:
                    self.assertEqual(int(fh.read()), info["port"])
                status, body = post(info["endpoint"], "InitiateAuth", {
                    "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": info["public_client_id"],
                    "AuthParameters": {"USERNAME": "demo-sms", "PASSWORD": "Demo#Passw0rd1"}})
                self.assertEqual((status, body["ChallengeName"]), (200, "SMS_MFA"))
                with urllib.request.urlopen(info["jwks_uri"], timeout=10) as resp:
                    self.assertEqual(len(json.loads(resp.read())["keys"]), 2)
            finally:
                code, stderr = server.stop()
            self.assertEqual(code, 0)
            self.assertRegex(stderr, r"SMS to \+\*{7}0101: \d{6}")

    def test_custom_config_and_sigint(self):
        config = {"pools": [{"id": "eu-west-1_CliTest1", "clients": [{"name": "web"}],
                             "users": [{"username": "u", "password": "Passw0rd!x"}]}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(config, fh)
        try:
            server = ServerProcess("--config", fh.name)
            self.assertEqual((server.info["user_pool_id"], server.info["region"]), ("eu-west-1_CliTest1", "eu-west-1"))
            self.assertNotIn("secret_client_id", server.info)
            server.proc.send_signal(signal.SIGINT)
            self.assertEqual(server.proc.wait(timeout=10), 0)
            server.stop()
        finally:
            os.unlink(fh.name)

    def test_refuses_other_bind_addresses_and_bad_config(self):
        for host in ("0.0.0.0", "::", "localhost", "192.168.1.1"):
            result = subprocess.run([sys.executable, SERVER, "--host", host], capture_output=True, text=True,
                                    timeout=30)
            self.assertEqual(result.returncode, 2, host)
            self.assertIn("refusing to bind", result.stderr)
            self.assertEqual(result.stdout, "")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"pools": [{"mfa": "SOMETIMES"}]}, fh)
        try:
            result = subprocess.run([sys.executable, SERVER, "--config", fh.name], capture_output=True, text=True,
                                    timeout=30)
            self.assertEqual(result.returncode, 2)
            self.assertIn("mfa must be one of", result.stderr)
        finally:
            os.unlink(fh.name)


class FixtureTest(unittest.TestCase):
    def test_start_and_stop(self):
        with tempfile.TemporaryDirectory() as state:
            started = subprocess.run([sys.executable, FIXTURE, "start", "--state-dir", state], capture_output=True,
                                     text=True, timeout=60)
            self.assertEqual(started.returncode, 0, started.stderr)
            with open(os.path.join(state, "emulator.json"), encoding="utf-8") as fh:
                info = json.load(fh)
            with open(os.path.join(state, "emulator.pid"), encoding="ascii") as fh:
                pid = int(fh.read())
            try:
                status, body = post(info["endpoint"], "InitiateAuth", {
                    "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": info["public_client_id"],
                    "AuthParameters": {"USERNAME": "demo", "PASSWORD": "Demo#Passw0rd1"}})
                self.assertEqual(status, 200, body)
                self.assertIn("AuthenticationResult", body)
            finally:
                stopped = subprocess.run([sys.executable, FIXTURE, "stop", "--state-dir", state],
                                         capture_output=True, text=True, timeout=60)
            self.assertEqual(stopped.returncode, 0, stopped.stderr)
            self.assertFalse(os.path.exists(os.path.join(state, "emulator.pid")))
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                        if fh.read().split(") ", 1)[1][0] == "Z":
                            break
                except OSError:
                    break
                time.sleep(0.05)
            else:
                self.fail("emulator still running after fixture stop")
            # stopping twice is harmless
            again = subprocess.run([sys.executable, FIXTURE, "stop", "--state-dir", state], capture_output=True,
                                   text=True, timeout=60)
            self.assertEqual(again.returncode, 0)


if __name__ == "__main__":
    unittest.main()
