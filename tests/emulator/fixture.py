#!/usr/bin/env python3
"""Start/stop the emulator in the background for ctest fixtures and scripts.

    fixture.py start --state-dir DIR [--config F] [--timeout S]
    fixture.py stop  --state-dir DIR [--timeout S]

``start`` launches server.py detached on a free port, waits until it answers
GET /_emulator/health, and writes

    DIR/emulator.json   the server's start-up JSON line (endpoint, user_pool_id,
                        public_client_id, secret_client_id, client_secret, ...)
    DIR/emulator.pid    the server's process id
    DIR/emulator.log    the server's stderr (stdout goes to DIR/emulator.stdout)

``stop`` sends SIGTERM to that process and waits for it to exit (SIGKILL after
the timeout).  Exit status 0 on success, 1 on failure, 77 (= skipped) when the
emulator cannot run here (the 'cryptography' module is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "server.py")
SKIPPED = 77


def _paths(state_dir: str) -> dict:
    return {name: os.path.join(state_dir, f"emulator.{name}") for name in ("json", "pid", "log", "stdout")}


def _is_our_server(pid: int) -> bool:
    """True if pid is alive and runs server.py (never signal an unrelated, recycled pid)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmdline = fh.read().split(b"\0")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc: trust the pid file
    return any(part.endswith(b"server.py") for part in cmdline)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False


def _healthy(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(endpoint + "_emulator/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def start(state_dir: str, config: str | None, timeout: float) -> int:
    try:
        import cryptography  # noqa: F401
    except ImportError:
        print("fixture: the Python 'cryptography' module is missing; emulator skipped", file=sys.stderr)
        return SKIPPED
    os.makedirs(state_dir, exist_ok=True)
    paths = _paths(state_dir)
    if os.path.exists(paths["pid"]):
        stop(state_dir, timeout)  # a stale emulator from an earlier run
    for name in ("json", "stdout"):
        if os.path.exists(paths[name]):
            os.remove(paths[name])
    command = [sys.executable, SERVER, "--port", "0"] + (["--config", config] if config else [])
    with open(paths["stdout"], "wb") as out, open(paths["log"], "ab") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=log,
                                   close_fds=True, start_new_session=True, cwd=HERE)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            print(f"fixture: emulator exited with status {process.returncode}; see {paths['log']}", file=sys.stderr)
            return SKIPPED if process.returncode == 3 else 1
        with open(paths["stdout"], encoding="utf-8") as fh:
            line = fh.readline()
        if line.endswith("\n"):
            info = json.loads(line)
            if _healthy(info["endpoint"]):
                _write(paths["pid"], f"{process.pid}\n")
                _write(paths["json"], json.dumps(info, indent=2) + "\n")
                print(f"fixture: emulator {process.pid} listening on {info['endpoint']} "
                      f"(state in {paths['json']})")
                return 0
        time.sleep(0.05)
    print("fixture: emulator did not become ready in time", file=sys.stderr)
    process.terminate()
    return 1


def _write(path: str, text: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def stop(state_dir: str, timeout: float) -> int:
    paths = _paths(state_dir)
    try:
        with open(paths["pid"], encoding="ascii") as fh:
            pid = int(fh.read().strip())
    except (OSError, ValueError):
        print("fixture: no emulator pid file; nothing to stop")
        return 0
    if _is_our_server(pid) and _alive(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid):
            print(f"fixture: emulator {pid} ignored SIGTERM; killing it", file=sys.stderr)
            os.kill(pid, signal.SIGKILL)
    os.remove(paths["pid"])
    print(f"fixture: emulator {pid} stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="start/stop the Cognito emulator for tests")
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--config", help="pools JSON for server.py (default: the demo pool)")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    if args.action == "start":
        return start(os.path.abspath(args.state_dir), args.config and os.path.abspath(args.config), args.timeout)
    return stop(os.path.abspath(args.state_dir), args.timeout)


if __name__ == "__main__":
    sys.exit(main())
