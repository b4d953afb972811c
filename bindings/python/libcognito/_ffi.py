"""Loading libcognito_c and declaring its functions for ctypes.

The library is found, in this order, at
  1. the path in the environment variable LIBCOGNITO_LIBRARY,
  2. next to this package (libcognito_c.so.1 / libcognito_c.so / .dylib / cognito_c.dll),
  3. by the system: ctypes.util.find_library("cognito_c"), then "libcognito_c.so.1".

Every function of <cognito/cognito.h> is declared in PROTOTYPES (argument and
result types); tests/test_ffi.py checks the table against the header. Handles
are plain void pointers here; the classes in the other modules own them.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Optional

__all__ = ["lib", "library_path", "TRANSPORT_FN", "LOG_FN", "ABI_VERSION", "check_version"]

#: The ABI version (SONAME suffix) this binding was written for.
ABI_VERSION = 1

_NAMES = ("libcognito_c.so.1", "libcognito_c.so", "libcognito_c.1.dylib", "libcognito_c.dylib", "cognito_c.dll")


def _candidates() -> list[str]:
    out = []
    env = os.environ.get("LIBCOGNITO_LIBRARY")
    if env:
        out.append(env)
    here = os.path.dirname(os.path.abspath(__file__))
    out.extend(os.path.join(here, n) for n in _NAMES if os.path.exists(os.path.join(here, n)))
    found = ctypes.util.find_library("cognito_c")
    if found:
        out.append(found)
    out.append("libcognito_c.so.1")
    return out


def _load() -> tuple[ctypes.CDLL, str]:
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as exc:
            errors.append(f"{path}: {exc}")
            if path == os.environ.get("LIBCOGNITO_LIBRARY"):
                break  # an explicit path that does not load is an error, not a hint
    raise OSError("cannot load libcognito_c (set LIBCOGNITO_LIBRARY to its path):\n  " + "\n  ".join(errors))


lib, library_path = _load()

# ---- types -----------------------------------------------------------------------------
I = ctypes.c_int
U = ctypes.c_uint
Z = ctypes.c_size_t
L = ctypes.c_int64
V = None
S = ctypes.c_char_p                 # const char * (in: bytes; out: bytes or None)
P = ctypes.c_void_p                 # handles, char * to free, void *
PP = ctypes.POINTER(ctypes.c_void_p)  # T **, char **, const char **, const uint8_t **
PZ = ctypes.POINTER(ctypes.c_size_t)
PI = ctypes.POINTER(ctypes.c_int)
SL = ctypes.POINTER(ctypes.c_char_p)  # const char *const *

#: int (*)(const cognito_http_request *, cognito_http_response *, void *)
TRANSPORT_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)
#: void (*)(int level, const char *message, size_t len, void *)
LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)

PROTOTYPES = {
    "cognito_version_num": (U, []),
    "cognito_version_string": (S, []),
    "cognito_abi_version": (U, []),
    "cognito_check_version": (I, [U]),
    "cognito_strerror": (S, [I]),
    "cognito_error_name": (S, [I]),
    "cognito_is_fatal": (I, [I]),
    "cognito_string_free": (V, [P]),
    "cognito_http_request_method": (S, [P]),
    "cognito_http_request_url": (S, [P]),
    "cognito_http_request_header_count": (Z, [P]),
    "cognito_http_request_header_name": (S, [P, Z]),
    "cognito_http_request_header_value": (S, [P, Z]),
    "cognito_http_request_header": (S, [P, S]),
    "cognito_http_request_body": (I, [P, PP, PZ]),
    "cognito_http_request_timeout_ms": (L, [P]),
    "cognito_http_request_cancelled": (I, [P]),
    "cognito_http_response_new": (I, [PP]),
    "cognito_http_response_free": (V, [P]),
    "cognito_http_response_reset": (I, [P]),
    "cognito_http_response_set_status": (I, [P, I]),
    "cognito_http_response_add_header": (I, [P, S, S]),
    "cognito_http_response_append_body": (I, [P, S, Z]),
    "cognito_config_new": (I, [PP]),
    "cognito_config_free": (V, [P]),
    "cognito_config_errmsg": (S, [P]),
    "cognito_config_set_user_pool_id": (I, [P, S]),
    "cognito_config_set_client_id": (I, [P, S]),
    "cognito_config_set_client_secret": (I, [P, S, Z]),
    "cognito_config_set_region": (I, [P, S]),
    "cognito_config_set_endpoint": (I, [P, S]),
    "cognito_config_set_fips": (I, [P, I]),
    "cognito_config_set_ca_file": (I, [P, S]),
    "cognito_config_set_ca_path": (I, [P, S]),
    "cognito_config_set_proxy": (I, [P, S]),
    "cognito_config_set_connect_timeout_ms": (I, [P, L]),
    "cognito_config_set_request_timeout_ms": (I, [P, L]),
    "cognito_config_set_deadline_ms": (I, [P, L]),
    "cognito_config_set_max_response_bytes": (I, [P, Z]),
    "cognito_config_set_allow_insecure_http": (I, [P, I]),
    "cognito_config_set_retries": (I, [P, I]),
    "cognito_config_set_retry_delays_ms": (I, [P, L, L, L]),
    "cognito_config_set_srp_ephemeral_bits": (I, [P, U]),
    "cognito_config_set_remember_devices": (I, [P, I]),
    "cognito_config_set_device_name": (I, [P, S]),
    "cognito_config_set_totp_issuer": (I, [P, S]),
    "cognito_config_set_user_agent_suffix": (I, [P, S]),
    "cognito_config_set_token_issuer": (I, [P, S]),
    "cognito_config_set_token_leeway_s": (I, [P, L]),
    "cognito_config_set_transport": (I, [P, TRANSPORT_FN, P]),
    "cognito_config_set_log": (I, [P, I, LOG_FN, P]),
    "cognito_attributes_new": (I, [PP]),
    "cognito_attributes_free": (V, [P]),
    "cognito_attributes_set": (I, [P, S, S]),
    "cognito_attributes_count": (Z, [P]),
    "cognito_attributes_name": (S, [P, Z]),
    "cognito_attributes_value": (S, [P, Z]),
    "cognito_attributes_get": (S, [P, S]),
    "cognito_client_new": (I, [PP, P]),
    "cognito_client_free": (V, [P]),
    "cognito_client_cancel": (V, [P]),
    "cognito_client_errcode": (I, [P]),
    "cognito_client_errmsg": (S, [P]),
    "cognito_client_service_error": (S, [P]),
    "cognito_client_http_status": (I, [P]),
    "cognito_client_request_id": (S, [P]),
    "cognito_client_endpoint": (S, [P]),
    "cognito_client_delivery_destination": (S, [P]),
    "cognito_client_delivery_medium": (S, [P]),
    "cognito_client_delivery_attribute": (S, [P]),
    "cognito_sign_in_request_new": (I, [PP, I]),
    "cognito_sign_in_request_new_refresh": (I, [PP, P, I]),
    "cognito_sign_in_request_free": (V, [P]),
    "cognito_sign_in_request_set_username": (I, [P, S]),
    "cognito_sign_in_request_set_password": (I, [P, S, Z]),
    "cognito_sign_in_request_set_preferred_challenge": (I, [P, S]),
    "cognito_sign_in_request_set_session": (I, [P, S, Z]),
    "cognito_sign_in_request_set_refresh_token": (I, [P, S, Z]),
    "cognito_sign_in_request_set_device": (I, [P, S, S, S, Z]),
    "cognito_sign_in_request_set_client_metadata": (I, [P, S, S]),
    "cognito_step_kind": (I, [P]),
    "cognito_step_challenge_name": (S, [P]),
    "cognito_step_username": (S, [P]),
    "cognito_step_delivery_medium": (S, [P]),
    "cognito_step_destination": (S, [P]),
    "cognito_step_option_count": (Z, [P]),
    "cognito_step_option": (S, [P, Z]),
    "cognito_step_required_attribute_count": (Z, [P]),
    "cognito_step_required_attribute": (S, [P, Z]),
    "cognito_step_user_attributes": (P, [P]),
    "cognito_step_parameters": (P, [P]),
    "cognito_step_totp_secret": (I, [P, PP, PZ]),
    "cognito_step_totp_uri": (I, [P, PP, PZ]),
    "cognito_step_web_authn_options": (S, [P]),
    "cognito_step_previous_error": (I, [P]),
    "cognito_step_previous_error_message": (S, [P]),
    "cognito_answer_new_code": (I, [PP, S, Z]),
    "cognito_answer_new_select": (I, [PP, S]),
    "cognito_answer_new_password_required": (I, [PP, S, Z, P]),
    "cognito_answer_new_custom": (I, [PP, S, Z]),
    "cognito_answer_new_setup_totp": (I, [PP, S]),
    "cognito_answer_new_setup_email": (I, [PP, S]),
    "cognito_answer_new_password": (I, [PP, S, Z, S]),
    "cognito_answer_new_web_authn": (I, [PP, S, Z]),
    "cognito_answer_free": (V, [P]),
    "cognito_client_sign_in": (I, [P, P, PP]),
    "cognito_client_answer": (I, [P, P, P]),
    "cognito_sign_in_free": (V, [P]),
    "cognito_sign_in_state": (I, [P]),
    "cognito_sign_in_step": (P, [P]),
    "cognito_sign_in_username": (S, [P]),
    "cognito_sign_in_take_session": (I, [P, PP]),
    "cognito_session_new": (I, [PP, S, S, Z, S, Z, S, Z]),
    "cognito_session_free": (V, [P]),
    "cognito_session_username": (S, [P]),
    "cognito_session_id_token": (I, [P, PP, PZ]),
    "cognito_session_access_token": (I, [P, PP, PZ]),
    "cognito_session_refresh_token": (I, [P, PP, PZ]),
    "cognito_session_expires_at": (L, [P]),
    "cognito_session_issued_at": (L, [P]),
    "cognito_session_expires_in": (L, [P]),
    "cognito_session_clock_drift_s": (L, [P]),
    "cognito_session_needs_refresh": (I, [P, L, L]),
    "cognito_session_flags": (I, [P]),
    "cognito_session_has_device": (I, [P]),
    "cognito_session_device_key": (S, [P]),
    "cognito_session_device_group_key": (S, [P]),
    "cognito_session_device_password": (I, [P, PP, PZ]),
    "cognito_session_set_device": (I, [P, S, S, S, Z]),
    "cognito_session_clear_device": (I, [P]),
    "cognito_client_refresh": (I, [P, P, I]),
    "cognito_client_refresh_if_needed": (I, [P, P, L, I, PI]),
    "cognito_client_sign_up": (I, [P, S, S, Z, P, PI, PP]),
    "cognito_client_confirm_sign_up": (I, [P, S, S, Z, PP, PZ]),
    "cognito_client_resend_confirmation_code": (I, [P, S]),
    "cognito_client_forgot_password": (I, [P, S]),
    "cognito_client_confirm_forgot_password": (I, [P, S, S, Z, S, Z]),
    "cognito_client_change_password": (I, [P, S, Z, S, Z, S, Z]),
    "cognito_client_get_user": (I, [P, S, Z, PP]),
    "cognito_client_get_user_auth_factors": (I, [P, S, Z, PP]),
    "cognito_client_update_user_attributes": (I, [P, S, Z, P]),
    "cognito_client_delete_user_attributes": (I, [P, S, Z, SL, Z]),
    "cognito_client_get_user_attribute_verification_code": (I, [P, S, Z, S]),
    "cognito_client_verify_user_attribute": (I, [P, S, Z, S, S, Z]),
    "cognito_client_associate_software_token": (I, [P, S, Z, PP, PZ]),
    "cognito_client_verify_software_token": (I, [P, S, Z, S, Z, S]),
    "cognito_client_set_mfa_preference": (I, [P, S, Z, I, I, I]),
    "cognito_client_list_devices": (I, [P, S, Z, I, S, PP]),
    "cognito_client_get_device": (I, [P, S, Z, S, PP]),
    "cognito_client_forget_device": (I, [P, S, Z, S]),
    "cognito_client_update_device_status": (I, [P, S, Z, S, I]),
    "cognito_client_global_sign_out": (I, [P, S, Z]),
    "cognito_client_revoke_token": (I, [P, S, Z]),
    "cognito_client_delete_user": (I, [P, S, Z]),
    "cognito_client_call": (I, [P, S, S, Z, PP, PZ]),
    "cognito_client_verify_token": (I, [P, S, Z, I, PP, PZ]),
    "cognito_user_free": (V, [P]),
    "cognito_user_username": (S, [P]),
    "cognito_user_attributes": (P, [P]),
    "cognito_user_preferred_mfa": (S, [P]),
    "cognito_user_mfa_count": (Z, [P]),
    "cognito_user_mfa": (S, [P, Z]),
    "cognito_user_auth_factor_count": (Z, [P]),
    "cognito_user_auth_factor": (S, [P, Z]),
    "cognito_user_json": (S, [P]),
    "cognito_devices_free": (V, [P]),
    "cognito_devices_count": (Z, [P]),
    "cognito_devices_key": (S, [P, Z]),
    "cognito_devices_name": (S, [P, Z]),
    "cognito_devices_attributes": (P, [P, Z]),
    "cognito_devices_created_at": (L, [P, Z]),
    "cognito_devices_last_authenticated_at": (L, [P, Z]),
    "cognito_devices_pagination_token": (S, [P]),
    "cognito_auth_new": (I, [PP, P]),
    "cognito_auth_free": (V, [P]),
    "cognito_auth_start": (I, [P, P, L]),
    "cognito_auth_next_event": (I, [P, PI]),
    "cognito_auth_request": (P, [P]),
    "cognito_auth_request_operation": (S, [P]),
    "cognito_auth_on_response": (I, [P, P, L]),
    "cognito_auth_on_transport_failure": (I, [P, I, S]),
    "cognito_auth_step": (P, [P]),
    "cognito_auth_answer": (I, [P, P, L]),
    "cognito_auth_take_session": (I, [P, PP]),
    "cognito_auth_update_session": (I, [P, P]),
    "cognito_auth_username": (S, [P]),
    "cognito_auth_errcode": (I, [P]),
    "cognito_auth_errmsg": (S, [P]),
    "cognito_auth_service_error": (S, [P]),
    "cognito_auth_http_status": (I, [P]),
    "cognito_auth_request_id": (S, [P]),
}

_missing = []
for _name, (_res, _args) in PROTOTYPES.items():
    try:
        _fn = getattr(lib, _name)
    except AttributeError:
        _missing.append(_name)
        continue
    _fn.restype = _res
    _fn.argtypes = _args
if _missing:
    raise OSError(f"{library_path} lacks {len(_missing)} function(s) of this binding, e.g. {_missing[0]}: "
                  "the library is older than the binding")


def check_version() -> None:
    """Raises OSError when the loaded library's ABI is not the one this binding expects."""
    if lib.cognito_abi_version() != ABI_VERSION:
        raise OSError(f"{library_path}: ABI version {lib.cognito_abi_version()}, this binding needs {ABI_VERSION}")


check_version()


def version() -> str:
    """The loaded library's version, e.g. "0.1.0"."""
    return lib.cognito_version_string().decode()


def out_handle() -> ctypes.c_void_p:
    return ctypes.c_void_p()


def take_string(ptr: ctypes.c_void_p, length: Optional[int] = None) -> Optional[str]:
    """Copies an owned `char *` out parameter into a str and frees (wipes) it."""
    if not ptr.value:
        return None
    try:
        raw = ctypes.string_at(ptr.value, length) if length is not None else ctypes.string_at(ptr.value)
        return raw.decode("utf-8")
    finally:
        lib.cognito_string_free(ptr)


def borrowed(ptr: ctypes.c_void_p, length: int) -> str:
    """Copies a borrowed (pointer, length) pair into a str."""
    if not ptr.value:
        return ""
    return ctypes.string_at(ptr.value, length).decode("utf-8")


def text(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8")

