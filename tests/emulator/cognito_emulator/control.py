"""Control API under /_emulator/ (JSON over HTTP) for tests and demos.

Documented in tests/emulator/README.md.  Errors use the Cognito error shape
({"__type", "message"}) with 400 (bad request) or 404 (unknown pool/user/...).
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from typing import Callable

from . import srp_server, totp
from .webauthn import VirtualAuthenticator
from .errors import CognitoError
from .model import MFA_CONFIG_DEFAULTS, MFA_TYPES, USER_STATUSES, ConfigError, Pool, User
from .responses import Response, error_response, json_response

_ROUTES: list[tuple[str, re.Pattern, Callable]] = []


def route(method: str, pattern: str):
    def register(fn):
        _ROUTES.append((method, re.compile(f"/_emulator{pattern}/?\\Z"), fn))
        return fn
    return register


class NotFound(CognitoError):
    def __init__(self, message: str):
        super().__init__("ResourceNotFoundException", message, status=404)


def handle(app, method: str, path: str, query: str, raw: bytes) -> Response:
    try:
        body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        if not isinstance(body, dict):
            raise ValueError("body must be a JSON object")
    except ValueError as exc:
        return error_response(CognitoError("SerializationException", str(exc)))
    params = {k: v[-1] for k, v in urllib.parse.parse_qs(query).items()}
    path_matched = False
    for verb, pattern, fn in _ROUTES:
        match = pattern.match(path)
        if not match:
            continue
        path_matched = True
        if verb != method and not (verb == "PATCH" and method == "POST"):
            continue
        args = [urllib.parse.unquote(g) for g in match.groups()]
        try:
            with app.state.lock:
                status, payload = fn(app, *args, body=body, query=params)
        except CognitoError as err:
            return error_response(err)
        except (KeyError, TypeError, ValueError) as exc:
            return error_response(CognitoError("InvalidParameterException", f"bad request: {exc}"))
        return json_response(status, payload)
    if path_matched:
        return json_response(405, {"message": f"{method} not allowed on {path}"})
    return json_response(404, {"message": f"unknown control endpoint {path}"})


# -- lookups ----------------------------------------------------------------------------

def _pool(app, pool_id: str) -> Pool:
    pool = app.state.pool(pool_id)
    if pool is None:
        raise NotFound(f"User pool {pool_id} does not exist.")
    return pool


def _user(pool: Pool, username: str) -> User:
    user = pool.find_user(username) or pool.find_user_for_sign_in(username)
    if user is None:
        raise NotFound(f"User {username} does not exist.")
    return user


# -- server-wide -------------------------------------------------------------------------

@route("GET", "/health")
def health(app, body, query):
    return 200, {"status": "ok"}


@route("GET", "/info")
def info(app, body, query):
    return 200, app.startup_info


@route("GET", "/stats")
def stats(app, body, query):
    return 200, app.stats.describe()


@route("POST", "/stats/reset")
def stats_reset(app, body, query):
    app.stats.reset()
    return 200, app.stats.describe()


@route("POST", "/reset")
def reset_all(app, body, query):
    """Back to the start-up state: pools from the configuration, no faults, clock reset, outbox empty."""
    app.state.reset()
    app.faults.clear()
    return 200, {"pools": sorted(app.state.pools)}


@route("GET", "/clock")
def clock_get(app, body, query):
    return 200, app.state.clock.describe()


@route("POST", "/clock")
def clock_set(app, body, query):
    app.state.clock.configure(body)
    return 200, app.state.clock.describe()


@route("DELETE", "/clock")
def clock_reset(app, body, query):
    app.state.clock.configure({"reset": True})
    return 200, app.state.clock.describe()


@route("GET", "/outbox")
def outbox_get(app, body, query):
    return 200, app.state.outbox.query(query)


@route("DELETE", "/outbox")
def outbox_clear(app, body, query):
    return 200, {"deleted": app.state.outbox.clear(query)}


@route("POST", "/outbox/clear")
def outbox_clear_post(app, body, query):
    return 200, {"deleted": app.state.outbox.clear(body or query)}


@route("GET", "/faults")
def faults_get(app, body, query):
    return 200, app.faults.describe()


@route("POST", "/faults")
def faults_add(app, body, query):
    specs = body.get("faults", [body])
    return 200, {"added": [app.faults.add(spec).id for spec in specs]}


@route("DELETE", "/faults")
def faults_clear(app, body, query):
    app.faults.clear()
    return 200, {"faults": []}


@route("DELETE", r"/faults/(\d+)")
def faults_remove(app, rule_id, body, query):
    if not app.faults.remove(int(rule_id)):
        raise NotFound(f"fault {rule_id} does not exist")
    return 200, {"removed": int(rule_id)}


# -- virtual WebAuthn authenticator -------------------------------------------------------------

def _authenticator(app) -> VirtualAuthenticator:
    """One authenticator per server; it keeps its private keys across resets."""
    if getattr(app, "web_authn_authenticator", None) is None:
        app.web_authn_authenticator = VirtualAuthenticator()
    return app.web_authn_authenticator


@route("POST", "/webauthn/create")
def webauthn_create(app, body, query):
    return 200, _authenticator(app).create(body)


@route("POST", "/webauthn/get")
def webauthn_get(app, body, query):
    try:
        return 200, _authenticator(app).get(body)
    except KeyError as exc:
        raise NotFound(exc.args[0]) from None


# -- pools -------------------------------------------------------------------------------------

def _pool_view(app, pool: Pool) -> dict:
    issuer = app.state.issuer(pool)
    return pool.describe() | {"issuer": issuer, "jwks_uri": f"{issuer}/.well-known/jwks.json"}


@route("GET", "/pools")
def pools_list(app, body, query):
    return 200, [_pool_view(app, p) for p in app.state.pools.values()]


@route("POST", "/pools")
def pools_create(app, body, query):
    return 201, _pool_view(app, app.state.add_pool(body))


@route("GET", r"/pools/([^/]+)")
def pool_get(app, pool_id, body, query):
    return 200, _pool_view(app, _pool(app, pool_id))


@route("PATCH", r"/pools/([^/]+)")
def pool_update(app, pool_id, body, query):
    pool = _pool(app, pool_id)
    pool.update_settings(body)
    return 200, _pool_view(app, pool)


@route("DELETE", r"/pools/([^/]+)")
def pool_delete(app, pool_id, body, query):
    app.state.remove_pool(_pool(app, pool_id))
    return 200, {"deleted": pool_id}


@route("POST", r"/pools/([^/]+)/reset")
def pool_reset(app, pool_id, body, query):
    return 200, _pool_view(app, app.state.reset_pool(_pool(app, pool_id)))


@route("GET", r"/pools/([^/]+)/clock")
def pool_clock_get(app, pool_id, body, query):
    return 200, _pool(app, pool_id).clock.describe()


@route("POST", r"/pools/([^/]+)/clock")
def pool_clock_set(app, pool_id, body, query):
    clock = _pool(app, pool_id).clock
    clock.configure(body)
    return 200, clock.describe()


@route("DELETE", r"/pools/([^/]+)/clock")
def pool_clock_reset(app, pool_id, body, query):
    clock = _pool(app, pool_id).clock
    clock.configure({"reset": True})
    return 200, clock.describe()


@route("POST", r"/pools/([^/]+)/srp-pins")
def pool_srp_pins(app, pool_id, body, query):
    """Pin b (hex) and/or the SECRET_BLOCK (base64) of every following SRP challenge."""
    pool = _pool(app, pool_id)
    unknown = set(body) - {"b_hex", "secret_block_b64"}
    if unknown:
        raise ConfigError(f"unknown srp-pins setting(s): {sorted(unknown)}")
    if "b_hex" in body:
        pool.srp_pins["b"] = srp_server.parse_hex(body["b_hex"])
    if "secret_block_b64" in body:
        pool.srp_pins["secret_block"] = base64.b64decode(body["secret_block_b64"], validate=True)
    return 200, {"pinned": sorted(pool.srp_pins)}


@route("DELETE", r"/pools/([^/]+)/srp-pins")
def pool_srp_unpin(app, pool_id, body, query):
    _pool(app, pool_id).srp_pins.clear()
    return 200, {"pinned": []}


# -- clients ---------------------------------------------------------------------------------

@route("GET", r"/pools/([^/]+)/clients")
def clients_list(app, pool_id, body, query):
    return 200, [c.describe() for c in _pool(app, pool_id).clients.values()]


@route("POST", r"/pools/([^/]+)/clients")
def clients_create(app, pool_id, body, query):
    return 201, app.state.add_client(_pool(app, pool_id), body).describe()


@route("DELETE", r"/pools/([^/]+)/clients/([^/]+)")
def client_delete(app, pool_id, client_id, body, query):
    pool = _pool(app, pool_id)
    if client_id not in pool.clients:
        raise NotFound(f"User pool client {client_id} does not exist.")
    app.state.remove_client(pool, client_id)
    return 200, {"deleted": client_id}


# -- users -------------------------------------------------------------------------------------

@route("GET", r"/pools/([^/]+)/users")
def users_list(app, pool_id, body, query):
    return 200, [u.describe() for u in _pool(app, pool_id).users.values()]


@route("POST", r"/pools/([^/]+)/users")
def users_create(app, pool_id, body, query):
    return 201, _pool(app, pool_id).add_user(body).describe()


@route("GET", r"/pools/([^/]+)/users/([^/]+)")
def user_get(app, pool_id, username, body, query):
    return 200, _user(_pool(app, pool_id), username).describe()


@route("DELETE", r"/pools/([^/]+)/users/([^/]+)")
def user_delete(app, pool_id, username, body, query):
    pool = _pool(app, pool_id)
    pool.remove_user(_user(pool, username))
    return 200, {"deleted": username}


@route("PATCH", r"/pools/([^/]+)/users/([^/]+)")
def user_update(app, pool_id, username, body, query):
    pool = _pool(app, pool_id)
    user = _user(pool, username)
    update_user(pool, user, body)
    return 200, user.describe()


@route("POST", r"/pools/([^/]+)/users/([^/]+)/devices")
def user_add_device(app, pool_id, username, body, query):
    pool = _pool(app, pool_id)
    device = pool.add_device(_user(pool, username), body)
    return 201, device.describe() | {"DeviceGroupKey": device.group_key}


@route("GET", r"/pools/([^/]+)/users/([^/]+)/totp-code")
def user_totp_code(app, pool_id, username, body, query):
    """Current TOTP code of the user's verified (or pending) software token, for demos/scripts."""
    pool = _pool(app, pool_id)
    user = _user(pool, username)
    secret = user.totp_secret or user.totp_pending_secret
    if not secret:
        raise NotFound(f"User {username} has no software token.")
    step = int(pool.now() // totp.STEP_SECONDS) + int(query.get("offset_steps", 0))
    return 200, {"code": totp.code_at(secret, step), "secret": secret, "step": step}


_USER_UPDATE_KEYS = {"password", "temporary_password", "status", "enabled", "attributes", "mfa", "totp_secret",
                     "clear_lockout"}


def update_user(pool: Pool, user: User, body: dict) -> None:
    """Apply a control-API change to a user (see README 'Users')."""
    unknown = set(body) - _USER_UPDATE_KEYS
    if unknown:
        raise ConfigError(f"unknown user setting(s): {sorted(unknown)}")
    if "temporary_password" in body:
        user.set_password(pool, body["temporary_password"], temporary=True)
    if "password" in body:
        user.set_password(pool, body["password"])
        if user.status == "FORCE_CHANGE_PASSWORD":
            user.status = "CONFIRMED"
    if "status" in body:
        if body["status"] not in USER_STATUSES:
            raise ConfigError(f"status must be one of {USER_STATUSES}")
        user.status = body["status"]
    if "enabled" in body:
        user.enabled = bool(body["enabled"])
    for name, value in (body.get("attributes") or {}).items():
        if value is None:
            user.attributes.pop(name, None)
        else:
            user.attributes[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    if "mfa" in body:
        mfa = body["mfa"] or {}
        unknown = set(mfa) - set(MFA_CONFIG_DEFAULTS)
        if unknown:
            raise ConfigError(f"unknown mfa setting(s): {sorted(unknown)}")
        user.sms_mfa = bool(mfa.get("sms", user.sms_mfa))
        user.totp_mfa = bool(mfa.get("totp", user.totp_mfa))
        user.email_mfa = bool(mfa.get("email", user.email_mfa))
        if "preferred" in mfa:
            if mfa["preferred"] not in (None,) + MFA_TYPES:
                raise ConfigError(f"mfa.preferred must be one of {MFA_TYPES}")
            user.preferred_mfa = mfa["preferred"]
    if "totp_secret" in body:
        if body["totp_secret"] is not None and not totp.is_valid_secret(body["totp_secret"]):
            raise ConfigError("totp_secret must be base32")
        user.totp_secret = body["totp_secret"]
    if user.totp_mfa and not user.totp_secret:
        user.totp_secret = totp.new_secret()
    if body.get("clear_lockout"):
        user.failed_sign_ins, user.locked_until = 0, 0.0
    user.modified = pool.now()
