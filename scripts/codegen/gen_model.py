#!/usr/bin/env python3
"""Generates libcognito's typed model, JSON codec and Client operations.

Input: cognito-idp-2016-04-18.trimmed.json next to this script, botocore's
service model reduced to the 32 operations that need no SigV4 (auth
"smithy.api#noAuth") and the shapes they reach.

Outputs (committed; never edit them by hand):
  include/cognito/model.hpp          structs, enum constants, to_json/from_json
  include/cognito/client.hpp         only the region between the GENERATED OPERATIONS markers
  lib/wire/model_codec.hpp           detail::encode_request() declarations
  lib/wire/model_codec.cpp           the codec
  lib/wire/client_ops.cpp            Client::<operation>() methods
  tests/unit/codec_samples.inc       a fully populated sample of every struct
  tests/unit/codec_roundtrip_test.cpp  round trip of every operation's request and response

Usage:
  scripts/codegen/gen_model.py                  regenerate the outputs
  scripts/codegen/gen_model.py --check          exit 1 when an output is stale
  scripts/codegen/gen_model.py --trim SERVICE   rebuild the trimmed model from botocore's
                                                service-2.json or service-2.json.gz
"""

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRIMMED = HERE / "cognito-idp-2016-04-18.trimmed.json"
WIDTH = 110

# ---------------------------------------------------------------------------
# Decisions (keep every naming/typing rule in these tables)
# ---------------------------------------------------------------------------

# String members (by wire name) held in SecretString: wiped, move-only.
SECRET_MEMBERS = {
    "Password", "PreviousPassword", "ProposedPassword", "AccessToken", "RefreshToken", "IdToken",
    "Session", "SecretHash", "ClientSecret", "Token", "ConfirmationCode", "Code", "UserCode",
    "FeedbackToken", "SecretCode", "PasswordVerifier",
}
# map<string,string> members whose values are secrets (they carry passwords).
SECRET_MAPS = {"AuthParameters", "ChallengeResponses"}

# Operations a Client may retry after an ambiguous failure.
IDEMPOTENT = {
    "GetUser", "GetDevice", "ListDevices", "GetUserAuthFactors", "ListWebAuthnCredentials",
    "GlobalSignOut", "RevokeToken", "ForgetDevice", "UpdateDeviceStatus", "SetUserMFAPreference",
    "SetUserSettings", "UpdateUserAttributes", "DeleteUserAttributes",
}

# snake_case overrides for member / operation names the word splitter gets wrong.
NAME_OVERRIDES = {}

# C++ names of nested shapes the "drop Type, fix acronyms" rule gets wrong.
STRUCT_NAME_OVERRIDES = {"Document": "JsonDocument"}

# Namespaces holding enum constants (default: shape name without "Type", snake_case).
ENUM_NAMESPACE_OVERRIDES = {"VerifySoftwareTokenResponseType": "verify_software_token_status"}

# One line per operation for client.hpp.
OP_DOCS = {
    "AssociateSoftwareToken": "Starts TOTP MFA setup: returns the secret for the user's authenticator app.",
    "ChangePassword": "Changes the signed-in user's password.",
    "CompleteWebAuthnRegistration": "Finishes registering a passkey with the authenticator's credential.",
    "ConfirmDevice": "Confirms (remembers) a device with its SRP verifier after sign-in.",
    "ConfirmForgotPassword": "Sets a new password with the code sent by ForgotPassword.",
    "ConfirmSignUp": "Confirms a new account with the code sent at sign-up.",
    "DeleteUser": "Deletes the signed-in user.",
    "DeleteUserAttributes": "Deletes attributes of the signed-in user.",
    "DeleteWebAuthnCredential": "Deletes one of the signed-in user's passkeys.",
    "ForgetDevice": "Forgets a remembered device.",
    "ForgotPassword": "Sends a password-reset code to the user.",
    "GetDevice": "Describes one of the signed-in user's devices.",
    "GetTokensFromRefreshToken": "Issues new tokens for a refresh token (with refresh-token rotation).",
    "GetUser": "Returns the signed-in user's attributes and MFA settings.",
    "GetUserAttributeVerificationCode": "Sends a code to verify an email or phone attribute.",
    "GetUserAuthFactors": "Lists the signed-in user's sign-in and MFA factors.",
    "GlobalSignOut": "Signs the user out everywhere: revokes all of the user's tokens.",
    "InitiateAuth": "Starts a sign-in (SRP, password, refresh token, custom or choice-based flow).",
    "ListDevices": "Lists the signed-in user's remembered devices.",
    "ListWebAuthnCredentials": "Lists the signed-in user's passkeys.",
    "ResendConfirmationCode": "Sends the sign-up confirmation code again.",
    "RespondToAuthChallenge": "Answers the challenge returned by InitiateAuth or a previous answer.",
    "RevokeToken": "Revokes a refresh token and the access tokens issued with it.",
    "SetUserMFAPreference": "Enables, disables and orders the signed-in user's MFA factors.",
    "SetUserSettings": "Sets legacy SMS MFA options (superseded by SetUserMFAPreference).",
    "SignUp": "Registers a new user.",
    "StartWebAuthnRegistration": "Starts registering a passkey: returns the credential creation options.",
    "UpdateAuthEventFeedback": "Reports whether a sign-in event flagged by threat protection was genuine.",
    "UpdateDeviceStatus": "Marks a device remembered or not remembered.",
    "UpdateUserAttributes": "Updates attributes of the signed-in user.",
    "VerifySoftwareToken": "Completes TOTP MFA setup with a code from the authenticator app.",
    "VerifyUserAttribute": "Verifies an email or phone attribute with the code sent to it.",
}

# One line per nested shape for model.hpp.
STRUCT_DOCS = {
    "AnalyticsMetadataType": "Amazon Pinpoint analytics endpoint for the request.",
    "AttributeType": "A user or device attribute: name and value.",
    "AuthenticationResultType": "The tokens issued by a successful sign-in.",
    "CodeDeliveryDetailsType": "Where and how Cognito sent a code.",
    "DeviceSecretVerifierConfigType": "The SRP verifier and salt of a device being confirmed.",
    "DeviceType": "A device remembered for the user.",
    "EmailMfaSettingsType": "The user's preference for email MFA.",
    "MFAOptionType": "Legacy SMS MFA option (SetUserSettings / GetUser).",
    "NewDeviceMetadataType": "Keys of a new device, returned when the pool remembers devices.",
    "SMSMfaSettingsType": "The user's preference for SMS MFA.",
    "SoftwareTokenMfaSettingsType": "The user's preference for TOTP (authenticator app) MFA.",
    "UserContextDataType": "Threat-protection context: the device fingerprint and IP address.",
    "WebAuthnCredentialDescription": "A registered passkey.",
    "WebAuthnMfaSettingsType": "The user's preference for passkey MFA.",
}

# Extra member notes, by "Shape.Member" or by member name alone.
MEMBER_DOCS = {
    "InitiateAuthRequest.AuthParameters": "USERNAME, SRP_A, PASSWORD, REFRESH_TOKEN, SECRET_HASH, ... by flow",
    "RespondToAuthChallengeRequest.ChallengeResponses": "USERNAME, SECRET_HASH and the challenge's answers",
    "ChallengeParameters": "JSON-valued parameters arrive encoded in strings",
    "AssociateSoftwareTokenRequest.AccessToken": "either this or session",
    "AssociateSoftwareTokenRequest.Session": "either this or access_token",
    "VerifySoftwareTokenRequest.AccessToken": "either this or session",
    "VerifySoftwareTokenRequest.Session": "either this or access_token",
    "GetDeviceRequest.AccessToken": "needed in practice",
    "ForgetDeviceRequest.AccessToken": "needed in practice",
    "AuthenticationResultType.ExpiresIn": "access token lifetime in seconds",
    "AttributeType.Name": "e.g. \"email\", \"custom:plan\"",
    "CompleteWebAuthnRegistrationRequest.Credential": "the authenticator's RegistrationResponseJSON",
}

CPP_KEYWORDS = {
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
    "const", "constexpr", "continue", "default", "delete", "do", "double", "else", "enum", "explicit",
    "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
    "mutable", "namespace", "new", "noexcept", "not", "nullptr", "operator", "or", "private",
    "protected", "public", "register", "return", "short", "signed", "sizeof", "static", "struct",
    "switch", "template", "this", "throw", "true", "try", "typedef", "typename", "union", "unsigned",
    "using", "virtual", "void", "volatile", "while", "xor",
}

GENERATED_BANNER = "GENERATED by scripts/codegen/gen_model.py from the botocore model cognito-idp 2016-04-18."

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(name):
    return _WORD.findall(name)


def snake(name):
    if name in NAME_OVERRIDES:
        return NAME_OVERRIDES[name]
    s = "_".join(w.lower() for w in words(name))
    return s + "_" if s in CPP_KEYWORDS else s


def pascal(name):
    return "".join(w[0].upper() + w[1:].lower() for w in words(name))


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


class Member:
    def __init__(self, model, owner, wire, shape_name, required):
        self.model = model
        self.owner = owner            # wire name of the enclosing structure
        self.wire = wire
        self.shape_name = shape_name
        self.shape = model.shapes[shape_name]
        self.required = required
        self.name = snake(wire)

    @property
    def kind(self):
        return self.model.kind(self.shape_name)

    @property
    def is_container(self):
        return self.kind in ("list", "map")

    @property
    def is_secret(self):
        return self.kind == "string" and self.wire in SECRET_MEMBERS

    def value_type(self):
        k = self.kind
        if k == "string":
            return "SecretString" if self.is_secret else "std::string"
        if k == "map":
            value = "SecretString" if self.wire in SECRET_MAPS else "std::string"
            return f"std::map<std::string, {value}>"
        return self.model.cpp_type(self.shape_name)

    def decl_type(self):
        t = self.value_type()
        if self.required or self.is_container:
            return t
        return f"std::optional<{t}>"

    def declaration(self):
        """`type name;` with an initializer for required scalars (never left indeterminate)."""
        init = {"bool": " = false", "std::int32_t": " = 0", "double": " = 0"}.get(self.decl_type(), "")
        return f"{self.decl_type()} {self.name}{init};"

    def enum_shape(self):
        """The enum shape of a string member or of a list's elements, or None."""
        if self.kind == "string" and "enum" in self.shape:
            return self.shape_name
        if self.kind == "list":
            elem = self.shape["member"]["shape"]
            if self.model.kind(elem) == "string" and "enum" in self.model.shapes[elem]:
                return elem
        return None


class Model:
    def __init__(self, data):
        self.ops = data["operations"]
        self.shapes = data["shapes"]
        self.op_names = sorted(self.ops)
        # Structures reached from operations other than the inputs/outputs themselves.
        io = set()
        for op in self.op_names:
            io.add(self.ops[op]["input"]["shape"])
            if "output" in self.ops[op]:
                io.add(self.ops[op]["output"]["shape"])
        self.io_shapes = io
        self.nested = self._nested_in_dependency_order()
        self.enums = sorted(
            (n for n, s in self.shapes.items() if s["type"] == "string" and "enum" in s),
            key=lambda n: self.enum_namespace(n))
        self._check()

    def _check(self):
        for op in self.op_names:
            assert op in OP_DOCS, f"OP_DOCS lacks {op}"
        for n in self.nested:
            assert n in STRUCT_DOCS, f"STRUCT_DOCS lacks {n}"
        for s in self.shapes.values():
            if s["type"] == "map":
                assert self.kind(s["key"]["shape"]) == "string" and self.kind(s["value"]["shape"]) == "string"

    def kind(self, shape_name):
        s = self.shapes[shape_name]
        if s["type"] == "structure" and s.get("document"):
            return "document"
        return s["type"]

    def struct_name(self, shape_name):
        if shape_name in STRUCT_NAME_OVERRIDES:
            return STRUCT_NAME_OVERRIDES[shape_name]
        if shape_name in self.io_shapes:
            return shape_name       # SignUpRequest, SetUserMFAPreferenceRequest: the operation's name
        base = shape_name[:-4] if shape_name.endswith("Type") else shape_name
        return pascal(base)

    def cpp_type(self, shape_name):
        k = self.kind(shape_name)
        s = self.shapes[shape_name]
        if k == "string":
            return "std::string"
        if k == "boolean":
            return "bool"
        if k == "integer":
            return "std::int32_t"
        if k == "timestamp":
            return "double"
        if k == "list":
            return f"std::vector<{self.cpp_type(s['member']['shape'])}>"
        if k in ("structure", "document"):
            return self.struct_name(shape_name)
        raise ValueError(f"unsupported shape {shape_name} ({k})")

    def members(self, shape_name):
        s = self.shapes[shape_name]
        req = set(s.get("required", []))
        return [Member(self, shape_name, w, m["shape"], w in req) for w, m in s.get("members", {}).items()]

    def enum_namespace(self, shape_name):
        if shape_name in ENUM_NAMESPACE_OVERRIDES:
            return ENUM_NAMESPACE_OVERRIDES[shape_name]
        base = shape_name[:-4] if shape_name.endswith("Type") else shape_name
        return snake(base)

    def _nested_in_dependency_order(self):
        order, seen = [], set()

        def visit(name):
            s = self.shapes[name]
            if s["type"] == "list":
                return visit(s["member"]["shape"])
            if s["type"] != "structure" or s.get("document") or name in seen:
                return
            seen.add(name)
            for m in sorted(s.get("members", {}).values(), key=lambda m: m["shape"]):
                visit(m["shape"])
            if name not in self.io_shapes:
                order.append(name)

        for name in sorted(n for n, s in self.shapes.items() if s["type"] == "structure"):
            if name not in self.io_shapes:
                visit(name)
        return order

    def input(self, op):
        return self.ops[op]["input"]["shape"]

    def output(self, op):
        """The output shape, or None for operations the model gives no output."""
        o = self.ops[op].get("output")
        return o["shape"] if o else None

    def response_name(self, op):
        return self.output(op) or f"{op}Response"

    def all_structs(self):
        """(wire name, C++ name, shape or None) for every struct, in model.hpp order."""
        out = [(n, self.struct_name(n), n) for n in self.nested]
        for op in self.op_names:
            out.append((self.input(op), self.input(op), self.input(op)))
            out.append((self.response_name(op), self.response_name(op), self.output(op)))
        return out

    def has_required_document(self, shape_name):
        if shape_name is None:
            return False
        for m in self.members(shape_name):
            if m.kind == "document" and m.required:
                return True
            if m.kind == "structure" and m.required and self.has_required_document(m.shape_name):
                return True
        return False

    def enum_users(self, enum_shape):
        users = []
        for wire, cpp, shape in self.all_structs():
            if shape is None:
                continue
            for m in self.members(shape):
                if m.enum_shape() == enum_shape:
                    users.append(f"{cpp}::{m.name}")
        return users


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------


def wrap_comment(text, prefix):
    """Wraps `text` into lines starting with `prefix` within WIDTH columns."""
    lines, line = [], prefix
    for word in text.split():
        candidate = word if line == prefix else " " + word
        if len(line) + len(candidate) > WIDTH and line != prefix:
            lines.append(line)
            line = prefix + word
        else:
            line += candidate
    lines.append(line)
    return lines


def aligned_members(decls, indent="  "):
    """decls: [(declaration, doc or '')] -> lines with trailing ///< docs aligned within each run of
    consecutive documented lines (as clang-format does). A doc that does not fit goes above."""
    fits = [bool(doc) and len(indent + d) + 2 + 5 + len(doc) <= WIDTH for d, doc in decls]
    lines, i = [], 0
    while i < len(decls):
        if not fits[i]:
            d, doc = decls[i]
            if doc:
                lines.extend(wrap_comment(doc, indent + "/// "))
            lines.append(indent + d)
            i += 1
            continue
        j = i
        while j < len(decls) and fits[j]:
            j += 1
        run = decls[i:j]
        col = max(len(indent + d) for d, _ in run) + 2
        while any(col + 5 + len(doc) > WIDTH for _, doc in run):  # keep the run within WIDTH
            run, j = run[:-1], j - 1
            col = max(len(indent + d) for d, _ in run) + 2
        lines.extend((indent + d).ljust(col) + "///< " + doc for d, doc in run)
        i = j
    return lines


def cpp_string(s):
    return json.dumps(s)


def short_function(head, statement, indent=""):
    """`head { statement }` on one line when it fits, else on three."""
    one = f"{indent}{head} {{ {statement} }}"
    if len(one) <= WIDTH:
        return [one]
    return [f"{indent}{head} {{", f"{indent}  {statement}", f"{indent}}}"]


def call_lines(prefix, args, suffix, indent):
    """`prefix(arg, arg, ...)suffix`, wrapping arguments under the opening parenthesis."""
    one = f"{indent}{prefix}({', '.join(args)}){suffix}"
    if len(one) <= WIDTH:
        return [one]
    lines, line = [], f"{indent}{prefix}("
    cont = " " * len(line)
    for i, a in enumerate(args):
        piece = a + (", " if i + 1 < len(args) else f"){suffix}")
        if not line.endswith("(") and len(line) + len(piece.rstrip()) > WIDTH:
            lines.append(line.rstrip())
            line = cont
        line += piece
    lines.append(line)
    return lines


# ---------------------------------------------------------------------------
# model.hpp
# ---------------------------------------------------------------------------


def member_doc(model, m, is_request):
    notes = []
    if m.required:
        notes.append("required")
    if is_request and m.wire == "ClientId":
        notes.append("empty: ClientConfig::client_id")
    if is_request and m.wire == "SecretHash":
        notes.append("unset: computed from ClientConfig::client_secret")
    if is_request and m.wire == "ClientSecret":
        notes.append("unset: ClientConfig::client_secret")
    enum = m.enum_shape()
    if enum:
        ns = model.enum_namespace(enum)
        notes.append(f"{ns}:: values" if m.kind == "list" else f"a {ns}:: value")
    if m.kind == "timestamp":
        notes.append("epoch seconds")
    extra = MEMBER_DOCS.get(f"{m.owner}.{m.wire}") or MEMBER_DOCS.get(m.wire)
    if extra:
        notes.append(extra)
    return "; ".join(notes)


def wrap_terms(terms, first, cont):
    """Joins `terms` with " && " into lines starting with `first`, then `cont`, within WIDTH."""
    lines, line = [], first
    for i, t in enumerate(terms):
        piece = t + (" &&" if i + 1 < len(terms) else ";")
        if line not in (first, cont) and len(line) + 1 + len(piece) > WIDTH:
            lines.append(line)
            line = cont + piece
        else:
            line += ("" if line in (first, cont) else " ") + piece
    lines.append(line)
    return lines


def friend_op(op, cpp, terms):
    """A hidden-friend comparison; terms == [] for structs without members."""
    p1, p2 = (f"const {cpp}& a", f"const {cpp}& b") if terms else (f"const {cpp}&", f"const {cpp}&")
    opener = f"  friend bool operator{op}("
    head = f"{opener}{p1}, {p2}) {{"
    heads = [head] if len(head) <= WIDTH else [f"{opener}{p1},", " " * len(opener) + f"{p2}) {{"]
    if op == "!=":
        body = "!(a == b)" if terms else "false"
    else:
        body = " && ".join(terms) if terms else "true"
    one = f"{head} return {body}; }}"
    if len(one) <= WIDTH:
        return [one]
    if op == "==" and terms:
        return heads + wrap_terms(terms, "    return ", "           ") + ["  }"]
    return heads + [f"    return {body};", "  }"]


def struct_block(model, wire, cpp, shape, doc_lines):
    lines = list(doc_lines)
    members = model.members(shape) if shape else []
    is_request = wire.endswith("Request") and wire in model.io_shapes
    lines.append(f"struct {cpp} {{")
    if members:
        lines += aligned_members([(m.declaration(), member_doc(model, m, is_request))
                                  for m in members])
        lines.append("")
    terms = [f"a.{m.name} == b.{m.name}" for m in members]
    lines += friend_op("==", cpp, terms)
    lines += friend_op("!=", cpp, terms)
    lines.append("};")
    return lines


def gen_model_hpp(model):
    L = []
    L += [
        "// libcognito — request, response and data types of the 32 Cognito User Pools operations that",
        "// need no AWS SigV4, with their JSON (awsJson1_1) codec.",
        "//",
        f"// {GENERATED_BANNER}",
        "// Do not edit by hand: change scripts/codegen/ and regenerate (see scripts/codegen/README.md).",
        "//",
        "// Conventions",
        "//  - One struct per model shape. An operation's input and output are <Operation>Request and",
        "//    <Operation>Response (SignUpRequest, SignUpResponse); other shapes drop the model's \"Type\"",
        "//    suffix and spell acronyms as words (AttributeType -> Attribute, MFAOptionType -> MfaOption).",
        "//    Each struct's comment gives its wire shape name. Members are the wire names in snake_case",
        "//    (UserMFASettingList -> user_mfa_setting_list).",
        "//  - Required members are plain values, other members std::optional — except lists and maps,",
        "//    which are always plain containers: an empty list or map is not sent, and an absent (or",
        "//    null) one decodes as empty. (So an explicitly empty optional list cannot be sent; Cognito",
        "//    treats both the same.) DeleteUserResponse and ForgetDeviceResponse have no model shape;",
        "//    they are empty like the other operations without output members.",
        "//  - Passwords, tokens, codes, sessions and secrets are SecretString, and AuthParameters /",
        "//    ChallengeResponses map to SecretString values: wiped on release and move-only, so the",
        "//    structs holding them are move-only too.",
        "//  - Enumerations are std::string so values Cognito adds later still decode; the known values",
        "//    are constants in a namespace per enumeration: auth_flow::user_srp_auth,",
        "//    challenge_name::password_verifier, ...",
        "//  - Timestamps are epoch seconds as double. Smithy document members are JsonDocument.",
        "//  - Client methods fill in what a request leaves unset: an empty client_id, and, when",
        "//    ClientConfig::client_secret is set, secret_hash (computed with the request's username)",
        "//    and client_secret. to_json writes a request exactly as given.",
        "//  - Every struct has member-wise operator== / operator!=.",
        "#pragma once",
        "",
        "#include <array>",
        "#include <cstdint>",
        "#include <map>",
        "#include <optional>",
        "#include <string>",
        "#include <string_view>",
        "#include <vector>",
        "",
        '#include "cognito/export.hpp"',
        '#include "cognito/result.hpp"',
        '#include "cognito/secret.hpp"',
        "",
        "namespace cognito {",
        "",
        "// ---- enumerations " + "-" * (WIDTH - 19 - 3),
        "",
    ]
    for enum in model.enums:
        ns = model.enum_namespace(enum)
        users = model.enum_users(enum)
        used = ", ".join(users[:3]) + (", ..." if len(users) > 3 else "")
        L += wrap_comment(f"Values of {enum} ({used}).", "/// ")
        L.append(f"namespace {ns} {{")
        for v in model.shapes[enum]["enum"]:
            L.append(f"inline constexpr std::string_view {snake_value(v)} = {cpp_string(v)};")
        L.append(f"}}  // namespace {ns}")
        L.append("")
    L += [
        "// ---- data types " + "-" * (WIDTH - 17 - 3),
        "",
        "/// A Smithy `document` member: one JSON value of any type, kept as its text. Encoding checks",
        "/// that `json` is one well-formed JSON value and sends it unchanged (outer whitespace trimmed);",
        "/// decoding stores the value re-serialised compactly.",
        "struct JsonDocument {",
        "  std::string json;  ///< e.g. R\"({\"rp\":{\"id\":\"example.com\"}})\"",
        "",
        "  friend bool operator==(const JsonDocument& a, const JsonDocument& b) { return a.json == b.json; }",
        "  friend bool operator!=(const JsonDocument& a, const JsonDocument& b) { return !(a == b); }",
        "};",
        "",
    ]
    for wire in model.nested:
        cpp = model.struct_name(wire)
        L += struct_block(model, wire, cpp, wire, [f"/// {STRUCT_DOCS[wire]} Wire shape {wire}."])
        L.append("")
    L += ["// ---- operations " + "-" * (WIDTH - 17 - 3), ""]
    for op in model.op_names:
        req = model.input(op)
        L += struct_block(model, req, req, req, [f"/// Input of {op} (Client::{snake(op)})."])
        L.append("")
        rsp = model.response_name(op)
        out = model.output(op)
        doc = f"/// Output of {op}." if out else f"/// Output of {op} (no members; the model has no output shape)."
        L += struct_block(model, rsp, rsp, out, [doc])
        L.append("")
    L += [
        f"/// The wire names of the {len(model.op_names)} operations, in alphabetical order.",
        f"inline constexpr std::array<std::string_view, {len(model.op_names)}> operation_names = {{",
    ]
    for op in model.op_names:
        L.append(f"    {cpp_string(op)},")
    L += ["};", ""]
    L += [
        "// ---- JSON codec " + "-" * (WIDTH - 17 - 3),
        "//",
        "// to_json(v): the compact JSON text of v. Absent optionals and empty non-required lists/maps",
        "//   are omitted; null is never written. InvalidArgument when a string is not valid UTF-8, a",
        "//   number is not finite or a JsonDocument does not hold one JSON value.",
        "// from_json(json, out): reads json into out, replacing all of out (unchanged on failure).",
        "//   Unknown members are ignored and null counts as absent. Errors: MalformedResponse (not",
        "//   JSON, not an object, invalid UTF-8, nested deeper than 64), MissingField and WrongType",
        "//   with the member path, e.g. \"GetUserResponse.UserAttributes[0].Name is missing\"; map",
        "//   values must be strings, integers must fit in 32 bits.",
        "",
    ]
    for wire, cpp, shape in model.all_structs():
        L.append(f"COGNITO_API Result<SecretString> to_json(const {cpp}& v);")
        L.append(f"COGNITO_API Result<void> from_json(std::string_view json, {cpp}& out);")
    L += ["", "}  // namespace cognito", ""]
    return "\n".join(L)


def snake_value(v):
    s = re.sub(r"[^A-Za-z0-9]+", "_", v).strip("_").lower()
    return s + "_" if s in CPP_KEYWORDS else s


# ---------------------------------------------------------------------------
# client.hpp region and client_ops.cpp
# ---------------------------------------------------------------------------

BEGIN_MARK = "  // BEGIN GENERATED OPERATIONS (scripts/codegen/gen_model.py; do not edit by hand)"
END_MARK = "  // END GENERATED OPERATIONS"


def method_decl(model, op, indent, prefix="", suffix=";"):
    rsp, req, name = model.response_name(op), model.input(op), snake(op)
    one = f"{indent}Result<{rsp}> {prefix}{name}(const {req}& request){suffix}"
    if len(one) <= WIDTH:
        return [one]
    return [f"{indent}Result<{rsp}> {prefix}{name}(", f"{indent}    const {req}& request){suffix}"]


def gen_client_region(model):
    L = [BEGIN_MARK]
    for op in model.op_names:
        L.append(f"  /// {op}: {OP_DOCS[op]}")
        L += method_decl(model, op, "  ")
    L.append(END_MARK)
    return "\n".join(L)


def splice_client_hpp(text, model):
    begin = text.index(BEGIN_MARK)
    end = text.index(END_MARK, begin) + len(END_MARK)
    return text[:begin] + gen_client_region(model) + text[end:]


def gen_client_ops(model):
    L = [
        "// Client operation methods: encode the request (filling the Client's defaults), send it with",
        "// the retry policy, decode the answer.",
        f"// {GENERATED_BANNER}",
        "#include <string>",
        "#include <string_view>",
        "#include <type_traits>",
        "#include <utility>",
        "",
        '#include "cognito/client.hpp"',
        '#include "core/request_defaults.hpp"',
        '#include "core/service_error.hpp"',
        '#include "wire/json.hpp"',
        '#include "wire/model_codec.hpp"',
        "",
        "namespace cognito {",
        "namespace {",
        "",
        "/// Encodes `request` with the Client's defaults, sends it as `operation` with the retry policy",
        "/// (`idempotent`: may be retried after ambiguous failures) and decodes the answer. Decoding",
        "/// errors carry the answer's HTTP status and request id.",
        "template <class Response, class Request>",
        "Result<Response> run(Client& client, std::string_view operation, const Request& request,",
        "                     const detail::RequestDefaults& defaults, bool idempotent) {",
        "  auto body = detail::encode_request(request, defaults);",
        "  if (!body) return std::move(body).error();",
        "  auto rsp = client.send(client.make_request(operation, std::move(*body)), idempotent);",
        "  if (!rsp) return std::move(rsp).error();",
        "  std::string_view json = rsp->body.reveal();",
        "  // Operations without output members may answer with an empty body.",
        "  if (std::is_empty_v<Response> && detail::json::is_blank(json)) json = \"{}\";",
        "  Response out;",
        "  if (auto r = from_json(json, out); !r) {",
        "    Error e = std::move(r).error();",
        "    detail::attach_response(e, *rsp);",
        "    return e;",
        "  }",
        "  return out;",
        "}",
        "",
        "}  // namespace",
        "",
    ]
    for op in model.op_names:
        rsp = model.response_name(op)
        idem = "true" if op in IDEMPOTENT else "false"
        L += method_decl(model, op, "", prefix="Client::", suffix=" {")
        L += call_lines(f"return run<{rsp}>",
                        ["*this", cpp_string(op), "request", "request_defaults()", f"/*idempotent=*/{idem}"],
                        ";", "  ")
        L += ["}", ""]
    L += ["}  // namespace cognito", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# model_codec.hpp / model_codec.cpp
# ---------------------------------------------------------------------------


def fill_kind(model, shape):
    """Which Client defaults a request uses."""
    names = {m.wire for m in model.members(shape)}
    return {"ClientId", "SecretHash", "ClientSecret"} & names


def gen_model_codec_hpp(model):
    L = [
        "// Internal: request encoders that apply the Client's defaults (core/request_defaults.hpp):",
        "// an empty ClientId becomes RequestDefaults::client_id; an unset SecretHash is computed from",
        "// the client secret, the request's Username and ClientId; an unset ClientSecret becomes the",
        "// raw client secret. Members the caller set are never overwritten.",
        f"// {GENERATED_BANNER}",
        "#pragma once",
        "",
        '#include "cognito/model.hpp"',
        '#include "cognito/result.hpp"',
        '#include "cognito/secret.hpp"',
        '#include "core/request_defaults.hpp"',
        "",
        "namespace cognito::detail {",
        "",
    ]
    for op in model.op_names:
        req = model.input(op)
        one = f"Result<SecretString> encode_request(const {req}& r, const RequestDefaults& d);"
        if len(one) <= WIDTH:
            L.append(one)
        else:
            L.append(f"Result<SecretString> encode_request(const {req}& r,")
            L.append("                                    const RequestDefaults& d);")
    L += ["", "}  // namespace cognito::detail", ""]
    return "\n".join(L)


CODEC_PREAMBLE = r'''
namespace cognito::detail::json {
namespace {

/// RequestDefaults applied to one request: the values used for members the caller left unset.
class Filled {
 public:
  Filled() = default;
  explicit Filled(const RequestDefaults& d)
      : client_id_(d.client_id),
        secret_(d.client_secret != nullptr && !d.client_secret->empty() ? d.client_secret : nullptr) {}

  [[nodiscard]] std::string_view client_id_or(const std::string& given) const {
    return given.empty() ? client_id_ : std::string_view(given);
  }
  [[nodiscard]] const SecretString* secret_hash_or(const std::optional<SecretString>& given) const {
    return given ? &*given : (hash_.empty() ? nullptr : &hash_);
  }
  [[nodiscard]] const SecretString* client_secret_or(const std::optional<SecretString>& given) const {
    return given ? &*given : secret_;
  }

  /// Computes SECRET_HASH when the request has none and the app client has a secret.
  Result<void> compute_secret_hash(const std::optional<SecretString>& given, std::string_view username,
                                   const std::string& client_id) {
    if (given || secret_ == nullptr) return {};
    auto hash = ::cognito::secret_hash(secret_->reveal(), username, client_id_or(client_id));
    if (!hash) return std::move(hash).error();
    hash_ = SecretString::take(*hash);
    return {};
  }

 private:
  std::string_view client_id_;
  const SecretString* secret_ = nullptr;
  SecretString hash_;
};

template <class T, class... Extra>
Result<SecretString> encode(const T& v, std::string_view shape, const Extra&... extra) {
  Encoder e(shape);
  write_value(e, v, extra...);
  return std::move(e).finish();
}

template <class T>
Result<void> decode(std::string_view text, T& out, std::string_view shape) {
  Document doc;
  if (auto parsed = parse_object(text, doc); !parsed) return parsed;
  Decoder d(shape);
  T value;
  if (!read_value(doc, value, d)) return std::move(d).take_error();
  out = std::move(value);
  return {};
}

}  // namespace

void write_value(Encoder& e, const JsonDocument& v) { e.raw(v.json); }

bool read_value(const Value& v, JsonDocument& out, Decoder& /*d*/) {
  out.json = to_compact_string(v);  // depth is bounded by parse()
  return true;
}
'''


def write_fn(model, wire, cpp, shape, fills):
    members = model.members(shape) if shape else []
    extra = ", const Filled& f" if fills else ""
    if not members:
        return [f"void write_value(Encoder& e, const {cpp}& /*v*/{extra}) {{",
                "  e.begin_object();", "  e.end_object();", "}"]
    L = [f"void write_value(Encoder& e, const {cpp}& v{extra}) {{", "  e.begin_object();"]
    for m in members:
        how = "required" if m.required else "optional"
        value = f"v.{m.name}"
        if fills and m.wire == "ClientId":
            value = f"f.client_id_or(v.{m.name})"
        elif fills and m.wire == "SecretHash":
            value = f"f.secret_hash_or(v.{m.name})"
        elif fills and m.wire == "ClientSecret":
            value = f"f.client_secret_or(v.{m.name})"
        L.append(f"  e.{how}({cpp_string(m.wire)}, {value});")
    L += ["  e.end_object();", "}"]
    return L


def read_fn(model, wire, cpp, shape):
    members = model.members(shape) if shape else []
    if not members:
        return short_function(f"bool read_value(const Value& v, {cpp}& /*out*/, Decoder& d)",
                              "return d.expect_object(v);")
    L = [f"bool read_value(const Value& v, {cpp}& out, Decoder& d) {{", "  return d.expect_object(v) &&"]
    for i, m in enumerate(members):
        how = "required" if m.required else "optional"
        end = " &&" if i + 1 < len(members) else ";"
        L.append(f"         d.{how}(v, {cpp_string(m.wire)}, out.{m.name}){end}")
    L.append("}")
    return L


def gen_model_codec_cpp(model):
    structs = model.all_structs()
    request_fills = {model.input(op): fill_kind(model, model.input(op)) for op in model.op_names}
    L = [
        "// The JSON codec of every model struct (see include/cognito/model.hpp) and the request",
        "// encoders with the Client's defaults (wire/model_codec.hpp).",
        f"// {GENERATED_BANNER}",
        '#include "wire/model_codec.hpp"',
        "",
        "#include <optional>",
        "#include <string>",
        "#include <string_view>",
        "#include <utility>",
        "",
        '#include "cognito/srp.hpp"',
        '#include "wire/json.hpp"',
    ]
    L += CODEC_PREAMBLE.rstrip("\n").split("\n")
    L += ["", "// One writer and one reader per struct (found by argument-dependent lookup from the", "// container templates in wire/json.hpp)."]
    for wire, cpp, shape in structs:
        fills = request_fills.get(wire)
        extra = ", const Filled& f = {}" if fills else ""
        L.append(f"void write_value(Encoder& e, const {cpp}& v{extra});")
        L.append(f"bool read_value(const Value& v, {cpp}& out, Decoder& d);")
    L.append("")
    for wire, cpp, shape in structs:
        fills = request_fills.get(wire)
        L += write_fn(model, wire, cpp, shape, fills)
        L.append("")
        L += read_fn(model, wire, cpp, shape)
        L.append("")
    L += ["}  // namespace cognito::detail::json", "", "namespace cognito {", ""]
    for wire, cpp, shape in structs:
        L += [f"Result<SecretString> to_json(const {cpp}& v) {{",
              f"  return detail::json::encode(v, {cpp_string(wire)});", "}", "",
              f"Result<void> from_json(std::string_view json, {cpp}& out) {{",
              f"  return detail::json::decode(json, out, {cpp_string(wire)});", "}", ""]
    L += ["}  // namespace cognito", "", "namespace cognito::detail {", ""]
    for op in model.op_names:
        req = model.input(op)
        fills = request_fills[req]
        members = {m.wire: m for m in model.members(req)}
        if not fills:
            L += call_lines("Result<SecretString> encode_request", [f"const {req}& r", "const RequestDefaults&"],
                            " {", "")
            L += [f"  return json::encode(r, {cpp_string(req)});", "}", ""]
            continue
        L.append(f"Result<SecretString> encode_request(const {req}& r, const RequestDefaults& d) {{")
        L.append("  json::Filled f(d);")
        if "SecretHash" in fills:
            assert "Username" in members and "ClientId" in members, req
            L.append("  if (auto hash = f.compute_secret_hash(r.secret_hash, r.username, r.client_id); !hash)")
            L.append("    return std::move(hash).error();")
        L.append(f"  return json::encode(r, {cpp_string(req)}, f);")
        L += ["}", ""]
    L += ["}  // namespace cognito::detail", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# tests: samples and round trips
# ---------------------------------------------------------------------------


def sample_value(model, m, shape_name, secret, k, n):
    """A C++ expression: a non-default value of shape `shape_name` for member m (k: C++ int expression)."""
    kind = model.kind(shape_name)
    s = model.shapes[shape_name]
    wire = cpp_string(m.wire)
    if kind == "string":
        if "enum" in s:
            values = s["enum"]
            return f"std::string({model.enum_namespace(shape_name)}::{snake_value(values[n % len(values)])})"
        return f"SecretString(text({wire}, {k}))" if secret else f"text({wire}, {k})"
    if kind == "boolean":
        return "true" if (m.required or n % 2 == 0) else "false"
    if kind == "integer":
        return f"{100 + n} + {k}"
    if kind == "timestamp":
        return f"1.682955829578E9 + {n} + {k}"
    if kind == "document":
        # Compact, as the decoder re-serialises it.
        return 'JsonDocument{R"({"v":[1,-2.5,"x\\"y",true,null,{}],"o":{"a":{"b":[]}}})"}'
    if kind == "structure":
        return f"make_{model.struct_name(shape_name)}({k} + {n})"
    raise ValueError(kind)


def sample_lines(model, m, n):
    """Statements that give member m of `v` a non-default value."""
    target = f"v.{m.name}"
    if m.kind == "list":
        elem = m.shape["member"]["shape"]
        return [f"{target}.push_back({sample_value(model, m, elem, False, f'k + {j}', n + j)});"
                for j in range(2)]
    if m.kind == "map":
        out = []
        for j, key in enumerate(("A", "B")):
            value = f"text({cpp_string(m.wire)}, k + {j})"
            if m.wire in SECRET_MAPS:
                value = f"SecretString({value})"
            out.append(f"{target}.emplace({cpp_string(m.wire.upper() + '_' + key)}, {value});")
        return out
    return [f"{target} = {sample_value(model, m, m.shape_name, m.is_secret, 'k', n)};"]


def gen_samples(model):
    L = [
        "// Fully populated samples of every model struct, for the codec tests: every member holds a",
        "// non-default value, lists hold two elements, maps two entries.",
        f"// {GENERATED_BANNER}",
        "#pragma once",
        "",
        "#include <array>",
        "#include <string>",
        "#include <string_view>",
        "",
        '#include "cognito/model.hpp"',
        "",
        "namespace cognito::samples {",
        "",
        "inline std::string text(std::string_view member, int k) {",
        '  return std::string(member) + " value " + std::to_string(k);',
        "}",
        "",
        "/// Sample<T>: the wire shape name, the wire member names and a populated instance of T.",
        "template <class T>",
        "struct Sample;",
        "",
    ]
    for wire, cpp, shape in model.all_structs():
        members = model.members(shape) if shape else []
        body = [f"  {cpp} v;"]
        for i, m in enumerate(members):
            body += ["  " + line for line in sample_lines(model, m, i)]
        uses_k = any(re.search(r"\bk\b", line) for line in body)
        L.append(f"inline {cpp} make_{cpp}(int {'k' if uses_k else '/*k*/'}) {{")
        L += body + ["  return v;", "}", ""]
        head = f"  static constexpr std::array<std::string_view, {len(members)}> members{{"
        names = [cpp_string(m.wire) for m in members]
        one = head + ", ".join(names) + "};"
        member_lines = [one] if len(one) <= WIDTH else [head] + ["      " + x for x in wrap_list(names, WIDTH - 6)] + ["  };"]
        document = "true" if model.has_required_document(shape) else "false"
        L += ["template <>", f"struct Sample<{cpp}> {{",
              f"  static constexpr std::string_view name = {cpp_string(wire)};"]
        L += member_lines
        L += [f"  static constexpr bool has_required_document = {document};",
              *short_function(f"static {cpp} make(int k = 1)", f"return make_{cpp}(k);", "  "), "};", ""]
    L += ["}  // namespace cognito::samples", ""]
    return "\n".join(L)


def wrap_list(items, width):
    lines, line = [], ""
    for i, it in enumerate(items):
        piece = it + ("," if i + 1 < len(items) else "")
        if line and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = piece
        else:
            line = piece if not line else line + " " + piece
    if line:
        lines.append(line)
    return lines


def gen_roundtrip_test(model):
    L = [
        "// Round trip of every operation's request and response and of every nested struct:",
        "// sample -> to_json -> from_json == sample, every wire member present in the JSON, and",
        "// re-encoding gives the same text.",
        f"// {GENERATED_BANNER}",
        "#include <doctest/doctest.h>",
        "",
        "#include <string>",
        "",
        '#include "codec_samples.inc"',
        '#include "cognito/model.hpp"',
        "",
        "namespace cognito {",
        "namespace {",
        "",
        "template <class T>",
        "void check_round_trip() {",
        "  using S = samples::Sample<T>;",
        "  INFO(std::string(S::name));",
        "  const T original = S::make(1);",
        "  auto json = to_json(original);",
        "  REQUIRE(json);",
        "  const std::string text(json->reveal());",
        "  for (std::string_view member : S::members)",
        "    CHECK_MESSAGE(text.find(\"\\\"\" + std::string(member) + \"\\\":\") != std::string::npos, std::string(member));",
        "  CHECK(text.find(\":null\") == std::string::npos);  // null is never written",
        "  T decoded = S::make(7);  // decoding replaces every member",
        "  auto r = from_json(text, decoded);",
        "  REQUIRE_MESSAGE(r, r.error().message);",
        "  CHECK(decoded == original);",
        "  CHECK_FALSE(decoded != original);",
        "  auto again = to_json(decoded);",
        "  REQUIRE(again);",
        "  CHECK(again->reveal() == text);",
        "  if constexpr (!S::has_required_document) {",
        "    const T empty{};",
        "    auto e = to_json(empty);",
        "    REQUIRE(e);",
        "    T back = S::make(3);",
        "    REQUIRE(from_json(e->reveal(), back));",
        "    CHECK(back == empty);",
        "  }",
        "}",
        "",
        "}  // namespace",
        "",
    ]
    for op in model.op_names:
        L += [f'TEST_CASE("codec round trip {op}") {{',
              f"  check_round_trip<{model.input(op)}>();",
              f"  check_round_trip<{model.response_name(op)}>();", "}", ""]
    L.append('TEST_CASE("codec round trip nested shapes") {')
    for wire in model.nested:
        L.append(f"  check_round_trip<{model.struct_name(wire)}>();")
    L += ["}", "", "}  // namespace cognito", ""]
    return "\n".join(L)


# ---------------------------------------------------------------------------
# Trimming and main
# ---------------------------------------------------------------------------


def trim(service_path):
    opener = gzip.open if str(service_path).endswith(".gz") else open
    with opener(service_path, "rt", encoding="utf-8") as f:
        full = json.load(f)
    ops = {n: o for n, o in full["operations"].items()
           if o.get("authtype") == "none" or "smithy.api#noAuth" in o.get("auth", [])}
    shapes = {}

    def visit(name):
        if name in shapes:
            return
        s = {k: v for k, v in full["shapes"][name].items() if k not in ("documentation", "exception", "error")}
        if "members" in s:
            s["members"] = {w: {"shape": m["shape"]} for w, m in s["members"].items()}
        shapes[name] = s
        for key in ("member", "key", "value"):
            if key in s:
                visit(s[key]["shape"])
        for m in s.get("members", {}).values():
            visit(m["shape"])

    trimmed_ops = {}
    for n, o in sorted(ops.items()):
        t = {"name": n, "input": o["input"]}
        if "output" in o:
            t["output"] = o["output"]
        trimmed_ops[n] = t
        visit(o["input"]["shape"])
        if "output" in o:
            visit(o["output"]["shape"])
    meta = {k: full["metadata"][k] for k in ("apiVersion", "jsonVersion", "protocol", "targetPrefix", "uid")}
    out = {"version": full.get("version", "2.0"), "metadata": meta,
           "_comment": "botocore cognito-idp 2016-04-18 reduced to the operations with auth smithy.api#noAuth "
                       "and the shapes they reach (documentation and errors dropped). "
                       "Regenerate with scripts/codegen/gen_model.py --trim.",
           "operations": trimmed_ops, "shapes": dict(sorted(shapes.items()))}
    TRIMMED.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {TRIMMED.relative_to(ROOT)}: {len(trimmed_ops)} operations, {len(shapes)} shapes")


def outputs(model):
    client_hpp = ROOT / "include/cognito/client.hpp"
    return {
        ROOT / "include/cognito/model.hpp": gen_model_hpp(model),
        client_hpp: splice_client_hpp(client_hpp.read_text(encoding="utf-8"), model),
        ROOT / "lib/wire/model_codec.hpp": gen_model_codec_hpp(model),
        ROOT / "lib/wire/model_codec.cpp": gen_model_codec_cpp(model),
        ROOT / "lib/wire/client_ops.cpp": gen_client_ops(model),
        ROOT / "tests/unit/codec_samples.inc": gen_samples(model),
        ROOT / "tests/unit/codec_roundtrip_test.cpp": gen_roundtrip_test(model),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trim", metavar="SERVICE", help="rebuild the trimmed model from botocore's service-2.json[.gz]")
    ap.add_argument("--check", action="store_true", help="exit 1 if an output is not up to date")
    args = ap.parse_args()
    if args.trim:
        trim(args.trim)
        return 0
    model = Model(json.loads(TRIMMED.read_text(encoding="utf-8")))
    stale = []
    for path, text in outputs(model).items():
        checked = gen_client_region(model) if path.name == "client.hpp" else text  # the rest is not ours
        for n, line in enumerate(checked.split("\n"), 1):
            if len(line) > WIDTH:
                print(f"warning: {path.relative_to(ROOT)}:{n} is {len(line)} columns", file=sys.stderr)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
