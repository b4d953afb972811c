"""SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP (TOTP and email), preferences."""

from __future__ import annotations

import json

from emulator_harness import EmulatorTestCase, totp


class MfaChallengesTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(mfa="OPTIONAL")

    def test_sms_mfa(self):
        pool = self.pool
        pool.add_user("alice", attributes={"phone_number": "+15555555678"}, mfa={"sms": True})
        first = self.password_auth(pool, "alice")
        self.assertEqual(first["ChallengeName"], "SMS_MFA")
        self.assertEqual(first["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], "SMS")
        self.assertEqual(first["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"], "+*******5678")
        message = pool.outbox(username="alice")[-1]
        self.assertEqual((message["medium"], message["to"], message["purpose"]), ("SMS", "+15555555678", "SMS_MFA"))
        wrong = "000000" if message["code"] != "000000" else "111111"
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": wrong})
        self.assertEqual((reply.error_type, reply.message),
                         ("CodeMismatchException", "Invalid code or auth state for the user."))
        result = self.respond_ok(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": message["code"]})
        self.tokens(result)

    def test_mfa_code_expiry_and_attempt_limit(self):
        pool = self.pool
        pool.add_user("alice", attributes={"phone_number": "+15555555678"}, mfa={"sms": True})
        self.ctl.patch(f"/pools/{pool.id}", {"mfa_code_validity_seconds": 60})
        first = self.password_auth(pool, "alice")
        pool.advance(61)
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": pool.last_code("alice")})
        self.assertEqual(reply.error_type, "ExpiredCodeException")
        first = self.password_auth(pool, "alice")
        code = pool.last_code("alice")
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(2):
            reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": wrong})
            self.assertEqual(reply.error_type, "CodeMismatchException")
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": wrong})
        self.assertEqual((reply.error_type, reply.message), ("NotAuthorizedException", "Invalid session for the user."))
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": code})
        self.assertEqual(reply.error_type, "NotAuthorizedException")

    def test_software_token_mfa(self):
        pool = self.pool
        secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        pool.add_user("alice", mfa={"totp": True}, totp_secret=secret)
        first = self.srp_sign_in(pool, "alice")
        self.assertEqual(first["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        now = pool.now()
        wrong = totp(secret, now + 300)
        reply = self.respond(pool, first, "SOFTWARE_TOKEN_MFA", {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": wrong})
        self.assertEqual(reply.error_type, "CodeMismatchException")
        # previous step accepted (+-1 step window)
        self.tokens(self.respond_ok(pool, first, "SOFTWARE_TOKEN_MFA",
                                    {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp(secret, now - 30)}))
        # a code cannot be used twice
        second = self.password_auth(pool, "alice")
        reply = self.respond(pool, second, "SOFTWARE_TOKEN_MFA",
                             {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp(secret, now - 30)})
        self.assertEqual(reply.error_type, "CodeMismatchException")
        self.tokens(self.respond_ok(pool, second, "SOFTWARE_TOKEN_MFA",
                                    {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp(secret, now)}))

    def test_email_otp_mfa(self):
        pool = self.pool
        pool.add_user("alice", attributes={"email": "alice@example.com"}, mfa={"email": True})
        first = self.srp_sign_in(pool, "alice")
        self.assertEqual(first["ChallengeName"], "EMAIL_OTP")
        self.assertEqual(first["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], "EMAIL")
        self.assertEqual(first["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"], "a***@e***")
        message = pool.outbox(username="alice")[-1]
        self.assertEqual((message["medium"], message["purpose"]), ("EMAIL", "EMAIL_MFA"))
        self.tokens(self.respond_ok(pool, first, "EMAIL_OTP", {"USERNAME": "alice", "EMAIL_OTP_CODE": message["code"]}))

    def test_select_mfa_type(self):
        pool = self.pool
        secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
        pool.add_user("alice", attributes={"email": "alice@example.com", "phone_number": "+15555550100"},
                      mfa={"sms": True, "totp": True, "email": True}, totp_secret=secret)
        first = self.password_auth(pool, "alice")
        self.assertEqual(first["ChallengeName"], "SELECT_MFA_TYPE")
        choices = first["ChallengeParameters"]["MFAS_CAN_CHOOSE"]
        self.assertIsInstance(choices, str)
        self.assertEqual(json.loads(choices), ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        reply = self.respond(pool, first, "SELECT_MFA_TYPE", {"USERNAME": "alice", "ANSWER": "WEB_AUTHN"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
        second = self.respond_ok(pool, first, "SELECT_MFA_TYPE", {"USERNAME": "alice", "ANSWER": "EMAIL_OTP"})
        self.assertEqual(second["ChallengeName"], "EMAIL_OTP")
        self.tokens(self.respond_ok(pool, second, "EMAIL_OTP",
                                    {"USERNAME": "alice", "EMAIL_OTP_CODE": pool.last_code("alice")}))
        first = self.password_auth(pool, "alice")
        second = self.respond_ok(pool, first, "SELECT_MFA_TYPE", {"USERNAME": "alice", "ANSWER": "SOFTWARE_TOKEN_MFA"})
        self.assertEqual(second["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        self.tokens(self.respond_ok(pool, second, "SOFTWARE_TOKEN_MFA",
                                    {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp(secret, pool.now())}))
        # with a preference there is no choice
        pool.update_user("alice", mfa={"preferred": "SMS_MFA"})
        self.assertEqual(self.password_auth(pool, "alice")["ChallengeName"], "SMS_MFA")


class MfaSetupTest(EmulatorTestCase):
    def test_totp_setup_with_session_chaining(self):
        pool = self.make_pool(mfa="ON", mfa_types=["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        pool.add_user("alice")
        first = self.srp_sign_in(pool, "alice")
        self.assertEqual(first["ChallengeName"], "MFA_SETUP")
        self.assertEqual(json.loads(first["ChallengeParameters"]["MFAS_CAN_SETUP"]),
                         ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        assoc = self.ok("AssociateSoftwareToken", {"Session": first["Session"]})
        secret = assoc["SecretCode"]
        self.assertRegex(secret, r"^[A-Z2-7]{32}$")
        self.assertNotEqual(assoc["Session"], first["Session"])
        self.fails("VerifySoftwareToken", {"Session": assoc["Session"], "UserCode": totp(secret, pool.now() + 600)},
                   "EnableSoftwareTokenMFAException", "Code mismatch")
        verified = self.ok("VerifySoftwareToken", {"Session": assoc["Session"], "UserCode": totp(secret, pool.now()),
                                                   "FriendlyDeviceName": "phone"})
        self.assertEqual(verified["Status"], "SUCCESS")
        self.assertNotEqual(verified["Session"], assoc["Session"])
        # the final MFA_SETUP answer must use the NEW session from VerifySoftwareToken
        reply = self.respond(pool, assoc, "MFA_SETUP", {"USERNAME": "alice"})
        self.assertEqual(reply.error_type, "NotAuthorizedException")
        self.tokens(self.respond_ok(pool, verified, "MFA_SETUP", {"USERNAME": "alice"}))
        user = pool.user("alice")
        self.assertEqual((user["totp_secret"], user["mfa"]["totp"]), (secret, True))
        # next sign-in asks for the TOTP code (next 30 s step: codes are single-use)
        pool.advance(30)
        second = self.password_auth(pool, "alice")
        self.assertEqual(second["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        self.tokens(self.respond_ok(pool, second, "SOFTWARE_TOKEN_MFA",
                                    {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": totp(secret, pool.now())}))

    def test_email_mfa_setup(self):
        pool = self.make_pool(mfa="ON", mfa_types=["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        pool.add_user("alice")
        first = self.password_auth(pool, "alice")
        self.assertEqual(first["ChallengeName"], "MFA_SETUP")
        reply = self.respond(pool, first, "MFA_SETUP", {"USERNAME": "alice"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
        second = self.respond_ok(pool, first, "MFA_SETUP", {"USERNAME": "alice", "EMAIL": "alice@example.com"})
        self.assertEqual(second["ChallengeName"], "EMAIL_OTP")
        message = pool.outbox(username="alice")[-1]
        self.assertEqual((message["to"], message["purpose"]), ("alice@example.com", "EMAIL_MFA_SETUP"))
        self.tokens(self.respond_ok(pool, second, "EMAIL_OTP",
                                    {"USERNAME": "alice", "EMAIL_OTP_CODE": message["code"]}))
        user = pool.user("alice")
        self.assertTrue(user["mfa"]["email"])
        self.assertEqual(user["attributes"]["email_verified"], "true")
        self.assertEqual(self.password_auth(pool, "alice")["ChallengeName"], "EMAIL_OTP")

    def test_new_password_then_mfa_setup(self):
        pool = self.make_pool(mfa="ON", mfa_types=["SOFTWARE_TOKEN_MFA"])
        pool.add_user("alice", password=None, temporary_password="Temp#0rary")
        first = self.password_auth(pool, "alice", "Temp#0rary")
        self.assertEqual(first["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        second = self.respond_ok(pool, first, "NEW_PASSWORD_REQUIRED",
                                 {"USERNAME": "alice", "NEW_PASSWORD": "Final#Passw0rd"})
        self.assertEqual(second["ChallengeName"], "MFA_SETUP")
        self.assertEqual(second["ChallengeParameters"]["MFAS_CAN_SETUP"], '["SOFTWARE_TOKEN_MFA"]')
        secret = self.ok("AssociateSoftwareToken", {"Session": second["Session"]})
        verified = self.ok("VerifySoftwareToken", {"Session": secret["Session"],
                                                   "UserCode": totp(secret["SecretCode"], pool.now())})
        self.tokens(self.respond_ok(pool, verified, "MFA_SETUP", {"USERNAME": "alice"}))

    def test_required_mfa_with_phone_uses_sms(self):
        pool = self.make_pool(mfa="ON")
        pool.add_user("alice", attributes={"phone_number": "+15555550100"})
        self.assertEqual(self.password_auth(pool, "alice")["ChallengeName"], "SMS_MFA")


class MfaPreferenceTest(EmulatorTestCase):
    def test_associate_with_access_token_and_preferences(self):
        pool = self.make_pool(mfa="OPTIONAL")
        pool.add_user("alice", attributes={"email": "alice@example.com", "phone_number": "+15555550100"})
        access = self.tokens(self.password_auth(pool, "alice"))["AccessToken"]
        self.fails("SetUserMFAPreference", {"AccessToken": access, "SoftwareTokenMfaSettings": {"Enabled": True}},
                   "InvalidParameterException", "User has not verified software token mfa")
        self.fails("AssociateSoftwareToken", {}, "InvalidParameterException")
        secret = self.ok("AssociateSoftwareToken", {"AccessToken": access})["SecretCode"]
        self.assertNotIn("Session", self.ok("VerifySoftwareToken", {"AccessToken": access,
                                                                    "UserCode": totp(secret, pool.now())}))
        self.ok("SetUserMFAPreference", {"AccessToken": access,
                                         "SoftwareTokenMfaSettings": {"Enabled": True, "PreferredMfa": True},
                                         "SMSMfaSettings": {"Enabled": True},
                                         "EmailMfaSettings": {"Enabled": True}})
        user = self.ok("GetUser", {"AccessToken": access})
        self.assertEqual(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA")
        self.assertEqual(user["UserMFASettingList"], ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
        self.assertEqual(user["MFAOptions"], [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}])
        factors = self.ok("GetUserAuthFactors", {"AccessToken": access})
        self.assertEqual(factors["Username"], "alice")
        self.assertEqual(factors["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA")
        self.assertIn("PASSWORD", factors["ConfiguredUserAuthFactors"])
        self.assertEqual(self.password_auth(pool, "alice")["ChallengeName"], "SOFTWARE_TOKEN_MFA")
        self.ok("SetUserMFAPreference", {"AccessToken": access, "SoftwareTokenMfaSettings": {"Enabled": False},
                                         "EmailMfaSettings": {"Enabled": False}})
        self.ok("SetUserSettings", {"AccessToken": access, "MFAOptions": []})
        self.tokens(self.password_auth(pool, "alice"))
        self.ok("SetUserSettings", {"AccessToken": access,
                                    "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]})
        self.assertEqual(self.password_auth(pool, "alice")["ChallengeName"], "SMS_MFA")
