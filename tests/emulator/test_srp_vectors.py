"""The shared SRP vectors against the server math (pure functions) and the test client."""

from __future__ import annotations

import base64
import unittest

from emulator_harness import load_vectors
from cognito_emulator import srp_server as srv
from cognito_emulator import totp
from cognito_emulator.ops.common import secret_hash as server_secret_hash
import srp_client

SRP = load_vectors("srp_vectors.json")
GENERATED = load_vectors("cognito_srp_generated_vectors.json")
DEVICE = load_vectors("device_vectors.json")
AWS_NET = load_vectors("cognito_srp_aws_net_vectors.json")
TIMESTAMPS = load_vectors("timestamp_vectors.json")
SECRET_HASHES = load_vectors("secret_hash_vectors.json")


def flip_b64_byte(text: str, index: int = 0) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[index % len(raw)] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def bump_seconds(timestamp: str) -> str:
    """Change one character: the last digit of the seconds (still a canonical TIMESTAMP)."""
    i = timestamp.index(":") + 5
    return timestamp[:i] + str((int(timestamp[i]) + 1) % 10) + timestamp[i + 1:]


def break_weekday(timestamp: str) -> str:
    """Change one character of the weekday: no longer parseable English."""
    return timestamp[:2] + ("x" if timestamp[2] != "x" else "y") + timestamp[3:]


def server_cases():
    """(id, group, user_id, verifier, A, b, B, secret block, timestamp, now, signature) for every vector."""
    for v in SRP["vectors"]:
        yield (v["id"], v["pool_name"], v["username"], int(v["v_hex"], 16), int(v["A_hex"], 16),
               int(v["b_hex"], 16), int(v["B_hex"], 16), base64.b64decode(v["secret_block_b64"]),
               v["timestamp"], v["timestamp_epoch_ms"] / 1000.0, v["signature_b64"])
    u = GENERATED["user_srp"]
    yield ("generated-user", u["pool_name"], u["USER_ID_FOR_SRP"], int(u["verifier_v_hex"], 16),
           int(u["A_hex"], 16), int(u["b_hex"], 16), int(u["SRP_B"], 16), base64.b64decode(u["SECRET_BLOCK"]),
           u["TIMESTAMP"], srv.parse_timestamp(u["TIMESTAMP"]), u["PASSWORD_CLAIM_SIGNATURE"])
    d = GENERATED["device_srp"]
    yield ("generated-device", d["DeviceGroupKey"], d["DeviceKey"],
           srv.from_pad(base64.b64decode(d["confirm_device"]["PasswordVerifier"])), int(d["A_hex"], 16),
           int(d["b_hex"], 16), int(d["SRP_B"], 16), base64.b64decode(d["SECRET_BLOCK"]), d["TIMESTAMP"],
           srv.parse_timestamp(d["TIMESTAMP"]), d["PASSWORD_CLAIM_SIGNATURE"])
    for v in DEVICE["device_password_verifier"]:
        yield (v["id"], v["device_group_key"], v["device_key"], int(v["v_hex"], 16), int(v["A_hex"], 16),
               int(v["b_hex"], 16), int(v["B_hex"], 16), base64.b64decode(v["secret_block_b64"]),
               v["timestamp"], v["timestamp_epoch_ms"] / 1000.0, v["signature_b64"])


class ServerMathTest(unittest.TestCase):
    """srp_server as pure functions."""

    def test_constants(self):
        self.assertEqual(srv.N, int(SRP["N_hex"], 16))
        self.assertEqual(srv.K, int(SRP["k_hex"], 16))
        self.assertEqual(srv.INFO.decode(), SRP["hkdf_info_utf8"])

    def test_pad_examples(self):
        for number, expected in GENERATED["pad_examples"].items():
            self.assertEqual(srv.pad(int(number)).hex(), expected, number)
        negative = GENERATED["negative_salt"]
        self.assertEqual(srv.pad(srv.parse_hex(negative["SALT"])).hex(), negative["pad"])
        self.assertEqual(srv.pad(srv.parse_hex(GENERATED["odd_salt"]["SALT"])).hex(), GENERATED["odd_salt"]["pad"])
        self.assertEqual(srv.pad(int(GENERATED["leading_zero_hex"]["hex"], 16)).hex(),
                         GENERATED["leading_zero_hex"]["pad"])
        for n in (0, 1, 127, 128, 255, 256, -1, -128, -129, -32768, 2 ** 64, -(2 ** 64)):
            self.assertEqual(srv.from_pad(srv.pad(n)), n)
            self.assertEqual(srv.java_hex(n), ("-" if n < 0 else "") + format(abs(n), "x"))

    def test_verifier_and_intermediates_of_every_user_vector(self):
        for v in SRP["vectors"]:
            with self.subTest(v["id"]):
                salt = srv.parse_hex(v["salt_hex"])
                self.assertEqual(srv.pad(salt).hex(), v["salt_padhex"].lower())
                x = srv.compute_x(salt, v["pool_name"], v["username"], v["password"])
                self.assertEqual(x, int(v["x_hex"], 16))
                self.assertEqual(srv.compute_verifier(salt, v["pool_name"], v["username"], v["password"]),
                                 int(v["v_hex"], 16))
                u = srv.compute_u(int(v["A_hex"], 16), int(v["B_hex"], 16))
                self.assertEqual(u, int(v["u_hex"], 16))
                self.assertEqual(srv.pad(u).hex(), v["u_padhex"])
                self.assertEqual(srv.hkdf_key(u, int(v["S_hex"], 16)).hex(), v["hkdf_key_hex"])

    def test_device_verifier_generation(self):
        for v in DEVICE["verifier_generation"]:
            with self.subTest(v["id"]):
                salt = int(v["salt_hex"], 16)
                verifier = srv.compute_verifier(salt, v["device_group_key"], v["device_key"], v["random_password"])
                self.assertEqual(verifier, int(v["verifier_hex"], 16))
                config = v["confirm_device"]["DeviceSecretVerifierConfig"]
                self.assertEqual(srv.from_pad(base64.b64decode(config["PasswordVerifier"])), verifier)
                self.assertEqual(srv.from_pad(base64.b64decode(config["Salt"])), salt)
        d = GENERATED["device_srp"]
        salt = srv.from_pad(base64.b64decode(d["confirm_device"]["Salt"]))
        self.assertEqual(srv.java_hex(salt), d["SALT_as_server_would_send"])
        self.assertEqual(srv.compute_verifier(salt, d["DeviceGroupKey"], d["DeviceKey"], d["device_password"]),
                         srv.from_pad(base64.b64decode(d["confirm_device"]["PasswordVerifier"])))

    def test_server_accepts_every_vector_and_rejects_one_byte_changes(self):
        for (vid, group, user_id, verifier, a_pub, b, b_pub, block, timestamp, now, signature) in server_cases():
            with self.subTest(vid):
                challenge = srv.start_challenge(a_pub, verifier, b)
                self.assertEqual(challenge.b_pub, b_pub, "B with pinned b")
                self.assertTrue(srv.check_timestamp(timestamp, now, 5))
                self.assertTrue(srv.verify_claim(challenge, group, user_id, block, timestamp, signature))
                key = srv.session_key(challenge)
                # any one-byte change is rejected
                for i in range(0, 32, 5):
                    self.assertFalse(srv.claim_matches(key, group, user_id, block, timestamp,
                                                       flip_b64_byte(signature, i)))
                self.assertFalse(srv.claim_matches(key, group, user_id, block, bump_seconds(timestamp), signature))
                for i in (0, len(block) // 2, len(block) - 1):
                    changed = bytearray(block)
                    changed[i] ^= 0x80
                    self.assertFalse(srv.claim_matches(key, group, user_id, bytes(changed), timestamp, signature))
                self.assertFalse(srv.claim_matches(key, group + "x", user_id, block, timestamp, signature))
                self.assertFalse(srv.claim_matches(key, group, user_id + "x", block, timestamp, signature))

    def test_timestamp_rules(self):
        for v in TIMESTAMPS["vectors"]:
            self.assertEqual(srv.format_timestamp(v["epoch_ms"] / 1000), v["timestamp"])
            self.assertEqual(srv.parse_timestamp(v["timestamp"]), v["epoch_seconds"])
        now = srv.parse_timestamp("Tue Nov 3 07:05:09 UTC 2026")
        self.assertTrue(srv.check_timestamp("Tue Nov 3 07:05:09 UTC 2026", now, 300))
        for non_canonical in ("Tue Nov 03 07:05:09 UTC 2026", "Tue Nov  3 07:05:09 UTC 2026",
                              "Wed Nov 3 07:05:09 UTC 2026", "Tue Nov 3 07:05:09 GMT 2026",
                              "tue Nov 3 07:05:09 UTC 2026", "Tue Nov 3 7:05:09 UTC 2026"):
            self.assertFalse(srv.check_timestamp(non_canonical, now, 300), non_canonical)
        self.assertFalse(srv.check_timestamp("Tue Nov 3 07:05:09 UTC 2026", now + 301, 300))
        for garbage in ("Tue Nov 3 07:05:09 +05:30 2026", "Mar Nov 3 07:05:09 UTC 2026", "2026-11-03T07:05:09Z",
                        "Tue Nov 3 07:05:09 PST 2026", "", "Die Nov 3 07:05:09 UTC 2026",
                        "Tue Nov 3 25:05:09 UTC 2026"):
            with self.assertRaises(srv.TimestampFormatError, msg=garbage):
                srv.check_timestamp(garbage, now, 300)

    def test_srp_a_checks(self):
        with self.assertRaises(srv.SrpInputError):
            srv.parse_client_a(format(srv.N, "x"))  # A mod N == 0
        with self.assertRaises(srv.SrpInputError):
            srv.parse_client_a("0")
        with self.assertRaises(srv.SrpInputError):
            srv.parse_client_a("1" * (srv.MAX_SRP_A_HEX_DIGITS + 1))
        with self.assertRaises(srv.SrpInputError):
            srv.parse_client_a("xyz")
        self.assertEqual(srv.parse_client_a("00" + "AB" * 10), int("AB" * 10, 16))

    def test_secret_hash_vectors(self):
        for v in SECRET_HASHES["vectors"]:
            self.assertEqual(server_secret_hash(v["client_secret"], v["username"], v["client_id"]),
                             v["secret_hash"])
            self.assertEqual(srp_client.secret_hash(v["username"], v["client_id"], v["client_secret"]),
                             v["secret_hash"])
        g = GENERATED["secret_hash"]
        self.assertEqual(server_secret_hash(g["client_secret"], g["username"], g["client_id"]), g["SECRET_HASH"])
        self.assertEqual(server_secret_hash(g["client_secret"], g["username_utf8"], g["client_id"]),
                         g["SECRET_HASH_utf8"])
        t = AWS_NET["secret_hash_test"]
        self.assertEqual(server_secret_hash(t["client_secret"], t["username"], t["client_id"]), t["expected"])


class ClientMathTest(unittest.TestCase):
    """The tests' own SRP client (srp_client.py) reproduces the client side of every vector."""

    def test_user_vectors(self):
        for v in SRP["vectors"]:
            with self.subTest(v["id"]):
                client = srp_client.SrpClient(v["pool_name"], a=int(v["a_hex"], 16))
                self.assertEqual(client.A, int(v["A_hex"], 16))
                self.assertEqual(srp_client.pad_hex(client.A), v["A_padhex"])
                timestamp = srp_client.format_timestamp(v["timestamp_epoch_ms"] / 1000)
                sig, ts = client.claim(v["username"], v["password"], v["salt_hex"], v["B_hex"],
                                       v["secret_block_b64"], timestamp)
                self.assertEqual((sig, ts), (v["signature_b64"], v["timestamp"]))

    def test_generated_and_device_vectors(self):
        u = GENERATED["user_srp"]
        client = srp_client.SrpClient(u["pool_name"], a=int(u["a_hex"], 16))
        self.assertEqual(client.claim(u["USER_ID_FOR_SRP"], u["password"], u["SALT"], u["SRP_B"], u["SECRET_BLOCK"],
                                      u["TIMESTAMP"])[0], u["PASSWORD_CLAIM_SIGNATURE"])
        d = GENERATED["device_srp"]
        client = srp_client.SrpClient(d["DeviceGroupKey"], a=int(d["a_hex"], 16))
        self.assertEqual(client.claim(d["DeviceKey"], d["device_password"], d["SALT_as_server_would_send"],
                                      d["SRP_B"], d["SECRET_BLOCK"], d["TIMESTAMP"])[0], d["PASSWORD_CLAIM_SIGNATURE"])
        _, config = srp_client.device_verifier(d["DeviceGroupKey"], d["DeviceKey"], d["device_password"],
                                               salt=bytes.fromhex(d["SALT_as_server_would_send"]))
        self.assertEqual(config, d["confirm_device"])
        for v in DEVICE["device_password_verifier"]:
            with self.subTest(v["id"]):
                client = srp_client.SrpClient(v["device_group_key"], a=int(v["a_hex"], 16))
                sig, _ = client.claim(v["device_key"], v["random_password"], v["salt_hex"], v["B_hex"],
                                      v["secret_block_b64"], v["timestamp"])
                self.assertEqual(sig, v["signature_b64"])
        for v in DEVICE["verifier_generation"]:
            _, config = srp_client.device_verifier(v["device_group_key"], v["device_key"], v["random_password"],
                                                   salt=bytes.fromhex(v["salt_random_bytes_hex"]))
            self.assertEqual(config, v["confirm_device"]["DeviceSecretVerifierConfig"], v["id"])

    def test_aws_net_known_claim(self):
        a = int.from_bytes(b"\x02" * 1023 + b"\x00", "big")
        client = srp_client.SrpClient(AWS_NET["poolName"], a=a)
        claim = AWS_NET["claim_test"]
        sig, _ = client.claim(AWS_NET["USER_ID_FOR_SRP"], AWS_NET["password"], AWS_NET["SALT"], claim["SRP_B"],
                              claim["SECRET_BLOCK"], claim["TIMESTAMP"])
        self.assertEqual(sig, claim["expected_PASSWORD_CLAIM_SIGNATURE"])
        key = client.session_key(AWS_NET["USER_ID_FOR_SRP"], AWS_NET["password"], AWS_NET["SALT"],
                                 AWS_NET["key_test"]["SRP_B"])
        self.assertEqual(base64.b64encode(key).decode(), AWS_NET["key_test"]["expected_hkdf_key_base64"])

    def test_pad_and_timestamps(self):
        for number, expected in GENERATED["pad_examples"].items():
            self.assertEqual(srp_client.pad_hex(int(number)), expected)
        for v in TIMESTAMPS["vectors"]:
            self.assertEqual(srp_client.format_timestamp(v["epoch_ms"] / 1000), v["timestamp"])

    def test_totp_rfc6238(self):
        # RFC 6238 appendix B (SHA1, 8 digits) -> last 6 digits
        secret = base64.b32encode(b"12345678901234567890").decode()
        for at, code8 in ((59, "94287082"), (1111111109, "07081804"), (1234567890, "89005924"),
                          (2000000000, "69279037")):
            self.assertEqual(srp_client.totp(secret, at, digits=8), code8)
            self.assertEqual(totp.code_at(secret, at // 30), code8[-6:])


if __name__ == "__main__":
    unittest.main()
