#!/usr/bin/env python3
"""Writes the hand-made seed files of tests/fuzz/corpus/<target>/.

    python3 tests/fuzz/make_seeds.py [--check]

Each seed is stored as corpus/<target>/<sha256 of its content>. Files the
fuzzers found (scripts/fuzz --update-corpus) live next to them and are not
touched. --check only reports seeds that are missing.

The targets that use FuzzedDataProvider read integers from the END of the
input and strings from the FRONT (a string ends at a backslash followed by
any other byte; a literal backslash is doubled). The Fdp class below builds
such inputs; every seed function mirrors, call by call, what its target
consumes -- when a target changes its consumption order, update the seed
functions here (and regenerate), or the seeds stop meaning what they say.
Run a seed with COGNITO_FUZZ_TRACE=1 build/.../fuzz_replay_auth_challenge
<file> to see the exchange it drives.
"""
import base64
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors")


class Fdp:
    """Builds an input for LLVM's FuzzedDataProvider."""

    SIZES = {"u8": 1, "int": 4, "u32": 4, "size_t": 8, "i64": 8, "u64": 8}

    def __init__(self):
        self.front = bytearray()
        self.back = bytearray()  # in consumption order

    def int_range(self, lo, hi, value, t="int"):
        assert lo <= value <= hi, (lo, hi, value)
        rng = hi - lo
        n = 0
        while n < self.SIZES[t] and (rng >> (8 * n)) > 0:
            n += 1
        r = value - lo
        self.back += r.to_bytes(n, "big") if n else b""
        return self

    def integral(self, t, value):
        bits = 8 * self.SIZES[t]
        signed = t in ("int", "i64")
        lo = -(1 << (bits - 1)) if signed else 0
        self.back += (value - lo).to_bytes(self.SIZES[t], "big")
        return self

    def bool(self, b):
        self.back.append(1 if b else 0)
        return self

    def pick(self, array, value):
        return self.int_range(0, len(array) - 1, array.index(value), "size_t")

    def string(self, s, max_len):
        """ConsumeRandomLengthString(max_len); exactly max_len bytes need no terminator."""
        if isinstance(s, str):
            s = s.encode()
        assert len(s) <= max_len, (len(s), max_len)
        self.front += s.replace(b"\\", b"\\\\") + (b"" if len(s) == max_len else b"\\ ")
        return self

    def raw(self, b):  # ConsumeBytesAsString(n) with n == len(b)
        self.front += b
        return self

    def rest(self, s):  # ConsumeRemainingBytesAsString, the last call
        if isinstance(s, str):
            s = s.encode()
        self.front += s
        return self

    def bytes(self):
        return bytes(self.front) + bytes(reversed(self.back))


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(payload, header=None):
    header = header or {"kid": "fuzz-key", "alg": "RS256"}
    h = b64url(json.dumps(header, separators=(",", ":")).encode())
    p = b64url(json.dumps(payload, separators=(",", ":")).encode())
    return f"{h}.{p}.c2lnbmF0dXJl"


NOW = 1772366400
POOL = "us-east-1_FuzzPool1"
ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + POOL
CLIENT = "fuzzclient0000000000000001"


def srp_vectors():
    with open(os.path.join(VECTORS, "srp_vectors.json")) as f:
        return {v["id"]: v for v in json.load(f)["vectors"]}


# ---- response ------------------------------------------------------------------------

def response_seeds():
    with open(os.path.join(HERE, "fuzz_response.cpp")) as f:
        names = [l.strip()[6:-2] for l in f if l.strip().startswith("ENTRY(") and l.strip().endswith("),")]
    idx = {n: i for i, n in enumerate(names)}
    at = jwt({"sub": "4f1c", "token_use": "access", "client_id": CLIENT, "iat": NOW, "exp": NOW + 3600})
    idt = jwt({"sub": "4f1c", "token_use": "id", "aud": CLIENT, "cognito:username": "alice", "iat": NOW, "exp": NOW + 3600})
    docs = {
        "InitiateAuthResponse": {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {
            "SALT": "-16e462a84f2df159eee0c14642974ee7", "SRP_B": "6648b5282c46badad7ac1b1f2da6304a", "SECRET_BLOCK": "AAAA",
            "USER_ID_FOR_SRP": "alice", "USERNAME": "alice"}},
        "RespondToAuthChallengeResponse": {"AuthenticationResult": {
            "AccessToken": at, "IdToken": idt, "RefreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.rt",
            "ExpiresIn": 3600, "TokenType": "Bearer",
            "NewDeviceMetadata": {"DeviceKey": "us-east-1_0b1c2d3e", "DeviceGroupKey": "-XyZ"}},
            "ChallengeParameters": {}},
        "GetUserResponse": {"Username": "alice", "UserAttributes": [
            {"Name": "sub", "Value": "4f1c"}, {"Name": "email", "Value": "alice@example.com"}],
            "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}],
            "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]},
        "ListDevicesResponse": {"Devices": [{"DeviceKey": "us-east-1_0b1c", "DeviceAttributes": [
            {"Name": "device_name", "Value": "libcognito"}], "DeviceCreateDate": 1.682955829578E9,
            "DeviceLastModifiedDate": 1682955830, "DeviceLastAuthenticatedDate": 1.7e9}],
            "PaginationToken": "tok"},
        "SignUpResponse": {"UserConfirmed": False, "UserSub": "4f1c", "Session": "sess",
                           "CodeDeliveryDetails": {"Destination": "a***@e***", "DeliveryMedium": "EMAIL",
                                                   "AttributeName": "email"}},
        "GetTokensFromRefreshTokenResponse": {"AuthenticationResult": {"AccessToken": at, "ExpiresIn": 3600,
                                                                       "TokenType": "Bearer", "RefreshToken": "rt2"}},
        "StartWebAuthnRegistrationResponse": {"CredentialCreationOptions": {
            "rp": {"id": "example.com", "name": "Ex"}, "user": {"id": "dQ", "name": "alice"},
            "challenge": "Y2g", "pubKeyCredParams": [{"type": "public-key", "alg": -7}], "timeout": 60000}},
        "ListWebAuthnCredentialsResponse": {"Credentials": [{"CredentialId": "c1", "FriendlyCredentialName": "key",
            "RelyingPartyId": "example.com", "AuthenticatorAttachment": "platform",
            "AuthenticatorTransports": ["internal"], "CreatedAt": 1.7e9}], "NextToken": "n"},
        "AssociateSoftwareTokenResponse": {"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "s"},
        "VerifySoftwareTokenResponse": {"Status": "SUCCESS", "Session": "s2"},
        "GetUserAuthFactorsResponse": {"Username": "alice", "PreferredMfaSetting": "EMAIL_OTP",
                                       "UserMFASettingList": ["EMAIL_OTP"], "ConfiguredUserAuthFactors": ["PASSWORD"]},
        "ConfirmDeviceResponse": {"UserConfirmationNecessary": True},
        "GetDeviceResponse": {"Device": {"DeviceKey": "us-east-1_0b1c", "DeviceAttributes": []}},
        "DeleteUserResponse": {},
        "ForgotPasswordResponse": {"CodeDeliveryDetails": {"Destination": "+*******0100", "DeliveryMedium": "SMS",
                                                           "AttributeName": "phone_number"}},
    }
    seeds = []
    for name, doc in docs.items():
        seeds.append(bytes([idx[name]]) + json.dumps(doc).encode())
    # Edge shapes: nulls, wrong types, unknown members, deep nesting, escapes.
    seeds.append(bytes([idx["InitiateAuthResponse"]]) + b'{"ChallengeName":null,"Session":"s","Unknown":[1,{"a":null}],'
                 b'"ChallengeParameters":{"k":"\\u00e9\\ud83d\\ude00"},"AvailableChallenges":["PASSWORD","EMAIL_OTP"]}')
    seeds.append(bytes([idx["GetUserResponse"]]) + b'{"Username":"alice","UserAttributes":[{"Name":"email"}]}')
    seeds.append(bytes([idx["ListDevicesResponse"]]) + b'{"Devices":[{"DeviceCreateDate":"yesterday"}]}')
    seeds.append(bytes([idx["AuthenticationResult"]]) + b'{"ExpiresIn":4294967296}')
    seeds.append(bytes([idx["InitiateAuthRequest"]]) + json.dumps({"AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
                 "AuthParameters": {"USERNAME": "alice", "SRP_A": "abc"}, "ClientMetadata": {"k": "v"}}).encode())
    seeds.append(bytes([idx["CompleteWebAuthnRegistrationRequest"]]) + b'{"AccessToken":"at","Credential":{"id":"x","response":{"a":[1,2.5e3,true,null]}}}')
    seeds.append(bytes([idx["GetUserResponse"]]) + b"[" * 70 + b"]" * 70)
    return seeds


# ---- service_error -------------------------------------------------------------------

STATUSES = [400, 500, 502, 503, 504, 429, 403, 404, 413, 0, 200, 301, 599, 999, -1]
HEADER_NAMES = ["x-amzn-ErrorType", "X-Amzn-ErrorType", "x-amzn-errormessage", "x-amzn-RequestId", "Content-Type",
                "x-amzn-ErrorMessage"]


def service_error_seed(status, headers, body):
    f = Fdp()
    f.bool(True).pick(STATUSES, status)
    f.int_range(0, 8, len(headers))
    for name, value in headers:
        if name in HEADER_NAMES:
            f.bool(True).pick(HEADER_NAMES, name)
        else:
            f.bool(False).string(name, 32)
        f.string(value, 256)
    f.rest(body)
    return f.bytes()


def service_error_seeds():
    rid = ("x-amzn-RequestId", "5c1c0f1e-9f3a-4d1b-8a1e-2f1d3c4b5a69")
    return [
        service_error_seed(400, [rid, ("x-amzn-ErrorType", "NotAuthorizedException:")],
                           '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}'),
        service_error_seed(400, [rid], '{"__type":"com.amazonaws.cognito.identity.idp.model#CodeMismatchException",'
                                       '"message":"Invalid verification code provided, please try again."}'),
        service_error_seed(400, [("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/x/"),
                                 ("x-amzn-ErrorMessage", "Device does not exist.")], ""),
        service_error_seed(400, [rid], '{"__type":"TooManyRequestsException","Message":"Rate exceeded"}'),
        service_error_seed(400, [rid], '{"__type":"LimitExceededException","message":"Attempt limit exceeded, please try after some time."}'),
        service_error_seed(400, [rid], '{"__type":"InvalidParameterException","message":"1 validation error detected","reasonCode":"X"}'),
        service_error_seed(500, [rid], '{"__type":"InternalErrorException","message":"Internal error"}'),
        service_error_seed(503, [("Content-Type", "text/html")], "<html><body><h1>503 Service Unavailable</h1></body></html>"),
        service_error_seed(429, [], '{"code":"Throttling","Message":"slow down"}'),
        service_error_seed(400, [rid], '{"__type":"PasswordResetRequiredException","message":"Password reset required for the user"}'),
        service_error_seed(400, [rid], '{"__type":" UserNotFoundException , extra","message":"User does not exist."}'),
        service_error_seed(502, [], ""),
        # Reproducer: LimitExceeded with a 429 status must not be retryable (Error::retryable).
        service_error_seed(429, [rid], '{"__type":"LimitExceededException","message":"Attempt limit exceeded"}'),
    ]


# ---- srp -------------------------------------------------------------------------------

def srp_seeds():
    vec = srp_vectors()
    seeds = []
    # mode 0: parse + PAD
    for allow, digits, text in [(True, 40, "-16e462a84f2df159eee0c14642974ee7"), (True, 40, "d1c1181916afc59efe7eb71674d627c"),
                                (True, 40, "-80"), (True, 40, "-00ff"), (False, 40, "-1"), (True, 40, "0000"),
                                (True, 3, "abcd"), (True, 40, "ABCDEF0123456789abcdef"), (True, 40, "12g4")]:
        f = Fdp().int_range(0, 5, 0).bool(allow).int_range(1, 1100, digits, "size_t").rest(text)
        seeds.append(f.bytes())
    # mode 1: respond() with the raw strings of published vectors (and a negative salt)
    for vid, salt in [("srp-001", None), ("srp-011", None), ("srp-013", None), ("srp-088-salt-zero", None),
                      ("srp-022", "-16e462a84f2df159eee0c14642974ee7")]:
        v = vec[vid]
        f = Fdp().int_range(0, 5, 1)
        f.string(salt or v["salt_hex"], 1100).string(v["B_hex"], 1600).string(v["secret_block_b64"], 2400)
        f.bool(False).string(v["username"], 64).string(v["password"], 64)
        seeds.append(f.bytes())
    # mode 1: unsafe B values: 0, N, 2N, too long, not hex, bad SECRET_BLOCK
    n_hex = json.load(open(os.path.join(VECTORS, "srp_vectors.json")))["N_hex"]
    for salt, b, block in [("01", "0", "AAAA"), ("01", n_hex, "AAAA"), ("01", hex(2 * int(n_hex, 16))[2:], "AAAA"),
                           ("01", "f" * 1537, "AAAA"), ("01", "zz", "AAAA"), ("01", "02", "AAA"), ("-", "02", "AAAA"),
                           ("01", "02", "")]:
        f = Fdp().int_range(0, 5, 1).string(salt, 1100).string(b, 1600).string(block, 2400)
        f.bool(True).string("us-east-1_0b1c2d3e", 64).string("devpass", 64)
        seeds.append(f.bytes())
    # mode 3: honest server with a negative salt
    f = Fdp().int_range(0, 5, 3).string(bytes.fromhex("16e462a84f2df159eee0c14642974ee7"), 40).bool(True)
    f.string(bytes.fromhex("0badc0ffee"), 48).string("alice", 32).string("Password1!", 32)
    seeds.append(f.bytes())
    # mode 4: server helpers
    f = Fdp().int_range(0, 5, 4).string("1f", 2100).string("2e", 2100).string("3d", 2100).string("4c", 200)
    seeds.append(f.bytes())
    # mode 4, reproducer: an A longer than N (800 hex digits) overflowed the stack buffer of
    # pad_hex_of() in srp_server_S_hex (lib/srp/srp_server.cpp)
    f = Fdp().int_range(0, 5, 4).string("f" * 800, 2100).string("2e", 2100).string("3d", 2100).string("4c", 200)
    seeds.append(f.bytes())
    # mode 5: device verifier
    f = Fdp().int_range(0, 5, 5).string("-XyZgroup", 64).string("us-east-1_0b1c2d3e", 64).raw(bytes(range(56)))
    seeds.append(f.bytes())
    return seeds


# ---- jwt -------------------------------------------------------------------------------

def jwt_seeds():
    at = jwt({"sub": "4f1c", "iss": ISSUER, "token_use": "access", "client_id": CLIENT, "iat": NOW - 60,
              "exp": NOW + 3540, "username": "alice", "scope": "aws.cognito.signin.user.admin"})
    idt = jwt({"sub": "4f1c", "iss": ISSUER, "token_use": "id", "aud": CLIENT, "cognito:username": "alice",
               "iat": NOW - 60, "exp": NOW + 3540, "auth_time": NOW - 60})
    seeds = [
        Fdp().int_range(0, 3, 0).bool(True).rest(idt).bytes(),
        Fdp().int_range(0, 3, 0).bool(False).rest(at).bytes(),
        Fdp().int_range(0, 3, 0).bool(False).rest(jwt({"iat": 1.7723664E9, "exp": 99999999999999})).bytes(),
        Fdp().int_range(0, 3, 2).bool(False).rest(at).bytes(),
        Fdp().int_range(0, 3, 2).bool(True).rest("a.b").bytes(),
        Fdp().int_range(0, 3, 2).bool(True).rest(jwt({"iss": ISSUER}, {"alg": "none"}).rsplit(".", 1)[0] + ".").bytes(),
    ]
    jwks = {"keys": [{"kid": "abc", "alg": "RS256", "kty": "RSA", "use": "sig", "e": "AQAB",
                      "n": b64url(b"\xc3" + bytes(range(255)))},
                     {"kid": "ec", "kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}]}
    seeds.append(Fdp().int_range(0, 3, 1).string("abc", 16).rest(json.dumps(jwks)).bytes())
    seeds.append(Fdp().int_range(0, 3, 1).string("x", 16).rest('{"keys":[{"kid":"k","kty":"RSA","n":"AQAB","e":"AQAB"}]}').bytes())
    # mode 3 (structured): a valid access token, then an expired ID token with aud as an array
    def structured(use_id, leeway, alg_i, kid_i, fields, tamper):
        f = Fdp().int_range(0, 3, 3).bool(use_id).int_range(-10, 600, leeway, "i64")
        # build_header: raw? (0..9 != 0), alg pick (index into good + 5 others + fuzz), kid present, kid pick, typ
        f.int_range(0, 9, 1).int_range(0, 6, alg_i, "size_t").int_range(0, 7, 1).int_range(0, 3, kid_i, "size_t").bool(True)
        # build_payload: raw? then per field
        f.int_range(0, 9, 1)
        f.int_range(0, 7, 1).int_range(0, 2, 0, "size_t")            # iss = expected
        f.int_range(0, 7, 1).int_range(0, 2, 0, "size_t")            # token_use = expected
        f.int_range(0, 7, 1).int_range(0, 2, 0, "size_t")            # client id expected
        if use_id:
            f.int_range(0, 2, 1)                                      # aud as array
        else:
            f.bool(True)                                              # client_id string
        for value in fields:                                          # exp, iat
            f.int_range(0, 7, 1).int_range(0, 6, 0).int_range(NOW - 100000, NOW + 100000, value, "i64")
        f.bool(False)                                                 # nbf
        f.bool(True).string("4f1c-sub", 40)
        f.bool(True).string("alice", 40)
        f.int_range(0, 7, tamper)
        f.bool(True).integral("int", 300)
        return f.bytes()
    seeds.append(structured(False, 60, 0, 0, [NOW + 3600, NOW - 10], 0))
    seeds.append(structured(True, 0, 0, 0, [NOW - 1, NOW - 3600], 0))
    seeds.append(structured(True, 60, 0, 0, [NOW + 3600, NOW], 3))
    seeds.append(structured(False, 60, 1, 0, [NOW + 3600, NOW], 0))
    return seeds


# ---- base64 ----------------------------------------------------------------------------

def base64_seeds():
    return [b"\x00" + base64.b64encode(b"hello world!"), b"\x00QUI=", b"\x00QQ==", b"\x00QR==", b"\x00A===",
            b"\x00" + base64.b64encode(bytes(range(256))), b"\x00QUJD\nREVG",
            b"\x01eyJhbGciOiJSUzI1NiJ9", b"\x01-_-_", b"\x01QQ", b"\x01Q", b"\x01QQ====",
            b"\x02" + bytes(range(200)), b"\x02", b"\x02\xff\xfe"]


# ---- client ----------------------------------------------------------------------------

def client_seed(secret, attempts, base, throttle, maxd, deadline, op, script):
    """script: list of (latency_ms, ('err', index) | ('rsp', status, type_or_None, body)) plus
    random units consumed between attempts (as 'wait' items with a u64)."""
    f = Fdp().bool(secret)
    f.int_range(1, 6, attempts).int_range(0, 200, base).int_range(0, 2000, throttle)
    f.int_range(0, 5000, maxd).int_range(1, 20000, deadline)
    f.int_range(0, 4, op)
    statuses = [200, 200, 400, 500, 503, 429, 502, 504, 403]
    types = ["TooManyRequestsException", "InternalErrorException", "LimitExceededException",
             "NotAuthorizedException", "CodeMismatchException", "UserNotFoundException"]
    for item in script:
        if item[0] == "wait":
            f.integral("u64", item[1])
            continue
        latency, what = item
        f.int_range(0, 3000, latency)
        if what[0] == "err":
            f.int_range(0, 4, 0).int_range(0, 6, what[1], "size_t")
        else:
            _, status, typ, body = what
            f.int_range(0, 4, 1).bool(True).pick(statuses, status)
            if typ is None:
                f.bool(False)
            else:
                f.bool(True).bool(True).pick(types, typ)
            f.string(body, 300)
    return f.bytes()


def client_seeds():
    half = 1 << 63
    user = '{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"4f1c"}]}'
    return [
        # GetUser: throttled twice, then answered
        client_seed(False, 3, 50, 500, 5000, 20000, 0, [
            (10, ("rsp", 400, "TooManyRequestsException", '{"__type":"TooManyRequestsException","message":"Rate exceeded"}')),
            ("wait", half),
            (10, ("rsp", 400, "TooManyRequestsException", "")), ("wait", half),
            (10, ("rsp", 200, None, user))]),
        # InitiateAuth (not idempotent): a reset mid-body is final; a 500 is retried
        client_seed(True, 3, 50, 500, 5000, 20000, 1, [(10, ("err", 1))]),
        client_seed(False, 3, 50, 500, 5000, 20000, 1, [
            (10, ("rsp", 500, "InternalErrorException", '{"__type":"InternalErrorException"}')), ("wait", half),
            (10, ("rsp", 200, None, '{"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{}}'))]),
        # ConfirmSignUp: LimitExceeded is never retried
        client_seed(False, 5, 50, 500, 5000, 20000, 2, [
            (10, ("rsp", 400, "LimitExceededException", '{"__type":"LimitExceededException"}'))]),
        # ForgetDevice: DNS failure retried, then an empty body is fine
        client_seed(False, 3, 50, 500, 5000, 20000, 3, [(10, ("err", 2)), ("wait", 0), (10, ("rsp", 200, None, ""))]),
        # Reproducer: LimitExceeded sent with HTTP 429 must not be retried (Error::retryable).
        client_seed(False, 3, 50, 500, 5000, 20000, 2, [
            (10, ("rsp", 429, "LimitExceededException", '{"__type":"LimitExceededException"}')), ("wait", half),
            (10, ("rsp", 200, None, "{}"))]),
        # call(): the deadline runs out while the server is slow
        client_seed(False, 4, 50, 500, 1000, 1500, 4, [(1400, ("rsp", 503, None, "<html>busy</html>")),
                                                       ("wait", half), (900, ("err", 0))]),
    ]


# ---- auth_challenge --------------------------------------------------------------------

CHALLENGES = ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "SMS_MFA", "SOFTWARE_TOKEN_MFA",
              "EMAIL_OTP", "SMS_OTP", "SELECT_MFA_TYPE", "MFA_SETUP", "NEW_PASSWORD_REQUIRED", "CUSTOM_CHALLENGE",
              "SELECT_CHALLENGE", "WEB_AUTHN", "PASSWORD", "PASSWORD_SRP", "ADMIN_NO_SRP_AUTH", "SOME_NEW_CHALLENGE"]
OPTIONS = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "PASSWORD", "PASSWORD_SRP", "SMS_OTP", "WEB_AUTHN", "EMAIL"]
ERROR_TYPES = ["NotAuthorizedException", "CodeMismatchException", "ResourceNotFoundException", "ExpiredCodeException",
               "EnableSoftwareTokenMFAException", "InternalErrorException", "TooManyRequestsException",
               "UserNotConfirmedException", "PasswordResetRequiredException",
               "com.amazonaws.cognito.identity.idp.model#CodeMismatchException"]
FLOWS = {"srp": 0, "user_password": 1, "custom": 2, "custom_srp": 3, "user_auth_srp": 4, "user_auth": 5,
         "auto_sign_in": 6, "refresh": 7, "rotation": 8}


class Auth:
    """Mirrors fuzz_auth_challenge.cpp."""

    def __init__(self, secret=False, remember=True):
        self.f = Fdp()
        self.f.bool(secret).bool(remember).bool(False)

    def start(self, flow, device=False, option=None, session=None):
        f = self.f
        f.bool(True)                      # username "alice"
        f.int_range(0, 8, FLOWS[flow])
        if flow == "user_auth":
            f.pick(OPTIONS, option)
        if flow == "auto_sign_in":
            f.string(session, 32)
        f.bool(device).bool(False)
        return self

    # replies
    def transport_failure(self, index=0):
        self.f.int_range(0, 15, 0).int_range(0, 4, index, "size_t")
        return self

    def error(self, type_, message="Incorrect username or password.", status=400, header=True):
        f = self.f
        if status == 400:
            f.int_range(0, 15, 1)
        else:
            f.int_range(0, 15, 2).bool(status == 500)
        f.bool(True).pick(ERROR_TYPES, type_)
        if message == "Device does not exist.":
            f.bool(True)
        else:
            f.bool(False).string(message, 80)
        f.bool(header)
        return self

    def raw(self, body, status=200):
        self.f.int_range(0, 15, 3)
        if status == 200:
            self.f.bool(True)
        else:
            self.f.bool(False).int_range(100, 599, status)
        self.f.string(body, 512)
        return self

    def ok(self):
        self.f.int_range(0, 15, 4)
        return self

    def session_member(self, value):
        if value is None:
            self.f.bool(False)
        else:
            self.f.bool(True).string(value, 64)

    def associate(self, secret_code, session="assoc-session"):
        self.ok()
        self.f.string(secret_code, 40)
        self.session_member(session)
        return self

    def verify(self, success=True, session="verified-session"):
        self.ok()
        self.f.bool(success)
        if not success:
            self.f.string("ERROR", 8)
        self.session_member(session)
        return self

    def confirm_device(self, needs_confirmation=True):
        self.ok()
        self.f.bool(needs_confirmation)
        return self

    def jwt(self, iat=NOW, exp=NOW + 3600, username="alice", raw=None):
        f = self.f
        if raw is not None:
            f.int_range(0, 5, 0).string(raw, 64)
            return
        f.int_range(0, 5, 1)
        for v in (iat, exp):
            if isinstance(v, str):
                f.int_range(0, 3, 2)  # "1.7723664E9"
            elif 1772360000 <= v <= 1772370000:
                f.int_range(0, 3, 0).int_range(1772360000, 1772370000, v, "i64")
            else:
                f.int_range(0, 3, 1).integral("i64", v)
        if username is None:
            f.bool(False).bool(False)
        else:
            f.bool(True).string(username, 24).bool(True).string(username, 24)

    def auth_result(self, refresh="rt-1", device=None, **jwt_args):
        f = self.f
        f.int_range(0, 9, 1)
        self.jwt(**jwt_args)
        f.bool(True)
        self.jwt(**jwt_args)
        if refresh is None:
            f.bool(False)
        else:
            f.bool(True).string(refresh, 32)
        f.bool(True).integral("int", 3600)
        f.bool(True)
        if device is None:
            f.bool(False)
        else:  # the harness's own "us-east-1_new-device" / "-newGroup"
            f.bool(True).bool(True).bool(True)

    def tokens(self, **kw):
        """InitiateAuth / RespondToAuthChallenge answered with AuthenticationResult."""
        self.ok()
        self.f.int_range(0, 3, 0)
        self.auth_result(**kw)
        self.f.int_range(0, 5, 0)  # no ChallengeName
        self.f.bool(False).bool(False)
        return self

    def refreshed(self, **kw):
        """GetTokensFromRefreshToken."""
        self.ok()
        self.auth_result(**kw)
        return self

    def hex_value(self, value_bytes, max_bytes, negative=False):
        self.f.int_range(0, 4, 1).int_range(0, 5, 0 if negative else 1)
        self.f.string(value_bytes, max_bytes)

    def nested(self, well_formed=True, raw=None):
        if well_formed:
            self.f.int_range(0, 3, 1)
        else:
            self.f.int_range(0, 3, 0).string(raw, 64)

    def string_list(self, items):
        self.f.int_range(0, 4, len(items))
        for it in items:
            if it in OPTIONS:
                self.f.bool(True).pick(OPTIONS, it)
            else:
                self.f.bool(False).string(it, 16)

    def challenge(self, name, user_id="alice-canonical", username=None, srp=None, delivery=None, mfas=None,
                  user_attributes=None, required=False, credential_options=False, session="sess-1", available=None):
        f = self.f
        self.ok()
        f.int_range(0, 3, 1)  # no AuthenticationResult
        f.int_range(0, 5, 1)  # ChallengeName present
        if name in CHALLENGES:
            f.int_range(0, 9, 1).pick(CHALLENGES, name)
        else:
            f.int_range(0, 9, 0).string(name, 24)
        # challenge_parameters
        if user_id is None:
            f.int_range(0, 3, 0)
        elif user_id == "alice-canonical":
            f.int_range(0, 3, 1).bool(True)
        else:
            f.int_range(0, 3, 1).bool(False).string(user_id, 24)
        if username is None:
            f.bool(False)
        else:
            f.bool(True).string(username, 24)
        if name in ("PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER") or srp is not None:
            if name not in ("PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"):
                f.int_range(0, 7, 0)
            salt, negative, b, block = srp
            f.int_range(0, 7, 1)
            self.hex_value(salt, 20, negative)
            f.int_range(0, 7, 1)
            self.hex_value(b, 400)
            f.int_range(0, 7, 1).bool(True).string(block, 96)
        else:
            f.int_range(0, 7, 1)
        if delivery is None:
            f.bool(False).bool(False)
        else:
            f.bool(True).bool(delivery[0] == "SMS").bool(True).string(delivery[1], 20)
        if mfas is None:
            f.bool(False)
        else:
            f.bool(True).bool(name == "SELECT_MFA_TYPE")
            self.string_list(mfas)
            self.nested()
        if user_attributes is None:
            f.bool(False)
        else:
            f.bool(True).int_range(0, 3, len(user_attributes))
            for k, kind in user_attributes:
                f.string(k, 24)
                if isinstance(kind, int):
                    f.int_range(0, 3, kind)
                else:
                    f.int_range(0, 3, 3).string(kind, 24)
            self.nested()
        f.bool(required)
        if required:
            self.nested()
        f.bool(credential_options)
        if credential_options:
            self.nested()
        f.bool(False)  # no extra parameter
        self.session_member(session)
        if available is None:
            f.bool(False)
        else:
            f.bool(True)
            self.string_list(available)
        return self

    # answers
    def code(self, code="123456"):
        self.f.int_range(0, 8, 0)
        if code == "123456":
            self.f.bool(True)
        else:
            self.f.bool(False).string(code, 8)
        return self

    def select(self, option, from_step=None):
        self.f.int_range(0, 8, 1)
        self.option(option, from_step)
        return self

    def option(self, option, from_step):
        """from_step: the step's options (the harness picks among them first)."""
        if from_step:
            self.f.bool(True).int_range(0, len(from_step) - 1, from_step.index(option), "size_t")
        else:
            self.f.bool(True).pick(OPTIONS, option)

    def new_password(self, required_values, extra=None):
        self.f.int_range(0, 8, 2)
        for v in required_values:
            if v is None:
                self.f.bool(False)
            else:
                self.f.bool(True).string(v, 24)
        if extra is None:
            self.f.bool(False)
        else:
            self.f.bool(True).string(extra[0], 24).string(extra[1], 24)
        self.f.bool(True)
        return self

    def custom(self, text):
        self.f.int_range(0, 8, 3).string(text, 16)
        return self

    def setup_totp(self, name="phone"):
        self.f.int_range(0, 8, 4).string(name, 12)
        return self

    def setup_email(self, email):
        self.f.int_range(0, 8, 5).string(email, 24)
        return self

    def password(self, option, from_step=None):
        self.f.int_range(0, 8, 6)
        self.option(option, from_step)
        return self

    def web_authn(self):
        self.f.int_range(0, 8, 7).bool(True)
        return self

    def then_stop(self):
        self.f.bool(False)
        return self

    def bytes(self):
        return self.f.bytes()


def auth_seeds():
    vec = srp_vectors()["srp-001"]
    salt = bytes.fromhex(vec["salt_hex"])
    b = bytes.fromhex(vec["B_hex"])
    block = b"\x5a" * 64
    dev = True
    seeds = []
    # 1. USER_SRP_AUTH: PASSWORD_VERIFIER with a published vector's SALT and SRP_B, then tokens.
    seeds.append(Auth().start("srp").challenge("PASSWORD_VERIFIER", srp=(salt, False, b, block), session=None)
                 .tokens().then_stop().bytes())
    # 2. The same with a negative salt (protocol 4.3), a client secret and a remembered device:
    #    PASSWORD_VERIFIER -> DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER -> tokens.
    neg = bytes.fromhex("16e462a84f2df159eee0c14642974ee7")
    seeds.append(Auth(secret=True).start("srp", device=True)
                 .challenge("PASSWORD_VERIFIER", srp=(neg, True, b, block), session=None)
                 .challenge("DEVICE_SRP_AUTH", session=None)
                 .challenge("DEVICE_PASSWORD_VERIFIER", srp=(salt, False, b, block), session=None)
                 .tokens().then_stop().bytes())
    # 3. USER_PASSWORD_AUTH + SMS_MFA: a wrong code (CodeMismatch, asked again), then tokens with a new
    #    device -> ConfirmDevice.
    seeds.append(Auth().start("user_password")
                 .challenge("SMS_MFA", delivery=("SMS", "+*******0101"))
                 .code("000000").error("CodeMismatchException", "Invalid verification code provided, please try again.")
                 .code().tokens(device=dev).confirm_device().then_stop().bytes())
    # 4. SELECT_MFA_TYPE (MFAS_CAN_CHOOSE is JSON inside a string) -> SOFTWARE_TOKEN_MFA -> tokens.
    mfas = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
    seeds.append(Auth().start("srp").challenge("PASSWORD_VERIFIER", srp=(salt, False, b, block), session=None)
                 .challenge("SELECT_MFA_TYPE", mfas=mfas).select("SOFTWARE_TOKEN_MFA", mfas)
                 .challenge("SOFTWARE_TOKEN_MFA").code().tokens().then_stop().bytes())
    # 5. MFA_SETUP (MFAS_CAN_SETUP) -> AssociateSoftwareToken -> TOTP code -> VerifySoftwareToken
    #    (first ERROR, then SUCCESS) -> RespondToAuthChallenge MFA_SETUP -> tokens.
    setup = ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
    seeds.append(Auth().start("user_password").challenge("MFA_SETUP", mfas=setup).setup_totp()
                 .associate("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").code("111111").verify(success=False)
                 .code().verify().tokens().then_stop().bytes())
    # 6. NEW_PASSWORD_REQUIRED with userAttributes / requiredAttributes (JSON inside strings).
    seeds.append(Auth().start("user_password")
                 .challenge("NEW_PASSWORD_REQUIRED", user_attributes=[("email", "a@example.com"), ("email_verified", 1),
                                                                      ("phone_number", 0)], required=True)
                 .new_password(["a@example.com", "Alice", "+15555550100"]).tokens().then_stop().bytes())
    # 7. USER_AUTH without preference: SELECT_CHALLENGE (AvailableChallenges) -> EMAIL_OTP -> tokens.
    avail = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
    seeds.append(Auth().start("user_auth", option="EMAIL")
                 .challenge("SELECT_CHALLENGE", available=avail).select("EMAIL_OTP", avail)
                 .challenge("EMAIL_OTP", delivery=("EMAIL", "a***@e***")).code().tokens().then_stop().bytes())
    # 8. Sign-up auto sign-in, then refresh with rotation on a second start.
    a = Auth().start("auto_sign_in", session="signup-session").tokens()
    a.f.bool(True)
    a.start("rotation").refreshed(refresh="rt-rotated").then_stop()
    seeds.append(a.bytes())
    # 9. REFRESH_TOKEN_AUTH with a device; tokens with huge / fractional times.
    seeds.append(Auth(secret=True).start("refresh", device=True)
                 .tokens(refresh=None, iat=-9000000000000000000, exp=9000000000000000000).then_stop().bytes())
    seeds.append(Auth().start("refresh").tokens(iat="f", exp="f").then_stop().bytes())
    # 10. CUSTOM_AUTH: CUSTOM_CHALLENGE answered twice, then NotAuthorized (sticky Failed).
    seeds.append(Auth().start("custom").challenge("CUSTOM_CHALLENGE").custom("wrong")
                 .challenge("CUSTOM_CHALLENGE").custom("123456")
                 .error("NotAuthorizedException").then_stop().bytes())
    # 11. A stale device: ResourceNotFound "Device does not exist." -> restart without the device.
    seeds.append(Auth().start("srp", device=True)
                 .challenge("PASSWORD_VERIFIER", srp=(salt, False, b, block), session=None)
                 .error("ResourceNotFoundException", "Device does not exist.")
                 .challenge("PASSWORD_VERIFIER", srp=(salt, False, b, block), session=None)
                 .tokens().then_stop().bytes())
    # 12. Malformed answers: HTML 503, a truncated body, a transport failure.
    seeds.append(Auth().start("srp").raw("<html>503</html>", status=503).then_stop().bytes())
    seeds.append(Auth().start("user_password").raw('{"ChallengeName":"SMS_MFA","Sess').then_stop().bytes())
    seeds.append(Auth().start("custom_srp").transport_failure(1).then_stop().bytes())
    # 13. WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS, and an unknown challenge.
    seeds.append(Auth().start("user_auth", option="WEB_AUTHN").challenge("WEB_AUTHN", credential_options=True)
                 .web_authn().tokens().then_stop().bytes())
    seeds.append(Auth().start("custom").challenge("SOME_NEW_CHALLENGE").custom("answer").tokens().then_stop().bytes())
    # 15. Reproducer: a USER_SRP_AUTH sign-in answered with ChallengeName PASSWORD must not send the
    #     password in plaintext (SRP downgrade; AuthMachine::Impl::on_challenge).
    seeds.append(Auth().start("srp").challenge("PASSWORD", session=None).then_stop().bytes())
    seeds.append(Auth().start("user_auth_srp").challenge("PASSWORD").then_stop().bytes())
    # 16. Reproducer: a Session of exactly 32 bytes (a SecretString with no spare capacity) ending in a
    #     truncated UTF-8 sequence: RapidJSON's validating Writer reads past the end while encoding
    #     InitiateAuth (detail::json::Encoder::string).
    seeds.append(Auth().start("auto_sign_in", session=b"s" * 31 + b"\xe2").ok().bytes())
    # 14. MFA_SETUP by email.
    seeds.append(Auth().start("user_password").challenge("MFA_SETUP", mfas=setup).setup_email("alice@example.com")
                 .challenge("EMAIL_OTP").code().tokens().then_stop().bytes())
    return seeds


# ---- capi --------------------------------------------------------------------------------

CAPI_STATUSES = [200, 200, 200, 400, 500, 503, 429]


def capi_seeds():
    """Mirrors fuzz_capi.cpp."""
    def start(f):
        f.integral("int", -326)                     # an error code to describe
        f.bool(True).bool(True).bool(False)          # valid pool id and client id, no secret
        f.int_range(0, 4, 0)                         # no extra settings
        f.int_range(1, 3, 1)                         # one attempt
        return f

    def answer(f, status, body):
        f.int_range(0, 9, 2).bool(True).pick(CAPI_STATUSES, status).int_range(0, 2, 0).string(body, 1024)

    def request(f, flow, password=True):
        f.int_range(0, 8, flow).bool(True).bool(password).bool(False).bool(False).bool(False).bool(False).bool(False)

    at = jwt({"sub": "4f1c", "token_use": "access", "client_id": CLIENT, "iat": NOW, "exp": NOW + 3600,
              "username": "alice"})
    idt = jwt({"sub": "4f1c", "token_use": "id", "aud": CLIENT, "cognito:username": "alice", "iat": NOW,
               "exp": NOW + 3600})
    tokens = json.dumps({"AuthenticationResult": {"AccessToken": at, "IdToken": idt, "RefreshToken": "rt",
                                                  "ExpiresIn": 3600, "TokenType": "Bearer"}})
    vec = srp_vectors()["srp-001"]
    verifier = json.dumps({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {
        "SALT": vec["salt_hex"], "SRP_B": vec["B_hex"], "SECRET_BLOCK": "WlpaWlpa", "USER_ID_FOR_SRP": "alice",
        "USERNAME": "alice"}})
    seeds = []
    # GetUser through the transport callback.
    f = start(Fdp())
    f.int_range(0, 4, 0).bool(True).string("x", 24).string("y", 24).int_range(0, 11, 1).bool(True)
    answer(f, 200, '{"Username":"alice","UserAttributes":[{"Name":"email","Value":"a@example.com"}],'
                   '"UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}')
    seeds.append(f.bytes())
    # ListDevices answered by a service error.
    f = start(Fdp())
    f.int_range(0, 4, 0).bool(True).string("x", 24).string("y", 24).int_range(0, 11, 3).bool(True)
    f.int_range(-1, 61, 10)
    answer(f, 400, '{"__type":"NotAuthorizedException","message":"Access Token has expired"}')
    seeds.append(f.bytes())
    # cognito_client_call with an operation name and JSON.
    f = start(Fdp())
    f.int_range(0, 4, 0).bool(True).string("GetUser", 24).string('{"AccessToken":"at"}', 24).int_range(0, 11, 0)
    answer(f, 200, '{"Username":"alice"}')
    seeds.append(f.bytes())
    # Blocking USER_PASSWORD_AUTH sign-in to the end, then the session's getters.
    f = start(Fdp())
    f.int_range(0, 4, 1)
    request(f, 2)
    answer(f, 200, tokens)
    f.integral("i64", NOW * 1000).integral("i64", 300).bool(False)
    seeds.append(f.bytes())
    # Sans-I/O USER_SRP_AUTH: PASSWORD_VERIFIER with a published vector's values, then tokens.
    f = start(Fdp())
    f.int_range(0, 4, 2)
    request(f, 1)
    f.int_range(0, 7, 1).bool(True).pick(CAPI_STATUSES, 200).int_range(0, 2, 0).string(verifier, 1024)
    f.int_range(0, 7, 1).bool(True).pick(CAPI_STATUSES, 200).int_range(0, 2, 0).string(tokens, 1024)
    f.integral("i64", NOW * 1000).integral("i64", 300)
    seeds.append(f.bytes())
    # A session built from tokens, and attributes.
    f = start(Fdp())
    f.int_range(0, 4, 3).string(idt, 256).string(at, 256).integral("i64", 0).integral("i64", -1).bool(False)
    f.string("us-east-1_dev", 24)
    f.int_range(0, 4, 4).int_range(0, 4, 2).string("email", 16).string("a@example.com", 16).string("", 16).string("x", 16)
    seeds.append(f.bytes())
    # Reproducer: cognito_session_needs_refresh at a time in the year 4952 -- capi::time_arg accepted
    # up to the year 9999, which overflows the nanosecond clock (signed overflow, UBSan).
    f = start(Fdp())
    f.int_range(0, 4, 3).string(idt, 256).string(at, 256).integral("i64", 94131343133184).integral("i64", 60)
    f.bool(False).string("us-east-1_dev", 24)
    seeds.append(f.bytes())
    return seeds


TARGETS = {
    "response": response_seeds,
    "service_error": service_error_seeds,
    "srp": srp_seeds,
    "jwt": jwt_seeds,
    "base64": base64_seeds,
    "client": client_seeds,
    "auth_challenge": auth_seeds,
    "capi": capi_seeds,
}


def main():
    check = "--check" in sys.argv[1:]
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    missing = 0
    for target, make in TARGETS.items():
        if only and target not in only:
            continue
        seeds = make()
        if not seeds:
            continue
        d = os.path.join(HERE, "corpus", target)
        os.makedirs(d, exist_ok=True)
        for s in seeds:
            p = os.path.join(d, hashlib.sha256(s).hexdigest())
            if os.path.exists(p):
                continue
            if check:
                print("missing:", os.path.relpath(p, HERE))
                missing += 1
                continue
            with open(p, "wb") as f:
                f.write(s)
        print(f"{target}: {len(seeds)} seeds")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
