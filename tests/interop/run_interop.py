#!/usr/bin/env python3
"""Runner of the amazon-cognito-identity-js interop checks (tests/interop/CMakeLists.txt).

    run_interop.py install --js-dir DIR
        npm-installs amazon-cognito-identity-js@6.3.21 (pinned exactly in DIR/package.json) into
        DIR, a folder of the BUILD tree; reused when that version is already there.
    run_interop.py check --js-dir DIR --state-dir S NAME [NAME ...]
        runs cognito_js_interop.js --check NAME ... against the emulator whose fixture.py state
        is in S (emulator.json + emulator.pid).
    run_interop.py list --js-dir DIR NAME [NAME ...]
        fails unless the checks cognito_js_interop.js defines are exactly NAME... (the ctest list).
    run_interop.py all --js-dir DIR
        install, start an emulator of its own (server.py --port 0), run every check, stop it.

Exit status 77 (ctest: skipped) with a message on stderr when node or npm is missing, the npm
install fails (no network), or the emulator is not running; 0 passed; 1 failed.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "cognito_js_interop.js")
SERVER = os.path.join(os.path.dirname(HERE), "emulator", "server.py")
PACKAGE = "amazon-cognito-identity-js"
VERSION = "6.3.21"
SKIPPED = 77
CHECK_TIMEOUT = 90  # seconds for one node run (the whole suite takes ~10 s)


def skip(message: str) -> int:
    print(f"SKIP: {message}", file=sys.stderr, flush=True)
    return SKIPPED


def installed_version(js_dir: str) -> str | None:
    try:
        with open(os.path.join(js_dir, "node_modules", PACKAGE, "package.json"), encoding="utf-8") as fh:
            return json.load(fh).get("version")
    except (OSError, ValueError):
        return None


def missing_tools(*tools: str) -> str | None:
    absent = [t for t in tools if not shutil.which(t)]
    return f"{' and '.join(absent)} not found on PATH" if absent else None


@contextlib.contextmanager
def locked(js_dir: str):
    """One npm install at a time (ctest -j)."""
    os.makedirs(js_dir, exist_ok=True)
    with open(os.path.join(js_dir, ".install.lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def install(js_dir: str) -> int:
    why = missing_tools("node", "npm")
    if why:
        return skip(f"{why}: cannot run the {PACKAGE} interop tests")
    with locked(js_dir):
        if installed_version(js_dir) == VERSION:
            print(f"{PACKAGE}@{VERSION} already installed in {js_dir}")
            return 0
        manifest = {"name": "libcognito-interop-js", "private": True, "description":
                    "scratch install for tests/interop (build tree only)",
                    "dependencies": {PACKAGE: VERSION}}
        with open(os.path.join(js_dir, "package.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2)
            fh.write("\n")
        argv = ["npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error",
                "--no-package-lock", "--save-exact"]
        print(f"npm install {PACKAGE}@{VERSION} into {js_dir}", flush=True)
        try:
            r = subprocess.run(argv, cwd=js_dir, capture_output=True, text=True, timeout=150)
        except subprocess.TimeoutExpired:
            return skip(f"npm install of {PACKAGE}@{VERSION} timed out (no network?)")
        if r.returncode != 0:
            tail = "\n".join((r.stderr or r.stdout).strip().splitlines()[-5:])
            return skip(f"npm install of {PACKAGE}@{VERSION} failed (no network?):\n{tail}")
        got = installed_version(js_dir)
        if got != VERSION:
            print(f"npm installed {PACKAGE} {got!r}, expected {VERSION}", file=sys.stderr)
            return 1
        print(f"installed {PACKAGE}@{VERSION}")
        return 0


def ready(js_dir: str) -> str | None:
    """Why the checks cannot run (-> skipped), or None."""
    why = missing_tools("node")
    if why:
        return f"{why}: cannot run the {PACKAGE} interop tests"
    got = installed_version(js_dir)
    if got != VERSION:
        return (f"{PACKAGE}@{VERSION} is not installed in {js_dir} (found {got!r}); "
                "the interop/js_install test installs it (needs npm and the npm registry)")
    return None


def run_node(js_dir: str, args: list[str]) -> int:
    env = dict(os.environ, NODE_PATH=os.path.join(js_dir, "node_modules"))
    try:
        r = subprocess.run(["node", SCRIPT, *args], env=env, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"FAIL: node did not finish within {CHECK_TIMEOUT} s", flush=True)
        return 1
    return r.returncode


def check(js_dir: str, state_dir: str, names: list[str]) -> int:
    why = ready(js_dir)
    if why:
        return skip(why)
    info_path = os.path.join(state_dir, "emulator.json")
    if not (os.path.exists(info_path) and os.path.exists(os.path.join(state_dir, "emulator.pid"))):
        return skip(f"no running emulator in {state_dir} (interop/emulator_start skipped: "
                    "is the Python 'cryptography' module missing?)")
    with open(info_path, encoding="utf-8") as fh:
        endpoint = json.load(fh)["endpoint"]
    args = ["--endpoint", endpoint]
    for name in names:
        args += ["--check", name]
    return run_node(js_dir, args)


def list_matches(js_dir: str, expected: list[str]) -> int:
    if missing_tools("node"):
        return skip("node not found on PATH")
    r = subprocess.run(["node", SCRIPT, "--list"], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        return 1
    defined = r.stdout.split()
    if sorted(defined) != sorted(expected):
        print(f"FAIL: checks in cognito_js_interop.js and in CMakeLists.txt differ: only in the script: "
              f"{sorted(set(defined) - set(expected))}; only in CMakeLists.txt: {sorted(set(expected) - set(defined))}")
        return 1
    print(f"{len(defined)} checks, all registered with ctest")
    return 0


def run_all(js_dir: str) -> int:
    rc = install(js_dir)
    if rc != 0:
        return rc
    proc = subprocess.Popen([sys.executable, SERVER, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        if not line:
            return skip("the emulator did not start") if proc.wait() == 3 else 1
        return run_node(js_dir, ["--endpoint", json.loads(line)["endpoint"]])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("install", "check", "list", "all"))
    ap.add_argument("names", nargs="*")
    ap.add_argument("--js-dir", required=True, help="npm folder in the build tree")
    ap.add_argument("--state-dir", help="fixture.py state directory of the emulator (check)")
    args = ap.parse_intermixed_args()
    js_dir = os.path.abspath(args.js_dir)
    if args.action == "install":
        return install(js_dir)
    if args.action == "check":
        if not args.state_dir or not args.names:
            ap.error("check needs --state-dir and at least one check name")
        return check(js_dir, os.path.abspath(args.state_dir), args.names)
    if args.action == "list":
        return list_matches(js_dir, args.names)
    return run_all(js_dir)


if __name__ == "__main__":
    sys.exit(main())
