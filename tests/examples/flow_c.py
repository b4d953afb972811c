#!/usr/bin/env python3
"""examples/c/sign_in.c (the C ABI): SRP sign-in with an SMS code, and a wrong password."""
from example_driver import PASSWORD, Driver, check, main


def case_sms_mfa(d: Driver) -> None:
    user = d.new_user("c", phone=True, mfa={"sms": True, "preferred": "SMS_MFA"})
    r = d.run("sign_in_c", [user], [PASSWORD, "000000", d.code(user, "SMS_MFA")])
    r.ok()
    check("wrong code, try again" in r.stderr, "a wrong code is reported and asked again")
    check(r.stdout.startswith(f"signed in as {user}; tokens expire at "), "signed in")


def case_wrong_password(d: Driver) -> None:
    user = d.new_user("c")
    r = d.run("sign_in_c", [user], ["Not-the-passw0rd!"])
    r.failed(1)
    check("NotAuthorizedException: Incorrect username or password." in r.stderr, "the Cognito error is printed")


if __name__ == "__main__":
    main({"sms_mfa": case_sms_mfa, "wrong_password": case_wrong_password})
