"""Adjustable clocks so tests can expire codes, sessions and tokens without sleeping.

There is one global clock and every pool has its own adjustment on top of it,
so tests that share one emulator can move time for their own pool only.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Optional


class Clock:
    """``now() = pinned`` if pinned, else ``base() + offset``."""

    def __init__(self, base: Callable[[], float] = time.time):
        self._base = base
        self._lock = threading.Lock()
        self.offset = 0.0
        self.pinned: Optional[float] = None

    def now(self) -> float:
        with self._lock:
            if self.pinned is not None:
                return self.pinned
            return self._base() + self.offset

    def configure(self, body: dict) -> None:
        """Apply a control-API request.

        Keys: ``offset_seconds`` (absolute), ``advance_seconds`` (relative; also
        advances a pinned clock), ``pinned_epoch_ms`` / ``pinned_epoch_seconds``
        (``null`` unpins), ``reset`` (true -> no offset, not pinned).
        """
        with self._lock:
            if body.get("reset"):
                self.offset, self.pinned = 0.0, None
            if "offset_seconds" in body:
                self.offset = float(body["offset_seconds"])
            for key, scale in (("pinned_epoch_ms", 1000.0), ("pinned_epoch_seconds", 1.0)):
                if key in body:
                    value = body[key]
                    self.pinned = None if value is None else float(value) / scale
            if "advance_seconds" in body:
                delta = float(body["advance_seconds"])
                if self.pinned is not None:
                    self.pinned += delta
                else:
                    self.offset += delta

    def describe(self) -> dict:
        now = self.now()
        return {"now": now, "now_ms": int(now * 1000), "offset_seconds": self.offset,
                "pinned_epoch_ms": None if self.pinned is None else int(self.pinned * 1000)}
