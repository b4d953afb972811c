#!/usr/bin/env python3
"""CTest fixture: start moto_server (a third-party Cognito emulator) on a free
loopback port, create a user pool and app clients through its admin API, and
write the details to STATE_DIR/moto.json for the C++ conformance tests.

  moto_fixture.py start --state-dir DIR
  moto_fixture.py stop  --state-dir DIR

When moto or boto3 is not installed, `start` writes {"skip": "<reason>"} and
succeeds; the tests then report themselves as skipped (never as passed)."""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_state(state_dir, state):
    os.makedirs(state_dir, exist_ok=True)
    with open(os.path.join(state_dir, "moto.json"), "w") as f:
        json.dump(state, f)


def start(state_dir):
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError as e:
        write_state(state_dir, {"skip": f"moto/boto3 not installed: {e}"})
        print(f"moto fixture: skipping ({e})")
        return 0
    import boto3

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}/"
    log = open(os.path.join(state_dir, "moto.log"), "w") if os.path.isdir(state_dir) else None
    if log is None:
        os.makedirs(state_dir, exist_ok=True)
        log = open(os.path.join(state_dir, "moto.log"), "w")
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint + "moto-api/", timeout=1)
            break
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                print("moto fixture: moto_server did not start", file=sys.stderr)
                proc.kill()
                return 1
            time.sleep(0.2)

    idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=endpoint,
                       aws_access_key_id="test", aws_secret_access_key="test")
    pool = idp.create_user_pool(PoolName="libcognito-conformance",
                                AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    public = idp.create_user_pool_client(UserPoolId=pool, ClientName="public",
                                         ExplicitAuthFlows=flows)["UserPoolClient"]
    secret = idp.create_user_pool_client(UserPoolId=pool, ClientName="secret", GenerateSecret=True,
                                         ExplicitAuthFlows=flows)["UserPoolClient"]
    write_state(state_dir, {
        "endpoint": endpoint, "pid": proc.pid, "user_pool_id": pool,
        "client_id": public["ClientId"], "secret_client_id": secret["ClientId"],
        "client_secret": secret["ClientSecret"],
    })
    print(f"moto fixture: moto_server pid {proc.pid} at {endpoint}, pool {pool}")
    return 0


def stop(state_dir):
    path = os.path.join(state_dir, "moto.json")
    try:
        with open(path) as f:
            state = json.load(f)
    except (OSError, ValueError):
        return 0
    pid = state.get("pid")
    if pid:
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    os.remove(path)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["start", "stop"])
    ap.add_argument("--state-dir", required=True)
    a = ap.parse_args()
    return start(a.state_dir) if a.action == "start" else stop(a.state_dir)


if __name__ == "__main__":
    sys.exit(main())
