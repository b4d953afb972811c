"""Passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials,
DeleteWebAuthnCredential, and the WEB_AUTHN sign-in helpers used by auth.py."""

from __future__ import annotations

import json
import secrets
from typing import Optional

from .. import errors, tokens
from ..errors import CognitoError
from ..model import Pool, User, WebAuthnCredential
from ..validation import Document, Int, Str, token_request
from ..webauthn import RelyingParty, WebAuthnError, b64url, verify_assertion, verify_registration
from . import Call, operation
from .common import paginate

# WebAuthnError.kind -> the Cognito exception CompleteWebAuthnRegistration raises
REGISTRATION_ERRORS = {"challenge": "WebAuthnChallengeNotFoundException",
                       "origin": "WebAuthnOriginNotAllowedException",
                       "rp": "WebAuthnRelyingPartyMismatchException",
                       "unsupported": "WebAuthnCredentialNotSupportedException"}
ASSERTION_FAILED = "WebAuthn credential verification failed."


def relying_party(pool: Pool) -> Optional[RelyingParty]:
    """The pool's WebAuthn settings, or None when WEB_AUTHN is not an allowed first factor / not configured."""
    config = pool.settings["web_authn"]
    if config is None or "WEB_AUTHN" not in pool.settings["allowed_first_auth_factors"]:
        return None
    return RelyingParty(config["relying_party_id"], list(config["origins"]), config["user_verification"])


def _require_relying_party(pool: Pool) -> RelyingParty:
    if "WEB_AUTHN" not in pool.settings["allowed_first_auth_factors"]:
        raise errors.error("WebAuthnNotEnabledException", "WebAuthn is not enabled for this user pool.")
    rp = relying_party(pool)
    if rp is None:
        raise errors.error("WebAuthnConfigurationMissingException",
                           "WebAuthn relying party configuration is missing for this user pool.")
    return rp


def new_challenge() -> str:
    return b64url(secrets.token_bytes(32))


def _descriptor(credential: WebAuthnCredential) -> dict:
    out = {"type": "public-key", "id": credential.credential_id}
    if credential.transports:
        out["transports"] = list(credential.transports)
    return out


def request_options(pool: Pool, user: User, challenge: str) -> str:
    """CREDENTIAL_REQUEST_OPTIONS: PublicKeyCredentialRequestOptions as a JSON string."""
    config = pool.settings["web_authn"]
    options = {"challenge": challenge, "timeout": config["timeout_ms"], "rpId": config["relying_party_id"],
               "allowCredentials": [_descriptor(c) for c in user.web_authn_credentials.values()],
               "userVerification": config["user_verification"]}
    return json.dumps(options, separators=(",", ":"))


def check_assertion(pool: Pool, user: User, credential_json: str, challenge: Optional[str]) -> None:
    """Verify the CREDENTIAL of a WEB_AUTHN answer; every failure is NotAuthorizedException."""
    try:
        credential = json.loads(credential_json)
    except ValueError:
        raise errors.invalid_parameter("CREDENTIAL is not valid JSON.") from None
    rp = relying_party(pool)
    stored = user.web_authn_credentials.get(credential.get("id")) if isinstance(credential, dict) else None
    if rp is None or stored is None:
        raise errors.not_authorized(ASSERTION_FAILED)
    try:
        stored.sign_count = verify_assertion(rp, credential, challenge, stored.public_key, stored.sign_count)
    except WebAuthnError:
        raise errors.not_authorized(ASSERTION_FAILED) from None


def _registration_error(exc: WebAuthnError) -> CognitoError:
    name = REGISTRATION_ERRORS.get(exc.kind)
    return errors.error(name, str(exc)) if name else errors.invalid_parameter(str(exc))


@operation("StartWebAuthnRegistration", token_request())
def start_web_authn_registration(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    rp = _require_relying_party(pool)
    config = pool.settings["web_authn"]
    challenge = new_challenge()
    user.web_authn_registration = (challenge, pool.now() + config["timeout_ms"] / 1000)
    display = user.attr("name") or user.attr("email") or user.username
    return {"CredentialCreationOptions": {
        "challenge": challenge,
        "rp": {"id": rp.rp_id, "name": pool.name},
        "user": {"id": b64url(user.sub.encode()), "name": user.username, "displayName": display},
        "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
        "timeout": config["timeout_ms"],
        "excludeCredentials": [_descriptor(c) for c in user.web_authn_credentials.values()],
        "authenticatorSelection": {"residentKey": "required", "requireResidentKey": True,
                                   "userVerification": rp.user_verification}}}


@operation("CompleteWebAuthnRegistration", token_request(Credential=Document(required=True)))
def complete_web_authn_registration(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    pool, user = principal.pool, principal.user
    rp = _require_relying_party(pool)
    outstanding, user.web_authn_registration = user.web_authn_registration, None  # one use
    challenge = outstanding[0] if outstanding and pool.now() < outstanding[1] else None
    try:
        registration = verify_registration(rp, body["Credential"], challenge)
    except WebAuthnError as exc:
        raise _registration_error(exc) from None
    if any(registration.credential_id in u.web_authn_credentials for u in pool.users.values()):
        raise errors.invalid_parameter("This credential is already registered.")
    user.web_authn_credentials[registration.credential_id] = WebAuthnCredential(
        credential_id=registration.credential_id, public_key=registration.public_key,
        sign_count=registration.sign_count, relying_party_id=rp.rp_id, created=pool.now(),
        transports=registration.transports, attachment=registration.attachment,
        name=f"Passkey {len(user.web_authn_credentials) + 1}")
    return {}


@operation("ListWebAuthnCredentials", token_request(NextToken=Str(min=1), MaxResults=Int(min=0, max=20)))
def list_web_authn_credentials(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    page, token = paginate(list(principal.user.web_authn_credentials.values()), lambda c: c.credential_id,
                           body.get("NextToken"), body.get("MaxResults") or 20, "Invalid NextToken.")
    out = {"Credentials": [c.describe() for c in page]}
    if token is not None:
        out["NextToken"] = token
    return out


@operation("DeleteWebAuthnCredential", token_request(CredentialId=Str(required=True)))
def delete_web_authn_credential(call: Call, body: dict) -> dict:
    principal = tokens.authorize(call.state, body["AccessToken"])
    if principal.user.web_authn_credentials.pop(body["CredentialId"], None) is None:
        raise errors.resource_not_found("The credential does not exist.")
    return {}
