"""Password and SRP sign-in, aliases, SECRET_HASH at every step, NEW_PASSWORD_REQUIRED, lock-out,
user-existence errors, session expiry."""

from __future__ import annotations

import json
import uuid

from emulator_harness import ALL_FLOWS, PASSWORD, EmulatorTestCase, SrpClient, jwt_claims, pool_name, secret_hash
from srp_client import format_timestamp
from cognito_emulator import srp_server


class PasswordAndSrpSignInTest(EmulatorTestCase):
    def test_user_password_auth(self):
        pool = self.make_pool()
        pool.add_user("alice", attributes={"email": "alice@example.com"})
        result = self.tokens(self.password_auth(pool, "alice"))
        self.assertEqual(jwt_claims(result["AccessToken"])["username"], "alice")
        self.assertNotIn("NewDeviceMetadata", result)
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Wrong!pass1"}},
                   "NotAuthorizedException", "Incorrect username or password.")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice"}},
                   "InvalidParameterException", "Missing required parameter PASSWORD")

    def test_srp_sign_in(self):
        pool = self.make_pool()
        pool.add_user("alice")
        srp, challenge = self.srp_start(pool, "alice")
        params = challenge["ChallengeParameters"]
        self.assertEqual(challenge["ChallengeName"], "PASSWORD_VERIFIER")
        self.assertNotIn("Session", challenge)
        self.assertEqual(set(params), {"SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"})
        self.assertEqual((params["USERNAME"], params["USER_ID_FOR_SRP"]), ("alice", "alice"))
        self.assertRegex(params["SALT"], r"^[0-9a-f]+$")
        result = self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge))
        self.assertEqual(result["ChallengeParameters"], {})
        self.assertIn("IdToken", self.tokens(result))

    def test_srp_wrong_password_and_bad_values(self):
        pool = self.make_pool()
        pool.add_user("alice")
        srp, challenge = self.srp_start(pool, "alice")
        self.fails("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge, password="Wrong!pass1"),
                   "NotAuthorizedException", "Incorrect username or password.")
        # zero-padded day: well-formed but not canonical
        srp, challenge = self.srp_start(pool, "alice")
        body = self.srp_answer(pool, srp, challenge, timestamp="Wed Apr 05 10:00:00 UTC 2023")
        self.fails("RespondToAuthChallenge", body, "NotAuthorizedException", "Incorrect username or password.")
        srp, challenge = self.srp_start(pool, "alice")
        body = self.srp_answer(pool, srp, challenge, timestamp="Wed Apr 5 10:00:00 +05:30 2023")
        self.fails("RespondToAuthChallenge", body, "InvalidParameterException",
                   "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")
        # A mod N == 0 and oversized SRP_A
        n_hex = format(srp_server.N * 2, "x")
        for bad in (n_hex, "0", "zz", "1" * 2000):
            self.fails("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH", "ClientId": pool.public,
                                        "AuthParameters": {"USERNAME": "alice", "SRP_A": bad}},
                       "InvalidParameterException")

    def test_srp_challenge_expires(self):
        pool = self.make_pool()
        pool.add_user("alice")
        srp, challenge = self.srp_start(pool, "alice")
        pool.advance(181)  # default auth session validity: 3 minutes
        body = self.srp_answer(pool, srp, challenge, timestamp=format_timestamp(pool.now()))
        self.fails("RespondToAuthChallenge", body, "NotAuthorizedException",
                   "Invalid session for the user, session is expired.")

    def test_verifier_recomputed_after_password_change(self):
        pool = self.make_pool()
        pool.add_user("alice")
        salt_before = pool.user("alice")["srp_salt_hex"]
        tokens = self.tokens(self.srp_sign_in(pool, "alice"))
        self.ok("ChangePassword", {"AccessToken": tokens["AccessToken"], "PreviousPassword": PASSWORD,
                                   "ProposedPassword": "N3w!password"})
        self.assertNotEqual(pool.user("alice")["srp_salt_hex"], salt_before)
        self.tokens(self.srp_sign_in(pool, "alice", password="N3w!password"))
        srp, challenge = self.srp_start(pool, "alice")
        self.fails("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge), "NotAuthorizedException")

    def test_flows_must_be_enabled_on_the_client(self):
        pool = self.make_pool(clients=[{"name": "public", "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH"]}])
        pool.add_user("alice")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD}},
                   "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")
        self.fails("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice"}},
                   "InvalidParameterException", "USER_AUTH flow not enabled for this client")
        self.fails("InitiateAuth", {"AuthFlow": "ADMIN_NO_SRP_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice"}},
                   "InvalidParameterException", "Initiate Auth method not supported.")

    def test_case_insensitive_and_sensitive_pools(self):
        pool = self.make_pool()
        pool.add_user("Alice")
        result = self.tokens(self.password_auth(pool, "ALICE"))
        self.assertEqual(jwt_claims(result["IdToken"])["cognito:username"], "Alice")
        _, challenge = self.srp_start(pool, "aLiCe")
        self.assertEqual(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], "Alice")
        strict = self.make_pool(username_case_sensitive=True)
        strict.add_user("Alice")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": strict.public,
                                    "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD}},
                   "NotAuthorizedException")


class AliasAndUsernameAttributesTest(EmulatorTestCase):
    def test_email_alias_sign_in(self):
        pool = self.make_pool(alias_attributes=["email", "phone_number"])
        pool.add_user("alice", attributes={"email": "alice@example.com", "phone_number": "+15555550123"})
        pool.add_user("bob", attributes={"email": "bob@example.com", "email_verified": "false"})
        srp, challenge = self.srp_start(pool, "Alice@Example.com")
        self.assertEqual(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], "alice")
        self.assertEqual(challenge["ChallengeParameters"]["USERNAME"], "alice")
        result = self.tokens(self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge)))
        self.assertEqual(jwt_claims(result["AccessToken"])["username"], "alice")
        self.tokens(self.password_auth(pool, "+15555550123"))
        # an unverified email is not an alias
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "bob@example.com", "PASSWORD": PASSWORD}},
                   "NotAuthorizedException")

    def test_email_as_username_pool(self):
        pool = self.make_pool(username_attributes=["email"])
        reply = self.ok("SignUp", {"ClientId": pool.public, "Username": "Jane@Example.com", "Password": PASSWORD})
        sub = reply["UserSub"]
        self.ok("ConfirmSignUp", {"ClientId": pool.public, "Username": "jane@example.com",
                                  "ConfirmationCode": pool.last_code(purpose="SIGN_UP")})
        srp, challenge = self.srp_start(pool, "jane@example.com")
        self.assertEqual(challenge["ChallengeParameters"]["USER_ID_FOR_SRP"], sub)
        uuid.UUID(sub)
        result = self.tokens(self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge)))
        claims = jwt_claims(result["IdToken"])
        self.assertEqual((claims["cognito:username"], claims["sub"], claims["email"]),
                         (sub, sub, "Jane@Example.com"))
        self.fails("SignUp", {"ClientId": pool.public, "Username": "jane@example.com", "Password": PASSWORD},
                   "UsernameExistsException", "An account with the given email already exists.")
        self.fails("SignUp", {"ClientId": pool.public, "Username": "not-an-email", "Password": PASSWORD},
                   "InvalidParameterException", "Username should be an email.")


class SecretHashTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(alias_attributes=["email"], mfa="OPTIONAL")
        self.pool.add_user("alice", attributes={"email": "alice@example.com", "phone_number": "+15555550100"})
        self.secret = self.pool.client("secret")

    def initiate(self, flow, params):
        return self.api.call("InitiateAuth", {"AuthFlow": flow, "ClientId": self.secret["client_id"],
                                              "AuthParameters": params})

    def hash(self, username):
        return secret_hash(username, self.secret["client_id"], self.secret["client_secret"])

    def test_missing_and_wrong_secret_hash_on_initiate(self):
        cid = self.secret["client_id"]
        reply = self.initiate("USER_PASSWORD_AUTH", {"USERNAME": "alice", "PASSWORD": PASSWORD})
        self.assertEqual((reply.error_type, reply.message), (
            "NotAuthorizedException", f"Client {cid} is configured with secret but SECRET_HASH was not received"))
        reply = self.initiate("USER_SRP_AUTH", {"USERNAME": "alice", "SRP_A": "abc",
                                                "SECRET_HASH": self.hash("bob")})
        self.assertEqual((reply.error_type, reply.message),
                         ("NotAuthorizedException", f"SecretHash does not match for the client: {cid}"))
        # the hash is over the USERNAME exactly as sent (alias here)
        reply = self.initiate("USER_PASSWORD_AUTH", {"USERNAME": "alice@example.com", "PASSWORD": PASSWORD,
                                                     "SECRET_HASH": self.hash("alice@example.com")})
        self.assertEqual(reply.status, 200, reply.raw)

    def test_respond_to_auth_challenge_uses_canonical_username(self):
        srp = SrpClient(pool_name(self.pool.id))
        challenge = self.initiate("USER_SRP_AUTH", {"USERNAME": "alice@example.com", "SRP_A": srp.srp_a,
                                                    "SECRET_HASH": self.hash("alice@example.com")}).json
        responses = srp.respond(challenge["ChallengeParameters"], PASSWORD)
        body = {"ClientId": self.secret["client_id"], "ChallengeName": "PASSWORD_VERIFIER",
                "ChallengeResponses": responses}
        # missing -> error (and the SECRET_BLOCK survives only until it is used)
        reply = self.api.call("RespondToAuthChallenge", body)
        self.assertEqual(reply.error_type, "NotAuthorizedException")
        self.assertIn("SECRET_HASH was not received", reply.message)
        # hashed with the alias -> mismatch
        challenge = self.initiate("USER_SRP_AUTH", {"USERNAME": "alice@example.com", "SRP_A": srp.srp_a,
                                                    "SECRET_HASH": self.hash("alice@example.com")}).json
        responses = srp.respond(challenge["ChallengeParameters"], PASSWORD)
        body["ChallengeResponses"] = responses | {"SECRET_HASH": self.hash("alice@example.com")}
        reply = self.api.call("RespondToAuthChallenge", body)
        self.assertEqual(reply.message, f"SecretHash does not match for the client: {self.secret['client_id']}")
        # canonical username -> tokens
        challenge = self.initiate("USER_SRP_AUTH", {"USERNAME": "alice@example.com", "SRP_A": srp.srp_a,
                                                    "SECRET_HASH": self.hash("alice@example.com")}).json
        responses = srp.respond(challenge["ChallengeParameters"], PASSWORD)
        body["ChallengeResponses"] = responses | {"SECRET_HASH": self.hash("alice")}
        tokens = self.tokens(self.ok("RespondToAuthChallenge", body))

        # REFRESH_TOKEN_AUTH: cognito:username
        refresh = {"REFRESH_TOKEN": tokens["RefreshToken"]}
        reply = self.initiate("REFRESH_TOKEN_AUTH", refresh)
        self.assertIn("SECRET_HASH was not received", reply.message)
        reply = self.initiate("REFRESH_TOKEN_AUTH", refresh | {"SECRET_HASH": self.hash("alice@example.com")})
        self.assertIn("SecretHash does not match", reply.message)
        reply = self.initiate("REFRESH_TOKEN_AUTH", refresh | {"SECRET_HASH": self.hash("alice")})
        self.assertEqual(reply.status, 200)
        self.assertNotIn("RefreshToken", reply.json["AuthenticationResult"])

    def test_secret_hash_on_mfa_step_and_client_id_ops(self):
        self.pool.update_user("alice", mfa={"sms": True})
        first = self.initiate("USER_PASSWORD_AUTH", {"USERNAME": "alice@example.com", "PASSWORD": PASSWORD,
                                                     "SECRET_HASH": self.hash("alice@example.com")}).json
        self.assertEqual(first["ChallengeName"], "SMS_MFA")
        code = self.pool.last_code("alice", "SMS_MFA")
        body = {"ClientId": self.secret["client_id"], "ChallengeName": "SMS_MFA", "Session": first["Session"],
                "ChallengeResponses": {"USERNAME": "alice", "SMS_MFA_CODE": code}}
        self.assertEqual(self.api.call("RespondToAuthChallenge", body).error_type, "NotAuthorizedException")
        body["ChallengeResponses"]["SECRET_HASH"] = self.hash("alice")
        self.tokens(self.ok("RespondToAuthChallenge", body))

        cid = self.secret["client_id"]
        self.fails("SignUp", {"ClientId": cid, "Username": "zed", "Password": PASSWORD,
                              "UserAttributes": [{"Name": "email", "Value": "zed@example.com"}]},
                   "NotAuthorizedException")
        self.ok("SignUp", {"ClientId": cid, "Username": "zed", "Password": PASSWORD, "SecretHash": self.hash("zed"),
                           "UserAttributes": [{"Name": "email", "Value": "zed@example.com"}]})
        self.fails("ConfirmSignUp", {"ClientId": cid, "Username": "zed", "ConfirmationCode": "123456",
                                     "SecretHash": self.hash("ZED")}, "NotAuthorizedException")
        self.fails("ForgotPassword", {"ClientId": cid, "Username": "alice"}, "NotAuthorizedException")
        self.ok("ForgotPassword", {"ClientId": cid, "Username": "alice", "SecretHash": self.hash("alice")})


class NewPasswordRequiredTest(EmulatorTestCase):
    def test_temporary_password_flow(self):
        pool = self.make_pool(required_attributes=["email", "family_name"])
        pool.add_user("alice", password=None, temporary_password="Temp#0rary",
                      attributes={"email": "alice@example.com"})
        challenge = self.password_auth(pool, "alice", "Temp#0rary")
        self.assertEqual(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        params = challenge["ChallengeParameters"]
        self.assertIsInstance(params["userAttributes"], str)
        self.assertEqual(json.loads(params["userAttributes"])["email"], "alice@example.com")
        self.assertEqual(json.loads(params["requiredAttributes"]), ["userAttributes.family_name"])
        reply = self.respond(pool, challenge, "NEW_PASSWORD_REQUIRED", {"USERNAME": "alice", "NEW_PASSWORD": "short"})
        self.assertEqual(reply.error_type, "InvalidPasswordException")
        reply = self.respond(pool, challenge, "NEW_PASSWORD_REQUIRED",
                             {"USERNAME": "alice", "NEW_PASSWORD": "Final#Passw0rd"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
        result = self.respond_ok(pool, challenge, "NEW_PASSWORD_REQUIRED",
                                 {"USERNAME": "alice", "NEW_PASSWORD": "Final#Passw0rd",
                                  "userAttributes.family_name": "Liddell"})
        self.assertEqual(jwt_claims(self.tokens(result)["IdToken"])["family_name"], "Liddell")
        self.assertEqual(pool.user("alice")["status"], "CONFIRMED")
        self.tokens(self.srp_sign_in(pool, "alice", "Final#Passw0rd"))

    def test_temporary_password_via_srp_and_expiry(self):
        pool = self.make_pool()
        pool.add_user("alice", password=None, temporary_password="Temp#0rary")
        srp, challenge = self.srp_start(pool, "alice")
        result = self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge, "Temp#0rary"))
        self.assertEqual(result["ChallengeName"], "NEW_PASSWORD_REQUIRED")
        self.assertIn("Session", result)
        pool.advance(8 * 86400)
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Temp#0rary"}},
                   "NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.")


class UserStateTest(EmulatorTestCase):
    def test_unconfirmed_disabled_reset_required(self):
        pool = self.make_pool()
        pool.add_user("u", status="UNCONFIRMED")
        for password in (PASSWORD, "Wrong!pass1"):
            self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                        "AuthParameters": {"USERNAME": "u", "PASSWORD": password}},
                       "UserNotConfirmedException", "User is not confirmed.")
        self.fails("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "u", "SRP_A": SrpClient("x").srp_a}},
                   "UserNotConfirmedException")
        pool.add_user("d", enabled=False)
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "d", "PASSWORD": PASSWORD}},
                   "NotAuthorizedException", "User is disabled.")
        pool.add_user("r", status="RESET_REQUIRED")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "r", "PASSWORD": PASSWORD}},
                   "PasswordResetRequiredException")

    def test_lockout_after_repeated_failures(self):
        pool = self.make_pool()
        pool.add_user("alice")
        body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Wrong!pass1"}}
        for _ in range(5):
            self.fails("InitiateAuth", body, "NotAuthorizedException", "Incorrect username or password.")
        good = {**body, "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD}}
        self.fails("InitiateAuth", good, "NotAuthorizedException", "Password attempts exceeded")
        self.fails("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice", "SRP_A": SrpClient("x").srp_a}},
                   "NotAuthorizedException", "Password attempts exceeded")
        pool.advance(2)
        self.tokens(self.password_auth(pool, "alice"))

    def test_prevent_user_existence_errors(self):
        pool = self.make_pool(clients=[
            {"name": "public", "explicit_auth_flows": ALL_FLOWS},
            {"name": "legacy", "explicit_auth_flows": ALL_FLOWS, "prevent_user_existence_errors": "LEGACY"}])
        legacy = pool.client("legacy")["client_id"]
        # ENABLED: a simulated SRP challenge with a stable fake salt, then NotAuthorized
        srp, first = self.srp_start(pool, "ghost")
        _, second = self.srp_start(pool, "ghost")
        p1, p2 = first["ChallengeParameters"], second["ChallengeParameters"]
        self.assertEqual(p1["SALT"], p2["SALT"])
        self.assertEqual(p1["USER_ID_FOR_SRP"], p2["USER_ID_FOR_SRP"])
        uuid.UUID(p1["USER_ID_FOR_SRP"])
        self.fails("RespondToAuthChallenge", self.srp_answer(pool, srp, first), "NotAuthorizedException",
                   "Incorrect username or password.")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "ghost", "PASSWORD": PASSWORD}},
                   "NotAuthorizedException", "Incorrect username or password.")
        reply = self.ok("ForgotPassword", {"ClientId": pool.public, "Username": "ghost@example.com"})
        self.assertEqual(reply["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL")
        self.fails("ConfirmForgotPassword", {"ClientId": pool.public, "Username": "ghost", "ConfirmationCode": "123456",
                                             "Password": PASSWORD}, "CodeMismatchException")
        self.ok("ResendConfirmationCode", {"ClientId": pool.public, "Username": "ghost"})
        # LEGACY: UserNotFoundException
        for flow, params in (("USER_PASSWORD_AUTH", {"PASSWORD": PASSWORD}), ("USER_SRP_AUTH", {"SRP_A": "abc"})):
            self.fails("InitiateAuth", {"AuthFlow": flow, "ClientId": legacy,
                                        "AuthParameters": {"USERNAME": "ghost", **params}},
                       "UserNotFoundException", "User does not exist.")
        self.fails("ForgotPassword", {"ClientId": legacy, "Username": "ghost"}, "UserNotFoundException")
        self.fails("ResendConfirmationCode", {"ClientId": legacy, "Username": "ghost"}, "UserNotFoundException")


class SessionTest(EmulatorTestCase):
    def test_session_expiry_and_reuse(self):
        pool = self.make_pool(mfa="OPTIONAL")
        pool.add_user("alice", attributes={"phone_number": "+15555550100"}, mfa={"sms": True})
        first = self.password_auth(pool, "alice")
        self.assertEqual(first["ChallengeName"], "SMS_MFA")
        pool.advance(181)
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": pool.last_code("alice")})
        self.assertEqual((reply.error_type, reply.message),
                         ("NotAuthorizedException", "Invalid session for the user, session is expired."))
        # a finished session cannot be replayed
        first = self.password_auth(pool, "alice")
        self.respond_ok(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": pool.last_code("alice")})
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": pool.last_code("alice")})
        self.assertEqual((reply.error_type, reply.message), ("NotAuthorizedException", "Invalid session for the user."))
        # the challenge name must match the session
        first = self.password_auth(pool, "alice")
        reply = self.respond(pool, first, "SOFTWARE_TOKEN_MFA", {"USERNAME": "alice",
                                                                 "SOFTWARE_TOKEN_MFA_CODE": "123456"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
        reply = self.respond(pool, first, "SMS_MFA", {"USERNAME": "bob", "SMS_MFA_CODE": "123456"})
        self.assertEqual(reply.error_type, "NotAuthorizedException")
        reply = self.respond(pool, {}, "SMS_MFA", {"USERNAME": "alice", "SMS_MFA_CODE": "123456"})
        self.assertEqual(reply.error_type, "InvalidParameterException")
