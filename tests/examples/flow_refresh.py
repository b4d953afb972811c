#!/usr/bin/env python3
"""examples/refresh: REFRESH_TOKEN_AUTH (with the device key) and GetTokensFromRefreshToken (--rotation)."""
from example_driver import PASSWORD, Driver, check, main


def case_refresh_token_auth(d: Driver) -> None:
    user = d.new_user("refresh")
    r = d.run("refresh", ["--username", user, "--wait", "1", "--json"], [PASSWORD])
    r.ok()
    j = r.json()
    check(j["flow"] == "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN_AUTH")
    check(j["new_access_token"] is True and j["refresh_token_rotated"] is False, "new access token, same refresh token")
    check(j["after"]["expires_at"] > j["before"]["expires_at"], "the new tokens expire later")


def case_rotation(d: Driver) -> None:
    user = d.new_user("rotate")
    r = d.run("refresh", ["--username", user, "--rotation", "--client-id", d.rotation_client], [PASSWORD])
    r.ok()
    check("GetTokensFromRefreshToken" in r.stdout and "refresh token rotated" in r.stdout,
          "the refresh token was rotated (human-readable output)")


def case_mfa_then_refresh(d: Driver) -> None:
    user = d.new_user("refreshsms", phone=True, mfa={"sms": True, "preferred": "SMS_MFA"})
    r = d.run("refresh", ["--username", user, "--json"], [PASSWORD, d.code(user, "SMS_MFA")])
    r.ok()
    check(r.json()["challenges"] == ["SMS_MFA"], "MFA answered before the refresh")


if __name__ == "__main__":
    main({"refresh_token_auth": case_refresh_token_auth, "rotation": case_rotation,
          "mfa_then_refresh": case_mfa_then_refresh})
