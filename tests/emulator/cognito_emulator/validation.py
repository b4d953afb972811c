"""Declarative input validation with Cognito's "N validation errors detected" messages.

A schema is a ``Struct`` of named members.  ``validate(schema, body)`` returns
the body with JSON ``null`` members dropped, or raises InvalidParameterException
listing every problem (required member missing, wrong JSON type, length,
pattern, enum), e.g.::

    1 validation error detected: Value null at 'clientId' failed to satisfy
    constraint: Member must not be null
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from .errors import validation_failed


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class Str:
    required: bool = False
    min: Optional[int] = None
    max: Optional[int] = None
    pattern: Optional[str] = None
    enum: Optional[tuple] = None
    sensitive: bool = False
    display: Optional[str] = None  # pattern as AWS prints it, when Python's re needs another spelling

    def check(self, value: Any, path: str, problems: list) -> None:
        shown = "" if self.sensitive else f" '{value}'" if isinstance(value, str) else f" '{value!r}'"
        prefix = f"Value{shown} at '{path}' failed to satisfy constraint: "
        if not isinstance(value, str):
            problems.append(prefix + "Member must be a string")
            return
        if self.min is not None and len(value) < self.min:
            problems.append(prefix + f"Member must have length greater than or equal to {self.min}")
        if self.max is not None and len(value) > self.max:
            problems.append(prefix + f"Member must have length less than or equal to {self.max}")
        if self.pattern is not None and not re.fullmatch(self.pattern, value, re.S):
            problems.append(prefix + "Member must satisfy regular expression pattern: "
                            + (self.display or self.pattern))
        if self.enum is not None and value not in self.enum:
            problems.append(prefix + f"Member must satisfy enum value set: [{', '.join(self.enum)}]")


@dataclass(frozen=True)
class Bool:
    required: bool = False

    def check(self, value, path, problems):
        if not isinstance(value, bool):
            problems.append(f"Value '{value!r}' at '{path}' failed to satisfy constraint: Member must be a boolean")


@dataclass(frozen=True)
class Int:
    required: bool = False
    min: Optional[int] = None
    max: Optional[int] = None

    def check(self, value, path, problems):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"Value '{value!r}' at '{path}' failed to satisfy constraint: Member must be an integer")
            return
        if self.min is not None and value < self.min:
            problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: "
                            f"Member must have value greater than or equal to {self.min}")
        if self.max is not None and value > self.max:
            problems.append(f"Value '{value}' at '{path}' failed to satisfy constraint: "
                            f"Member must have value less than or equal to {self.max}")


@dataclass(frozen=True)
class StrMap:
    """map<string,string> (AuthParameters, ChallengeResponses, ClientMetadata).

    A JSON ``null`` value counts as an absent entry (``validate`` drops it), as on Cognito:
    amazon-cognito-identity-js sends ``"DEVICE_KEY": null`` in REFRESH_TOKEN_AUTH whenever its
    storage (``localStorage``) holds no device key, and on purpose when it retries a
    PASSWORD_VERIFIER without a forgotten device.  Other non-string values are refused."""

    required: bool = False

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.append(f"Value at '{path}' failed to satisfy constraint: Member must be a map")
            return
        for key, item in value.items():
            if item is not None and not isinstance(item, str):
                problems.append(f"Value '{item!r}' at '{path}.{key}' failed to satisfy constraint: "
                                "Member must be a string")


@dataclass(frozen=True)
class ListOf:
    item: Any
    required: bool = False

    def check(self, value, path, problems):
        if not isinstance(value, list):
            problems.append(f"Value at '{path}' failed to satisfy constraint: Member must be a list")
            return
        for index, element in enumerate(value, start=1):
            if element is None:
                problems.append(f"Value null at '{path}.{index}.member' failed to satisfy constraint: "
                                "Member must not be null")
            else:
                self.item.check(element, f"{path}.{index}.member", problems)


@dataclass(frozen=True)
class Document:
    required: bool = False

    def check(self, value, path, problems):
        pass


@dataclass(frozen=True)
class Struct:
    members: dict = field(default_factory=dict)
    required: bool = False

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.append(f"Value at '{path}' failed to satisfy constraint: Member must be a structure")
            return
        for name, spec in self.members.items():
            member_path = f"{path}.{_camel(name)}" if path else _camel(name)
            item = value.get(name)
            if item is None:
                if spec.required:
                    problems.append(f"Value null at '{member_path}' failed to satisfy constraint: "
                                    "Member must not be null")
                continue
            spec.check(item, member_path, problems)


def validate(schema: Struct, body: dict) -> dict:
    problems: list[str] = []
    schema.check(body, "", problems)
    if problems:
        raise validation_failed(problems)
    cleaned = {}
    for name, value in body.items():
        if value is None:
            continue
        if isinstance(schema.members.get(name), StrMap):
            value = {k: v for k, v in value.items() if v is not None}
        cleaned[name] = value
    return cleaned


# Shared member shapes (cognito-protocol.md section 2.1) -------------------------

CLIENT_ID = Str(required=True, min=1, max=128, pattern=r"[\w+]+", sensitive=True)
SECRET_HASH = Str(min=1, max=128, pattern=r"[\w+=/]+", sensitive=True)
USERNAME = Str(required=True, min=1, max=128, pattern=r"[^\s\x00-\x1f\x7f-\x9f]+",
               display=r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", sensitive=True)
PASSWORD = Str(max=256, pattern=r"[\S]+", sensitive=True)
REQUIRED_PASSWORD = replace(PASSWORD, required=True)
TOKEN = Str(required=True, pattern=r"[A-Za-z0-9-_=.]+", sensitive=True)
ACCESS_TOKEN = TOKEN
SESSION = Str(min=20, max=2048, sensitive=True)
CODE = Str(required=True, min=1, max=2048, pattern=r"[\S]+")
OPTIONAL_DEVICE_KEY = Str(min=1, max=55, pattern=r"[\w-]+_[0-9a-f-]+")
DEVICE_KEY = replace(OPTIONAL_DEVICE_KEY, required=True)
ATTRIBUTE_NAME = Str(required=True, min=1, max=32)
ATTRIBUTE = Struct({"Name": ATTRIBUTE_NAME, "Value": Str(max=2048, sensitive=True)})
ATTRIBUTES = ListOf(ATTRIBUTE)
STR_MAP = StrMap()
CONTEXT_DATA = Struct({"IpAddress": Str(max=131072), "EncodedData": Str(max=131072)})
ANALYTICS = Struct({"AnalyticsEndpointId": Str(max=131072)})
CHALLENGE_NAMES = ("SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE", "MFA_SETUP",
                   "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "SELECT_CHALLENGE", "DEVICE_SRP_AUTH",
                   "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", "NEW_PASSWORD_REQUIRED", "SMS_OTP",
                   "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP")
AUTH_FLOWS = ("USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH",
              "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH")
MFA_SETTINGS = Struct({"Enabled": Bool(), "PreferredMfa": Bool()})
MFA_OPTION = Struct({"DeliveryMedium": Str(enum=("SMS", "EMAIL")), "AttributeName": Str(min=1, max=32)})


def client_request(**members) -> Struct:
    """Struct for a ClientId-authorized operation (common optional members added)."""
    base = {"ClientId": CLIENT_ID, "ClientMetadata": STR_MAP, "UserContextData": CONTEXT_DATA,
            "AnalyticsMetadata": ANALYTICS}
    base.update(members)
    return Struct(base)


def token_request(**members) -> Struct:
    """Struct for an AccessToken-authorized operation."""
    base = {"AccessToken": ACCESS_TOKEN}
    base.update(members)
    return Struct(base)
