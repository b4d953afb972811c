#!/usr/bin/env python3
"""Local Amazon Cognito User Pools emulator (SigV4-free API) for libcognito's tests and demos.

    python3 tests/emulator/server.py [--config pools.json] [--port 0] [--port-file F] [--demo]

Prints ONE JSON line on stdout once it listens (endpoint, pool id, client ids,
client secret, ...), serves until SIGTERM/SIGINT.  See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
DEMO_CONFIG = os.path.join(HERE, "demo_config.json")


def load_pools(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        config = json.load(fh)
    if isinstance(config, dict) and "pools" in config:
        return config["pools"]
    if isinstance(config, list):
        return config
    return [config]  # a single pool object


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", help="JSON file with pools/clients/users (default: the demo pool)")
    parser.add_argument("--host", default="127.0.0.1", help="bind address; only 127.0.0.1 is accepted")
    parser.add_argument("--port", type=int, default=0, help="TCP port (0 = any free port)")
    parser.add_argument("--port-file", help="write the chosen port to this file")
    parser.add_argument("--demo", action="store_true", help="print delivered codes to stderr")
    parser.add_argument("--verbose", action="store_true", help="log every HTTP request to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.host != "127.0.0.1":
        print(f"error: refusing to bind to {args.host!r}; the emulator only listens on 127.0.0.1",
              file=sys.stderr)
        return 2
    try:
        from cognito_emulator.http_server import Emulator
    except ImportError as exc:  # the 'cryptography' module is needed for RS256
        print(f"error: cannot start the emulator: {exc}", file=sys.stderr)
        return 3
    try:
        pools = load_pools(args.config or DEMO_CONFIG)
        emulator = Emulator(pools, port=args.port, demo=args.demo, verbose=args.verbose)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # configuration errors carry a readable message
        print(f"error: invalid configuration: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    emulator.start()
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(f"{emulator.port}\n")
        os.replace(tmp, args.port_file)
    sys.stdout.write(json.dumps(emulator.describe()) + "\n")
    sys.stdout.flush()
    if args.demo:
        print(f"Cognito emulator listening on {emulator.endpoint} (pool {emulator.describe().get('user_pool_id')})",
              file=sys.stderr, flush=True)
    while not stop.wait(0.5):
        pass
    emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
