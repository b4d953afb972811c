"""Device tracking operations: ConfirmDevice, GetDevice, ListDevices, ForgetDevice, UpdateDeviceStatus."""

from __future__ import annotations

import base64
import binascii

from .. import errors, srp_server, tokens
from ..model import Device
from ..validation import DEVICE_KEY, Int, Str, Struct, token_request
from . import Call, operation
from .common import paginate
from .mfa import OPTIONAL_ACCESS_TOKEN


def _principal_device(call: Call, body: dict, *, confirmed_only: bool = True):
    principal = tokens.authorize(call.state, body["AccessToken"])
    if principal.pool.device_tracking == "OFF":
        raise errors.error("InvalidUserPoolConfigurationException",
                           "Device tracking is not enabled for this user pool.")
    device = principal.user.devices.get(body["DeviceKey"])
    if device is None or (confirmed_only and not device.confirmed):
        raise errors.device_not_found()
    return principal, device


def _decode_positive(value: str, what: str) -> int:
    """Base64 of a Java BigInteger byte array (two's complement, big-endian)."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise errors.invalid_parameter(f"{what} is not valid Base64") from None
    if not raw:
        raise errors.invalid_parameter(f"{what} is empty")
    return srp_server.from_pad(raw)


@operation("ConfirmDevice", token_request(
    DeviceKey=DEVICE_KEY, DeviceName=Str(min=1, max=1024),
    DeviceSecretVerifierConfig=Struct({"PasswordVerifier": Str(max=131072), "Salt": Str(max=131072)})))
def confirm_device(call: Call, body: dict) -> dict:
    principal, device = _principal_device(call, body, confirmed_only=False)
    config = body.get("DeviceSecretVerifierConfig") or {}
    if not config.get("PasswordVerifier") or not config.get("Salt"):
        raise errors.invalid_parameter("DeviceSecretVerifierConfig with PasswordVerifier and Salt is required.")
    verifier = _decode_positive(config["PasswordVerifier"], "PasswordVerifier")
    if verifier <= 0 or verifier >= srp_server.N:
        raise errors.invalid_parameter("PasswordVerifier is not a valid verifier.")
    # The salt is kept as the signed integer the bytes encode: a high-bit salt without the
    # 00 sign byte comes back as a negative SALT, exactly the pitfall real clients hit.
    device.salt = _decode_positive(config["Salt"], "Salt")
    device.verifier = verifier
    device.confirmed = True
    device.name = body.get("DeviceName", device.name)
    device.modified = principal.pool.now()
    opt_in = principal.pool.device_tracking == "USER_OPT_IN"
    device.remembered = not opt_in
    return {"UserConfirmationNecessary": opt_in}


@operation("GetDevice", Struct({"DeviceKey": DEVICE_KEY, "AccessToken": OPTIONAL_ACCESS_TOKEN}))
def get_device(call: Call, body: dict) -> dict:
    if "AccessToken" not in body:
        raise errors.missing_parameter("AccessToken")
    _, device = _principal_device(call, body)
    return {"Device": device.describe()}


@operation("ListDevices", token_request(Limit=Int(min=0, max=60), PaginationToken=Str(min=1, pattern=r"[\S]+")))
def list_devices(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    if principal.pool.device_tracking == "OFF":
        raise errors.error("InvalidUserPoolConfigurationException",
                           "Device tracking is not enabled for this user pool.")
    devices: list[Device] = sorted((d for d in principal.user.devices.values() if d.confirmed),
                                   key=lambda d: (d.created, d.key))
    page, token = paginate(devices, lambda d: d.key, body.get("PaginationToken"), body.get("Limit") or 60,
                           "Invalid pagination token.")
    out = {"Devices": [d.describe() for d in page]}
    if token is not None:
        out["PaginationToken"] = token
    return out


@operation("ForgetDevice", Struct({"DeviceKey": DEVICE_KEY, "AccessToken": OPTIONAL_ACCESS_TOKEN}))
def forget_device(call: Call, body: dict) -> dict:
    if "AccessToken" not in body:
        raise errors.missing_parameter("AccessToken")
    principal, device = _principal_device(call, body)
    del principal.user.devices[device.key]
    return {}


@operation("UpdateDeviceStatus", token_request(
    DeviceKey=DEVICE_KEY, DeviceRememberedStatus=Str(enum=("remembered", "not_remembered"))))
def update_device_status(call: Call, body: dict) -> dict:
    principal, device = _principal_device(call, body)
    device.remembered = body.get("DeviceRememberedStatus") == "remembered"
    device.modified = principal.pool.now()
    return {}
