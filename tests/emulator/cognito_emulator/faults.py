"""Fault injection for reliability tests (configured through POST /_emulator/faults).

A rule matches API requests (never the control API) by operation and/or
client id, fires on every ``every``-th match, ``count`` times (or forever), and
then removes itself.  Kinds:

==================== ==========================================================
throttle             400 TooManyRequestsException "Rate exceeded" (not executed)
internal_error       500 InternalErrorException (not executed)
delay                sleep ``delay_ms`` before answering normally (combines)
hang                 accept, never answer; close when the client goes away or
                     after ``max_seconds`` (default 30)
close_mid_response   execute, send headers and part of the body, close
truncated_body       execute, answer with a body cut in half (valid framing)
html_error           ``status`` (500 default, e.g. 502/503) with an HTML page
oversized_body       200 with a ``size_bytes`` JSON body (default 2 MiB)
==================== ==========================================================
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Optional

from .errors import CognitoError

KINDS = ("throttle", "internal_error", "delay", "hang", "close_mid_response", "truncated_body",
         "html_error", "oversized_body")


@dataclass
class FaultRule:
    id: int
    kind: str
    operation: Optional[str] = None
    client_id: Optional[str] = None
    every: int = 1
    count: Optional[int] = None
    delay_ms: int = 0
    status: int = 500
    size_bytes: int = 2 * 1024 * 1024
    max_seconds: float = 30.0
    execute: bool = True
    seen: int = 0
    fired: int = 0

    def matches(self, operation: Optional[str], client_id: Optional[str]) -> bool:
        return (self.operation in (None, "*", operation)) and (self.client_id in (None, client_id))


class FaultInjector:
    _SETTABLE = ("kind", "operation", "client_id", "every", "count", "delay_ms", "status", "size_bytes",
                 "max_seconds", "execute")

    def __init__(self):
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next_id = 1

    def add(self, spec: dict) -> FaultRule:
        unknown = set(spec) - set(self._SETTABLE)
        if unknown:
            raise CognitoError("InvalidParameterException", f"unknown fault setting(s): {sorted(unknown)}")
        if spec.get("kind") not in KINDS:
            raise CognitoError("InvalidParameterException", f"fault kind must be one of {', '.join(KINDS)}")
        if int(spec.get("every", 1)) < 1 or (spec.get("count") is not None and int(spec["count"]) < 1):
            raise CognitoError("InvalidParameterException", "every and count must be >= 1")
        if spec.get("kind") == "html_error" and not 400 <= int(spec.get("status", 500)) <= 599:
            raise CognitoError("InvalidParameterException", "html_error status must be 4xx/5xx")
        with self._lock:
            rule = FaultRule(id=self._next_id, **spec)
            self._next_id += 1
            self._rules.append(rule)
            return rule

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            before = len(self._rules)
            self._rules = [r for r in self._rules if r.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def describe(self) -> list[dict]:
        with self._lock:
            return [asdict(r) for r in self._rules]

    def decide(self, operation: Optional[str], client_id: Optional[str]) -> tuple[int, Optional[FaultRule]]:
        """For one request: (total delay in ms, the terminal fault or None)."""
        delay_ms, terminal = 0, None
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(operation, client_id):
                    continue
                if rule.kind != "delay" and terminal is not None:
                    continue
                rule.seen += 1
                if rule.seen % rule.every:
                    continue
                rule.fired += 1
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
                if rule.kind == "delay":
                    delay_ms += rule.delay_ms
                else:
                    terminal = rule
        return delay_ms, terminal
