#!/usr/bin/env python3
"""examples/totp_setup: MFA_SETUP during sign-in (pool with MFA on) and --signed-in set-up."""
from example_driver import PASSWORD, Driver, check, main


def case_mfa_setup(d: Driver) -> None:
    pool = d.new_pool(mfa="ON", mfa_types=["SOFTWARE_TOKEN_MFA"])
    pool_id, client_id = pool["user_pool_id"], pool["clients"][0]["client_id"]
    user = d.new_user("mfasetup", pool_id=pool_id)
    env = d.settings_env(client_id=client_id, pool_id=pool_id)
    r = d.run("totp_setup", ["--username", user, "--device-name", "phone", "--json", "--trace"],
              [PASSWORD, d.totp_from_output()], env=env)
    r.ok()
    j = r.json()
    check(j["totp_setup"] == "MFA_SETUP" and j["challenges"][0] == "MFA_SETUP", "set up at MFA_SETUP")
    check("otpauth://totp/Cognito:" in r.stderr, "the otpauth:// URI is shown")
    check(d.user(user, pool_id=pool_id)["mfa"]["totp"] is True, "the emulator has TOTP on for the user")
    # The next sign-in asks for the authenticator code (a later 30 s step: codes are single-use).
    d.control("POST", f"pools/{pool_id}/clock", {"advance_seconds": 30})
    r = d.run("sign_in_srp", ["--username", user, "--json"], [PASSWORD, d.totp(user, pool_id=pool_id)], env=env)
    r.ok()
    check(r.json()["challenges"] == ["SOFTWARE_TOKEN_MFA"], "the next sign-in asks SOFTWARE_TOKEN_MFA")


def case_signed_in(d: Driver) -> None:
    user = d.new_user("totpsignedin")
    r = d.run("totp_setup", ["--username", user, "--signed-in", "--issuer", "Example App", "--json"],
              [PASSWORD, d.totp(user)])
    r.ok()
    j = r.json()
    check(j["totp_setup"] == "signed-in", "set up as a signed-in user")
    check("otpauth://totp/Example%20App:" in r.stderr and "issuer=Example%20App" in r.stderr,
          "the URI names the issuer, percent-encoded")
    for op in ("AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference"):
        check(op in r.stderr, f"{op} was called")
    mfa = d.user(user)["mfa"]
    check(mfa["totp"] is True and mfa["preferred"] == "SOFTWARE_TOKEN_MFA", "TOTP on and preferred")


def case_no_setup_asked(d: Driver) -> None:
    user = d.new_user("totpnone")
    r = d.run("totp_setup", ["--username", user], [PASSWORD])
    r.failed(1)
    check("--signed-in" in r.stderr, "points to --signed-in when the pool did not ask for MFA_SETUP")


if __name__ == "__main__":
    main({"mfa_setup": case_mfa_setup, "signed_in": case_signed_in, "no_setup_asked": case_no_setup_asked})
