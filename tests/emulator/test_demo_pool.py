"""The demo pool (demo_config.json) behaves as README.md documents it."""

from __future__ import annotations

import json
import os

from emulator_harness import HERE, EmulatorTestCase, jwt_claims, secret_hash, totp

POOL = "us-east-1_EmuDemo01"
PUBLIC = "emudemopublicclient0000001"
PASSWORD = "Demo#Passw0rd1"


class DemoPoolTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(os.path.join(HERE, "demo_config.json"), encoding="utf-8") as fh:
            cls.config = json.load(fh)["pools"][0]

    def setUp(self):
        super().setUp()
        self.ctl.post(f"/pools/{POOL}/reset")
        self.addCleanup(self.ctl.post, f"/pools/{POOL}/reset")

    def sign_in(self, username, password=PASSWORD, client=PUBLIC, **extra):
        return self.api.call("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
                                              "AuthParameters": {"USERNAME": username, "PASSWORD": password, **extra}})

    def test_startup_info(self):
        info = self.ctl.get("/info")
        self.assertEqual((info["user_pool_id"], info["public_client_id"], info["secret_client_id"],
                          info["rotation_client_id"]),
                         (POOL, PUBLIC, "emudemosecretclient0000002", "emudemorotationclient00003"))
        self.assertEqual(info["client_secret"], "emudemoclientsecret000000000000000000000000000000002")
        self.assertEqual(info["clients"]["legacy"]["client_id"], "emudemolegacyclient0000004")
        self.assertEqual({u["username"] for u in info["users"]},
                         {u["username"] for u in self.config["users"]})

    def test_demo_users(self):
        expected = {"demo": None, "demo-sms": "SMS_MFA", "demo-totp": "SOFTWARE_TOKEN_MFA", "demo-email": "EMAIL_OTP",
                    "demo-multi": "SELECT_MFA_TYPE"}
        for username, challenge in expected.items():
            with self.subTest(username):
                body = self.sign_in(username).json
                self.assertEqual(body.get("ChallengeName"), challenge, body)
                if challenge is None:
                    result = body["AuthenticationResult"]
                    self.assertIn("NewDeviceMetadata", result)  # device tracking: user opt-in
        self.assertEqual(self.sign_in("demo-newpass", "Temp#Passw0rd1").json["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        self.assertEqual(self.sign_in("demo-unconfirmed").error_type, "UserNotConfirmedException")
        # email alias, case-insensitive
        body = self.sign_in("DEMO@example.com").json
        self.assertEqual(jwt_claims(body["AuthenticationResult"]["IdToken"])["cognito:username"], "demo")
        # PreventUserExistenceErrors: ENABLED on "public", LEGACY on "legacy"
        self.assertEqual(self.sign_in("ghost").error_type, "NotAuthorizedException")
        self.assertEqual(self.sign_in("ghost", client="emudemolegacyclient0000004").error_type, "UserNotFoundException")

    def test_totp_user_secret_is_documented(self):
        first = self.sign_in("demo-totp").json
        now = self.ctl.get(f"/pools/{POOL}/clock")["now"]
        result = self.respond_raw(first, "SOFTWARE_TOKEN_MFA", {
            "USERNAME": "demo-totp", "SOFTWARE_TOKEN_MFA_CODE": totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", now)})
        self.assertIn("AuthenticationResult", result)

    def test_secret_client_and_custom_auth(self):
        secret = "emudemoclientsecret000000000000000000000000000000002"
        client = "emudemosecretclient0000002"
        reply = self.sign_in("demo", client=client, SECRET_HASH=secret_hash("demo", client, secret))
        self.assertEqual(reply.status, 200, reply.raw)
        first = self.ok("InitiateAuth", {"AuthFlow": "CUSTOM_AUTH", "ClientId": PUBLIC,
                                         "AuthParameters": {"USERNAME": "demo"}})
        self.assertEqual(first["ChallengeName"], "CUSTOM_CHALLENGE")
        code = self.ctl.get("/outbox", pool_id=POOL, username="demo")[-1]["code"]
        self.assertIn("AuthenticationResult", self.respond_raw(first, "CUSTOM_CHALLENGE",
                                                               {"USERNAME": "demo", "ANSWER": code}))

    def respond_raw(self, prev, name, responses):
        return self.ok("RespondToAuthChallenge", {"ClientId": PUBLIC, "ChallengeName": name,
                                                  "Session": prev["Session"], "ChallengeResponses": responses})
