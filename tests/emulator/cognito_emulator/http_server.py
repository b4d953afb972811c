"""HTTP/1.1 keep-alive server (127.0.0.1 only) and the in-process ``Emulator`` wrapper."""

from __future__ import annotations

import os
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from .app import EmulatorApp
from .responses import Response
from .state import EmulatorState

LOOPBACK = "127.0.0.1"
MAX_REQUEST_BYTES = 16 * 1024 * 1024


class BindAddressError(ValueError):
    pass


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, app: EmulatorApp, host: str = LOOPBACK, port: int = 0):
        if host != LOOPBACK:
            raise BindAddressError(f"refusing to bind to {host!r}: the emulator only listens on {LOOPBACK}")
        self.app = app
        super().__init__((host, port), RequestHandler)

    def get_request(self):
        conn, addr = super().get_request()
        self.app.stats.connection()
        return conn, addr

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away (retry tests do that on purpose)
        super().handle_error(request, client_address)


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CognitoEmulator/1.0"
    timeout = 120  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # TCP_NODELAY: no 40 ms delayed-ACK stalls between writes
    server: EmulatorHTTPServer

    def do_POST(self):
        self._serve()

    do_GET = do_DELETE = do_PUT = do_PATCH = do_POST

    def log_message(self, fmt, *args):
        if self.server.app.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    # -- request -----------------------------------------------------------------------
    def _read_body(self) -> Optional[bytes]:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks, total = [], 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_REQUEST_BYTES:
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            return None
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except ValueError:
            self.send_error(400, "Bad request framing")
            return
        if body is None:
            self.send_error(413, "Request body too large")
            return
        response = self.server.app.handle(self.command, self.path, self.headers, body, self.client_address[0])
        if response.mode == "hang":
            self._hang(response.hang_seconds)
        else:
            self._write(response)

    # -- response ----------------------------------------------------------------------
    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.mode == "close_mid":
            self.end_headers()
            self.wfile.write(response.body[:len(response.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        # Headers and body in one write: BaseHTTPRequestHandler collects the header lines in
        # _headers_buffer; end_headers() would be append(CRLF) + flush_headers().
        self._headers_buffer.append(b"\r\n")
        self._headers_buffer.append(response.body)
        self.flush_headers()

    def _hang(self, max_seconds: float) -> None:
        """Never answer: wait until the client disconnects, the cap passes or the server stops."""
        deadline = time.monotonic() + max_seconds
        stopping = self.server.app.stopping
        while time.monotonic() < deadline and not stopping.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        break  # peer closed
                except OSError:
                    break
                time.sleep(0.05)  # pipelined data: keep not answering
        self.close_connection = True


class Emulator:
    """An emulator instance serving on 127.0.0.1 in a background thread."""

    def __init__(self, pool_configs: list[dict], *, host: str = LOOPBACK, port: int = 0,
                 demo: bool = False, verbose: bool = False):
        self.state = EmulatorState(pool_configs)
        self.app = EmulatorApp(self.state, demo=demo, verbose=verbose)
        self.httpd = EmulatorHTTPServer(self.app, host, port)
        self.port = self.httpd.server_address[1]
        self.endpoint = f"http://{LOOPBACK}:{self.port}/"
        self.state.issuer_base = f"http://{LOOPBACK}:{self.port}"
        self.app.startup_info = self.describe()
        self._thread: Optional[threading.Thread] = None

    def start(self) -> "Emulator":
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="cognito-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.app.stopping.set()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=10)
        self.httpd.server_close()

    def __enter__(self) -> "Emulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def describe(self) -> dict:
        """The start-up JSON line: endpoint, first pool, its client ids and secret, demo users."""
        info: dict = {"endpoint": self.endpoint, "port": self.port, "pid": os.getpid(),
                      "control_endpoint": f"{self.endpoint}_emulator/"}
        pools = list(self.state.pools.values())
        if pools:
            info.update(_pool_summary(self.state, pools[0]))
        info["pools"] = [_pool_summary(self.state, p) for p in pools]
        return info


def _pool_summary(state: EmulatorState, pool) -> dict:
    clients = list(pool.clients.values())
    by_name = {c.name: c for c in clients}
    public = by_name.get("public") or next((c for c in clients if c.secret is None), None)
    confidential = by_name.get("secret") or next((c for c in clients if c.secret is not None), None)
    rotation = by_name.get("rotation") or next((c for c in clients if c.rotation_enabled), None)
    issuer = state.issuer(pool)
    summary = {"region": pool.region, "user_pool_id": pool.id, "issuer": issuer,
               "jwks_uri": f"{issuer}/.well-known/jwks.json"}
    if public:
        summary["public_client_id"] = public.client_id
    if confidential:
        summary["secret_client_id"] = confidential.client_id
        summary["client_secret"] = confidential.secret
    if rotation:
        summary["rotation_client_id"] = rotation.client_id
    summary["clients"] = {c.name: {"client_id": c.client_id, "client_secret": c.secret} for c in clients}
    summary["users"] = [{k: u[k] for k in ("username", "password", "temporary_password", "description")
                         if u.get(k) is not None} for u in pool.config.get("users", [])]
    return summary
