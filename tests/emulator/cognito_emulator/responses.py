"""HTTP responses in Cognito's wire format (cognito-protocol.md sections 1.3 and 1.4)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Optional

from .errors import CognitoError

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"


def dumps(payload) -> bytes:
    """JSON body as UTF-8 (non-ASCII characters are sent raw, not \\u-escaped, like Cognito)."""
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON_CONTENT_TYPE
    headers: dict = field(default_factory=dict)
    # connection-level behaviour (fault injection): "normal" | "close_mid" | "hang"
    mode: str = "normal"
    hang_seconds: float = 0.0


def json_response(status: int, payload, *, request_id: Optional[str] = None,
                  content_type: str = "application/json") -> Response:
    headers = {"x-amzn-RequestId": request_id} if request_id else {}
    return Response(status, dumps(payload), content_type, headers)


def error_response(err: CognitoError, request_id: Optional[str] = None) -> Response:
    request_id = request_id or str(uuid.uuid4())
    headers = {"x-amzn-RequestId": request_id, "x-amzn-ErrorType": f"{err.name}:"}
    if err.message.isascii() and err.message.isprintable():  # never echo control characters into headers
        headers["x-amzn-ErrorMessage"] = err.message
    body = dumps({"__type": err.name, "message": err.message})
    return Response(err.status, body, JSON_CONTENT_TYPE, headers)
