"""Every fault-injection knob, observed through raw HTTP."""

from __future__ import annotations

import http.client
import json
import socket
import time

from emulator_harness import PASSWORD, TARGET, Cognito, EmulatorTestCase

SIGN_UP = "SignUp"


class FaultTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(auto_confirm_sign_up=True)
        self.n = 0

    def add_fault(self, **spec):
        return self.ctl.post("/faults", spec)["added"][0]

    def sign_up(self, api=None):
        self.n += 1
        return (api or self.api).call(SIGN_UP, {"ClientId": self.pool.public, "Username": f"user{self.n}",
                                                "Password": PASSWORD})

    def raw_request(self, op: str, body: dict, timeout: float = 5.0) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request("POST", "/", json.dumps(body), {"Content-Type": "application/x-amz-json-1.1",
                                                      "X-Amz-Target": TARGET + op})
        return conn

    def test_throttle_every_nth_request(self):
        self.add_fault(kind="throttle", operation=SIGN_UP, every=2)
        statuses = []
        for _ in range(4):
            reply = self.sign_up()
            statuses.append((reply.status, reply.error_type))
        self.assertEqual(statuses, [(200, None), (400, "TooManyRequestsException"), (200, None),
                                    (400, "TooManyRequestsException")])
        self.assertEqual(self.sign_up().status, 200)
        self.assertEqual(self.sign_up().error_type, "TooManyRequestsException")
        # other operations are not affected
        self.assertEqual(self.api.call("GetUser", {"AccessToken": "x.y.z"}).error_type, "NotAuthorizedException")

    def test_throttle_message_and_count(self):
        self.add_fault(kind="throttle", count=1)
        reply = self.sign_up()
        self.assertEqual((reply.status, reply.json, reply.headers["x-amzn-ErrorType"]),
                         (400, {"__type": "TooManyRequestsException", "message": "Rate exceeded"},
                          "TooManyRequestsException:"))
        self.assertEqual(self.sign_up().status, 200)
        self.assertEqual(self.ctl.get("/faults"), [])

    def test_internal_error_for_next_n_requests(self):
        self.add_fault(kind="internal_error", count=2)
        for _ in range(2):
            reply = self.sign_up()
            self.assertEqual((reply.status, reply.error_type), (500, "InternalErrorException"))
            self.assertEqual(reply.headers["x-amzn-ErrorType"], "InternalErrorException:")
        self.assertEqual(self.sign_up().status, 200)
        # the failed requests were not executed
        self.assertEqual(len(self.ctl.get(f"/pools/{self.pool.id}/users")), 1)

    def test_delay(self):
        self.add_fault(kind="delay", delay_ms=300, count=1)
        start = time.monotonic()
        self.assertEqual(self.sign_up().status, 200)
        self.assertGreaterEqual(time.monotonic() - start, 0.29)
        start = time.monotonic()
        self.assertEqual(self.sign_up().status, 200)
        self.assertLess(time.monotonic() - start, 0.29)

    def test_hang_until_client_gives_up(self):
        self.add_fault(kind="hang", operation=SIGN_UP, count=1, max_seconds=30)
        conn = self.raw_request(SIGN_UP, {"ClientId": self.pool.public, "Username": "hung", "Password": PASSWORD},
                                timeout=0.5)
        with self.assertRaises(socket.timeout):
            conn.getresponse()
        conn.close()
        self.assertEqual(self.sign_up().status, 200)  # the server keeps serving

    def test_hang_capped(self):
        self.add_fault(kind="hang", count=1, max_seconds=0.3)
        conn = self.raw_request(SIGN_UP, {"ClientId": self.pool.public, "Username": "capped", "Password": PASSWORD})
        start = time.monotonic()
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionResetError)):
            conn.getresponse()
        self.assertLess(time.monotonic() - start, 4)
        conn.close()

    def test_close_mid_response(self):
        self.add_fault(kind="close_mid_response", operation=SIGN_UP, count=1)
        conn = self.raw_request(SIGN_UP, {"ClientId": self.pool.public, "Username": "cut", "Password": PASSWORD})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        with self.assertRaises(http.client.IncompleteRead):
            resp.read()
        conn.close()
        # the operation itself was executed (ambiguous failure)
        self.assertEqual(self.ctl.get(f"/pools/{self.pool.id}/users/cut")["status"], "CONFIRMED")

    def test_truncated_body(self):
        self.add_fault(kind="truncated_body", count=1)
        reply = self.sign_up()
        self.assertEqual(reply.status, 200)
        self.assertEqual(int(reply.headers["Content-Length"]), len(reply.raw))
        with self.assertRaises(ValueError):
            json.loads(reply.raw)
        self.assertEqual(self.sign_up().status, 200)  # same keep-alive connection still usable

    def test_html_error_pages(self):
        for status in (502, 500, 503):
            self.add_fault(kind="html_error", status=status, count=1)
            reply = self.sign_up()
            self.assertEqual(reply.status, status)
            self.assertTrue(reply.headers["Content-Type"].startswith("text/html"))
            self.assertIn(b"<html>", reply.raw)
            with self.assertRaises(ValueError):
                json.loads(reply.raw)

    def test_oversized_body(self):
        self.add_fault(kind="oversized_body", count=1)
        reply = self.sign_up()
        self.assertEqual(reply.status, 200)
        self.assertEqual(len(reply.raw), 2 * 1024 * 1024)
        self.assertIn("Padding", json.loads(reply.raw))

    def test_scoping_by_client_and_clearing(self):
        other = self.make_pool(auto_confirm_sign_up=True)
        rule = self.add_fault(kind="internal_error", client_id=other.public)
        self.assertEqual(self.sign_up().status, 200)
        reply = self.api.call(SIGN_UP, {"ClientId": other.public, "Username": "x", "Password": PASSWORD})
        self.assertEqual(reply.status, 500)
        faults = self.ctl.get("/faults")
        self.assertEqual((faults[0]["id"], faults[0]["fired"]), (rule, 1))
        # the control API is never affected
        self.assertEqual(self.ctl.get("/health"), {"status": "ok"})
        self.ctl.delete(f"/faults/{rule}")
        self.assertEqual(self.api.call(SIGN_UP, {"ClientId": other.public, "Username": "x",
                                                 "Password": PASSWORD}).status, 200)
        self.ctl._do("POST", "/faults", {"kind": "explode"}, expect=(400,))

    def test_faults_apply_to_a_fresh_connection_each_time(self):
        self.add_fault(kind="throttle", every=1, count=3)
        for _ in range(3):
            api = Cognito(self.port)
            self.assertEqual(self.sign_up(api).error_type, "TooManyRequestsException")
            api.http.close()
        self.assertEqual(self.sign_up().status, 200)
