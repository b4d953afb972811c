"""Request routing independent of the socket layer: Cognito API, JWKS, control API.

``EmulatorApp.handle`` turns (method, path, headers, body) into a
:class:`~cognito_emulator.responses.Response`; the HTTP handler in
``http_server.py`` only moves bytes (and implements the connection-level fault
behaviours).
"""

from __future__ import annotations

import json
import sys
import threading
import traceback
import uuid
from typing import Optional

from . import control, errors
from .errors import CognitoError
from .faults import FaultInjector, FaultRule
from .jwt_tokens import TokenFormatError, b64url_decode
from .ops import Call, load_all
from .responses import JSON_CONTENT_TYPE, Response, dumps, error_response, json_response
from .state import EmulatorState, print_message
from .validation import validate

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
ACCEPTED_CONTENT_TYPES = ("application/x-amz-json-1.1", "application/x-amz-json-1.0")


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.connections = 0
            self.requests = 0
            self.api_requests = 0
            self.operations: dict[str, int] = {}

    def connection(self) -> None:
        with self._lock:
            self.connections += 1

    def request(self, operation: Optional[str]) -> None:
        with self._lock:
            self.requests += 1
            if operation is not None:
                self.api_requests += 1
                self.operations[operation] = self.operations.get(operation, 0) + 1

    def describe(self) -> dict:
        with self._lock:
            return {"connections": self.connections, "requests": self.requests,
                    "api_requests": self.api_requests, "operations": dict(self.operations)}


class EmulatorApp:
    def __init__(self, state: EmulatorState, *, demo: bool = False, verbose: bool = False):
        self.state = state
        self.operations = load_all()
        self.faults = FaultInjector()
        self.stats = Stats()
        self.verbose = verbose
        self.startup_info: dict = {}
        self.stopping = threading.Event()
        if demo:
            state.outbox.listeners.append(print_message)

    # -- entry point --------------------------------------------------------------------
    def handle(self, method: str, path: str, headers, body: bytes, remote_ip: str) -> Response:
        path_only, _, query = path.partition("?")
        if path_only.startswith("/_emulator/") or path_only == "/_emulator":
            self.stats.request(None)
            return control.handle(self, method, path_only, query, body)
        if method == "GET" and path_only.endswith("/.well-known/jwks.json"):
            self.stats.request(None)
            return self._well_known(path_only, "jwks.json")
        if method == "GET" and path_only.endswith("/.well-known/openid-configuration"):
            self.stats.request(None)
            return self._well_known(path_only, "openid-configuration")
        if method == "POST" and path_only == "/":
            return self._api(headers, body, remote_ip)
        self.stats.request(None)
        return json_response(404, {"message": f"Not found: {method} {path_only}"})

    # -- well-known documents -------------------------------------------------------------
    def _well_known(self, path: str, document: str) -> Response:
        pool_id = path.strip("/").split("/")[0]
        with self.state.lock:
            pool = self.state.pool(pool_id)
            if pool is None:
                return json_response(404, {"message": f"User pool {pool_id} does not exist."})
            issuer = self.state.issuer(pool)
        if document == "jwks.json":
            return json_response(200, self.state.keys.jwks())
        return json_response(200, {
            "issuer": issuer, "jwks_uri": f"{issuer}/.well-known/jwks.json",
            "id_token_signing_alg_values_supported": ["RS256"], "response_types_supported": ["code", "token"],
            "subject_types_supported": ["public"], "scopes_supported": ["openid", "email", "phone", "profile"]})

    # -- the Cognito API ----------------------------------------------------------------------
    def _api(self, headers, raw: bytes, remote_ip: str) -> Response:
        request_id = str(uuid.uuid4())
        target = headers.get("X-Amz-Target") or ""
        op_name = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else None
        self.stats.request(op_name or "<unknown>")
        delay_ms, fault = self.faults.decide(op_name, _client_hint(raw))
        if delay_ms:
            self.stopping.wait(delay_ms / 1000.0)
        if fault is not None and (fault.kind not in ("close_mid_response", "truncated_body") or not fault.execute):
            return self._fault_response(fault, request_id)
        response = self._execute(op_name, target, headers, raw, remote_ip, request_id)
        if fault is not None:
            response = _damage(response, fault)
        return response

    def _execute(self, op_name, target, headers, raw, remote_ip, request_id) -> Response:
        operation = self.operations.get(op_name or "")
        if operation is None:
            return error_response(errors.error("UnknownOperationException",
                                               f"Unknown operation {target or '(no X-Amz-Target)'}"), request_id)
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_CONTENT_TYPES:
            return error_response(errors.error(
                "UnknownOperationException",
                f"Content-Type must be {JSON_CONTENT_TYPE} (got {content_type or 'none'})"), request_id)
        try:
            body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except (UnicodeDecodeError, ValueError) as exc:
            return error_response(errors.error("SerializationException", f"Malformed request body: {exc}"),
                                  request_id)
        if not isinstance(body, dict):
            return error_response(errors.error("SerializationException",
                                               "Request body must be a JSON object"), request_id)
        try:
            body = validate(operation.schema, body)
            with self.state.lock:
                result = operation.handler(Call(self.state, request_id, remote_ip), body)
        except CognitoError as err:
            return error_response(err, request_id)
        except Exception:  # pragma: no cover - a bug in the emulator
            traceback.print_exc(file=sys.stderr)
            return error_response(errors.internal_error(), request_id)
        return Response(200, dumps(result), JSON_CONTENT_TYPE, {"x-amzn-RequestId": request_id})

    def _fault_response(self, fault: FaultRule, request_id: str) -> Response:
        if fault.kind == "throttle":
            return error_response(errors.error("TooManyRequestsException", "Rate exceeded"), request_id)
        if fault.kind == "internal_error":
            return error_response(errors.internal_error(), request_id)
        if fault.kind == "html_error":
            title = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                     504: "Gateway Timeout"}.get(fault.status, "Error")
            page = (f"<html><head><title>{fault.status} {title}</title></head><body>"
                    f"<h1>{fault.status} {title}</h1></body></html>\n").encode("ascii")
            return Response(fault.status, page, "text/html", {})
        if fault.kind == "oversized_body":
            filler = max(0, fault.size_bytes - len('{"Padding":""}'))
            body = b'{"Padding":"' + b"x" * filler + b'"}'
            return Response(200, body, JSON_CONTENT_TYPE, {"x-amzn-RequestId": request_id})
        if fault.kind == "hang":
            return Response(0, mode="hang", hang_seconds=fault.max_seconds)
        # close_mid_response / truncated_body without executing the operation
        return _damage(error_response(errors.internal_error(), request_id), fault)


def _damage(response: Response, fault: FaultRule) -> Response:
    if fault.kind == "truncated_body":
        response.body = response.body[:max(1, len(response.body) // 2)]
    elif fault.kind == "close_mid_response":
        response.mode = "close_mid"
    return response


def _client_hint(raw: bytes) -> Optional[str]:
    """ClientId of a request (or the client_id claim of its AccessToken), for fault scoping."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict):
        return None
    if isinstance(body.get("ClientId"), str):
        return body["ClientId"]
    token = body.get("AccessToken")
    if isinstance(token, str) and token.count(".") == 2:
        try:
            claims = json.loads(b64url_decode(token.split(".")[1]))
            return claims.get("client_id") if isinstance(claims, dict) else None
        except (ValueError, TokenFormatError):
            return None
    return None

