"""Device tracking: NewDeviceMetadata, ConfirmDevice, DEVICE_SRP_AUTH, device operations, refresh."""

from __future__ import annotations

import base64

from emulator_harness import PASSWORD, EmulatorTestCase, SrpClient, jwt_claims
from srp_client import device_verifier


class DeviceTest(EmulatorTestCase):
    def make_device_pool(self, mode="USER_OPT_IN", **settings):
        pool = self.make_pool(device_tracking=mode, mfa="OPTIONAL", **settings)
        pool.add_user("alice", attributes={"phone_number": "+15555550100"}, mfa={"sms": True})
        return pool

    def sign_in_with_mfa(self, pool, **params):
        first = self.password_auth(pool, "alice", **params)
        self.assertEqual(first["ChallengeName"], "SMS_MFA")
        return self.tokens(self.respond_ok(pool, first, "SMS_MFA",
                                           {"USERNAME": "alice", "SMS_MFA_CODE": pool.last_code("alice")}))

    def register_device(self, pool, tokens):
        meta = tokens["NewDeviceMetadata"]
        self.assertRegex(meta["DeviceKey"], r"^us-east-1_[0-9a-f-]{36}$")
        self.assertEqual(jwt_claims(tokens["AccessToken"])["device_key"], meta["DeviceKey"])
        password, config = device_verifier(meta["DeviceGroupKey"], meta["DeviceKey"])
        reply = self.ok("ConfirmDevice", {"AccessToken": tokens["AccessToken"], "DeviceKey": meta["DeviceKey"],
                                          "DeviceSecretVerifierConfig": config, "DeviceName": "test-device"})
        return meta, password, reply

    def device_srp(self, pool, challenge, meta, password):
        """Answer DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER; returns the final reply."""
        self.assertEqual(challenge["ChallengeName"], "DEVICE_SRP_AUTH")
        srp = SrpClient(meta["DeviceGroupKey"])
        verifier = self.respond_ok(pool, challenge, "DEVICE_SRP_AUTH", {
            "USERNAME": "alice", "DEVICE_KEY": meta["DeviceKey"], "SRP_A": srp.srp_a})
        self.assertEqual(verifier["ChallengeName"], "DEVICE_PASSWORD_VERIFIER")
        params = verifier["ChallengeParameters"]
        self.assertEqual(params["DEVICE_KEY"], meta["DeviceKey"])
        responses = srp.respond(params, password, user_key="DEVICE_KEY")
        responses["DEVICE_KEY"] = meta["DeviceKey"]
        return self.respond(pool, verifier, "DEVICE_PASSWORD_VERIFIER", responses)

    def test_user_opt_in_device_skips_mfa_once_remembered(self):
        pool = self.make_device_pool()
        tokens = self.sign_in_with_mfa(pool)
        meta, password, reply = self.register_device(pool, tokens)
        self.assertEqual(reply, {"UserConfirmationNecessary": True})
        # confirmed but not remembered: MFA first, then device SRP
        first = self.password_auth(pool, "alice", DEVICE_KEY=meta["DeviceKey"])
        self.assertEqual(first["ChallengeName"], "SMS_MFA")
        second = self.respond_ok(pool, first, "SMS_MFA", {"USERNAME": "alice",
                                                           "SMS_MFA_CODE": pool.last_code("alice")})
        final = self.device_srp(pool, second, meta, password)
        self.assertEqual(final.status, 200, final.raw)
        # remembered: MFA skipped
        self.ok("UpdateDeviceStatus", {"AccessToken": tokens["AccessToken"], "DeviceKey": meta["DeviceKey"],
                                       "DeviceRememberedStatus": "remembered"})
        srp, challenge = self.srp_start(pool, "alice", DEVICE_KEY=meta["DeviceKey"])
        after_password = self.ok("RespondToAuthChallenge", self.srp_answer(pool, srp, challenge,
                                                                           DEVICE_KEY=meta["DeviceKey"]))
        final = self.device_srp(pool, after_password, meta, password)
        self.assertEqual(final.status, 200, final.raw)
        result = final.json["AuthenticationResult"]
        self.assertNotIn("NewDeviceMetadata", result)
        self.assertEqual(jwt_claims(result["AccessToken"])["device_key"], meta["DeviceKey"])
        device = self.ok("GetDevice", {"AccessToken": result["AccessToken"], "DeviceKey": meta["DeviceKey"]})["Device"]
        attributes = {a["Name"]: a["Value"] for a in device["DeviceAttributes"]}
        self.assertEqual(attributes["device_name"], "test-device")
        self.assertEqual(attributes["dev:device_remembered_status"], "remembered")
        self.assertIn("DeviceLastAuthenticatedDate", device)
        # refresh needs the device key
        refresh = {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": pool.public,
                   "AuthParameters": {"REFRESH_TOKEN": result["RefreshToken"]}}
        self.fails("InitiateAuth", refresh, "NotAuthorizedException", "Invalid Refresh Token")
        refresh["AuthParameters"]["DEVICE_KEY"] = meta["DeviceKey"]
        self.ok("InitiateAuth", refresh)
        self.ok("GetTokensFromRefreshToken", {"ClientId": pool.public, "RefreshToken": result["RefreshToken"],
                                              "DeviceKey": meta["DeviceKey"]})

    def test_always_mode_and_wrong_device_password(self):
        pool = self.make_device_pool("ALWAYS")
        tokens = self.sign_in_with_mfa(pool)
        meta, password, reply = self.register_device(pool, tokens)
        self.assertEqual(reply, {"UserConfirmationNecessary": False})
        first = self.password_auth(pool, "alice", DEVICE_KEY=meta["DeviceKey"])
        final = self.device_srp(pool, first, meta, "wrong-device-password")
        self.assertEqual(final.error_type, "NotAuthorizedException")
        # MFA bypass can be switched off
        self.ctl.patch(f"/pools/{pool.id}", {"device_mfa_bypass": False})
        self.assertEqual(self.password_auth(pool, "alice", DEVICE_KEY=meta["DeviceKey"])["ChallengeName"], "SMS_MFA")

    def test_unknown_device_key_then_retry_without_it(self):
        pool = self.make_device_pool("ALWAYS", mfa_types=["SMS_MFA"])
        pool.update_user("alice", mfa={"sms": False})
        bogus = "us-east-1_00000000-0000-4000-8000-000000000000"
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public, "AuthParameters": {
            "USERNAME": "alice", "PASSWORD": PASSWORD, "DEVICE_KEY": bogus}},
                   "ResourceNotFoundException", "Device does not exist.")
        srp, challenge = self.srp_start(pool, "alice", DEVICE_KEY=bogus)
        body = self.srp_answer(pool, srp, challenge, DEVICE_KEY=bogus)
        self.fails("RespondToAuthChallenge", body, "ResourceNotFoundException", "Device does not exist.")
        del body["ChallengeResponses"]["DEVICE_KEY"]  # amplify-style retry of the same step
        result = self.tokens(self.ok("RespondToAuthChallenge", body))
        self.assertIn("NewDeviceMetadata", result)

    def test_unknown_device_key_at_an_otp_or_custom_answer_then_the_same_answer_without_it(self):
        # The code is not used up by the refusal: the same answer, without DEVICE_KEY, signs in
        # with exactly one code sent (AWS's libraries resend; starting over would send another).
        bogus = "us-east-1_00000000-0000-4000-8000-000000000000"
        pool = self.make_pool(device_tracking="ALWAYS",
                              custom_auth={"type": "otp", "medium": "EMAIL", "max_attempts": 3})
        pool.add_user("alice", attributes={"email": "alice@example.com"})
        for flow, params, name, key in (
                ("USER_AUTH", {"PREFERRED_CHALLENGE": "EMAIL_OTP"}, "EMAIL_OTP", "EMAIL_OTP_CODE"),
                ("CUSTOM_AUTH", {}, "CUSTOM_CHALLENGE", "ANSWER")):
            with self.subTest(flow=flow):
                sent = len(pool.outbox(username="alice"))
                first = self.ok("InitiateAuth", {"AuthFlow": flow, "ClientId": pool.public, "AuthParameters": {
                    "USERNAME": "alice", "DEVICE_KEY": bogus, **params}})
                self.assertEqual(first["ChallengeName"], name)
                code = pool.last_code("alice")
                body = {"ClientId": pool.public, "ChallengeName": name, "Session": first["Session"],
                        "ChallengeResponses": {"USERNAME": "alice", key: code, "DEVICE_KEY": bogus}}
                self.fails("RespondToAuthChallenge", body, "ResourceNotFoundException", "Device does not exist.")
                del body["ChallengeResponses"]["DEVICE_KEY"]
                self.tokens(self.ok("RespondToAuthChallenge", body))
                self.assertEqual(len(pool.outbox(username="alice")), sent + 1)

    def test_device_operations(self):
        pool = self.make_device_pool("ALWAYS")
        keys = []
        for _ in range(3):
            tokens = self.sign_in_with_mfa(pool)
            keys.append(self.register_device(pool, tokens)[0]["DeviceKey"])
        access = tokens["AccessToken"]
        listed = self.ok("ListDevices", {"AccessToken": access})
        self.assertEqual([d["DeviceKey"] for d in listed["Devices"]], keys)
        self.assertNotIn("PaginationToken", listed)
        page1 = self.ok("ListDevices", {"AccessToken": access, "Limit": 2})
        self.assertEqual(len(page1["Devices"]), 2)
        page2 = self.ok("ListDevices", {"AccessToken": access, "Limit": 2, "PaginationToken": page1["PaginationToken"]})
        self.assertEqual([d["DeviceKey"] for d in page1["Devices"] + page2["Devices"]], keys)
        self.ok("UpdateDeviceStatus", {"AccessToken": access, "DeviceKey": keys[0],
                                       "DeviceRememberedStatus": "not_remembered"})
        self.ok("ForgetDevice", {"AccessToken": access, "DeviceKey": keys[0]})
        self.fails("GetDevice", {"AccessToken": access, "DeviceKey": keys[0]}, "ResourceNotFoundException",
                   "Device does not exist.")
        self.assertEqual(len(self.ok("ListDevices", {"AccessToken": access})["Devices"]), 2)
        self.fails("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.public, "AuthParameters": {
            "USERNAME": "alice", "PASSWORD": PASSWORD, "DEVICE_KEY": keys[0]}}, "ResourceNotFoundException")

    def test_confirm_device_validation_and_tracking_off(self):
        pool = self.make_device_pool("ALWAYS")
        tokens = self.sign_in_with_mfa(pool)
        key = tokens["NewDeviceMetadata"]["DeviceKey"]
        self.fails("ConfirmDevice", {"AccessToken": tokens["AccessToken"], "DeviceKey": key},
                   "InvalidParameterException")
        negative = base64.b64encode(b"\x80" + b"\x01" * 383).decode()
        self.fails("ConfirmDevice", {"AccessToken": tokens["AccessToken"], "DeviceKey": key,
                                     "DeviceSecretVerifierConfig": {"Salt": "AQ==", "PasswordVerifier": negative}},
                   "InvalidParameterException")
        self.fails("ConfirmDevice", {"AccessToken": tokens["AccessToken"],
                                     "DeviceKey": "us-east-1_11111111-1111-4111-8111-111111111111",
                                     "DeviceSecretVerifierConfig": {"Salt": "AQ==", "PasswordVerifier": "AQ=="}},
                   "ResourceNotFoundException")
        off = self.make_pool()
        off.add_user("bob")
        result = self.tokens(self.password_auth(off, "bob"))
        self.assertNotIn("NewDeviceMetadata", result)
        self.fails("ListDevices", {"AccessToken": result["AccessToken"]}, "InvalidUserPoolConfigurationException")
