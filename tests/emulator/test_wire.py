"""Wire format: targets, content types, error shape, validation, keep-alive, JWKS, control API."""

from __future__ import annotations

import base64
import json

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from emulator_harness import TARGET, EmulatorTestCase, Http, jwt_claims


def b64url_int(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


class WireFormatTest(EmulatorTestCase):
    def test_success_headers(self):
        pool = self.make_pool()
        pool.add_user("alice")
        reply = self.api.call("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                               "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!x"}})
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.headers["Content-Type"], "application/x-amz-json-1.1")
        self.assertTrue(reply.headers["x-amzn-RequestId"])
        self.assertEqual(int(reply.headers["Content-Length"]), len(reply.raw))

    def test_error_shape(self):
        pool = self.make_pool()
        reply = self.api.call("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                               "AuthParameters": {"USERNAME": "nobody", "PASSWORD": "x"}})
        self.assertEqual(reply.status, 400)
        self.assertEqual(reply.json, {"__type": "NotAuthorizedException", "message": "Incorrect username or password."})
        self.assertEqual(reply.headers["x-amzn-ErrorType"], "NotAuthorizedException:")
        self.assertTrue(reply.headers["x-amzn-RequestId"])
        self.assertEqual(reply.headers["Content-Type"], "application/x-amz-json-1.1")

    def test_unknown_target_and_missing_target(self):
        reply = self.api.call("NoSuchOperation", {})
        self.assertEqual((reply.status, reply.error_type), (400, "UnknownOperationException"))
        reply = self.api.http.request("POST", "/", b"{}", {"Content-Type": "application/x-amz-json-1.1"})
        self.assertEqual((reply.status, reply.json["__type"]), (400, "UnknownOperationException"))
        # SigV4-only operations are not part of the emulated API
        self.assertEqual(self.api.call("AdminGetUser", {}).error_type, "UnknownOperationException")

    def test_wrong_content_type(self):
        reply = self.api.call("SignUp", {}, headers={"Content-Type": "text/plain"})
        self.assertEqual((reply.status, reply.error_type), (400, "UnknownOperationException"))

    def test_malformed_json(self):
        for body in (b"{not json", b"[1,2]", b"\xff\xfe", b'"str"'):
            reply = self.api.call("SignUp", body)
            self.assertEqual((reply.status, reply.error_type), (400, "SerializationException"), body)

    def test_validation_errors(self):
        reply = self.fails("InitiateAuth", {}, "InvalidParameterException")
        self.assertEqual(reply.message,
                         "2 validation errors detected: Value null at 'clientId' failed to satisfy constraint: "
                         "Member must not be null; Value null at 'authFlow' failed to satisfy constraint: "
                         "Member must not be null")
        reply = self.fails("InitiateAuth", {"ClientId": "abc", "AuthFlow": "BOGUS"}, "InvalidParameterException")
        self.assertIn("1 validation error detected: Value 'BOGUS' at 'authFlow' failed to satisfy constraint: "
                      "Member must satisfy enum value set", reply.message)
        reply = self.fails("SignUp", {"ClientId": "abc", "Username": "u", "Password": 12},
                           "InvalidParameterException")
        self.assertIn("'password' failed to satisfy constraint: Member must be a string", reply.message)
        reply = self.fails("ChangePassword", {"AccessToken": "a b", "ProposedPassword": "x"},
                           "InvalidParameterException")
        self.assertIn("Member must satisfy regular expression pattern", reply.message)
        reply = self.fails("SignUp", {"ClientId": "c" * 129, "Username": "u"}, "InvalidParameterException")
        self.assertIn("Member must have length less than or equal to 128", reply.message)
        reply = self.fails("VerifySoftwareToken", {"UserCode": "12345", "AccessToken": "abc"},
                           "InvalidParameterException")
        self.assertIn("greater than or equal to 6", reply.message)

    def test_non_string_map_values_rejected(self):
        pool = self.make_pool()
        for params in ({"USERNAME": 5}, {"USERNAME": ["u"]},
                       {"USERNAME": {"a": 1}}, {"USERNAME": True}):
            reply = self.fails("InitiateAuth", {"ClientId": pool.public, "AuthFlow": "USER_PASSWORD_AUTH",
                                                "AuthParameters": params}, "InvalidParameterException")
            self.assertIn("Member must be a string", reply.message)
        reply = self.fails("RespondToAuthChallenge", {"ClientId": pool.public, "ChallengeName": "SMS_MFA",
                                                      "ChallengeResponses": {"SMS_MFA_CODE": 123456}},
                           "InvalidParameterException")
        self.assertIn("'challengeResponses.SMS_MFA_CODE'", reply.message)

    def test_null_members_are_absent(self):
        pool = self.make_pool()
        self.fails("SignUp", {"ClientId": pool.public, "Username": None}, "InvalidParameterException")

    def test_null_map_values_are_absent(self):
        # amazon-cognito-identity-js sends "DEVICE_KEY": null in REFRESH_TOKEN_AUTH when its
        # storage has no device key, and when it retries PASSWORD_VERIFIER without a forgotten
        # device (ResourceNotFoundException): Cognito takes a null map value as an absent entry.
        pool = self.make_pool()
        pool.add_user("nulls")
        result = self.tokens(self.password_auth(pool, "nulls", DEVICE_KEY=None))
        refreshed = self.ok("InitiateAuth", {"ClientId": pool.public, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                             "AuthParameters": {"REFRESH_TOKEN": result["RefreshToken"],
                                                                "DEVICE_KEY": None},
                                             "ClientMetadata": {"k": None}})
        self.assertIn("AccessToken", self.tokens(refreshed))
        srp, challenge = self.srp_start(pool, "nulls")
        body = self.srp_answer(pool, srp, challenge, DEVICE_KEY=None)
        self.assertIn("AccessToken", self.tokens(self.ok("RespondToAuthChallenge", body)))
        # A null PASSWORD is a missing PASSWORD, not an empty one.
        reply = self.fails("InitiateAuth", {"ClientId": pool.public, "AuthFlow": "USER_PASSWORD_AUTH",
                                            "AuthParameters": {"USERNAME": "nulls", "PASSWORD": None}},
                           "InvalidParameterException")
        self.assertIn("PASSWORD", reply.message)

    def test_unknown_client(self):
        self.fails("SignUp", {"ClientId": "doesnotexist", "Username": "u", "Password": "Passw0rd!x"},
                   "ResourceNotFoundException", "User pool client doesnotexist does not exist.")

    def test_keep_alive_reuses_one_connection(self):
        self.ctl.post("/stats/reset")
        http = Http(self.port)
        try:
            for _ in range(5):
                reply = http.request("POST", "/", b"{}", {"Content-Type": "application/x-amz-json-1.1",
                                                          "X-Amz-Target": TARGET + "GetUser"})
                self.assertEqual(reply.status, 400)
        finally:
            http.close()
        stats = self.ctl.get("/stats")
        # the control connection was opened before the reset; the API connection once
        self.assertEqual(stats["connections"], 1)
        self.assertEqual(stats["operations"], {"GetUser": 5})
        self.assertGreaterEqual(stats["requests"], 6)

    def test_connection_close_and_chunked_requests(self):
        http = Http(self.port)
        try:
            http.conn.putrequest("POST", "/")
            for name, value in (("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", TARGET + "GetUser"),
                                ("Transfer-Encoding", "chunked")):
                http.conn.putheader(name, value)
            http.conn.endheaders()
            body = json.dumps({"AccessToken": "abc.def.ghi"}).encode()
            http.conn.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
            resp = http.conn.getresponse()
            self.assertEqual(json.loads(resp.read())["message"], "Invalid Access Token")
        finally:
            http.close()


class JwksAndTokensTest(EmulatorTestCase):
    def test_jwks_served_and_tokens_verify(self):
        pool = self.make_pool()
        pool.add_user("alice", attributes={"email": "alice@example.com", "custom:team": "blue"})
        result = self.tokens(self.password_auth(pool, "alice"))
        reply = self.api.http.request("GET", f"/{pool.id}/.well-known/jwks.json")
        self.assertEqual(reply.status, 200)
        keys = {k["kid"]: k for k in reply.json["keys"]}
        self.assertEqual(len(keys), 2)
        headers = {}
        for name in ("IdToken", "AccessToken"):
            token = result[name]
            head_b64, body_b64, sig_b64 = token.split(".")
            header = json.loads(base64.urlsafe_b64decode(head_b64 + "=" * (-len(head_b64) % 4)))
            self.assertEqual(header["alg"], "RS256")
            jwk = keys[header["kid"]]
            self.assertEqual((jwk["kty"], jwk["use"], jwk["alg"]), ("RSA", "sig", "RS256"))
            public = rsa.RSAPublicNumbers(b64url_int(jwk["e"]), b64url_int(jwk["n"])).public_key()
            public.verify(base64.urlsafe_b64decode(sig_b64 + "=" * (-len(sig_b64) % 4)),
                          f"{head_b64}.{body_b64}".encode(), padding.PKCS1v15(), hashes.SHA256())
            headers[name] = header["kid"]
        self.assertNotEqual(headers["IdToken"], headers["AccessToken"])

        issuer = f"http://127.0.0.1:{self.port}/{pool.id}"
        id_claims, access = jwt_claims(result["IdToken"]), jwt_claims(result["AccessToken"])
        user = pool.user("alice")
        self.assertEqual(id_claims["iss"], issuer)
        self.assertEqual(id_claims["aud"], pool.public)
        self.assertEqual(id_claims["token_use"], "id")
        self.assertEqual(id_claims["cognito:username"], "alice")
        self.assertEqual(id_claims["sub"], user["sub"])
        self.assertEqual(id_claims["email"], "alice@example.com")
        self.assertIs(id_claims["email_verified"], True)
        self.assertEqual(id_claims["custom:team"], "blue")
        for claim in ("auth_time", "iat", "exp", "jti", "origin_jti", "event_id"):
            self.assertIn(claim, id_claims)
            self.assertIn(claim, access)
        self.assertEqual(id_claims["exp"] - id_claims["iat"], 3600)
        self.assertEqual(access["iss"], issuer)
        self.assertEqual(access["client_id"], pool.public)
        self.assertEqual(access["token_use"], "access")
        self.assertEqual(access["scope"], "aws.cognito.signin.user.admin")
        self.assertEqual(access["username"], "alice")
        self.assertNotIn("aud", access)
        self.assertEqual(access["origin_jti"], id_claims["origin_jti"])
        self.assertNotEqual(access["jti"], id_claims["jti"])
        self.assertEqual(result["TokenType"], "Bearer")
        self.assertEqual(result["ExpiresIn"], 3600)
        self.assertEqual(result["RefreshToken"].count("."), 0)

        reply = self.api.http.request("GET", f"/{pool.id}/.well-known/openid-configuration")
        self.assertEqual(reply.json["issuer"], issuer)
        self.assertEqual(self.api.http.request("GET", "/us-east-1_nope/.well-known/jwks.json").status, 404)

    def test_access_token_checks(self):
        pool = self.make_pool()
        pool.add_user("alice")
        result = self.tokens(self.password_auth(pool, "alice"))
        self.ok("GetUser", {"AccessToken": result["AccessToken"]})
        self.fails("GetUser", {"AccessToken": result["IdToken"]}, "NotAuthorizedException", "Invalid Access Token")
        head, body, sig = result["AccessToken"].split(".")
        claims = jwt_claims(result["AccessToken"])
        claims["username"] = "mallory"
        forged = head + "." + base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=") + "." + sig
        self.fails("GetUser", {"AccessToken": forged}, "NotAuthorizedException", "Invalid Access Token")
        self.fails("GetUser", {"AccessToken": "garbage"}, "NotAuthorizedException", "Invalid Access Token")
        pool.advance(3601)
        self.fails("GetUser", {"AccessToken": result["AccessToken"]}, "NotAuthorizedException",
                   "Access Token has expired")


class ControlApiTest(EmulatorTestCase):
    def test_health_info_and_errors(self):
        self.assertEqual(self.ctl.get("/health"), {"status": "ok"})
        info = self.ctl.get("/info")
        self.assertEqual(info["user_pool_id"], "us-east-1_EmuDemo01")
        self.assertEqual(self.ctl._do("GET", "/nope", expect=(404,))["message"],
                         "unknown control endpoint /_emulator/nope")
        reply = self.ctl._do("GET", "/pools/us-east-1_none", expect=(404,))
        self.assertEqual(reply["__type"], "ResourceNotFoundException")
        reply = self.ctl._do("POST", "/pools", {"bogus_setting": 1}, expect=(400,))
        self.assertIn("bogus_setting", reply["message"])

    def test_pool_client_user_lifecycle(self):
        pool = self.make_pool(mfa="OPTIONAL")
        client = self.ctl.post(f"/pools/{pool.id}/clients", {"name": "extra", "generate_secret": True})
        self.assertEqual(len(client["client_secret"]), 52)
        self.assertEqual(len(client["client_id"]), 26)
        user = pool.add_user("bob", attributes={"email": "bob@example.com"}, mfa={"totp": True})
        self.assertEqual(user["status"], "CONFIRMED")
        self.assertTrue(user["totp_secret"])
        code = self.ctl.get(f"/pools/{pool.id}/users/bob/totp-code")["code"]
        self.assertEqual(len(code), 6)
        pool.update_user("bob", temporary_password="Temp0rary!", attributes={"name": "Bob"})
        self.assertEqual(pool.user("bob")["status"], "FORCE_CHANGE_PASSWORD")
        self.assertEqual(pool.user("bob")["attributes"]["name"], "Bob")
        self.ctl.delete(f"/pools/{pool.id}/clients/{client['client_id']}")
        self.ctl.delete(f"/pools/{pool.id}/users/bob")
        self.ctl._do("GET", f"/pools/{pool.id}/users/bob", expect=(404,))
        pool.add_user("carol")
        self.ctl.post(f"/pools/{pool.id}/reset")
        self.ctl._do("GET", f"/pools/{pool.id}/users/carol", expect=(404,))
        self.ctl.delete(f"/pools/{pool.id}")
        self.fails("SignUp", {"ClientId": pool.public, "Username": "x", "Password": "Passw0rd!x"},
                   "ResourceNotFoundException")

    def test_outbox_filters_and_clear(self):
        pool = self.make_pool()
        for name in ("u1", "u2"):
            self.ok("SignUp", {"ClientId": pool.public, "Username": name, "Password": "Passw0rd!x",
                               "UserAttributes": [{"Name": "email", "Value": f"{name}@example.com"}]})
        messages = pool.outbox()
        self.assertEqual([m["username"] for m in messages], ["u1", "u2"])
        self.assertEqual(set(messages[0]), {"id", "time", "pool_id", "username", "medium", "to", "code", "purpose"})
        self.assertEqual((messages[0]["medium"], messages[0]["to"], messages[0]["purpose"]),
                         ("EMAIL", "u1@example.com", "SIGN_UP"))
        self.assertRegex(messages[0]["code"], r"^\d{6}$")
        self.assertEqual(len(pool.outbox(username="u2")), 1)
        self.assertEqual(self.ctl.delete(f"/outbox?pool_id={pool.id}&username=u1")["deleted"], 1)
        self.assertEqual([m["username"] for m in pool.outbox()], ["u2"])

    def test_global_and_pool_clock(self):
        pool = self.make_pool()
        before = pool.now()
        pool.advance(1000)
        self.assertGreaterEqual(pool.now() - before, 1000)
        self.ctl.post("/clock", {"offset_seconds": 50})
        self.assertGreaterEqual(pool.now() - before, 1050)
        self.ctl.post(f"/pools/{pool.id}/clock", {"pinned_epoch_ms": 1_700_000_000_000})
        self.assertEqual(pool.now(), 1_700_000_000)
        self.ctl.delete(f"/pools/{pool.id}/clock")
        self.assertLess(pool.now() - before, 1000)


class HeaderSafetyTest(EmulatorTestCase):
    def test_control_characters_are_not_echoed_into_headers(self):
        reply = self.fails("InitiateAuth", {"ClientId": "x", "AuthFlow": "BAD\r\nX-Injected: 1"},
                           "InvalidParameterException")
        self.assertNotIn("X-Injected", reply.headers)
        self.assertNotIn("x-amzn-ErrorMessage", reply.headers)
