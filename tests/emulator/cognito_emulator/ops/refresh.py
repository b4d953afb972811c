"""REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken (rotation) and RevokeToken."""

from __future__ import annotations

from .. import errors, tokens
from ..jwt_tokens import TokenFormatError
from ..model import AppClient, Pool
from ..validation import CLIENT_ID, OPTIONAL_DEVICE_KEY, STR_MAP, TOKEN, Str, Struct
from . import Call, operation
from .common import check_client_secret, check_secret_hash

CLIENT_SECRET = Str(min=24, max=64, pattern=r"[\w+]+", sensitive=True)


def _check_refresh_allowed(client: AppClient, flow: str) -> None:
    if not client.allows("ALLOW_REFRESH_TOKEN_AUTH"):
        raise errors.invalid_parameter(f"{flow} flow not enabled for this client")


def refresh_token_auth(call: Call, pool: Pool, client: AppClient, params: dict) -> dict:
    """InitiateAuth REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID + access token, same refresh token."""
    _check_refresh_allowed(client, "REFRESH_TOKEN_AUTH")
    if client.rotation_enabled:
        raise errors.invalid_parameter(
            "REFRESH_TOKEN_AUTH is not allowed for an app client with refresh token rotation enabled; "
            "use GetTokensFromRefreshToken.")
    token = params.get("REFRESH_TOKEN")
    if not token:
        raise errors.missing_parameter("REFRESH_TOKEN")
    record = pool.refresh_tokens.get(token)
    # SECRET_HASH is computed over the canonical username (cognito:username) of the token owner.
    check_secret_hash(client, record.username if record else "", params.get("SECRET_HASH"))
    record, user = tokens.use_refresh_token(pool, client, token, params.get("DEVICE_KEY"))
    result = tokens.issue(call.state, pool, client, user, refresh=record, new_refresh_token=False)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


@operation("GetTokensFromRefreshToken", Struct({"RefreshToken": TOKEN, "ClientId": CLIENT_ID,
                                                "ClientSecret": CLIENT_SECRET, "DeviceKey": OPTIONAL_DEVICE_KEY,
                                                "ClientMetadata": STR_MAP}))
def get_tokens_from_refresh_token(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_client_secret(client, body.get("ClientSecret"))
    _check_refresh_allowed(client, "REFRESH_TOKEN_AUTH")
    record, user = tokens.use_refresh_token(pool, client, body["RefreshToken"], body.get("DeviceKey"))
    if client.rotation_enabled and record.rotated_at is None:
        record.rotated_at = pool.now()  # still usable for the retry grace period
    result = tokens.issue(call.state, pool, client, user, refresh=record,
                          new_refresh_token=client.rotation_enabled)
    return {"AuthenticationResult": result}


@operation("RevokeToken", Struct({"Token": TOKEN, "ClientId": CLIENT_ID, "ClientSecret": CLIENT_SECRET}))
def revoke_token(call: Call, body: dict) -> dict:
    pool, client = call.state.client(body["ClientId"])
    check_client_secret(client, body.get("ClientSecret"), error_name="UnauthorizedException")
    if not client.token_revocation:
        raise errors.error("UnsupportedOperationException", "Token revocation is not enabled for this client.")
    token = body["Token"]
    try:
        call.state.keys.verify(token)
    except TokenFormatError:
        pass
    else:
        raise errors.error("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.")
    record = pool.refresh_tokens.get(token)
    if record is None:
        return {}  # like OAuth 2.0 revocation: unknown tokens are not an error
    if record.client_id != client.client_id:
        raise errors.error("UnauthorizedException", "The token was not issued to this client.")
    tokens.revoke_family(pool, record.origin_jti)
    return {}
