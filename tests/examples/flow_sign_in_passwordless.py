#!/usr/bin/env python3
"""examples/sign_in_passwordless: USER_AUTH, SELECT_CHALLENGE -> EMAIL_OTP, or --challenge SMS_OTP."""
from example_driver import Driver, check, main


def case_select_email(d: Driver) -> None:
    user = d.new_user("pwless", phone=True)
    r = d.run("sign_in_passwordless", ["--username", user, "--json"], ["EMAIL_OTP", d.code(user, "EMAIL_OTP")])
    r.ok()
    j = r.json()
    check(j["flow"] == "USER_AUTH" and j["challenges"] == ["SELECT_CHALLENGE", "EMAIL_OTP"],
          "SELECT_CHALLENGE answered with EMAIL_OTP, then the code")


def case_default_choice(d: Driver) -> None:
    user = d.new_user("pwdefault", phone=True)
    r = d.run("sign_in_passwordless", ["--username", user, "--json"], ["", d.code(user, "EMAIL_OTP")])
    r.ok()
    check("[EMAIL_OTP]" in r.stderr, "the offered default is a one-time code, not the password")
    check(r.json()["challenges"] == ["SELECT_CHALLENGE", "EMAIL_OTP"], "an empty line took EMAIL_OTP")


def case_prefer_sms(d: Driver) -> None:
    user = d.new_user("pwsms", phone=True)
    r = d.run("sign_in_passwordless", ["--username", user, "--challenge", "SMS_OTP", "--json"],
              [d.code(user, "SMS_OTP")])
    r.ok()
    check(r.json()["challenges"] == ["SMS_OTP"], "PREFERRED_CHALLENGE skipped SELECT_CHALLENGE")


def case_bad_choice(d: Driver) -> None:
    r = d.run("sign_in_passwordless", ["--username", "x", "--challenge", "CARRIER_PIGEON"], [])
    r.failed(2)


if __name__ == "__main__":
    main({"select_email": case_select_email, "default_choice": case_default_choice, "prefer_sms": case_prefer_sms, "bad_choice": case_bad_choice})
