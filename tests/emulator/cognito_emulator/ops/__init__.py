"""Operation registry: ``@operation(name, schema)`` registers a handler.

Handlers receive a :class:`Call` and the validated JSON body and return the
response body (a dict) or raise :class:`~cognito_emulator.errors.CognitoError`.
They run under the state lock.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from ..state import EmulatorState
from ..validation import Struct


@dataclass
class Call:
    state: EmulatorState
    request_id: str
    remote_ip: str = "127.0.0.1"


@dataclass(frozen=True)
class Operation:
    name: str
    schema: Struct
    handler: Callable[[Call, dict], dict]


OPERATIONS: dict[str, Operation] = {}

_MODULES = ("signup", "auth", "refresh", "user", "mfa", "devices", "webauthn", "unsupported")


def operation(name: str, schema: Struct):
    def register(handler):
        OPERATIONS[name] = Operation(name, schema, handler)
        return handler
    return register


def load_all() -> dict[str, Operation]:
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return OPERATIONS
