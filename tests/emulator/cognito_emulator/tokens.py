"""Issuing and checking ID / access / refresh tokens (cognito-protocol.md section 7)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Optional

from . import errors, ids
from .jwt_tokens import TokenFormatError
from .model import VERIFIED_FLAGS, AppClient, Device, Pool, User
from .state import EmulatorState

ACCESS_SCOPE = "aws.cognito.signin.user.admin"


@dataclass
class RefreshTokenRecord:
    token: str
    client_id: str
    username: str
    sub: str
    origin_jti: str
    auth_time: int
    device_key: Optional[str]
    expires_at: float
    revoked: bool = False
    # rotation: when this token was exchanged for a newer one
    rotated_at: Optional[float] = None


def _claims_common(state: EmulatorState, pool: Pool, user: User, *, token_use: str, auth_time: int,
                   origin_jti: str, event_id: str, validity: int) -> dict:
    now = int(pool.now())
    return {"sub": user.sub, "iss": state.issuer(pool), "token_use": token_use, "auth_time": auth_time,
            "iat": now, "exp": now + validity, "jti": str(uuid.uuid4()), "origin_jti": origin_jti,
            "event_id": event_id}


def id_token_claims(state, pool: Pool, client: AppClient, user: User, **common) -> dict:
    claims = _claims_common(state, pool, user, token_use="id", validity=client.id_token_validity, **common)
    claims["aud"] = client.client_id
    claims["cognito:username"] = user.username
    for name, value in user.attributes.items():
        if name in VERIFIED_FLAGS.values():
            claims[name] = value == "true"  # booleans in the ID token
        else:
            claims[name] = value
    return claims


def access_token_claims(state, pool: Pool, client: AppClient, user: User, device_key: Optional[str],
                        **common) -> dict:
    claims = _claims_common(state, pool, user, token_use="access",
                            validity=client.access_token_validity, **common)
    claims.update({"client_id": client.client_id, "scope": ACCESS_SCOPE, "username": user.username})
    if device_key:
        claims["device_key"] = device_key
    return claims


def issue(state: EmulatorState, pool: Pool, client: AppClient, user: User, *,
          auth_time: Optional[int] = None, device_key: Optional[str] = None,
          new_device: Optional[Device] = None, refresh: Optional[RefreshTokenRecord] = None,
          new_refresh_token: bool = True) -> dict:
    """Build an AuthenticationResult.

    ``refresh`` is the record being used for a refresh flow (keeps auth_time,
    origin_jti and the device).  ``new_refresh_token`` issues (or rotates to) a
    new refresh token.
    """
    if refresh is not None:
        auth_time, origin_jti, device_key = refresh.auth_time, refresh.origin_jti, refresh.device_key
    else:
        origin_jti = str(uuid.uuid4())
        auth_time = int(pool.now()) if auth_time is None else auth_time
    if new_device is not None:
        device_key = new_device.key
    common = {"auth_time": auth_time, "origin_jti": origin_jti, "event_id": str(uuid.uuid4())}
    result = {
        "AccessToken": state.keys.sign(access_token_claims(state, pool, client, user, device_key, **common),
                                       "access"),
        "ExpiresIn": client.access_token_validity,
        "TokenType": "Bearer",
        "IdToken": state.keys.sign(id_token_claims(state, pool, client, user, **common), "id"),
    }
    if new_refresh_token:
        record = RefreshTokenRecord(
            token=ids.opaque_token(96), client_id=client.client_id, username=user.username, sub=user.sub,
            origin_jti=origin_jti, auth_time=auth_time, device_key=device_key,
            expires_at=pool.now() + client.refresh_token_validity)
        pool.refresh_tokens[record.token] = record
        result["RefreshToken"] = record.token
    if new_device is not None:
        result["NewDeviceMetadata"] = {"DeviceKey": new_device.key, "DeviceGroupKey": new_device.group_key}
    return result


def use_refresh_token(pool: Pool, client: AppClient, token: str, device_key: Optional[str]
                      ) -> tuple[RefreshTokenRecord, User]:
    """Validate a refresh token for a refresh flow (rotation handled by the caller)."""
    record = pool.refresh_tokens.get(token)
    if record is None or record.client_id != client.client_id:
        raise errors.not_authorized(errors.INVALID_REFRESH_TOKEN)
    if record.revoked:
        raise errors.not_authorized("Refresh Token has been revoked")
    if pool.now() >= record.expires_at:
        raise errors.not_authorized("Refresh Token has expired")
    if record.rotated_at is not None and pool.now() > record.rotated_at + client.retry_grace_period:
        raise errors.error("RefreshTokenReuseException", "Refresh token has already been used.")
    if pool.device_tracking != "OFF" and record.device_key and device_key != record.device_key:
        raise errors.not_authorized(errors.INVALID_REFRESH_TOKEN)
    user = pool.find_user(record.username)
    if user is None or user.sub != record.sub:
        raise errors.not_authorized(errors.INVALID_REFRESH_TOKEN)
    if not user.enabled:
        raise errors.not_authorized("User is disabled.")
    return record, user


def revoke_family(pool: Pool, origin_jti: str) -> None:
    pool.revoked_origins.add(origin_jti)
    for record in pool.refresh_tokens.values():
        if record.origin_jti == origin_jti:
            record.revoked = True


def global_sign_out(pool: Pool, user: User) -> None:
    for record in list(pool.refresh_tokens.values()):
        if record.username == user.username:
            revoke_family(pool, record.origin_jti)


@dataclass
class Principal:
    """The caller of an AccessToken-authorized operation."""

    pool: Pool
    user: User
    claims: dict


def authorize(state: EmulatorState, access_token: str) -> Principal:
    """Verify signature, token_use, expiry, revocation; resolve the user."""
    try:
        header, claims = state.keys.verify(access_token)
    except TokenFormatError:
        raise errors.not_authorized(errors.INVALID_ACCESS_TOKEN) from None
    pool = state.pool_for_issuer(claims.get("iss"))
    if (pool is None or claims.get("token_use") != "access"
            or header.get("kid") != state.keys.kid_for("access")):
        raise errors.not_authorized(errors.INVALID_ACCESS_TOKEN)
    if ACCESS_SCOPE not in str(claims.get("scope", "")).split():
        raise errors.not_authorized("Access Token does not have required scopes")
    if not isinstance(claims.get("exp"), int) or pool.now() >= claims["exp"]:
        raise errors.not_authorized(errors.TOKEN_EXPIRED)
    if claims.get("origin_jti") in pool.revoked_origins:
        raise errors.not_authorized(errors.TOKEN_REVOKED)
    user = pool.find_user(str(claims.get("username", "")))
    if user is None or user.sub != claims.get("sub"):
        raise errors.user_not_found()
    if not user.enabled:
        raise errors.not_authorized("User is disabled.")
    return Principal(pool, user, claims)
