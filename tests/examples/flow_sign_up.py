#!/usr/bin/env python3
"""examples/sign_up: SignUp with attributes, "resend", ConfirmSignUp, sign-in with the sign-up session."""
from example_driver import PASSWORD, Driver, check, main


def case_resend_and_sign_in(d: Driver) -> None:
    user = d.unique("signup")
    r = d.run("sign_up", ["--username", user, "--email", f"{user}@example.com", "--phone", "+15555550123",
                          "--attr", "name=Ex Ample", "--attr", "custom:plan=pro", "--sign-in", "--json"],
              [PASSWORD, "resend", d.code(user, "SIGN_UP", nth=2)])
    r.ok()
    j = r.json()
    check(j["confirmed"] is True and j["username"] == user, "the user is confirmed")
    check(j["code_delivery"]["medium"] == "EMAIL", "the code went by email")
    check(j["sign_in"]["tokens"]["access_token"].startswith("eyJ"), "signed in with the sign-up session")
    check("ResendConfirmationCode" in r.stderr, "the code was sent again on 'resend'")
    view = d.user(user)
    check(view["status"] == "CONFIRMED", "the emulator has the user CONFIRMED")
    check(view["attributes"].get("name") == "Ex Ample" and view["attributes"].get("phone_number") == "+15555550123"
          and view["attributes"].get("custom:plan") == "pro", "--attr, --phone and --email became attributes")


def case_wrong_code(d: Driver) -> None:
    user = d.unique("signup")
    r = d.run("sign_up", ["--username", user, "--email", f"{user}@example.com"],
              [PASSWORD, "not-a-code", d.code(user, "SIGN_UP")])
    r.ok()
    check("CodeMismatchException" in r.stderr, "the wrong code is reported and asked again")
    check(f"User {user} is confirmed" in r.stdout, "human-readable result on stdout")


def case_confirm_only(d: Driver) -> None:
    user = d.new_user("unconfirmed", status="UNCONFIRMED", password=PASSWORD,
                      attributes={"email_verified": "false"})
    r = d.run("sign_up", ["--username", user, "--confirm-only", "--json"], ["resend", d.code(user, "SIGN_UP")])
    r.ok()
    check(r.json()["confirmed"] is True, "confirmed without signing up again")
    check(d.user(user)["status"] == "CONFIRMED", "the emulator has the user CONFIRMED")


def case_existing_user(d: Driver) -> None:
    user = d.new_user("exists")
    r = d.run("sign_up", ["--username", user, "--email", f"{user}@example.com"], [PASSWORD])
    r.failed(1)
    check("UsernameExistsException" in r.stderr, "the Cognito error name is reported")
    check(r.stdout == "", "nothing on stdout")


if __name__ == "__main__":
    main({"resend_and_sign_in": case_resend_and_sign_in, "wrong_code": case_wrong_code,
          "confirm_only": case_confirm_only, "existing_user": case_existing_user})
