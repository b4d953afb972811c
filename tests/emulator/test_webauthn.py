"""WebAuthn: the CBOR codec, registration, passkey sign-in (both USER_AUTH paths), negative cases."""

from __future__ import annotations

import json
import unittest

from emulator_harness import EmulatorTestCase
from cognito_emulator.webauthn import WebAuthnError, cbor_decode, cbor_encode

WEB_AUTHN = {"relying_party_id": "localhost", "origins": ["https://localhost"]}
FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]


class CborTest(unittest.TestCase):
    def test_round_trip(self):
        value = {1: 2, 3: -7, -1: 1, -2: b"x" * 32, "fmt": "none", "list": [0, 23, 24, 255, 256, 65536, 2 ** 32]}
        self.assertEqual(cbor_decode(cbor_encode(value)), value)
        self.assertEqual(cbor_encode(-1), b"\x20")
        self.assertEqual(cbor_encode(500), b"\x19\x01\xf4")

    def test_strictness(self):
        for bad in (b"\xa1\x01", b"\x5f\x41a\xff", b"\x01\x02", b"\xf5", b"\xc0\x01", b"\x62\xff\xfe",
                    b"\xa2\x01\x01\x01\x02", b"\x1c", b""):
            with self.subTest(bad=bad), self.assertRaises(WebAuthnError):
                cbor_decode(bad)


class WebAuthnTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(web_authn=WEB_AUTHN, allowed_first_auth_factors=FACTORS)
        self.pool.add_user("alice", attributes={"email": "alice@example.com"})
        self.access = self.tokens(self.password_auth(self.pool, "alice"))["AccessToken"]

    # -- helpers -------------------------------------------------------------------------
    def start(self) -> dict:
        return self.ok("StartWebAuthnRegistration", {"AccessToken": self.access})["CredentialCreationOptions"]

    def create(self, options: dict, **extra) -> dict:
        return self.ctl.post("/webauthn/create", {"options": options, "origin": "https://localhost", **extra})

    def complete(self, credential: dict) -> dict:
        return self.ok("CompleteWebAuthnRegistration", {"AccessToken": self.access, "Credential": credential})

    def register(self) -> str:
        credential = self.create(self.start())
        self.assertEqual(self.complete(credential), {})
        return credential["id"]

    def user_auth(self, **params) -> dict:
        return self.ok("InitiateAuth", {"AuthFlow": "USER_AUTH", "ClientId": self.pool.public,
                                        "AuthParameters": {"USERNAME": "alice", **params}})

    def web_authn_challenge(self) -> dict:
        challenge = self.user_auth(PREFERRED_CHALLENGE="WEB_AUTHN")
        self.assertEqual(challenge["ChallengeName"], "WEB_AUTHN")
        return challenge

    def assertion(self, challenge: dict, **extra) -> str:
        options = challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
        return json.dumps(self.ctl.post("/webauthn/get", {"options": options, "origin": "https://localhost",
                                                          **extra}))

    def answer(self, challenge: dict, credential: str):
        return self.respond(self.pool, challenge, "WEB_AUTHN", {"USERNAME": "alice", "CREDENTIAL": credential})

    # -- registration ------------------------------------------------------------------------
    def test_registration_and_list(self):
        options = self.start()
        self.assertEqual(options["rp"], {"id": "localhost", "name": "pool"})
        self.assertEqual(options["pubKeyCredParams"], [{"type": "public-key", "alg": -7}])
        self.assertEqual((options["user"]["name"], options["excludeCredentials"]), ("alice", []))
        self.assertTrue(options["challenge"] and options["timeout"] and options["authenticatorSelection"])
        cred_id = self.register()
        listed = self.ok("ListWebAuthnCredentials", {"AccessToken": self.access})
        self.assertEqual(len(listed["Credentials"]), 1)
        entry = listed["Credentials"][0]
        self.assertEqual((entry["CredentialId"], entry["RelyingPartyId"], entry["AuthenticatorAttachment"],
                          entry["AuthenticatorTransports"]), (cred_id, "localhost", "platform", ["internal"]))
        self.assertIsInstance(entry["CreatedAt"], (int, float))
        self.assertEqual(self.start()["excludeCredentials"], [{"type": "public-key", "id": cred_id,
                                                              "transports": ["internal"]}])

    def test_list_pages(self):
        ids = [self.register() for _ in range(3)]
        first = self.ok("ListWebAuthnCredentials", {"AccessToken": self.access, "MaxResults": 2})
        self.assertEqual([c["CredentialId"] for c in first["Credentials"]], ids[:2])
        second = self.ok("ListWebAuthnCredentials", {"AccessToken": self.access, "NextToken": first["NextToken"]})
        self.assertEqual([c["CredentialId"] for c in second["Credentials"]], ids[2:])
        self.assertNotIn("NextToken", second)

    def test_registration_errors(self):
        cases = (({"tamper": "challenge"}, "WebAuthnChallengeNotFoundException"),
                 ({"tamper": "origin"}, "WebAuthnOriginNotAllowedException"),
                 ({"tamper": "rp_id"}, "WebAuthnRelyingPartyMismatchException"),
                 ({"tamper": "fmt"}, "WebAuthnCredentialNotSupportedException"),
                 ({"tamper": "type"}, "InvalidParameterException"),
                 ({"tamper": "user_presence"}, "InvalidParameterException"))
        for extra, error in cases:
            with self.subTest(**extra):
                self.fails("CompleteWebAuthnRegistration", {"AccessToken": self.access,
                                                            "Credential": self.create(self.start(), **extra)}, error)
        # the challenge is single use
        options = self.start()
        self.complete(self.create(options))
        self.fails("CompleteWebAuthnRegistration", {"AccessToken": self.access,
                                                    "Credential": self.create(options)},
                   "WebAuthnChallengeNotFoundException")
        # malformed credentials
        good = self.create(self.start())
        for bad in ({}, {**good, "rawId": "x"}, {**good, "response": {**good["response"], "attestationObject": "@@"}}):
            self.fails("CompleteWebAuthnRegistration", {"AccessToken": self.access, "Credential": bad},
                       "InvalidParameterException")

    def test_not_enabled(self):
        pool = self.make_pool()
        pool.add_user("bob")
        access = self.tokens(self.password_auth(pool, "bob"))["AccessToken"]
        self.fails("StartWebAuthnRegistration", {"AccessToken": access}, "WebAuthnNotEnabledException")
        pool = self.make_pool(allowed_first_auth_factors=FACTORS)
        pool.add_user("bob")
        access = self.tokens(self.password_auth(pool, "bob"))["AccessToken"]
        self.fails("StartWebAuthnRegistration", {"AccessToken": access}, "WebAuthnConfigurationMissingException")

    def test_delete(self):
        cred_id = self.register()
        self.assertIn("WEB_AUTHN", self.user_auth()["AvailableChallenges"])
        self.assertEqual(self.ok("DeleteWebAuthnCredential", {"AccessToken": self.access, "CredentialId": cred_id}),
                         {})
        self.assertEqual(self.ok("ListWebAuthnCredentials", {"AccessToken": self.access}), {"Credentials": []})
        self.assertNotIn("WEB_AUTHN", self.user_auth()["AvailableChallenges"])
        self.fails("DeleteWebAuthnCredential", {"AccessToken": self.access, "CredentialId": cred_id},
                   "ResourceNotFoundException")

    # -- sign-in -------------------------------------------------------------------------------
    def test_offered_only_with_a_passkey(self):
        self.assertNotIn("WEB_AUTHN", self.user_auth()["AvailableChallenges"])
        # a preference for WEB_AUTHN without a passkey falls back to SELECT_CHALLENGE
        self.assertEqual(self.user_auth(PREFERRED_CHALLENGE="WEB_AUTHN")["ChallengeName"], "SELECT_CHALLENGE")
        self.register()
        self.assertEqual(self.user_auth()["AvailableChallenges"],
                         ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"])

    def test_sign_in_with_preferred_challenge(self):
        cred_id = self.register()
        challenge = self.web_authn_challenge()
        self.assertTrue(challenge["Session"])
        options = json.loads(challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
        self.assertEqual((options["rpId"], options["userVerification"], options["allowCredentials"][0]["id"]),
                         ("localhost", "preferred", cred_id))
        self.tokens(self.answer(challenge, self.assertion(challenge)).json)
        # and again: the counter goes up
        challenge = self.web_authn_challenge()
        self.tokens(self.answer(challenge, self.assertion(challenge)).json)

    def test_sign_in_with_select_challenge(self):
        self.register()
        first = self.user_auth()
        challenge = self.respond(self.pool, first, "SELECT_CHALLENGE", {"USERNAME": "alice", "ANSWER": "WEB_AUTHN"})
        self.assertEqual(challenge.json["ChallengeName"], "WEB_AUTHN")
        self.tokens(self.answer(challenge.json, self.assertion(challenge.json)).json)

    def test_select_challenge_with_credential_in_one_step(self):
        # no WebAuthn challenge has been issued yet, so no assertion can match one
        self.register()
        first = self.user_auth()
        options = json.dumps({"challenge": "AAAA", "rpId": "localhost"})
        credential = json.dumps(self.ctl.post("/webauthn/get", {"options": options}))
        reply = self.respond(self.pool, first, "SELECT_CHALLENGE",
                             {"USERNAME": "alice", "ANSWER": "WEB_AUTHN", "CREDENTIAL": credential})
        self.assertEqual(reply.error_type, "NotAuthorizedException")

    def test_bad_assertions(self):
        self.register()
        ok = self.web_authn_challenge()
        self.tokens(self.answer(ok, self.assertion(ok)).json)  # counter now non-zero
        for tamper in ("signature", "challenge", "origin", "rp_id", "type", "counter", "user_presence"):
            with self.subTest(tamper=tamper):
                challenge = self.web_authn_challenge()
                reply = self.answer(challenge, self.assertion(challenge, tamper=tamper))
                self.assertEqual(reply.error_type, "NotAuthorizedException")
                # the session is gone after a failed assertion
                again = self.answer(challenge, self.assertion(challenge))
                self.assertEqual(again.error_type, "NotAuthorizedException")

    def test_assertion_is_single_use_and_bound_to_its_session(self):
        self.register()
        first, second = self.web_authn_challenge(), self.web_authn_challenge()
        credential = self.assertion(first)
        self.assertEqual(self.answer(second, credential).error_type, "NotAuthorizedException")
        self.tokens(self.answer(first, credential).json)
        self.assertEqual(self.answer(first, credential).error_type, "NotAuthorizedException")

    def test_unknown_credential_and_bad_json(self):
        self.register()
        challenge = self.web_authn_challenge()
        forged = json.loads(self.assertion(challenge))
        forged["id"] = forged["rawId"] = "AAAA"
        self.assertEqual(self.answer(challenge, json.dumps(forged)).error_type, "NotAuthorizedException")
        challenge = self.web_authn_challenge()
        self.assertEqual(self.answer(challenge, "{not json").error_type, "InvalidParameterException")
        self.assertEqual(self.answer(self.web_authn_challenge(), "").error_type, "InvalidParameterException")

    def test_user_verification_required(self):
        self.ctl.patch(f"/pools/{self.pool.id}", {"web_authn": {**WEB_AUTHN, "user_verification": "required"}})
        self.fails("CompleteWebAuthnRegistration", {"AccessToken": self.access, "Credential": self.create(
            self.start(), user_verified=False)}, "InvalidParameterException")
        self.register()
        challenge = self.web_authn_challenge()
        reply = self.answer(challenge, self.assertion(challenge, user_verified=False))
        self.assertEqual(reply.error_type, "NotAuthorizedException")


if __name__ == "__main__":
    unittest.main()
