#!/usr/bin/env python3
"""examples/sign_in_custom_otp: CUSTOM_AUTH passwordless OTP (the emulator's built-in trigger), --srp."""
from example_driver import PASSWORD, Driver, check, main


def case_otp(d: Driver) -> None:
    user = d.new_user("otp")
    r = d.run("sign_in_custom_otp", ["--username", user, "--json"], [d.code(user, "CUSTOM_CHALLENGE")])
    r.ok()
    j = r.json()
    check(j["flow"] == "CUSTOM_AUTH" and j["challenges"] == ["CUSTOM_CHALLENGE"], "one CUSTOM_CHALLENGE answered")
    check("one-time code was sent by EMAIL" in r.stderr, "tells where the code went")


def case_srp_first(d: Driver) -> None:
    user = d.new_user("otpsrp")
    r = d.run("sign_in_custom_otp", ["--username", user, "--srp", "--json", "--trace"],
              [PASSWORD, d.code(user, "CUSTOM_CHALLENGE")])
    r.ok()
    check(r.json()["challenges"] == ["CUSTOM_CHALLENGE"], "password by SRP, then the code")
    check("PASSWORD_VERIFIER" in r.stderr, "SRP ran first")


def case_wrong_then_right(d: Driver) -> None:
    user = d.new_user("otpretry")
    r = d.run("sign_in_custom_otp", ["--username", user, "--json"], ["000000", d.code(user, "CUSTOM_CHALLENGE")])
    r.ok()
    check(r.json()["challenges"] == ["CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"], "the trigger asked again")
    check("2 attempts left" in r.stderr, "the attempts left are shown")


if __name__ == "__main__":
    main({"otp": case_otp, "srp_first": case_srp_first, "wrong_then_right": case_wrong_then_right})
