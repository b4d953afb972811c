"""The Pythonic API over libcognito_c: Config, Client, SignIn, Session and the
sans-I/O AuthMachine.

Every object owns one C handle: ``close()`` (or leaving a ``with`` block, or
garbage collection) frees it, wiping the secrets it held. Objects are
thread-safe in the sense that each serialises its own calls with a lock (the C
rule "one handle, one thread at a time" is kept for you); they may be shared
between threads.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import ipaddress
import json as _json
import logging
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from . import _ffi
from ._ffi import lib, text
from .errors import (BodyTooLargeError, CognitoError, InsecureUrlError, InvalidArgumentError,
                     error_from_code)
from .types import (CodeDelivery, Device, DeviceCredentials, DeviceList, EventKind, Flow, HttpRequest,
                    HttpResponse, LogLevel, MfaFactor, SessionFlags, SignUpResult, Step, StepKind, TokenUse, Tokens,
                    User, from_unix)

__all__ = ["Config", "Client", "SignIn", "Session", "AuthMachine", "SendRequest", "NeedAnswer", "SignedIn",
           "Failed", "Event", "UrllibTransport", "urllib_transport"]

Secret = Union[str, bytes]
Transport = Callable[[HttpRequest], HttpResponse]
LogSink = Union[Callable[[LogLevel, str], None], logging.Logger]

_OK = 0
_E_INVALID_ARG = -100
_E_INVALID_STATE = -101
_E_INSECURE_URL = -104
_E_BODY_TOO_LARGE = -206
_E_CALLBACK = -800


def _b(s: Optional[Secret]) -> Optional[bytes]:
    if s is None:
        return None
    return s if isinstance(s, bytes) else s.encode("utf-8")


def _secret(s: Optional[Secret]) -> tuple[Optional[bytes], int]:
    b = _b(s)
    return b, (len(b) if b is not None else 0)


def _check_plain(rc: int, what: str = "") -> None:
    """Raises for a status of a call that keeps no error details (builders)."""
    if rc != _OK:
        raise error_from_code(rc, what)


def _now_ms(now: Optional[float]) -> int:
    """Seconds since the epoch (float) -> ms for the C API; None = the library reads the clock."""
    return 0 if now is None else max(1, int(now * 1000))


class _Handle:
    """Owns one C handle; freed by close(), `with`, or the garbage collector."""

    _free_fn = ""

    def __init__(self, ptr: int):
        if not ptr:
            raise error_from_code(-901, "no handle")
        self._ptr: Optional[int] = ptr
        self._lock = threading.RLock()
        self._free_lock = threading.Lock()  # close() vs the lock-free Client.cancel()
        self._finalizer = weakref.finalize(self, getattr(lib, self._free_fn), ctypes.c_void_p(ptr))

    @property
    def _h(self) -> ctypes.c_void_p:
        if not self._ptr:
            raise error_from_code(_E_INVALID_STATE, f"{type(self).__name__} is closed")
        return ctypes.c_void_p(self._ptr)

    def close(self) -> None:
        """Frees the C handle (idempotent)."""
        with self._lock, self._free_lock:
            self._finalizer()
            self._ptr = None

    @property
    def closed(self) -> bool:
        return not self._ptr

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---- small owned helpers ---------------------------------------------------------------------

class _Attributes(_Handle):
    _free_fn = "cognito_attributes_free"

    def __init__(self, items: Optional[Mapping[str, str]] = None):
        out = _ffi.out_handle()
        _check_plain(lib.cognito_attributes_new(ctypes.byref(out)))
        super().__init__(out.value)
        for k, v in (items or {}).items():
            _check_plain(lib.cognito_attributes_set(self._h, _b(k), _b(v)), f"invalid attribute {k!r}")


def _read_attributes(ptr) -> dict[str, str]:
    if not ptr:
        return {}
    h = ctypes.c_void_p(ptr)
    out = {}
    for i in range(lib.cognito_attributes_count(h)):
        out[text(lib.cognito_attributes_name(h, i))] = text(lib.cognito_attributes_value(h, i))
    return out


def _read_step(ptr) -> Optional[Step]:
    if not ptr:
        return None
    h = ctypes.c_void_p(ptr)
    kind = lib.cognito_step_kind(h)
    try:
        kind = StepKind(kind)
    except ValueError:
        kind = StepKind.UNKNOWN_CHALLENGE

    def secret(fn) -> Optional[str]:
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        if fn(h, ctypes.byref(p), ctypes.byref(n)) != _OK:
            return None
        return _ffi.borrowed(p, n.value)

    prev = lib.cognito_step_previous_error(h)
    return Step(
        kind=kind,
        challenge_name=text(lib.cognito_step_challenge_name(h)) or "",
        username=text(lib.cognito_step_username(h)) or "",
        delivery_medium=text(lib.cognito_step_delivery_medium(h)),
        destination=text(lib.cognito_step_destination(h)),
        options=tuple(text(lib.cognito_step_option(h, i)) for i in range(lib.cognito_step_option_count(h))),
        required_attributes=tuple(text(lib.cognito_step_required_attribute(h, i))
                                  for i in range(lib.cognito_step_required_attribute_count(h))),
        user_attributes=_read_attributes(lib.cognito_step_user_attributes(h)),
        parameters=_read_attributes(lib.cognito_step_parameters(h)),
        totp_secret=secret(lib.cognito_step_totp_secret),
        totp_uri=secret(lib.cognito_step_totp_uri),
        web_authn_options=text(lib.cognito_step_web_authn_options(h)),
        previous_error=error_from_code(prev, text(lib.cognito_step_previous_error_message(h)) or "") if prev else None,
    )


def _read_request(ptr, operation: Optional[str] = None) -> HttpRequest:
    h = ctypes.c_void_p(ptr)
    body_p, body_n = ctypes.c_void_p(), ctypes.c_size_t()
    _check_plain(lib.cognito_http_request_body(h, ctypes.byref(body_p), ctypes.byref(body_n)))
    timeout_ms = lib.cognito_http_request_timeout_ms(h)
    return HttpRequest(
        method=text(lib.cognito_http_request_method(h)) or "POST",
        url=text(lib.cognito_http_request_url(h)) or "",
        headers=[(text(lib.cognito_http_request_header_name(h, i)), text(lib.cognito_http_request_header_value(h, i)))
                 for i in range(lib.cognito_http_request_header_count(h))],
        body=ctypes.string_at(body_p.value, body_n.value) if body_p.value else b"",
        timeout=timeout_ms / 1000.0 if timeout_ms > 0 else None,
        operation=operation,
    )


def _fill_response(rsp_ptr, response: HttpResponse) -> None:
    h = ctypes.c_void_p(rsp_ptr)
    _check_plain(lib.cognito_http_response_set_status(h, int(response.status)), "bad HTTP status")
    for k, v in response.headers:
        _check_plain(lib.cognito_http_response_add_header(h, _b(k), _b(v)), f"bad header {k!r}")
    body = bytes(response.body or b"")
    _check_plain(lib.cognito_http_response_append_body(h, body, len(body)))


def _transport_code(exc: BaseException) -> int:
    """The C transport code for an exception a Python transport raised."""
    if isinstance(exc, CognitoError):
        return exc.code if -300 < exc.code <= -200 or exc.code == _E_CALLBACK else _E_CALLBACK
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return -204
    if isinstance(exc, socket.gaierror):
        return -201
    if isinstance(exc, ConnectionRefusedError):
        return -202
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return -205
    if isinstance(exc, urllib.error.URLError):
        return _transport_code(exc.reason) if isinstance(exc.reason, BaseException) else -200
    if isinstance(exc, OSError):
        return -200
    return _E_CALLBACK


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuses every redirect: a 3xx is handed back as the answer (like
    CurlTransport, which follows none). urllib's default handler would resend
    a POST answered with 301/302/303 as a GET to wherever Location points."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 - urllib's hook
        return None


def _is_loopback(host: Optional[str]) -> bool:
    """localhost, 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104 (as CurlTransport decides)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(addr, "ipv4_mapped", None)
    return addr.is_loopback or bool(mapped and mapped.is_loopback)


class UrllibTransport:
    """A transport over urllib.request (pure Python) with CurlTransport's
    rules: only http and https; plain http:// only to a loopback host unless
    `allow_insecure_http` (InsecureUrlError, raised before any traffic); no
    redirects (a 3xx is the answer); loopback hosts never through a proxy
    (others use the environment's, as urllib does); answers larger than
    `max_response_bytes` fail with BodyTooLargeError. Pass an instance, or
    the default `urllib_transport`, as Config(transport=...) or to
    AuthMachine.run."""

    def __init__(self, *, max_response_bytes: int = 1 << 20, allow_insecure_http: bool = False):
        if not isinstance(max_response_bytes, int) or max_response_bytes <= 0:
            raise InvalidArgumentError(_E_INVALID_ARG, "max_response_bytes must be a positive int")
        self.max_response_bytes = max_response_bytes
        self.allow_insecure_http = bool(allow_insecure_http)
        self._proxied = urllib.request.build_opener(_NoRedirect)
        self._direct = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))

    def __repr__(self) -> str:
        return (f"UrllibTransport(max_response_bytes={self.max_response_bytes}, "
                f"allow_insecure_http={self.allow_insecure_http})")

    def _read(self, rsp) -> bytes:
        cap = self.max_response_bytes
        length = rsp.headers.get("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > cap:
            raise BodyTooLargeError(_E_BODY_TOO_LARGE, f"response body exceeds {cap} bytes")
        body = rsp.read(cap + 1)
        if len(body) > cap:
            raise BodyTooLargeError(_E_BODY_TOO_LARGE, f"response body exceeds {cap} bytes")
        return body

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parts = urllib.parse.urlsplit(request.url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise InvalidArgumentError(_E_INVALID_ARG, f"unsupported URL scheme {scheme!r} (only http and https)")
        loopback = _is_loopback(parts.hostname)
        if scheme == "http" and not loopback and not self.allow_insecure_http:
            raise InsecureUrlError(_E_INSECURE_URL, f"refusing plain http:// to non-loopback host {parts.hostname} "
                                   "(use https, or allow_insecure_http=True)")
        req = urllib.request.Request(request.url, data=request.body if request.method != "GET" else None,
                                     method=request.method)
        for k, v in request.headers:
            req.add_header(k, v)
        opener = self._direct if loopback else self._proxied
        try:
            with opener.open(req, timeout=request.timeout or 30.0) as rsp:
                return HttpResponse(rsp.status, list(rsp.headers.items()), self._read(rsp))
        except urllib.error.HTTPError as err:  # a non-2xx status is an answer
            with err:
                return HttpResponse(err.code, list(err.headers.items()), self._read(err))


#: The default UrllibTransport (1 MiB cap, plain http:// only to loopback).
urllib_transport = UrllibTransport()


class _Callbacks:
    """Keeps the ctypes trampolines alive and remembers a Python exception a
    callback raised so the call that invoked it can re-raise it as the cause.

    KeyboardInterrupt, SystemExit and other BaseExceptions that are not
    Exceptions (Ctrl-C arrives in whichever Python code runs next, often a
    callback) are not turned into a CallbackError or dropped: the transport
    fails the C call at once, and the call re-raises them when it returns
    (raise_interrupt())."""

    def __init__(self, transport: Optional[Transport], log: Optional[LogSink]):
        self.pending: Optional[BaseException] = None
        self.interrupt: Optional[BaseException] = None
        self.canceller: Optional[weakref.WeakMethod] = None  # the owning Client's cancel()
        self.transport_fn = None
        self.log_fn = None
        if transport is not None:
            def tramp(req_ptr, rsp_ptr, _ud):
                if self.interrupt is not None:  # Ctrl-C came meanwhile (in a log sink): no more requests
                    return _E_CALLBACK
                try:
                    _fill_response(rsp_ptr, transport(_read_request(req_ptr)))
                    return _OK
                except BaseException as exc:  # noqa: BLE001 - nothing may unwind into C
                    if not isinstance(exc, Exception):
                        self.interrupt = exc
                        return _E_CALLBACK
                    code = _transport_code(exc)
                    self.pending = exc
                    return code
            self.transport_fn = _ffi.TRANSPORT_FN(tramp)
        if log is not None:
            if isinstance(log, logging.Logger):
                logger = log
                levels = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG, 5: logging.DEBUG}

                def sink(level: LogLevel, message: str) -> None:
                    logger.log(levels.get(int(level), logging.DEBUG), "%s", message)
            else:
                sink = log

            def log_tramp(level, msg_ptr, length, _ud):
                try:
                    sink(LogLevel(level), ctypes.string_at(msg_ptr, length).decode("utf-8", "replace"))
                except BaseException as exc:  # noqa: BLE001 - logging never fails a call
                    if not isinstance(exc, Exception) and self.interrupt is None:
                        self.interrupt = exc  # but Ctrl-C is not lost: re-raised after the call,
                        cancel = self.canceller() if self.canceller is not None else None
                        if cancel is not None:
                            cancel()  # which ends as soon as it can (no retries, no waits)
            self.log_fn = _ffi.LOG_FN(log_tramp)

    def take_pending(self) -> Optional[BaseException]:
        exc, self.pending = self.pending, None
        return exc

    def raise_interrupt(self) -> None:
        """Re-raises a KeyboardInterrupt (or the like) a callback caught during the last C call."""
        exc, self.interrupt = self.interrupt, None
        if exc is not None:
            raise exc


# ---- configuration -----------------------------------------------------------------------------

@dataclass
class Config:
    """Settings for a Client or AuthMachine. Times are in seconds (floats)."""
    user_pool_id: str = ""
    client_id: str = ""
    client_secret: Optional[str] = field(default=None, repr=False)  # a secret: kept out of repr()
    region: Optional[str] = None
    endpoint: Optional[str] = None
    fips: bool = False
    ca_file: Optional[str] = None
    ca_path: Optional[str] = None
    proxy: Optional[str] = None
    connect_timeout: Optional[float] = None
    request_timeout: Optional[float] = None
    deadline: Optional[float] = None
    max_response_bytes: Optional[int] = None
    allow_insecure_http: bool = False
    max_attempts: Optional[int] = None
    retry_delays: Optional[tuple[float, float, float]] = None  # base, after throttling, max
    srp_ephemeral_bits: Optional[int] = None
    remember_devices: bool = True
    device_name: Optional[str] = None
    totp_issuer: Optional[str] = None
    user_agent_suffix: Optional[str] = None
    token_issuer: Optional[str] = None
    token_leeway: Optional[float] = None
    #: send HTTP with this callable instead of libcurl (see urllib_transport)
    transport: Optional[Transport] = None
    #: a logging.Logger or a callable(level, message); messages hold no secrets
    log: Optional[LogSink] = None
    log_level: LogLevel = LogLevel.INFO

    def _build(self) -> tuple["_ConfigHandle", _Callbacks]:
        cb = _Callbacks(self.transport, self.log)
        cfg = _ConfigHandle()
        try:
            s = cfg.set
            s(lib.cognito_config_set_user_pool_id, _b(self.user_pool_id or None))
            s(lib.cognito_config_set_client_id, _b(self.client_id or None))
            secret, n = _secret(self.client_secret)
            s(lib.cognito_config_set_client_secret, secret, n)
            s(lib.cognito_config_set_region, _b(self.region))
            s(lib.cognito_config_set_endpoint, _b(self.endpoint))
            s(lib.cognito_config_set_fips, int(bool(self.fips)))
            s(lib.cognito_config_set_ca_file, _b(self.ca_file))
            s(lib.cognito_config_set_ca_path, _b(self.ca_path))
            s(lib.cognito_config_set_proxy, _b(self.proxy))
            if self.connect_timeout is not None:
                s(lib.cognito_config_set_connect_timeout_ms, int(self.connect_timeout * 1000))
            if self.request_timeout is not None:
                s(lib.cognito_config_set_request_timeout_ms, int(self.request_timeout * 1000))
            if self.deadline is not None:
                s(lib.cognito_config_set_deadline_ms, int(self.deadline * 1000))
            if self.max_response_bytes is not None:
                s(lib.cognito_config_set_max_response_bytes, int(self.max_response_bytes))
            s(lib.cognito_config_set_allow_insecure_http, int(bool(self.allow_insecure_http)))
            if self.max_attempts is not None:
                s(lib.cognito_config_set_retries, int(self.max_attempts))
            if self.retry_delays is not None:
                base, throttle, most = (int(x * 1000) for x in self.retry_delays)
                s(lib.cognito_config_set_retry_delays_ms, base, throttle, most)
            if self.srp_ephemeral_bits is not None:
                s(lib.cognito_config_set_srp_ephemeral_bits, int(self.srp_ephemeral_bits))
            s(lib.cognito_config_set_remember_devices, int(bool(self.remember_devices)))
            s(lib.cognito_config_set_device_name, _b(self.device_name))
            s(lib.cognito_config_set_totp_issuer, _b(self.totp_issuer))
            s(lib.cognito_config_set_user_agent_suffix, _b(self.user_agent_suffix))
            s(lib.cognito_config_set_token_issuer, _b(self.token_issuer))
            if self.token_leeway is not None:
                s(lib.cognito_config_set_token_leeway_s, int(self.token_leeway))
            if cb.transport_fn is not None:
                s(lib.cognito_config_set_transport, cb.transport_fn, None)
            if cb.log_fn is not None:
                s(lib.cognito_config_set_log, int(self.log_level), cb.log_fn, None)
        except BaseException:
            cfg.close()
            raise
        return cfg, cb


class _ConfigHandle(_Handle):
    _free_fn = "cognito_config_free"

    def __init__(self):
        out = _ffi.out_handle()
        _check_plain(lib.cognito_config_new(ctypes.byref(out)))
        super().__init__(out.value)

    def set(self, fn, *args) -> None:
        rc = fn(self._h, *args)
        if rc != _OK:
            raise error_from_code(rc, self.errmsg())

    def errmsg(self) -> str:
        return text(lib.cognito_config_errmsg(self._h)) or ""


def _config(config: Optional[Config], kwargs: dict) -> Config:
    if config is None:
        return Config(**kwargs)
    if kwargs:
        raise TypeError("pass either a Config or keyword settings, not both")
    return config


# ---- answering steps (shared by SignIn and AuthMachine) -------------------------------------------

class _Answering:
    """answer_* methods; subclasses implement _give(answer_handle)."""

    def _give(self, answer: ctypes.c_void_p) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _answer(self, make) -> None:
        out = _ffi.out_handle()
        _check_plain(make(ctypes.byref(out)), "invalid answer")
        try:
            self._give(ctypes.c_void_p(out.value))
        finally:
            lib.cognito_answer_free(ctypes.c_void_p(out.value))

    def answer_code(self, code: Secret) -> None:
        """SMS_MFA / SOFTWARE_TOKEN_MFA / EMAIL_OTP / SMS_OTP / TOTP_SETUP codes."""
        c, n = _secret(code)
        self._answer(lambda out: lib.cognito_answer_new_code(out, c, n))

    def answer_select(self, option: str) -> None:
        """SELECT_MFA_TYPE, SELECT_CHALLENGE, MFA_SETUP: one of step.options."""
        self._answer(lambda out: lib.cognito_answer_new_select(out, _b(option)))

    def answer_new_password(self, password: Secret, attributes: Optional[Mapping[str, str]] = None) -> None:
        """NEW_PASSWORD_REQUIRED, with values for step.required_attributes."""
        p, n = _secret(password)
        with _Attributes(attributes) as attrs:
            self._answer(lambda out: lib.cognito_answer_new_password_required(out, p, n, attrs._h))

    def answer_custom(self, answer: Secret) -> None:
        """CUSTOM_CHALLENGE."""
        a, n = _secret(answer)
        self._answer(lambda out: lib.cognito_answer_new_custom(out, a, n))

    def answer_setup_totp(self, friendly_device_name: Optional[str] = None) -> None:
        """MFA_SETUP: set up an authenticator app (a TOTP_SETUP_CODE step follows)."""
        self._answer(lambda out: lib.cognito_answer_new_setup_totp(out, _b(friendly_device_name)))

    def answer_setup_email(self, email: str) -> None:
        """MFA_SETUP: set up email MFA."""
        self._answer(lambda out: lib.cognito_answer_new_setup_email(out, _b(email)))

    def answer_password(self, password: Secret, option: str = "PASSWORD_SRP") -> None:
        """PASSWORD step, or SELECT_CHALLENGE with a password challenge."""
        p, n = _secret(password)
        self._answer(lambda out: lib.cognito_answer_new_password(out, p, n, _b(option)))

    def answer_web_authn(self, credential_json: Union[str, Mapping[str, Any]]) -> None:
        """WEB_AUTHN: the authenticator's AuthenticationResponseJSON."""
        j = credential_json if isinstance(credential_json, str) else _json.dumps(credential_json)
        b = j.encode("utf-8")
        self._answer(lambda out: lib.cognito_answer_new_web_authn(out, b, len(b)))


class _SignInRequest(_Handle):
    _free_fn = "cognito_sign_in_request_free"

    def __init__(self, flow: Flow, username: Optional[str], password: Optional[Secret],
                 preferred_challenge: Optional[str], session: Optional[Secret], refresh_token: Optional[Secret],
                 device: Optional[DeviceCredentials], client_metadata: Optional[Mapping[str, str]]):
        out = _ffi.out_handle()
        _check_plain(lib.cognito_sign_in_request_new(ctypes.byref(out), int(flow)), f"unknown flow {flow!r}")
        super().__init__(out.value)
        h = self._h
        if username is not None:
            _check_plain(lib.cognito_sign_in_request_set_username(h, _b(username)), "invalid username")
        if password is not None:
            p, n = _secret(password)
            _check_plain(lib.cognito_sign_in_request_set_password(h, p, n), "invalid password")
        if preferred_challenge is not None:
            _check_plain(lib.cognito_sign_in_request_set_preferred_challenge(h, _b(preferred_challenge)),
                         "invalid preferred challenge")
        if session is not None:
            s, n = _secret(session)
            _check_plain(lib.cognito_sign_in_request_set_session(h, s, n), "invalid session")
        if refresh_token is not None:
            r, n = _secret(refresh_token)
            _check_plain(lib.cognito_sign_in_request_set_refresh_token(h, r, n), "invalid refresh token")
        if device is not None:
            pw, n = _secret(device.device_password)
            _check_plain(lib.cognito_sign_in_request_set_device(h, _b(device.device_key), _b(device.device_group_key),
                                                                pw, n), "invalid device")
        for k, v in (client_metadata or {}).items():
            _check_plain(lib.cognito_sign_in_request_set_client_metadata(h, _b(k), _b(v)), "invalid metadata")

    @classmethod
    def refresh(cls, session: "Session", rotation: bool) -> "_SignInRequest":
        self = cls.__new__(cls)
        out = _ffi.out_handle()
        with session._lock:
            _check_plain(lib.cognito_sign_in_request_new_refresh(ctypes.byref(out), session._h, int(rotation)),
                         "the session has no refresh token")
        _Handle.__init__(self, out.value)
        return self


# ---- sessions --------------------------------------------------------------------------------------

class Session(_Handle):
    """A signed-in user's tokens and remembered device. Get one from
    SignIn.session(), AuthMachine.take_session() or Session.from_tokens()."""

    _free_fn = "cognito_session_free"

    @classmethod
    def from_tokens(cls, *, access_token: Secret, id_token: Optional[Secret] = None,
                    refresh_token: Optional[Secret] = None, username: Optional[str] = None) -> "Session":
        """Imports stored tokens (expiry is read from their claims)."""
        out = _ffi.out_handle()
        i, ni = _secret(id_token)
        a, na = _secret(access_token)
        r, nr = _secret(refresh_token)
        _check_plain(lib.cognito_session_new(ctypes.byref(out), _b(username), i, ni, a, na, r, nr), "invalid tokens")
        return cls(out.value)

    def _token(self, fn) -> str:
        with self._lock:
            p, n = ctypes.c_void_p(), ctypes.c_size_t()
            _check_plain(fn(self._h, ctypes.byref(p), ctypes.byref(n)))
            return _ffi.borrowed(p, n.value)

    @property
    def username(self) -> str:
        with self._lock:
            return text(lib.cognito_session_username(self._h)) or ""

    @property
    def access_token(self) -> str:
        return self._token(lib.cognito_session_access_token)

    @property
    def id_token(self) -> str:
        return self._token(lib.cognito_session_id_token)

    @property
    def refresh_token(self) -> str:
        return self._token(lib.cognito_session_refresh_token)

    @property
    def tokens(self) -> Tokens:
        with self._lock:
            h = self._h
            return Tokens(id_token=self.id_token, access_token=self.access_token, refresh_token=self.refresh_token,
                          expires_in=int(lib.cognito_session_expires_in(h)),
                          issued_at=from_unix(lib.cognito_session_issued_at(h)),
                          expires_at=from_unix(lib.cognito_session_expires_at(h)),
                          clock_drift=int(lib.cognito_session_clock_drift_s(h)))

    @property
    def expires_at(self) -> Optional[_dt.datetime]:
        with self._lock:
            return from_unix(lib.cognito_session_expires_at(self._h))

    def needs_refresh(self, margin: float = 300, now: Optional[float] = None) -> bool:
        """True when a token expires within `margin` seconds (clock drift included)."""
        with self._lock:
            rc = lib.cognito_session_needs_refresh(self._h, _now_ms(now), int(margin))
        if rc < 0:
            raise error_from_code(rc, "needs_refresh: invalid margin or time")
        return rc == 1

    @property
    def flags(self) -> SessionFlags:
        with self._lock:
            return SessionFlags(lib.cognito_session_flags(self._h))

    @property
    def device(self) -> Optional[DeviceCredentials]:
        with self._lock:
            h = self._h
            if not lib.cognito_session_has_device(h):
                return None
            return DeviceCredentials(text(lib.cognito_session_device_key(h)) or "",
                                     text(lib.cognito_session_device_group_key(h)) or "",
                                     self._token(lib.cognito_session_device_password))

    @device.setter
    def device(self, device: Optional[DeviceCredentials]) -> None:
        with self._lock:
            if device is None:
                _check_plain(lib.cognito_session_clear_device(self._h))
                return
            pw, n = _secret(device.device_password)
            _check_plain(lib.cognito_session_set_device(self._h, _b(device.device_key), _b(device.device_group_key),
                                                        pw, n), "invalid device")

    def __repr__(self) -> str:
        return f"Session(username={self.username!r}, expires_at={self.expires_at!r})" if self._ptr else "Session(closed)"


# ---- the blocking client -----------------------------------------------------------------------------

def _token_arg(t: Union[str, bytes, Session]) -> tuple[bytes, int]:
    if isinstance(t, Session):
        t = t.access_token
    b = _b(t)
    return b, len(b)


class Client(_Handle):
    """A blocking Cognito client: ``Client(user_pool_id=..., client_id=...)`` or
    ``Client(Config(...))``. Use it as a context manager. Access tokens may be
    passed as str or as a Session."""

    _free_fn = "cognito_client_free"

    def __init__(self, config: Optional[Config] = None, **kwargs):
        self.config = _config(config, kwargs)
        cfg, self._callbacks = self.config._build()
        with cfg:
            out = _ffi.out_handle()
            rc = lib.cognito_client_new(ctypes.byref(out), cfg._h)
            if rc != _OK:
                self._callbacks.raise_interrupt()
                raise error_from_code(rc, cfg.errmsg())
        super().__init__(out.value)
        self._callbacks.canceller = weakref.WeakMethod(self.cancel)  # Ctrl-C in a log sink cancels
        self._callbacks.raise_interrupt()  # the finalizer frees the new client

    # -- plumbing --
    def _error(self, rc: int) -> CognitoError:
        h = self._h
        err = error_from_code(rc, text(lib.cognito_client_errmsg(h)) or "",
                              service_code=text(lib.cognito_client_service_error(h)),
                              http_status=lib.cognito_client_http_status(h),
                              request_id=text(lib.cognito_client_request_id(h)))
        err.__cause__ = self._callbacks.take_pending()
        return err

    def _call(self, fn, *args) -> None:
        with self._lock:
            self._callbacks.pending = None
            self._callbacks.interrupt = None
            rc = fn(self._h, *args)
            self._callbacks.raise_interrupt()
            if rc != _OK:
                raise self._error(rc)

    def _delivery(self) -> Optional[CodeDelivery]:
        h = self._h
        medium = text(lib.cognito_client_delivery_medium(h))
        dest = text(lib.cognito_client_delivery_destination(h))
        attr = text(lib.cognito_client_delivery_attribute(h))
        return CodeDelivery(dest, medium, attr) if (medium or dest or attr) else None

    @property
    def endpoint(self) -> str:
        with self._lock:
            return text(lib.cognito_client_endpoint(self._h)) or ""

    def cancel(self) -> None:
        """Cancels the call in progress on this client, from any thread (or a
        callback): it raises CancelledError as soon as it can and is not
        retried; a sign-in in progress fails with it. No-op when idle or
        closed. A request already sent may have been acted on."""
        with self._free_lock:  # not self._lock: the call in progress holds it
            if self._ptr:
                lib.cognito_client_cancel(ctypes.c_void_p(self._ptr))

    # -- sign-in --
    def sign_in(self, username: Optional[str] = None, password: Optional[Secret] = None, flow: Flow = Flow.USER_SRP,
                *, preferred_challenge: Optional[str] = None, session: Optional[Secret] = None,
                refresh_token: Optional[Secret] = None, device: Optional[DeviceCredentials] = None,
                client_metadata: Optional[Mapping[str, str]] = None) -> "SignIn":
        """Starts a sign-in and runs it to the first question or the end.
        Returns a SignIn: answer its ``step`` until ``done``, then ``session()``."""
        with _SignInRequest(flow, username, password, preferred_challenge, session, refresh_token, device,
                            client_metadata) as rq:
            out = _ffi.out_handle()
            self._call(lib.cognito_client_sign_in, rq._h, ctypes.byref(out))
        return SignIn(self, out.value)

    def refresh(self, session: Session, rotation: bool = False) -> None:
        """New tokens for the session (GetTokensFromRefreshToken with `rotation`)."""
        with session._lock:
            self._call(lib.cognito_client_refresh, session._h, int(rotation))

    def refresh_if_needed(self, session: Session, margin: float = 300, rotation: bool = False) -> bool:
        """Refreshes when a token expires within `margin` seconds; True if it did."""
        done = ctypes.c_int(0)
        with session._lock:
            self._call(lib.cognito_client_refresh_if_needed, session._h, int(margin), int(rotation), ctypes.byref(done))
        return bool(done.value)

    # -- sign-up and passwords --
    def sign_up(self, username: str, password: Optional[Secret] = None,
                attributes: Optional[Mapping[str, str]] = None) -> SignUpResult:
        p, n = _secret(password)
        confirmed = ctypes.c_int(0)
        sub = ctypes.c_void_p()
        with _Attributes(attributes) as attrs, self._lock:
            self._call(lib.cognito_client_sign_up, _b(username), p, n, attrs._h, ctypes.byref(confirmed),
                       ctypes.byref(sub))
            delivery = self._delivery()
        return SignUpResult(bool(confirmed.value), _ffi.take_string(sub) or "", delivery)

    def confirm_sign_up(self, username: str, code: Secret) -> Optional[str]:
        """Confirms the account; returns the Session string for auto sign-in, if any."""
        c, n = _secret(code)
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        self._call(lib.cognito_client_confirm_sign_up, _b(username), c, n, ctypes.byref(out), ctypes.byref(out_len))
        return _ffi.take_string(out, out_len.value)

    def resend_confirmation_code(self, username: str) -> Optional[CodeDelivery]:
        with self._lock:
            self._call(lib.cognito_client_resend_confirmation_code, _b(username))
            return self._delivery()

    def forgot_password(self, username: str) -> Optional[CodeDelivery]:
        with self._lock:
            self._call(lib.cognito_client_forgot_password, _b(username))
            return self._delivery()

    def confirm_forgot_password(self, username: str, code: Secret, new_password: Secret) -> None:
        c, nc = _secret(code)
        p, np_ = _secret(new_password)
        self._call(lib.cognito_client_confirm_forgot_password, _b(username), c, nc, p, np_)

    def change_password(self, access_token: Union[str, Session], previous_password: Optional[Secret],
                        proposed_password: Secret) -> None:
        t, nt = _token_arg(access_token)
        o, no = _secret(previous_password)
        p, np_ = _secret(proposed_password)
        self._call(lib.cognito_client_change_password, t, nt, o, no, p, np_)

    # -- the user --
    def _user(self, fn, access_token) -> User:
        t, nt = _token_arg(access_token)
        out = _ffi.out_handle()
        self._call(fn, t, nt, ctypes.byref(out))
        h = ctypes.c_void_p(out.value)
        try:
            return User(
                username=text(lib.cognito_user_username(h)) or "",
                attributes=_read_attributes(lib.cognito_user_attributes(h)),
                preferred_mfa=text(lib.cognito_user_preferred_mfa(h)),
                mfa=tuple(text(lib.cognito_user_mfa(h, i)) for i in range(lib.cognito_user_mfa_count(h))),
                auth_factors=tuple(text(lib.cognito_user_auth_factor(h, i))
                                   for i in range(lib.cognito_user_auth_factor_count(h))),
                json=text(lib.cognito_user_json(h)) or "{}")
        finally:
            lib.cognito_user_free(h)

    def get_user(self, access_token: Union[str, Session]) -> User:
        return self._user(lib.cognito_client_get_user, access_token)

    def get_user_auth_factors(self, access_token: Union[str, Session]) -> User:
        return self._user(lib.cognito_client_get_user_auth_factors, access_token)

    def update_user_attributes(self, access_token: Union[str, Session],
                               attributes: Mapping[str, str]) -> Optional[CodeDelivery]:
        t, nt = _token_arg(access_token)
        with _Attributes(attributes) as attrs, self._lock:
            self._call(lib.cognito_client_update_user_attributes, t, nt, attrs._h)
            return self._delivery()

    def delete_user_attributes(self, access_token: Union[str, Session], names: Iterable[str]) -> None:
        t, nt = _token_arg(access_token)
        items = [_b(n) for n in names]
        arr = (ctypes.c_char_p * max(1, len(items)))(*items)
        self._call(lib.cognito_client_delete_user_attributes, t, nt, arr, len(items))

    def get_user_attribute_verification_code(self, access_token: Union[str, Session],
                                             attribute: str) -> Optional[CodeDelivery]:
        t, nt = _token_arg(access_token)
        with self._lock:
            self._call(lib.cognito_client_get_user_attribute_verification_code, t, nt, _b(attribute))
            return self._delivery()

    def verify_user_attribute(self, access_token: Union[str, Session], attribute: str, code: Secret) -> None:
        t, nt = _token_arg(access_token)
        c, nc = _secret(code)
        self._call(lib.cognito_client_verify_user_attribute, t, nt, _b(attribute), c, nc)

    # -- MFA --
    def associate_software_token(self, access_token: Union[str, Session]) -> str:
        """Starts TOTP setup; returns the Base32 secret for the authenticator app."""
        t, nt = _token_arg(access_token)
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        self._call(lib.cognito_client_associate_software_token, t, nt, ctypes.byref(out), ctypes.byref(n))
        return _ffi.take_string(out, n.value) or ""

    def verify_software_token(self, access_token: Union[str, Session], code: Secret,
                              friendly_device_name: Optional[str] = None) -> None:
        t, nt = _token_arg(access_token)
        c, nc = _secret(code)
        self._call(lib.cognito_client_verify_software_token, t, nt, c, nc, _b(friendly_device_name))

    def set_mfa_preference(self, access_token: Union[str, Session], factor: MfaFactor, enabled: bool = True,
                           preferred: bool = False) -> None:
        t, nt = _token_arg(access_token)
        self._call(lib.cognito_client_set_mfa_preference, t, nt, int(factor), int(enabled), int(preferred))

    # -- devices --
    @staticmethod
    def _devices(h) -> DeviceList:
        devices = []
        for i in range(lib.cognito_devices_count(h)):
            devices.append(Device(key=text(lib.cognito_devices_key(h, i)) or "",
                                  name=text(lib.cognito_devices_name(h, i)),
                                  attributes=_read_attributes(lib.cognito_devices_attributes(h, i)),
                                  created_at=from_unix(lib.cognito_devices_created_at(h, i)),
                                  last_authenticated_at=from_unix(lib.cognito_devices_last_authenticated_at(h, i))))
        return DeviceList(tuple(devices), text(lib.cognito_devices_pagination_token(h)))

    def list_devices(self, access_token: Union[str, Session], limit: int = 0,
                     pagination_token: Optional[str] = None) -> DeviceList:
        t, nt = _token_arg(access_token)
        out = _ffi.out_handle()
        self._call(lib.cognito_client_list_devices, t, nt, int(limit), _b(pagination_token), ctypes.byref(out))
        h = ctypes.c_void_p(out.value)
        try:
            return self._devices(h)
        finally:
            lib.cognito_devices_free(h)

    def get_device(self, access_token: Union[str, Session], device_key: str) -> Device:
        t, nt = _token_arg(access_token)
        out = _ffi.out_handle()
        self._call(lib.cognito_client_get_device, t, nt, _b(device_key), ctypes.byref(out))
        h = ctypes.c_void_p(out.value)
        try:
            return self._devices(h).devices[0]
        finally:
            lib.cognito_devices_free(h)

    def forget_device(self, access_token: Union[str, Session], device_key: str) -> None:
        t, nt = _token_arg(access_token)
        self._call(lib.cognito_client_forget_device, t, nt, _b(device_key))

    def update_device_status(self, access_token: Union[str, Session], device_key: str, remembered: bool) -> None:
        t, nt = _token_arg(access_token)
        self._call(lib.cognito_client_update_device_status, t, nt, _b(device_key), int(remembered))

    # -- sign-out, deletion --
    def global_sign_out(self, access_token: Union[str, Session]) -> None:
        t, nt = _token_arg(access_token)
        self._call(lib.cognito_client_global_sign_out, t, nt)

    def revoke_token(self, refresh_token: Union[str, Session]) -> None:
        if isinstance(refresh_token, Session):
            refresh_token = refresh_token.refresh_token
        r, nr = _secret(refresh_token)
        self._call(lib.cognito_client_revoke_token, r, nr)

    def delete_user(self, access_token: Union[str, Session]) -> None:
        t, nt = _token_arg(access_token)
        self._call(lib.cognito_client_delete_user, t, nt)

    # -- escape hatch, verification --
    def call(self, operation: str, request: Optional[Mapping[str, Any]] = None) -> dict:
        """Any operation: ``call("GetUser", {"AccessToken": ...})`` -> the response dict.
        The request is sent as given (ClientId and SECRET_HASH are not added)."""
        body = _json.dumps(dict(request or {})).encode("utf-8")
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        self._call(lib.cognito_client_call, _b(operation), body, len(body), ctypes.byref(out), ctypes.byref(n))
        raw = _ffi.take_string(out, n.value) or "{}"
        return _json.loads(raw) if raw.strip() else {}

    def verify_token(self, jwt: Union[str, bytes], use: TokenUse = TokenUse.ACCESS) -> dict:
        """Verifies a token of this pool and client; returns its claims."""
        t, nt = _secret(jwt)
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        self._call(lib.cognito_client_verify_token, t, nt, int(use), ctypes.byref(out), ctypes.byref(n))
        return _json.loads(_ffi.take_string(out, n.value) or "{}")


class SignIn(_Handle, _Answering):
    """A sign-in in progress (from Client.sign_in). While ``step`` is set,
    answer it with one of the answer_* methods; once ``done``, take the
    ``session()``. A rejected code raises (e.g. CodeMismatchError) and leaves
    the same step, with ``previous_error`` set, to answer again."""

    _free_fn = "cognito_sign_in_free"

    def __init__(self, client: Client, ptr: int):
        super().__init__(ptr)
        self._client = client
        self._session: Optional[Session] = None

    @property
    def state(self) -> EventKind:
        with self._lock:
            return EventKind(lib.cognito_sign_in_state(self._h))

    @property
    def done(self) -> bool:
        return self.state == EventKind.SIGNED_IN

    @property
    def failed(self) -> bool:
        return self.state == EventKind.FAILED

    @property
    def step(self) -> Optional[Step]:
        with self._lock:
            return _read_step(lib.cognito_sign_in_step(self._h))

    @property
    def username(self) -> str:
        with self._lock:
            return text(lib.cognito_sign_in_username(self._h)) or ""

    def _give(self, answer: ctypes.c_void_p) -> None:
        with self._lock:
            self._client._call(lib.cognito_client_answer, self._h, answer)

    def session(self) -> Session:
        """The signed-in session (taken on the first call, then the same object)."""
        with self._lock:
            if self._session is None:
                out = _ffi.out_handle()
                rc = lib.cognito_sign_in_take_session(self._h, ctypes.byref(out))
                if rc != _OK:
                    raise error_from_code(rc, "the sign-in is not done")
                self._session = Session(out.value)
            return self._session


# ---- sans-I/O ------------------------------------------------------------------------------------------

@dataclass
class SendRequest:
    request: HttpRequest


@dataclass
class NeedAnswer:
    step: Step


@dataclass
class SignedIn:
    pass


@dataclass
class Failed:
    error: CognitoError


Event = Union[SendRequest, NeedAnswer, SignedIn, Failed]


class AuthMachine(_Handle, _Answering):
    """Sign-in without the library doing I/O: send each SendRequest with your
    own HTTP stack and hand the answer back with on_response()::

        with AuthMachine(user_pool_id=..., client_id=...) as m:
            m.start("alice", password)
            while True:
                ev = m.next_event()
                if isinstance(ev, SendRequest):
                    m.on_response(*my_http(ev.request))     # status, headers, body
                elif isinstance(ev, NeedAnswer):
                    m.answer_code(ask_user(ev.step))
                elif isinstance(ev, SignedIn):
                    session = m.take_session(); break
                else:
                    raise ev.error
    """

    _free_fn = "cognito_auth_free"

    def __init__(self, config: Optional[Config] = None, **kwargs):
        self.config = _config(config, kwargs)
        cfg, self._callbacks = self.config._build()
        with cfg:
            out = _ffi.out_handle()
            rc = lib.cognito_auth_new(ctypes.byref(out), cfg._h)
            if rc != _OK:
                self._callbacks.raise_interrupt()
                raise error_from_code(rc, cfg.errmsg())
        super().__init__(out.value)
        self._callbacks.raise_interrupt()  # the finalizer frees the new machine

    def _error(self, rc: int) -> CognitoError:
        h = self._h
        return error_from_code(rc, text(lib.cognito_auth_errmsg(h)) or "",
                               service_code=text(lib.cognito_auth_service_error(h)),
                               http_status=lib.cognito_auth_http_status(h),
                               request_id=text(lib.cognito_auth_request_id(h)))

    def _call(self, fn, *args, usage_only: bool = False) -> None:
        with self._lock:
            self._callbacks.interrupt = None
            rc = fn(self._h, *args)
            self._callbacks.raise_interrupt()
            if rc != _OK and (not usage_only or -200 < rc <= -100):
                raise self._error(rc)

    def start(self, username: Optional[str] = None, password: Optional[Secret] = None, flow: Flow = Flow.USER_SRP,
              *, preferred_challenge: Optional[str] = None, session: Optional[Secret] = None,
              refresh_token: Optional[Secret] = None, device: Optional[DeviceCredentials] = None,
              client_metadata: Optional[Mapping[str, str]] = None, now: Optional[float] = None) -> None:
        with _SignInRequest(flow, username, password, preferred_challenge, session, refresh_token, device,
                            client_metadata) as rq:
            self._call(lib.cognito_auth_start, rq._h, _now_ms(now))

    def start_refresh(self, session: Session, rotation: bool = False, now: Optional[float] = None) -> None:
        """Begins a refresh of `session` (finish with update_session())."""
        with _SignInRequest.refresh(session, rotation) as rq:
            self._call(lib.cognito_auth_start, rq._h, _now_ms(now))

    def next_event(self) -> Event:
        with self._lock:
            kind = ctypes.c_int(0)
            self._callbacks.interrupt = None
            rc = lib.cognito_auth_next_event(self._h, ctypes.byref(kind))
            self._callbacks.raise_interrupt()
            if rc != _OK:
                raise self._error(rc)
            k = EventKind(kind.value)
            if k == EventKind.SEND_REQUEST:
                return SendRequest(_read_request(lib.cognito_auth_request(self._h),
                                                 text(lib.cognito_auth_request_operation(self._h))))
            if k == EventKind.NEED_ANSWER:
                return NeedAnswer(_read_step(lib.cognito_auth_step(self._h)))
            if k == EventKind.SIGNED_IN:
                return SignedIn()
            return Failed(self._error(lib.cognito_auth_errcode(self._h)))

    def on_response(self, status: int, headers: Iterable[tuple[str, str]] = (), body: bytes = b"",
                    now: Optional[float] = None) -> None:
        """The answer to the pending request. Failures show up as the next
        event (Failed); only misuse raises."""
        with _HttpResponse(HttpResponse(status, list(headers), body)) as rsp:
            self._call(lib.cognito_auth_on_response, rsp._h, _now_ms(now), usage_only=True)

    def on_transport_failure(self, error: Union[int, BaseException], message: Optional[str] = None) -> None:
        """The pending request got no answer (a -2xx code, or the exception your HTTP stack raised)."""
        code = error if isinstance(error, int) else _transport_code(error)
        if message is None and isinstance(error, BaseException):
            message = str(error) or type(error).__name__
        self._call(lib.cognito_auth_on_transport_failure, int(code), _b(message))

    def _give(self, answer: ctypes.c_void_p) -> None:
        self._call(lib.cognito_auth_answer, answer, 0)

    def take_session(self) -> Session:
        out = _ffi.out_handle()
        self._call(lib.cognito_auth_take_session, ctypes.byref(out))
        return Session(out.value)

    def update_session(self, session: Session) -> None:
        with session._lock:
            self._call(lib.cognito_auth_update_session, session._h)

    @property
    def username(self) -> str:
        with self._lock:
            return text(lib.cognito_auth_username(self._h)) or ""

    def run(self, send: Transport, answer: Optional[Callable[["AuthMachine", Step], None]] = None,
            max_requests: int = 32) -> Session:
        """Drives the machine to the end with `send` (an HttpRequest -> HttpResponse
        callable, e.g. urllib_transport) and `answer` (called with the machine and
        each step; it must call one of the answer_* methods). Raises the failure."""
        for _ in range(max_requests):
            ev = self.next_event()
            if isinstance(ev, SendRequest):
                try:
                    rsp = send(ev.request)
                except Exception as exc:  # noqa: BLE001 - reported to the machine
                    self.on_transport_failure(exc)
                    continue
                except BaseException:  # Ctrl-C, SystemExit: the sign-in is over, and so is run()
                    self.on_transport_failure(_E_CALLBACK, "interrupted")
                    raise
                self.on_response(rsp.status, rsp.headers, rsp.body)
            elif isinstance(ev, NeedAnswer):
                if answer is None:
                    raise error_from_code(_E_INVALID_STATE, f"the sign-in asks {ev.step.kind.name}")
                answer(self, ev.step)
            elif isinstance(ev, SignedIn):
                return self.take_session()
            else:
                raise ev.error
        raise error_from_code(-603, "sign-in: too many requests")


class _HttpResponse(_Handle):
    _free_fn = "cognito_http_response_free"

    def __init__(self, response: HttpResponse):
        out = _ffi.out_handle()
        _check_plain(lib.cognito_http_response_new(ctypes.byref(out)))
        super().__init__(out.value)
        _fill_response(out.value, response)

