#!/usr/bin/env python3
"""examples/python/sign_in.py (the binding): SRP sign-in with an SMS code, and a wrong password."""
import os

from example_driver import PASSWORD, Driver, check, main

SCRIPT = os.environ["COGNITO_EXAMPLE_PY"]  # an absolute path: Driver.run() joins it to --bin-dir unchanged


def case_sms_mfa(d: Driver) -> None:
    user = d.new_user("py", phone=True, mfa={"sms": True, "preferred": "SMS_MFA"})
    r = d.run(SCRIPT, [user], [PASSWORD, "000000", d.code(user, "SMS_MFA")])
    r.ok()
    check("wrong code, try again" in r.stderr, "a wrong code is reported and asked again")
    check(r.stdout.startswith(f"signed in as {user}; tokens expire at "), "signed in")


def case_wrong_password(d: Driver) -> None:
    user = d.new_user("py")
    r = d.run(SCRIPT, [user], ["Not-the-passw0rd!"])
    r.failed(1)
    check("NotAuthorizedException: Incorrect username or password." in r.stderr, "the Cognito error is printed")


if __name__ == "__main__":
    main({"sms_mfa": case_sms_mfa, "wrong_password": case_wrong_password})
