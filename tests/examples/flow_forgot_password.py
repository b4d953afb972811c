#!/usr/bin/env python3
"""examples/forgot_password: ForgotPassword -> code -> ConfirmForgotPassword (+ --sign-in)."""
from example_driver import NEW_PASSWORD, Driver, check, main


def case_reset_and_sign_in(d: Driver) -> None:
    user = d.new_user("forgot")
    r = d.run("forgot_password", ["--username", user, "--sign-in", "--json"],
              [d.code(user, "FORGOT_PASSWORD"), NEW_PASSWORD])
    r.ok()
    j = r.json()
    check(j["password_reset"] is True, "the password was reset")
    check(j["sign_in"]["tokens"]["access_token"].startswith("eyJ"), "signed in with the new password")


def case_resend_and_weak_password(d: Driver) -> None:
    user = d.new_user("forgot2")
    r = d.run("forgot_password", ["--username", user],
              ["resend", d.code(user, "FORGOT_PASSWORD", nth=2), "weak", NEW_PASSWORD])
    r.ok()
    check("InvalidPasswordException" in r.stderr, "the weak password is refused and asked again")
    check(f"The password of {user} is reset" in r.stdout, "human-readable result")
    d.run("sign_in_srp", ["--username", user], [NEW_PASSWORD]).ok()


if __name__ == "__main__":
    main({"reset_and_sign_in": case_reset_and_sign_in, "resend_and_weak_password": case_resend_and_weak_password})
