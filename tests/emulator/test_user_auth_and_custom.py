"""USER_AUTH (choice-based sign-in), sign-up auto sign-in, CUSTOM_AUTH passwordless OTP."""

from __future__ import annotations

from emulator_harness import PASSWORD, EmulatorTestCase, SrpClient, jwt_claims, pool_name


class UserAuthTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool()
        self.pool.add_user("alice", attributes={"email": "alice@example.com", "phone_number": "+15555550100"})

    def user_auth(self, **params):
        return self.ok("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": self.pool.public,
                                        "AuthParameters": {"USERNAME": "alice", **params}})

    def select(self, first, answer, **extra):
        return self.respond_ok(self.pool, first, "SELECT_CHALLENGE", {"USERNAME": "alice", "ANSWER": answer, **extra})

    def test_select_challenge(self):
        first = self.user_auth()
        self.assertEqual(first["ChallengeName"], "SELECT_CHALLENGE")
        self.assertEqual(first["AvailableChallenges"], ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"])
        self.assertTrue(first["Session"])

    def test_email_otp_and_sms_otp(self):
        for answer, key, medium in (("EMAIL_OTP", "EMAIL_OTP_CODE", "EMAIL"), ("SMS_OTP", "SMS_OTP_CODE", "SMS")):
            with self.subTest(answer):
                second = self.select(self.user_auth(), answer)
                self.assertEqual(second["ChallengeName"], answer)
                self.assertEqual(second["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"], medium)
                message = self.pool.outbox(username="alice")[-1]
                self.assertEqual((message["medium"], message["purpose"]), (medium, answer))
                self.tokens(self.respond_ok(self.pool, second, answer, {"USERNAME": "alice", key: message["code"]}))

    def test_password_and_password_srp(self):
        self.tokens(self.select(self.user_auth(), "PASSWORD", PASSWORD=PASSWORD))
        # answer first, password in a second step
        second = self.select(self.user_auth(), "PASSWORD")
        self.assertEqual(second["ChallengeName"], "PASSWORD")
        reply = self.respond(self.pool, second, "PASSWORD", {"USERNAME": "alice", "PASSWORD": "Wrong!pass1"})
        self.assertEqual(reply.error_type, "NotAuthorizedException")
        srp = SrpClient(pool_name(self.pool.id))
        verifier = self.select(self.user_auth(), "PASSWORD_SRP", SRP_A=srp.srp_a)
        self.assertEqual(verifier["ChallengeName"], "PASSWORD_VERIFIER")
        self.tokens(self.ok("RespondToAuthChallenge", self.srp_answer(self.pool, srp, verifier)))

    def test_preferred_challenge(self):
        self.tokens(self.user_auth(PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD))
        srp = SrpClient(pool_name(self.pool.id))
        verifier = self.user_auth(PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=srp.srp_a)
        self.assertEqual(verifier["ChallengeName"], "PASSWORD_VERIFIER")
        self.tokens(self.ok("RespondToAuthChallenge", self.srp_answer(self.pool, srp, verifier)))
        otp = self.user_auth(PREFERRED_CHALLENGE="EMAIL_OTP")
        self.assertEqual(otp["ChallengeName"], "EMAIL_OTP")
        # a preference that is not available falls back to SELECT_CHALLENGE
        self.pool.add_user("nophone", attributes={"email": "np@example.com"})
        reply = self.ok("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": self.pool.public, "AuthParameters": {
            "USERNAME": "nophone", "PREFERRED_CHALLENGE": "SMS_OTP"}})
        self.assertEqual((reply["ChallengeName"], reply["AvailableChallenges"]),
                         ("SELECT_CHALLENGE", ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]))
        self.fails("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": self.pool.public, "AuthParameters": {
            "USERNAME": "alice", "PREFERRED_CHALLENGE": "BOGUS"}}, "InvalidParameterException")

    def test_web_authn_not_offered_without_passkeys(self):
        # the pool has no WebAuthn: WEB_AUTHN is neither offered nor answerable
        self.assertNotIn("WEB_AUTHN", self.user_auth()["AvailableChallenges"])
        reply = self.respond(self.pool, self.user_auth(), "WEB_AUTHN", {"USERNAME": "alice", "CREDENTIAL": "{}"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
        reply = self.respond(self.pool, self.user_auth(), "SELECT_CHALLENGE",
                             {"USERNAME": "alice", "ANSWER": "WEB_AUTHN"})
        self.assertEqual(reply.error_type, "InvalidParameterException")

    def test_passwordless_otp_skips_mfa(self):
        self.ctl.patch(f"/pools/{self.pool.id}", {"mfa": "OPTIONAL"})
        self.pool.update_user("alice", mfa={"sms": True})
        second = self.select(self.user_auth(), "EMAIL_OTP")
        self.tokens(self.respond_ok(self.pool, second, "EMAIL_OTP",
                                    {"USERNAME": "alice", "EMAIL_OTP_CODE": self.pool.last_code("alice")}))
        self.assertEqual(self.select(self.user_auth(), "PASSWORD", PASSWORD=PASSWORD)["ChallengeName"], "SMS_MFA")

    def test_unknown_user_gets_a_simulated_challenge(self):
        first = self.ok("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": self.pool.public,
                                         "AuthParameters": {"USERNAME": "ghost@example.com"}})
        self.assertEqual(first["ChallengeName"], "SELECT_CHALLENGE")
        second = self.respond_ok(self.pool, first, "SELECT_CHALLENGE",
                                 {"USERNAME": "ghost@example.com", "ANSWER": "EMAIL_OTP"})
        self.assertEqual(second["ChallengeName"], "EMAIL_OTP")
        reply = self.respond(self.pool, second, "EMAIL_OTP", {"USERNAME": "ghost@example.com",
                                                             "EMAIL_OTP_CODE": "123456"})
        self.assertEqual(reply.error_type, "CodeMismatchException")


class SignUpAutoSignInTest(EmulatorTestCase):
    def test_sign_up_confirm_then_user_auth_with_session(self):
        pool = self.make_pool()
        up = self.ok("SignUp", {"ClientId": pool.public, "Username": "newbie", "Password": PASSWORD,
                                "UserAttributes": [{"Name": "email", "Value": "newbie@example.com"}]})
        self.assertFalse(up["UserConfirmed"])
        self.assertGreaterEqual(len(up["Session"]), 20)
        # not confirmed yet: the session cannot sign in
        self.fails("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": pool.public, "Session": up["Session"],
                                    "AuthParameters": {"USERNAME": "newbie"}}, "UserNotConfirmedException")
        confirmed = self.ok("ConfirmSignUp", {"ClientId": pool.public, "Username": "newbie", "Session": up["Session"],
                                              "ConfirmationCode": pool.last_code("newbie", "SIGN_UP")})
        self.assertTrue(confirmed["Session"])
        result = self.ok("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": pool.public,
                                          "Session": confirmed["Session"], "AuthParameters": {"USERNAME": "newbie"}})
        self.assertEqual(jwt_claims(self.tokens(result)["IdToken"])["cognito:username"], "newbie")
        # single use
        self.fails("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": pool.public, "Session": confirmed["Session"],
                                    "AuthParameters": {"USERNAME": "newbie"}}, "NotAuthorizedException")

    def test_sign_up_session_expires(self):
        pool = self.make_pool()
        up = self.ok("SignUp", {"ClientId": pool.public, "Username": "late", "Password": PASSWORD,
                                "UserAttributes": [{"Name": "email", "Value": "late@example.com"}]})
        confirmed = self.ok("ConfirmSignUp", {"ClientId": pool.public, "Username": "late", "Session": up["Session"],
                                              "ConfirmationCode": pool.last_code("late", "SIGN_UP")})
        pool.advance(181)
        self.fails("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": pool.public, "Session": confirmed["Session"],
                                    "AuthParameters": {"USERNAME": "late"}}, "NotAuthorizedException",
                   "Invalid session for the user, session is expired.")


class CustomAuthTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(custom_auth={"medium": "EMAIL", "max_attempts": 3})
        self.pool.add_user("alice", attributes={"email": "alice@example.com"})

    def start(self, **params):
        return self.ok("InitiateAuth", {"AuthFlow": "CUSTOM_AUTH", "ClientId": self.pool.public,
                                        "AuthParameters": {"USERNAME": "alice", **params}})

    def test_otp_without_srp(self):
        first = self.start()
        self.assertEqual(first["ChallengeName"], "CUSTOM_CHALLENGE")
        params = first["ChallengeParameters"]
        self.assertEqual((params["USERNAME"], params["CODE_DELIVERY_DELIVERY_MEDIUM"], params["ATTEMPTS_LEFT"]),
                         ("alice", "EMAIL", "3"))
        message = self.pool.outbox(username="alice")[-1]
        self.assertEqual(message["purpose"], "CUSTOM_CHALLENGE")
        second = self.respond_ok(self.pool, first, "CUSTOM_CHALLENGE", {"USERNAME": "alice", "ANSWER": "nope"})
        self.assertEqual(second["ChallengeName"], "CUSTOM_CHALLENGE")
        self.assertEqual(second["ChallengeParameters"]["ATTEMPTS_LEFT"], "2")
        self.tokens(self.respond_ok(self.pool, second, "CUSTOM_CHALLENGE",
                                    {"USERNAME": "alice", "ANSWER": message["code"]}))

    def test_attempt_limit(self):
        current = self.start()
        for _ in range(2):
            current = self.respond_ok(self.pool, current, "CUSTOM_CHALLENGE", {"USERNAME": "alice", "ANSWER": "x"})
        reply = self.respond(self.pool, current, "CUSTOM_CHALLENGE", {"USERNAME": "alice", "ANSWER": "x"})
        self.assertEqual((reply.error_type, reply.message),
                         ("NotAuthorizedException", "Incorrect username or password."))

    def test_otp_after_srp(self):
        srp = SrpClient(pool_name(self.pool.id))
        verifier = self.start(CHALLENGE_NAME="SRP_A", SRP_A=srp.srp_a)
        self.assertEqual(verifier["ChallengeName"], "PASSWORD_VERIFIER")
        custom = self.ok("RespondToAuthChallenge", self.srp_answer(self.pool, srp, verifier))
        self.assertEqual(custom["ChallengeName"], "CUSTOM_CHALLENGE")
        self.tokens(self.respond_ok(self.pool, custom, "CUSTOM_CHALLENGE",
                                    {"USERNAME": "alice", "ANSWER": self.pool.last_code("alice", "CUSTOM_CHALLENGE")}))
        srp = SrpClient(pool_name(self.pool.id))
        verifier = self.start(CHALLENGE_NAME="SRP_A", SRP_A=srp.srp_a)
        self.fails("RespondToAuthChallenge", self.srp_answer(self.pool, srp, verifier, password="Wrong!pass1"),
                   "NotAuthorizedException")

    def test_custom_auth_configuration_errors(self):
        plain = self.make_pool()
        plain.add_user("alice")
        self.fails("InitiateAuth", {"AuthFlow": "CUSTOM_AUTH", "ClientId": plain.public,
                                    "AuthParameters": {"USERNAME": "alice"}}, "InvalidParameterException",
                   "Custom auth lambda trigger is not configured for the user pool.")
        self.pool.add_user("nomail")
        self.fails("InitiateAuth", {"AuthFlow": "CUSTOM_AUTH", "ClientId": self.pool.public,
                                    "AuthParameters": {"USERNAME": "nomail"}}, "UserLambdaValidationException")
