"""The shared SRP vectors end-to-end through HTTP, with b, SECRET_BLOCK and the clock pinned."""

from __future__ import annotations

import base64
import uuid

from emulator_harness import ALL_FLOWS, EmulatorTestCase, jwt_claims, load_vectors
from test_srp_vectors import break_weekday, bump_seconds, flip_b64_byte
from cognito_emulator import srp_server

SRP = load_vectors("srp_vectors.json")
GENERATED = load_vectors("cognito_srp_generated_vectors.json")
DEVICE = load_vectors("device_vectors.json")


class VectorPoolMixin:
    def vector_pool(self, pool_id: str, **settings) -> str:
        self.ctl.delete(f"/pools/{pool_id}", expect=None)
        config = {"id": pool_id, "username_case_sensitive": True, "lockout": {"threshold": 1000},
                  "clients": [{"name": "public", "explicit_auth_flows": ALL_FLOWS}], **settings}
        view = self.ctl.post("/pools", config)
        self.addCleanup(self.ctl.delete, f"/pools/{pool_id}", expect=None)
        return view["clients"][0]["client_id"]

    def pin(self, pool_id: str, b_hex: str, block_b64: str, epoch_ms: int) -> None:
        self.ctl.post(f"/pools/{pool_id}/srp-pins", {"b_hex": b_hex, "secret_block_b64": block_b64})
        self.ctl.post(f"/pools/{pool_id}/clock", {"pinned_epoch_ms": epoch_ms})


class UserSrpVectorsOverHttp(VectorPoolMixin, EmulatorTestCase):
    def user_vectors(self):
        for v in SRP["vectors"]:
            yield v
        u = GENERATED["user_srp"]
        yield {"id": "generated-user", "pool_id": u["pool_id"], "login_username": u["USER_ID_FOR_SRP"],
               "username": u["USER_ID_FOR_SRP"], "password": u["password"], "salt_hex": u["SALT"],
               "v_hex": u["verifier_v_hex"], "A_hex": u["A_hex"], "b_hex": u["b_hex"], "B_hex": u["SRP_B"],
               "secret_block_b64": u["SECRET_BLOCK"], "timestamp": u["TIMESTAMP"],
               "timestamp_epoch_ms": srp_server.parse_timestamp(u["TIMESTAMP"]) * 1000,
               "signature_b64": u["PASSWORD_CLAIM_SIGNATURE"]}

    def setup_vector(self, index: int, v: dict) -> str:
        alias = v["login_username"] != v["username"]
        client_id = self.vector_pool(v["pool_id"], **({"username_attributes": ["email", "phone_number"]}
                                                      if alias else {}))
        user = {"username": v["username"], "srp_salt_hex": v["salt_hex"]}
        if alias:
            user["attributes"] = {"email" if "@" in v["login_username"] else "phone_number": v["login_username"]}
            uuid.UUID(v["username"])
        if index % 2:
            user["password"] = v["password"]  # the server derives v from the password and salt
        else:
            user["srp_verifier_hex"] = v["v_hex"]  # v given directly
        self.ctl.post(f"/pools/{v['pool_id']}/users", user)
        self.pin(v["pool_id"], v["b_hex"], v["secret_block_b64"], v["timestamp_epoch_ms"])
        return client_id

    def initiate(self, v: dict, client_id: str) -> dict:
        challenge = self.ok("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH", "ClientId": client_id,
                                             "AuthParameters": {"USERNAME": v["login_username"], "SRP_A": v["A_hex"]}})
        self.assertEqual(challenge["ChallengeName"], "PASSWORD_VERIFIER")
        self.assertNotIn("Session", challenge)
        return challenge["ChallengeParameters"]

    def answer(self, v, client_id, *, signature=None, timestamp=None, block=None):
        return self.api.call("RespondToAuthChallenge", {
            "ClientId": client_id, "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {"USERNAME": v["username"],
                                   "PASSWORD_CLAIM_SECRET_BLOCK": block or v["secret_block_b64"],
                                   "PASSWORD_CLAIM_SIGNATURE": signature or v["signature_b64"],
                                   "TIMESTAMP": timestamp or v["timestamp"]}})

    def test_every_user_vector_accepted_and_one_byte_changes_rejected(self):
        for index, v in enumerate(self.user_vectors()):
            with self.subTest(v["id"]):
                client_id = self.setup_vector(index, v)
                params = self.initiate(v, client_id)
                self.assertEqual(int(params["SRP_B"], 16), int(v["B_hex"], 16))
                self.assertEqual(srp_server.parse_hex(params["SALT"]), int(v["salt_hex"], 16))
                self.assertEqual(params["SECRET_BLOCK"], v["secret_block_b64"])
                self.assertEqual(params["USER_ID_FOR_SRP"], v["username"])
                self.assertEqual(params["USERNAME"], v["username"])
                reply = self.answer(v, client_id)
                self.assertEqual(reply.status, 200, reply.raw[:300])
                self.assertIn("AccessToken", reply.json["AuthenticationResult"])

                mutations = [
                    ("signature", {"signature": flip_b64_byte(v["signature_b64"], index)}, "NotAuthorizedException"),
                    ("timestamp", {"timestamp": bump_seconds(v["timestamp"])}, "NotAuthorizedException"),
                    ("timestamp-format", {"timestamp": break_weekday(v["timestamp"])}, "InvalidParameterException"),
                    ("secret-block", {"block": flip_b64_byte(v["secret_block_b64"], index)},
                     "NotAuthorizedException"),
                ]
                for name, change, error in mutations:
                    self.initiate(v, client_id)
                    reply = self.answer(v, client_id, **change)
                    self.assertEqual((reply.status, reply.error_type), (400, error), f"{name}: {reply.raw[:200]!r}")

    def test_secret_block_is_single_use(self):
        v = SRP["vectors"][0]
        client_id = self.setup_vector(0, v)
        self.initiate(v, client_id)
        self.assertEqual(self.answer(v, client_id).status, 200)
        replay = self.answer(v, client_id)
        self.assertEqual((replay.status, replay.error_type), (400, "NotAuthorizedException"))

    def test_timestamp_outside_skew_window_rejected(self):
        v = SRP["vectors"][0]
        client_id = self.setup_vector(0, v)
        self.ctl.patch(f"/pools/{v['pool_id']}", {"srp_timestamp_skew_seconds": 60})
        self.ctl.post(f"/pools/{v['pool_id']}/clock", {"pinned_epoch_ms": v["timestamp_epoch_ms"] + 61_000})
        self.initiate(v, client_id)
        reply = self.answer(v, client_id)
        self.assertEqual((reply.error_type, reply.message),
                         ("NotAuthorizedException", "Incorrect username or password."))


class DeviceSrpVectorsOverHttp(VectorPoolMixin, EmulatorTestCase):
    PASSWORD = "Passw0rd!vector"

    def device_vectors(self):
        for v in DEVICE["device_password_verifier"]:
            yield v
        d = GENERATED["device_srp"]
        yield {"id": "generated-device", "username": "alice", "device_group_key": d["DeviceGroupKey"],
               "device_key": d["DeviceKey"], "salt_hex": d["SALT_as_server_would_send"],
               "v_hex": format(srp_server.from_pad(base64.b64decode(d["confirm_device"]["PasswordVerifier"])), "x"),
               "A_hex": d["A_hex"], "b_hex": d["b_hex"], "B_hex": d["SRP_B"], "secret_block_b64": d["SECRET_BLOCK"],
               "timestamp": d["TIMESTAMP"], "timestamp_epoch_ms": srp_server.parse_timestamp(d["TIMESTAMP"]) * 1000,
               "signature_b64": d["PASSWORD_CLAIM_SIGNATURE"]}

    def sign_in_to_device_verifier(self, v: dict, client_id: str) -> dict:
        first = self.ok("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id, "AuthParameters": {
            "USERNAME": v["username"], "PASSWORD": self.PASSWORD, "DEVICE_KEY": v["device_key"]}})
        self.assertEqual(first["ChallengeName"], "DEVICE_SRP_AUTH")
        second = self.ok("RespondToAuthChallenge", {
            "ClientId": client_id, "ChallengeName": "DEVICE_SRP_AUTH", "Session": first["Session"],
            "ChallengeResponses": {"USERNAME": v["username"], "DEVICE_KEY": v["device_key"], "SRP_A": v["A_hex"]}})
        self.assertEqual(second["ChallengeName"], "DEVICE_PASSWORD_VERIFIER")
        return second

    def answer(self, v, client_id, challenge, *, signature=None, timestamp=None, block=None):
        return self.api.call("RespondToAuthChallenge", {
            "ClientId": client_id, "ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": challenge["Session"],
            "ChallengeResponses": {"USERNAME": v["username"], "DEVICE_KEY": v["device_key"],
                                   "PASSWORD_CLAIM_SECRET_BLOCK": block or v["secret_block_b64"],
                                   "PASSWORD_CLAIM_SIGNATURE": signature or v["signature_b64"],
                                   "TIMESTAMP": timestamp or v["timestamp"]}})

    def test_every_device_vector_accepted_and_one_byte_changes_rejected(self):
        for index, v in enumerate(self.device_vectors()):
            with self.subTest(v["id"]):
                pool_id = "us-east-1_DevVec" + str(index)
                client_id = self.vector_pool(pool_id, device_tracking="ALWAYS", mfa="OFF")
                self.ctl.post(f"/pools/{pool_id}/users", {
                    "username": v["username"], "password": self.PASSWORD,
                    "devices": [{"device_key": v["device_key"], "device_group_key": v["device_group_key"],
                                 "salt_hex": v["salt_hex"], "verifier_hex": v["v_hex"]}]})
                self.pin(pool_id, v["b_hex"], v["secret_block_b64"], v["timestamp_epoch_ms"])
                challenge = self.sign_in_to_device_verifier(v, client_id)
                params = challenge["ChallengeParameters"]
                self.assertEqual(int(params["SRP_B"], 16), int(v["B_hex"], 16))
                self.assertEqual(srp_server.parse_hex(params["SALT"]), int(v["salt_hex"], 16))
                self.assertEqual((params["DEVICE_KEY"], params["USERNAME"]), (v["device_key"], v["username"]))
                reply = self.answer(v, client_id, challenge)
                self.assertEqual(reply.status, 200, reply.raw[:300])
                result = reply.json["AuthenticationResult"]
                self.assertNotIn("NewDeviceMetadata", result)
                self.assertEqual(jwt_claims(result["AccessToken"])["device_key"], v["device_key"])

                for name, change, error in [
                        ("signature", {"signature": flip_b64_byte(v["signature_b64"], index)},
                         "NotAuthorizedException"),
                        ("timestamp", {"timestamp": bump_seconds(v["timestamp"])}, "NotAuthorizedException"),
                        ("timestamp-format", {"timestamp": break_weekday(v["timestamp"])},
                         "InvalidParameterException"),
                        ("secret-block", {"block": flip_b64_byte(v["secret_block_b64"], index)},
                         "NotAuthorizedException")]:
                    challenge = self.sign_in_to_device_verifier(v, client_id)
                    reply = self.answer(v, client_id, challenge, **change)
                    self.assertEqual((reply.status, reply.error_type), (400, error), f"{name}: {reply.raw[:200]!r}")
