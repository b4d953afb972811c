#!/usr/bin/env python3
"""examples/sign_in_srp: USER_SRP_AUTH with MFA, settings from flags or the environment."""
import re

from example_driver import PASSWORD, Driver, check, main


def case_no_mfa(d: Driver) -> None:
    user = d.new_user("srp")
    r = d.run("sign_in_srp", ["--username", user, "--json", "--trace"], [PASSWORD])
    r.ok()
    j = r.json()
    check(j["flow"] == "USER_SRP_AUTH" and j["challenges"] == [], "signed in without questions")
    check(j["id_token_claims"]["email"] == f"{user}@example.com", "the ID token was verified (JWKS)")
    check("[trace] RespondToAuthChallenge PASSWORD_VERIFIER" in r.stderr, "--trace shows the SRP exchange")
    check(j["new_device"] is not None and j["device_needs_user_confirmation"] is True,
          "the demo pool (user opt-in) got a confirmed device")


def case_secret_client_flags(d: Driver) -> None:
    """Settings as flags (no COGNITO_* variables), a client with a secret (SECRET_HASH), SMS MFA."""
    user = d.new_user("srpsecret", phone=True, mfa={"sms": True, "preferred": "SMS_MFA"})
    r = d.run("sign_in_srp", ["--username", user, "--json", "--endpoint", d.endpoint, "--pool-id", d.pool_id,
                              "--client-id", d.secret_client, "--client-secret", d.client_secret],
              [PASSWORD, d.code(user, "SMS_MFA")], settings=False)
    r.ok()
    check(r.json()["challenges"] == ["SMS_MFA"], "SMS_MFA answered")


def case_totp_mfa(d: Driver) -> None:
    user = d.new_user("srptotp", mfa={"totp": True, "preferred": "SOFTWARE_TOKEN_MFA"},
                      totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    r = d.run("sign_in_srp", ["--username", user, "--show-tokens", "--json", "--log", "trace"],
              [PASSWORD, d.totp(user)])
    r.ok()
    j = r.json()
    check(j["challenges"] == ["SOFTWARE_TOKEN_MFA"], "SOFTWARE_TOKEN_MFA answered")
    check("[cognito INFO] sign-in: step SOFTWARE_TOKEN_MFA_CODE" in r.stderr, "--log trace shows the steps")
    check("[cognito DEBUG] http: RespondToAuthChallenge attempt 1 -> 200" in r.stderr, "--log trace shows exchanges")
    # The example itself echoes visible answers to stderr ("? Authenticator code: 123456"):
    # that is where the code is read from, and only the library's lines count as its log.
    code = re.search(r"Authenticator code: (\d{6})", r.stderr).group(1)
    log = "\n".join(line for line in r.stderr.splitlines() if "[cognito " in line)
    tokens = [t for t in (j["tokens"].get(k) for k in ("access_token", "id_token", "refresh_token")) if t]
    for secret in [PASSWORD, code] + tokens:
        check(secret not in log, "the log holds no password, code or token")
    check("\u2026" not in j["tokens"]["access_token"] and j["tokens"]["access_token"].count(".") == 2,
          "--show-tokens prints whole tokens")


def case_bad_log_level(d: Driver) -> None:
    r = d.run("sign_in_srp", ["--username", "someone", "--log", "loud"], [])
    r.failed(1)
    check("--log takes error, warn, info, debug or trace" in r.stderr, "says which levels exist")


def case_missing_settings(d: Driver) -> None:
    r = d.run("sign_in_srp", ["--username", "someone"], [], settings=False)
    r.failed(1)
    check("--client-id" in r.stderr and "COGNITO_CLIENT_ID" in r.stderr, "says which setting is missing")
    r = d.run("sign_in_srp", [], [])
    r.failed(2)
    check("--username is required" in r.stderr, "usage error without --username")


if __name__ == "__main__":
    main({"no_mfa": case_no_mfa, "secret_client_flags": case_secret_client_flags, "totp_mfa": case_totp_mfa,
          "bad_log_level": case_bad_log_level, "missing_settings": case_missing_settings})
