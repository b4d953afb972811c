"""Operations the emulator answers with a typed error (threat protection)."""

from __future__ import annotations

from .. import errors
from ..validation import Str, Struct
from . import Call, operation


@operation("UpdateAuthEventFeedback", Struct({
    "UserPoolId": Str(required=True, min=1, max=55, pattern=r"[\w-]+_[0-9a-zA-Z]+"),
    "Username": Str(required=True, min=1, max=128, sensitive=True),
    "EventId": Str(required=True, min=1, max=50, pattern=r"[\w+-]+"),
    "FeedbackToken": Str(required=True, pattern=r"[A-Za-z0-9-_=.]+", sensitive=True),
    "FeedbackValue": Str(required=True, enum=("Valid", "Invalid"))}))
def update_auth_event_feedback(call: Call, body: dict) -> dict:
    if call.state.pool(body["UserPoolId"]) is None:
        raise errors.resource_not_found(f"User pool {body['UserPoolId']} does not exist.")
    raise errors.error("UserPoolAddOnNotEnabledException",
                       "Threat protection (advanced security) is not enabled for this user pool.")
