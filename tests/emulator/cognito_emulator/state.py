"""The emulator's whole mutable state: pools, the message outbox, clocks, keys."""

from __future__ import annotations

import copy
import secrets
import sys
import threading
from typing import Callable, Optional

from . import ids
from .clock import Clock
from .errors import CognitoError
from .jwt_tokens import KeySet
from .model import AppClient, Pool


class Outbox:
    """Every code the emulator "sends" (SMS / EMAIL), readable by tests and demos."""

    def __init__(self):
        self.messages: list[dict] = []
        self._next_id = 1
        self.listeners: list[Callable[[dict], None]] = []

    def deliver(self, *, pool: Pool, username: str, medium: str, destination: str, code: str,
                purpose: str) -> dict:
        message = {"id": self._next_id, "time": pool.now(), "pool_id": pool.id, "username": username,
                   "medium": medium, "to": destination, "code": code, "purpose": purpose}
        self._next_id += 1
        self.messages.append(message)
        for listener in self.listeners:
            listener(message)
        return message

    def query(self, filters: dict) -> list[dict]:
        keys = ("pool_id", "username", "medium", "purpose", "to")
        return [m for m in self.messages
                if all(filters.get(k) in (None, str(m[k])) for k in keys)]

    def clear(self, filters: Optional[dict] = None) -> int:
        doomed = self.query(filters or {})
        doomed_ids = {m["id"] for m in doomed}
        self.messages = [m for m in self.messages if m["id"] not in doomed_ids]
        return len(doomed)


def print_message(message: dict) -> None:
    """--demo: 'SMS to +*******5678: 123456' on stderr."""
    masked = ids.mask_destination(message["medium"], message["to"])
    print(f"{message['medium']} to {masked}: {message['code']} "
          f"({message['purpose']} for {message['username']})", file=sys.stderr, flush=True)


class EmulatorState:
    def __init__(self, pool_configs: list[dict], *, issuer_base: str = "http://127.0.0.1"):
        self.lock = threading.RLock()
        self.clock = Clock()
        self.keys = KeySet()
        self.server_secret = secrets.token_bytes(32)  # fake identities, SECRET_BLOCK binding
        self.issuer_base = issuer_base
        self.outbox = Outbox()
        self.initial_configs = copy.deepcopy(pool_configs)
        self.pools: dict[str, Pool] = {}
        self._client_index: dict[str, str] = {}
        self.load(pool_configs)

    # -- pools ----------------------------------------------------------------------
    def load(self, pool_configs: list[dict]) -> None:
        for cfg in pool_configs:
            self.add_pool(cfg)

    def reset(self) -> None:
        """Back to the start-up configuration (same pool/client ids if they were fixed)."""
        self.pools.clear()
        self._client_index.clear()
        self.outbox.clear()
        self.clock.configure({"reset": True})
        self.load(copy.deepcopy(self.initial_configs))

    def add_pool(self, config: dict) -> Pool:
        if config.get("id") in self.pools:
            raise CognitoError("ResourceExistsException", f"User pool {config['id']} already exists.")
        pool = Pool(config, self.clock)
        for client_id in pool.clients:
            self._check_client_id_free(client_id)
        self.pools[pool.id] = pool
        for client_id in pool.clients:
            self._client_index[client_id] = pool.id
        return pool

    def remove_pool(self, pool: Pool) -> None:
        self.pools.pop(pool.id, None)
        for client_id in pool.clients:
            self._client_index.pop(client_id, None)

    def reset_pool(self, pool: Pool) -> Pool:
        """Recreate a pool from the configuration it was created with."""
        self.remove_pool(pool)
        return self.add_pool(copy.deepcopy(pool.config))

    def add_client(self, pool: Pool, config: dict) -> AppClient:
        if config.get("id"):
            self._check_client_id_free(config["id"])
        client = pool.add_client(config)
        self._client_index[client.client_id] = pool.id
        return client

    def remove_client(self, pool: Pool, client_id: str) -> None:
        pool.clients.pop(client_id, None)
        self._client_index.pop(client_id, None)

    def _check_client_id_free(self, client_id: str) -> None:
        if client_id in self._client_index:
            raise CognitoError("ResourceExistsException", f"App client {client_id} already exists.")

    # -- lookups used by operations ---------------------------------------------------
    def pool(self, pool_id: str) -> Optional[Pool]:
        return self.pools.get(pool_id)

    def client(self, client_id: str) -> tuple[Pool, AppClient]:
        pool = self.pools.get(self._client_index.get(client_id, ""))
        if pool is None or client_id not in pool.clients:
            raise CognitoError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
        return pool, pool.clients[client_id]

    def issuer(self, pool: Pool) -> str:
        return f"{self.issuer_base}/{pool.id}"

    def pool_for_issuer(self, issuer: str) -> Optional[Pool]:
        prefix = self.issuer_base + "/"
        if not isinstance(issuer, str) or not issuer.startswith(prefix):
            return None
        return self.pools.get(issuer[len(prefix):])
