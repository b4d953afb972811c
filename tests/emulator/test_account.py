"""Sign-up, confirmation codes, forgot/change password, attributes, sign-out, deletion."""

from __future__ import annotations

from emulator_harness import PASSWORD, EmulatorTestCase


def email_attr(value):
    return [{"Name": "email", "Value": value}]


class SignUpTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(required_attributes=["email"])

    def sign_up(self, username="bob", password=PASSWORD, attributes=None):
        return self.api.call("SignUp", {"ClientId": self.pool.public, "Username": username, "Password": password,
                                        "UserAttributes": attributes if attributes is not None
                                        else email_attr(f"{username}@example.com")})

    def test_sign_up_confirm_sign_in(self):
        reply = self.sign_up()
        self.assertEqual(reply.status, 200, reply.raw)
        body = reply.json
        self.assertFalse(body["UserConfirmed"])
        self.assertEqual(body["CodeDeliveryDetails"], {"Destination": "b***@e***", "DeliveryMedium": "EMAIL",
                                                       "AttributeName": "email"})
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": self.pool.public,
                                    "AuthParameters": {"USERNAME": "bob", "PASSWORD": PASSWORD}},
                   "UserNotConfirmedException")
        code = self.pool.last_code("bob", "SIGN_UP")
        self.ok("ConfirmSignUp", {"ClientId": self.pool.public, "Username": "bob", "ConfirmationCode": code})
        user = self.pool.user("bob")
        self.assertEqual((user["status"], user["attributes"]["email_verified"], user["sub"]),
                         ("CONFIRMED", "true", body["UserSub"]))
        self.tokens(self.srp_sign_in(self.pool, "bob"))
        self.fails("ConfirmSignUp", {"ClientId": self.pool.public, "Username": "bob", "ConfirmationCode": code},
                   "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")

    def test_sign_up_validation(self):
        self.assertEqual(self.sign_up(password="short").error_type, "InvalidPasswordException")
        self.assertEqual(self.sign_up(password="alllowercase1!").message,
                         "Password did not conform with policy: Password must have uppercase characters")
        self.assertEqual(self.sign_up(password="NoDigitsHere!").message,
                         "Password did not conform with policy: Password must have numeric characters")
        self.assertEqual(self.sign_up(password="NoSymbols123").message,
                         "Password did not conform with policy: Password must have symbol characters")
        reply = self.sign_up(attributes=[])
        self.assertEqual((reply.error_type, reply.message), (
            "InvalidParameterException", "Attributes did not conform to the schema: email: The attribute is required"))
        self.assertEqual(self.sign_up(attributes=email_attr("not-an-email")).error_type, "InvalidParameterException")
        self.assertEqual(self.sign_up(attributes=email_attr("a@b.c") + [{"Name": "email_verified",
                                                                          "Value": "true"}]).error_type,
                         "NotAuthorizedException")
        unknown = email_attr("a@b.c") + [{"Name": "favourite", "Value": "x"}]
        self.assertEqual(self.sign_up(attributes=unknown).error_type, "InvalidParameterException")
        self.assertEqual(self.sign_up().status, 200)
        reply = self.sign_up(username="BOB")
        self.assertEqual((reply.error_type, reply.message), ("UsernameExistsException", "User already exists"))

    def test_confirmation_code_errors(self):
        self.sign_up()
        code = self.pool.last_code("bob", "SIGN_UP")
        wrong = "000000" if code != "000000" else "111111"
        body = {"ClientId": self.pool.public, "Username": "bob", "ConfirmationCode": wrong}
        self.fails("ConfirmSignUp", body, "CodeMismatchException",
                   "Invalid verification code provided, please try again.")
        self.pool.advance(86401)
        self.fails("ConfirmSignUp", {**body, "ConfirmationCode": code}, "ExpiredCodeException",
                   "Invalid code provided, please request a code again.")
        resent = self.ok("ResendConfirmationCode", {"ClientId": self.pool.public, "Username": "bob"})
        self.assertEqual(resent["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL")
        fresh = self.pool.last_code("bob", "SIGN_UP")
        for _ in range(5):
            self.fails("ConfirmSignUp", {**body, "ConfirmationCode": "999999" if fresh != "999999" else "888888"},
                       "CodeMismatchException")
        self.fails("ConfirmSignUp", {**body, "ConfirmationCode": fresh}, "LimitExceededException",
                   "Attempt limit exceeded, please try after some time.")
        self.ok("ResendConfirmationCode", {"ClientId": self.pool.public, "Username": "bob"})
        self.ok("ConfirmSignUp", {**body, "ConfirmationCode": self.pool.last_code("bob", "SIGN_UP")})
        self.fails("ResendConfirmationCode", {"ClientId": self.pool.public, "Username": "bob"},
                   "InvalidParameterException", "User is already confirmed.")

    def test_alias_conflict_on_confirmation(self):
        pool = self.make_pool(alias_attributes=["email"])
        pool.add_user("first", attributes={"email": "shared@example.com"})
        self.ok("SignUp", {"ClientId": pool.public, "Username": "second", "Password": PASSWORD,
                           "UserAttributes": email_attr("shared@example.com")})
        code = pool.last_code("second", "SIGN_UP")
        self.fails("ConfirmSignUp", {"ClientId": pool.public, "Username": "second", "ConfirmationCode": code},
                   "AliasExistsException", "An account with the given email already exists.")
        self.fails("SignUp", {"ClientId": pool.public, "Username": "x@example.com", "Password": PASSWORD},
                   "InvalidParameterException")

    def test_auto_confirm_and_no_auto_verification(self):
        pool = self.make_pool(auto_confirm_sign_up=True)
        reply = self.ok("SignUp", {"ClientId": pool.public, "Username": "quick", "Password": PASSWORD})
        self.assertTrue(reply["UserConfirmed"])
        self.assertNotIn("CodeDeliveryDetails", reply)
        self.tokens(self.password_auth(pool, "quick"))
        manual = self.make_pool(auto_verified_attributes=[])
        reply = self.ok("SignUp", {"ClientId": manual.public, "Username": "slow", "Password": PASSWORD,
                                   "UserAttributes": email_attr("slow@example.com")})
        self.assertNotIn("CodeDeliveryDetails", reply)
        self.fails("ResendConfirmationCode", {"ClientId": manual.public, "Username": "slow"},
                   "InvalidParameterException", "Cannot resend codes. Auto verification not turned on.")


class PasswordTest(EmulatorTestCase):
    def test_forgot_password(self):
        pool = self.make_pool()
        pool.add_user("alice", attributes={"email": "alice@example.com"})
        reply = self.ok("ForgotPassword", {"ClientId": pool.public, "Username": "alice"})
        self.assertEqual(reply["CodeDeliveryDetails"]["Destination"], "a***@e***")
        message = pool.outbox(username="alice")[-1]
        self.assertEqual((message["purpose"], message["to"]), ("FORGOT_PASSWORD", "alice@example.com"))
        body = {"ClientId": pool.public, "Username": "alice", "ConfirmationCode": message["code"],
                "Password": "weak"}
        self.fails("ConfirmForgotPassword", body, "InvalidPasswordException")
        wrong = "000000" if message["code"] != "000000" else "111111"
        self.fails("ConfirmForgotPassword", {**body, "ConfirmationCode": wrong, "Password": "N3w!password"},
                   "CodeMismatchException")
        self.ok("ConfirmForgotPassword", {**body, "Password": "N3w!password"})
        self.tokens(self.srp_sign_in(pool, "alice", "N3w!password"))
        self.fails("ConfirmForgotPassword", {**body, "Password": "N3w!password"}, "CodeMismatchException")
        # expiry (1 hour)
        self.ok("ForgotPassword", {"ClientId": pool.public, "Username": "alice"})
        pool.advance(3601)
        self.fails("ConfirmForgotPassword", {**body, "ConfirmationCode": pool.last_code("alice"),
                                             "Password": "N3w!password2"}, "ExpiredCodeException")

    def test_forgot_password_needs_verified_destination(self):
        pool = self.make_pool()
        pool.add_user("nomail")
        self.fails("ForgotPassword", {"ClientId": pool.public, "Username": "nomail"}, "InvalidParameterException",
                   "Cannot reset password for the user as there is no registered/verified email or phone_number")
        pool.add_user("phone", attributes={"phone_number": "+15555550199"})
        reply = self.ok("ForgotPassword", {"ClientId": pool.public, "Username": "phone"})
        self.assertEqual(reply["CodeDeliveryDetails"], {"Destination": "+*******0199", "DeliveryMedium": "SMS",
                                                        "AttributeName": "phone_number"})

    def test_change_password(self):
        pool = self.make_pool()
        pool.add_user("alice")
        access = self.tokens(self.password_auth(pool, "alice"))["AccessToken"]
        self.fails("ChangePassword", {"AccessToken": access, "PreviousPassword": "Wrong!pass1",
                                      "ProposedPassword": "N3w!password"}, "NotAuthorizedException")
        self.fails("ChangePassword", {"AccessToken": access, "PreviousPassword": PASSWORD,
                                      "ProposedPassword": "weak"}, "InvalidPasswordException")
        self.ok("ChangePassword", {"AccessToken": access, "PreviousPassword": PASSWORD,
                                   "ProposedPassword": "N3w!password"})
        self.tokens(self.password_auth(pool, "alice", "N3w!password"))


class AttributesTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(required_attributes=["email"])
        self.pool.add_user("alice", attributes={"email": "alice@example.com", "name": "Alice"})
        self.access = self.tokens(self.password_auth(self.pool, "alice"))["AccessToken"]

    def attributes(self):
        user = self.ok("GetUser", {"AccessToken": self.access})
        self.assertEqual(user["Username"], "alice")
        return {a["Name"]: a["Value"] for a in user["UserAttributes"]}

    def test_get_user(self):
        attributes = self.attributes()
        self.assertEqual(attributes["email"], "alice@example.com")
        self.assertEqual(attributes["email_verified"], "true")
        self.assertEqual(attributes["sub"], self.pool.user("alice")["sub"])

    def test_update_email_sends_code_then_verify(self):
        reply = self.ok("UpdateUserAttributes", {"AccessToken": self.access, "UserAttributes": [
            {"Name": "email", "Value": "new@example.com"}, {"Name": "custom:level", "Value": "7"}]})
        self.assertEqual(reply["CodeDeliveryDetailsList"], [{"Destination": "n***@e***", "DeliveryMedium": "EMAIL",
                                                             "AttributeName": "email"}])
        attributes = self.attributes()
        self.assertEqual((attributes["email"], attributes["email_verified"], attributes["custom:level"]),
                         ("new@example.com", "false", "7"))
        code = self.pool.last_code("alice", "VERIFY_ATTRIBUTE")
        wrong = "000000" if code != "000000" else "111111"
        self.fails("VerifyUserAttribute", {"AccessToken": self.access, "AttributeName": "email", "Code": wrong},
                   "CodeMismatchException")
        self.ok("VerifyUserAttribute", {"AccessToken": self.access, "AttributeName": "email", "Code": code})
        self.assertEqual(self.attributes()["email_verified"], "true")
        # name changes need no verification
        self.assertEqual(self.ok("UpdateUserAttributes", {"AccessToken": self.access, "UserAttributes": [
            {"Name": "name", "Value": "Al"}]}), {})
        self.fails("UpdateUserAttributes", {"AccessToken": self.access, "UserAttributes": [
            {"Name": "email_verified", "Value": "true"}]}, "NotAuthorizedException")

    def test_get_verification_code_and_expiry(self):
        self.ok("UpdateUserAttributes", {"AccessToken": self.access, "UserAttributes": [
            {"Name": "phone_number", "Value": "+15555550142"}]})
        reply = self.ok("GetUserAttributeVerificationCode", {"AccessToken": self.access,
                                                             "AttributeName": "phone_number"})
        self.assertEqual(reply["CodeDeliveryDetails"]["DeliveryMedium"], "SMS")
        message = self.pool.outbox(username="alice")[-1]
        self.assertEqual((message["medium"], message["to"]), ("SMS", "+15555550142"))
        self.pool.advance(86401)
        self.access = self.tokens(self.password_auth(self.pool, "alice"))["AccessToken"]
        self.fails("VerifyUserAttribute", {"AccessToken": self.access, "AttributeName": "phone_number",
                                           "Code": message["code"]}, "ExpiredCodeException")
        self.fails("GetUserAttributeVerificationCode", {"AccessToken": self.access, "AttributeName": "name"},
                   "InvalidParameterException")

    def test_delete_attributes(self):
        self.ok("DeleteUserAttributes", {"AccessToken": self.access, "UserAttributeNames": ["name"]})
        self.assertNotIn("name", self.attributes())
        self.fails("DeleteUserAttributes", {"AccessToken": self.access, "UserAttributeNames": ["email"]},
                   "InvalidParameterException")


class SignOutAndDeleteTest(EmulatorTestCase):
    def test_global_sign_out(self):
        pool = self.make_pool()
        pool.add_user("alice")
        one = self.tokens(self.password_auth(pool, "alice"))
        two = self.tokens(self.srp_sign_in(pool, "alice"))
        self.ok("GlobalSignOut", {"AccessToken": one["AccessToken"]})
        for tokens in (one, two):
            self.fails("GetUser", {"AccessToken": tokens["AccessToken"]}, "NotAuthorizedException",
                       "Access Token has been revoked")
            self.fails("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": pool.public,
                                        "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"]}},
                       "NotAuthorizedException", "Refresh Token has been revoked")
        fresh = self.tokens(self.password_auth(pool, "alice"))
        self.ok("GetUser", {"AccessToken": fresh["AccessToken"]})

    def test_delete_user(self):
        pool = self.make_pool()
        pool.add_user("alice")
        tokens = self.tokens(self.password_auth(pool, "alice"))
        self.ok("DeleteUser", {"AccessToken": tokens["AccessToken"]})
        self.fails("GetUser", {"AccessToken": tokens["AccessToken"]}, "NotAuthorizedException")
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD}},
                   "NotAuthorizedException", "Incorrect username or password.")

    def test_feedback_and_webauthn_operations(self):
        pool = self.make_pool()
        pool.add_user("alice")
        access = self.tokens(self.password_auth(pool, "alice"))["AccessToken"]
        self.fails("UpdateAuthEventFeedback", {"UserPoolId": pool.id, "Username": "alice", "EventId": "e-1",
                                               "FeedbackToken": "tok", "FeedbackValue": "Valid"},
                   "UserPoolAddOnNotEnabledException")
        # WebAuthn in a pool without it (test_webauthn.py covers the enabled case)
        for op, extra in (("StartWebAuthnRegistration", {}), ("CompleteWebAuthnRegistration", {"Credential": {}})):
            self.fails(op, {"AccessToken": access, **extra}, "WebAuthnNotEnabledException",
                       "WebAuthn is not enabled for this user pool.")
        self.assertEqual(self.ok("ListWebAuthnCredentials", {"AccessToken": access}), {"Credentials": []})
        self.fails("DeleteWebAuthnCredential", {"AccessToken": access, "CredentialId": "c"},
                   "ResourceNotFoundException")
