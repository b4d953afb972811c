#!/usr/bin/env python3
"""examples/remember_device: MFA once, remember the device (user opt-in), DEVICE_SRP_AUTH without MFA."""
import json
import os
import tempfile

from example_driver import PASSWORD, Driver, check, file_mode, main

SMS = {"sms": True, "preferred": "SMS_MFA"}


def case_remember_and_reuse(d: Driver) -> None:
    user = d.new_user("device", phone=True, mfa=SMS)
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.path.join(tmp, "device.json")
        r = d.run("remember_device", ["--username", user, "--save", saved, "--json"],
                  [PASSWORD, d.code(user, "SMS_MFA")])
        r.ok()
        j = r.json()
        check(j["first_sign_in"]["challenges"] == ["SMS_MFA"], "the first sign-in asked SMS_MFA")
        check(j["second_sign_in"]["challenges"] == [], "the second sign-in asked nothing")
        check(j["second_sign_in"]["device_srp"] is True
              and "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER" in j["second_sign_in"]["requests"],
              "the device answered DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER")
        check(j["mfa_skipped"] is True, "MFA skipped")
        check("\u2026" in j["device"]["device_password"], "the device password is abbreviated on stdout")
        check("UpdateDeviceStatus" in r.stderr, "the opt-in pool needed UpdateDeviceStatus")
        check(file_mode(saved) == 0o600, "the saved file is private (0600)")
        with open(saved, encoding="utf-8") as f:
            stored = json.load(f)
        check(stored["device_key"] == j["device"]["device_key"] and len(stored["device_password"]) > 20,
              "the file holds the whole credentials")
        devices = d.user(user)["devices"]
        check(any(dev["DeviceKey"] == stored["device_key"] and {"Name": "dev:device_remembered_status",
                                                                 "Value": "remembered"} in dev["DeviceAttributes"]
                  for dev in devices), "the emulator has the device remembered")

        # Later: sign in with the saved device. Only the password is asked.
        r = d.run("remember_device", ["--username", user, "--device", saved, "--json"], [PASSWORD])
        r.ok()
        j = r.json()
        check(j["first_sign_in"]["challenges"] == [] and j["first_sign_in"]["device_srp"] is True,
              "the saved device signs in with DEVICE_SRP_AUTH, no MFA")
        check("second_sign_in" not in j, "--device signs in once")


def case_no_mfa_user_human(d: Driver) -> None:
    user = d.new_user("devplain")
    r = d.run("remember_device", ["--username", user], [PASSWORD])
    r.ok()
    check("is remembered for" in r.stdout and "DEVICE_SRP_AUTH" in r.stdout, "human-readable result")


def case_bad_device_file(d: Driver) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write('{"device_key": 1}')
    try:
        r = d.run("remember_device", ["--username", "x", "--device", f.name], [PASSWORD])
        r.failed(1)
        check("holds no device credentials" in r.stderr, "a malformed device file is reported")
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    main({"remember_and_reuse": case_remember_and_reuse, "no_mfa_user_human": case_no_mfa_user_human,
          "bad_device_file": case_bad_device_file})
