#!/usr/bin/env python3
"""examples/sign_in_password: USER_PASSWORD_AUTH answering each kind of challenge from stdin."""
from example_driver import NEW_PASSWORD, PASSWORD, Driver, check, main

SMS = {"sms": True, "preferred": "SMS_MFA"}


def sign_in(d: Driver, user: str, answers: list, expected: list) -> dict:
    r = d.run("sign_in_password", ["--username", user, "--json"], answers)
    r.ok()
    j = r.json()
    check(j["flow"] == "USER_PASSWORD_AUTH" and j["username"] == user, "signed in with USER_PASSWORD_AUTH")
    check(j["challenges"] == expected, f"challenges answered: {expected}")
    check(j["tokens"]["id_token"].startswith("eyJ") and "chars)" in j["tokens"]["id_token"],
          "tokens are abbreviated")
    return j


def case_sms_mfa(d: Driver) -> None:
    user = d.new_user("sms", phone=True, mfa=SMS)
    sign_in(d, user, [PASSWORD, d.code(user, "SMS_MFA")], ["SMS_MFA"])


def case_totp_mfa(d: Driver) -> None:
    user = d.new_user("totp", mfa={"totp": True, "preferred": "SOFTWARE_TOKEN_MFA"},
                      totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    sign_in(d, user, [PASSWORD, d.totp(user)], ["SOFTWARE_TOKEN_MFA"])


def case_email_mfa(d: Driver) -> None:
    user = d.new_user("email", mfa={"email": True, "preferred": "EMAIL_OTP"})
    sign_in(d, user, [PASSWORD, d.code(user, "EMAIL_MFA")], ["EMAIL_OTP"])


def case_select_mfa_type(d: Driver) -> None:
    user = d.new_user("multi", phone=True, mfa={"sms": True, "email": True, "totp": True},
                      totp_secret="KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU")
    sign_in(d, user, [PASSWORD, "EMAIL_OTP", d.code(user, "EMAIL_MFA")], ["SELECT_MFA_TYPE", "EMAIL_OTP"])


def case_new_password(d: Driver) -> None:
    user = d.new_user("newpass", temporary_password="Temp#Passw0rd1")
    sign_in(d, user, ["Temp#Passw0rd1", NEW_PASSWORD], ["NEW_PASSWORD_REQUIRED"])
    check(d.user(user)["status"] == "CONFIRMED", "the user is CONFIRMED with the new password")
    d.run("sign_in_password", ["--username", user], [NEW_PASSWORD]).ok()


def case_wrong_code_retried(d: Driver) -> None:
    user = d.new_user("retry", phone=True, mfa=SMS)
    r = d.run("sign_in_password", ["--username", user], [PASSWORD, "000000", d.code(user, "SMS_MFA")])
    r.ok()
    check("not accepted: CodeMismatchException" in r.stderr, "the wrong code is reported and asked again")
    check(f"Signed in as {user}" in r.stdout, "human-readable result on stdout")


def case_wrong_password(d: Driver) -> None:
    user = d.new_user("wrongpw")
    r = d.run("sign_in_password", ["--username", user, "--json"], ["Not-the-passw0rd"])
    r.failed(1)
    check("error: NotAuthorizedException: Incorrect username or password." in r.stderr,
          "the Cognito error name and message on stderr")
    check(r.stdout == "", "nothing on stdout")


def case_stdin_ends(d: Driver) -> None:
    user = d.new_user("eof", phone=True, mfa=SMS)
    r = d.run("sign_in_password", ["--username", user], [PASSWORD])
    r.failed(1)
    check("stdin ended" in r.stderr, "a missing answer is an error, not a hang")


if __name__ == "__main__":
    main({"sms_mfa": case_sms_mfa, "totp_mfa": case_totp_mfa, "email_mfa": case_email_mfa,
          "select_mfa_type": case_select_mfa_type, "new_password": case_new_password,
          "wrong_code_retried": case_wrong_code_retried, "wrong_password": case_wrong_password,
          "stdin_ends": case_stdin_ends})
