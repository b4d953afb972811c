"""The binding without network: a scripted Python transport, sessions,
errors, logging, closing, threads, and the sans-I/O machine."""
import contextlib
import http.server
import json
import socket
import threading
import time
import unittest

import libcognito as lc
from _support import fake_tokens

POOL = "us-east-1_Fake12345"
CLIENT = "fakeclient0000000000000001"
PASSWORD = "Py#Passw0rd!"


@contextlib.contextmanager
def local_http_server(handler_class):
    """An HTTP server on 127.0.0.1 in a thread for the duration of a with block;
    yields its base URL."""
    server = http.server.HTTPServer(("127.0.0.1", 0), handler_class)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Script:
    """A transport: InitiateAuth -> TOTP challenge; RespondToAuthChallenge ->
    CodeMismatch for 000000, tokens otherwise; GetUser; errors for the rest."""

    def __init__(self):
        self.requests = []
        self.fail = None

    def __call__(self, req: lc.HttpRequest) -> lc.HttpResponse:
        self.requests.append(req)
        if self.fail is not None:
            raise self.fail
        op = (req.header("x-amz-target") or "").rsplit(".", 1)[-1]
        body = json.loads(req.body or b"{}")
        if op == "InitiateAuth":
            return self.ok({"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "sess-1",
                            "ChallengeParameters": {"USER_ID_FOR_SRP": "bob"}})
        if op == "RespondToAuthChallenge":
            if body["ChallengeResponses"].get("SOFTWARE_TOKEN_MFA_CODE") == "000000":
                return self.error("CodeMismatchException", "Invalid code received for user")
            id_token, access = fake_tokens("bob", CLIENT)
            return self.ok({"AuthenticationResult": {"AccessToken": access, "IdToken": id_token,
                                                     "RefreshToken": "refresh-1", "ExpiresIn": 3600,
                                                     "TokenType": "Bearer"}, "ChallengeParameters": {}})
        if op == "GetUser":
            return self.ok({"Username": "bob", "UserAttributes": [{"Name": "email", "Value": "bob@example.com"}]})
        if op == "ListDevices":
            return self.ok({"Devices": [{"DeviceKey": "us-east-1_d1", "DeviceCreateDate": 1700000000,
                                         "DeviceAttributes": [{"Name": "device_name", "Value": "laptop"}]}]})
        return self.error("UnsupportedOperationException", f"{op} is not scripted")

    @staticmethod
    def ok(doc):
        return lc.HttpResponse(200, [("x-amzn-RequestId", "req-ok")], json.dumps(doc).encode())

    @staticmethod
    def error(kind, message):
        return lc.HttpResponse(400, [("x-amzn-RequestId", "req-err")],
                               json.dumps({"__type": kind, "message": message}).encode())


class OfflineTest(unittest.TestCase):
    def setUp(self):
        self.script = Script()
        self.logs = []
        self.client = lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=self.script, max_attempts=1,
                                log=lambda level, msg: self.logs.append((level, msg)), log_level=lc.LogLevel.TRACE)

    def tearDown(self):
        self.client.close()

    def test_config_errors_raise_invalid_argument(self):
        with self.assertRaises(lc.InvalidArgumentError) as cm:
            lc.Client(user_pool_id=POOL, client_id=CLIENT, max_attempts=0)
        self.assertIn("attempts", cm.exception.message)
        with self.assertRaises(lc.InvalidArgumentError):
            lc.Client(user_pool_id=POOL)  # no client id
        with self.assertRaises(TypeError):
            lc.Client(lc.Config(client_id=CLIENT), region="us-east-1")

    def test_sign_in_with_totp_step_and_rejected_code(self):
        si = self.client.sign_in("bob", PASSWORD, flow=lc.Flow.USER_PASSWORD)
        with si:
            self.assertEqual(si.state, lc.EventKind.NEED_ANSWER)
            step = si.step
            self.assertEqual(step.kind, lc.StepKind.SOFTWARE_TOKEN_MFA_CODE)
            self.assertEqual(step.challenge_name, "SOFTWARE_TOKEN_MFA")
            self.assertEqual(step.username, "bob")
            self.assertIsNone(step.previous_error)
            with self.assertRaises(lc.CodeMismatchError) as cm:
                si.answer_code("000000")
            self.assertEqual(cm.exception.service_code, "CodeMismatchException")
            self.assertEqual(cm.exception.http_status, 400)
            self.assertEqual(cm.exception.request_id, "req-err")
            self.assertIsInstance(si.step.previous_error, lc.CodeMismatchError)
            with self.assertRaises(lc.InvalidArgumentError):
                si.answer_select("SMS_MFA")  # does not fit the step: nothing sent
            si.answer_code("123456")
            self.assertTrue(si.done)
            self.assertIsNone(si.step)
            session = si.session()
            self.assertIs(si.session(), session)
            tokens = session.tokens
            self.assertEqual(tokens.refresh_token, "refresh-1")
            self.assertEqual(tokens.expires_in, 3600)
            self.assertGreater(tokens.expires_at.timestamp(), time.time() + 3000)
            self.assertFalse(session.needs_refresh(60))
            self.assertTrue(session.needs_refresh(60, now=time.time() + 7200))
            self.assertEqual(session.username, "bob")
            self.assertIsNone(session.device)
            user = self.client.get_user(session)
            self.assertEqual(user.attributes, {"email": "bob@example.com"})
            session.close()
        # the log holds structure, never secrets
        text = "\n".join(m for _, m in self.logs)
        self.assertIn("sign-in: step SOFTWARE_TOKEN_MFA_CODE", text)
        self.assertNotIn(PASSWORD, text)
        self.assertNotIn("123456", text)
        self.assertNotIn("refresh-1", text)
        body = self.script.requests[0].body.decode()
        self.assertIn(PASSWORD, body)  # sent with USER_PASSWORD_AUTH, but never logged

    def test_transport_exceptions_become_codes_with_cause(self):
        self.script.fail = socket.timeout("slow")
        with self.assertRaises(lc.TimeoutError_) as cm:
            self.client.forgot_password("bob")
        self.assertIsInstance(cm.exception.__cause__, socket.timeout)
        self.assertIsInstance(cm.exception, lc.TransportError)
        self.script.fail = ValueError("bug in the transport")
        with self.assertRaises(lc.CallbackError) as cm:
            self.client.forgot_password("bob")
        self.assertIsInstance(cm.exception.__cause__, ValueError)
        self.script.fail = None
        with self.assertRaises(lc.UnsupportedOperationError):
            self.client.forgot_password("bob")

    def test_call_devices_and_argument_errors(self):
        self.assertEqual(self.client.call("GetUser", {"AccessToken": "x"})["Username"], "bob")
        devices = self.client.list_devices("token", limit=5)
        self.assertEqual(devices.devices[0].key, "us-east-1_d1")
        self.assertEqual(devices.devices[0].name, "laptop")
        self.assertEqual(devices.devices[0].created_at.year, 2023)
        sent = len(self.script.requests)
        with self.assertRaises(lc.InvalidArgumentError):
            self.client.call("Not An Operation", {})
        with self.assertRaises(lc.InvalidArgumentError):
            self.client.list_devices("token", limit=500)
        self.assertEqual(len(self.script.requests), sent)  # nothing was sent
        self.assertEqual(self.client.endpoint, "https://cognito-idp.us-east-1.amazonaws.com/")

    def test_sessions_import_devices_and_closing(self):
        id_token, access = fake_tokens("carol", CLIENT)
        with lc.Session.from_tokens(access_token=access, id_token=id_token, refresh_token="r") as s:
            self.assertEqual(s.username, "carol")
            self.assertFalse(s.needs_refresh())
            self.assertEqual(s.flags, lc.SessionFlags.NONE)
            dev = lc.DeviceCredentials("us-east-1_k", "group", "devpw")
            s.device = dev
            self.assertEqual(s.device, dev)
            s.device = None
            self.assertIsNone(s.device)
        self.assertTrue(s.closed)
        with self.assertRaises(lc.InvalidStateError):
            _ = s.access_token
        with self.assertRaises(lc.InvalidArgumentError):
            lc.Session.from_tokens(access_token="")

    def test_one_client_shared_by_threads(self):
        errors = []

        def work():
            try:
                for _ in range(20):
                    self.assertEqual(self.client.get_user("token").username, "bob")
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_sans_io_machine(self):
        script = Script()
        with lc.AuthMachine(user_pool_id=POOL, client_id=CLIENT) as m:
            with self.assertRaises(lc.InvalidArgumentError):
                m.start(flow=lc.Flow.USER_SRP)  # no username
            m.start("bob", PASSWORD, flow=lc.Flow.USER_PASSWORD)
            ev = m.next_event()
            self.assertIsInstance(ev, lc.SendRequest)
            self.assertEqual(ev.request.operation, "InitiateAuth")
            self.assertEqual(ev.request.method, "POST")
            asked = []

            def answer(machine, step):
                asked.append(step.kind)
                machine.answer_code("000000" if len(asked) == 1 else "654321")

            session = m.run(script, answer)
            self.assertEqual(asked, [lc.StepKind.SOFTWARE_TOKEN_MFA_CODE] * 2)
            self.assertEqual(session.refresh_token, "refresh-1")
            self.assertEqual(m.username, "bob")
            # a refresh through the machine keeps the refresh token
            m.start_refresh(session)
            ev = m.next_event()
            self.assertIn(b"REFRESH_TOKEN_AUTH", ev.request.body)
            id_token, access = fake_tokens("bob", CLIENT)
            m.on_response(200, [], json.dumps({"AuthenticationResult": {"AccessToken": access, "IdToken": id_token,
                                                                        "ExpiresIn": 3600}}).encode())
            self.assertIsInstance(m.next_event(), lc.SignedIn)
            m.update_session(session)
            self.assertEqual(session.access_token, access)
            self.assertEqual(session.refresh_token, "refresh-1")
            # failures: a service error, then a transport failure
            m.start("bob", PASSWORD, flow=lc.Flow.USER_PASSWORD)
            m.next_event()
            m.on_response(400, [("x-amzn-RequestId", "r9")],
                          b'{"__type":"NotAuthorizedException","message":"Incorrect username or password."}')
            ev = m.next_event()
            self.assertIsInstance(ev, lc.Failed)
            self.assertIsInstance(ev.error, lc.NotAuthorizedError)
            self.assertEqual(ev.error.request_id, "r9")
            m.start("bob", PASSWORD, flow=lc.Flow.USER_PASSWORD)
            m.next_event()
            m.on_transport_failure(ConnectionRefusedError("refused"))
            ev = m.next_event()
            self.assertIsInstance(ev.error, lc.ConnectError)
            session.close()


class ReviewRegressionTest(unittest.TestCase):
    """Regressions from the second review: server values that do not fit a
    datetime, Ctrl-C inside callbacks, redirects in urllib_transport, and the
    client secret in repr(Config)."""

    def test_config_repr_hides_the_client_secret(self):
        config = lc.Config(user_pool_id=POOL, client_id=CLIENT, client_secret="Sup3r-S3cret-Value")
        self.assertNotIn("Sup3r-S3cret-Value", repr(config))
        self.assertIn(CLIENT, repr(config))
        with lc.AuthMachine(config) as m:
            self.assertNotIn("Sup3r-S3cret-Value", repr(m.config))

    def test_device_dates_out_of_range_are_unknown(self):
        def transport(req):
            return Script.ok({"Devices": [
                {"DeviceKey": "d-huge", "DeviceCreateDate": 1e15, "DeviceLastAuthenticatedDate": 1e300},
                {"DeviceKey": "d-neg", "DeviceCreateDate": -1e300, "DeviceLastAuthenticatedDate": 9.3e18},
                {"DeviceKey": "d-ok", "DeviceCreateDate": 1700000000, "DeviceLastAuthenticatedDate": 1700000100}]})

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=transport, max_attempts=1) as client:
            devices = client.list_devices("token").devices
        self.assertEqual([d.key for d in devices], ["d-huge", "d-neg", "d-ok"])
        self.assertIsNone(devices[0].created_at)
        self.assertIsNone(devices[0].last_authenticated_at)
        self.assertIsNone(devices[1].created_at)
        self.assertIsNone(devices[1].last_authenticated_at)
        self.assertEqual(devices[2].created_at.year, 2023)
        self.assertEqual(int(devices[2].last_authenticated_at.timestamp()), 1700000100)

    def test_keyboard_interrupt_in_transport_is_not_swallowed(self):
        calls = []

        def transport(req):
            calls.append(req)
            if len(calls) == 1:
                raise KeyboardInterrupt()
            return Script.ok({"CodeDeliveryDetails": {"Destination": "b***", "DeliveryMedium": "EMAIL",
                                                      "AttributeName": "email"}})

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=transport, max_attempts=3) as client:
            with self.assertRaises(KeyboardInterrupt):
                client.forgot_password("bob")
            self.assertEqual(len(calls), 1)  # not retried
            self.assertEqual(client.forgot_password("bob").medium, "EMAIL")  # still usable

    def test_keyboard_interrupt_in_log_sink_is_not_swallowed(self):
        raised = []
        armed = [False]

        def sink(level, message):
            if armed[0] and not raised:
                raised.append(message)
                raise KeyboardInterrupt()

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=Script(), max_attempts=1, log=sink,
                       log_level=lc.LogLevel.TRACE) as client:
            armed[0] = True
            with self.assertRaises(KeyboardInterrupt):
                client.get_user("token")
            self.assertEqual(len(raised), 1)
            self.assertEqual(client.get_user("token").username, "bob")
        # during creation too (the client logs its creation)
        raised.clear()
        with self.assertRaises(KeyboardInterrupt):
            lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=Script(), log=sink,
                      log_level=lc.LogLevel.TRACE)
        # other exceptions of a log sink still never fail a call
        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=Script(), max_attempts=1,
                       log=lambda level, msg: 1 / 0, log_level=lc.LogLevel.TRACE) as client:
            self.assertEqual(client.get_user("token").username, "bob")

    def test_keyboard_interrupt_in_log_sink_ends_the_call_at_once(self):
        # With a failing service the call would retry (and wait) up to
        # max_attempts times; Ctrl-C in the log sink cancels it instead.
        calls = []
        raised = []

        def transport(req):
            calls.append(req)
            return lc.HttpResponse(500, [], b'{"__type":"InternalErrorException","message":"busy"}')

        def sink(level, message):
            if calls and not raised:
                raised.append(message)
                raise KeyboardInterrupt()

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=transport, max_attempts=4, log=sink,
                       log_level=lc.LogLevel.TRACE) as client:
            with self.assertRaises(KeyboardInterrupt):
                client.forgot_password("bob")
            self.assertEqual(len(calls), 1)
            self.assertEqual(len(raised), 1)

    def test_keyboard_interrupt_in_machine_run_send_is_not_swallowed(self):
        def send(req):
            raise KeyboardInterrupt()

        with lc.AuthMachine(user_pool_id=POOL, client_id=CLIENT) as m:
            m.start("bob", PASSWORD, flow=lc.Flow.USER_PASSWORD)
            with self.assertRaises(KeyboardInterrupt):
                m.run(send)

    def test_urllib_transport_does_not_follow_redirects(self):
        seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                seen.append(("POST", self.path))
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(302)
                self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                seen.append(("GET", self.path))
                body = json.dumps({"CodeDeliveryDetails": {"DeliveryMedium": "EMAIL"}}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        with local_http_server(Handler) as url:
            with lc.Client(user_pool_id=POOL, client_id=CLIENT, endpoint=url, transport=lc.urllib_transport,
                           max_attempts=1) as client:
                with self.assertRaises(lc.HttpStatusError) as cm:
                    client.forgot_password("bob")
        self.assertEqual(cm.exception.http_status, 302)
        self.assertEqual(seen, [("POST", "/")])


class CancelTest(unittest.TestCase):
    def test_cancel_ends_the_call_with_cancelled_error_and_no_retry(self):
        holder = {}
        calls = []

        def transport(req):
            calls.append(req)
            if len(calls) == 1:
                holder["client"].cancel()  # as another thread would
                return lc.HttpResponse(500, [], b'{"__type":"InternalErrorException","message":"busy"}')
            return Script.ok({"CodeDeliveryDetails": {"DeliveryMedium": "EMAIL"}})

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=transport, max_attempts=3) as client:
            holder["client"] = client
            with self.assertRaises(lc.CancelledError) as cm:
                client.forgot_password("bob")
            self.assertIsInstance(cm.exception, lc.TransportError)
            self.assertEqual(len(calls), 1)  # the 500 was not retried
            self.assertEqual(client.forgot_password("bob").medium, "EMAIL")
            client.cancel()  # idle: no effect
            self.assertEqual(client.forgot_password("bob").medium, "EMAIL")
        client.cancel()  # closed: no-op

    def test_cancel_from_another_thread_ends_the_call(self):
        # A service that keeps failing with a retryable error: the client
        # retries (waiting in between) until another thread cancels.
        asked = threading.Event()

        def transport(req):
            asked.set()
            return lc.HttpResponse(500, [], b'{"__type":"InternalErrorException","message":"busy"}')

        with lc.Client(user_pool_id=POOL, client_id=CLIENT, transport=transport, max_attempts=10,
                       deadline=3600) as client:
            def cancel_soon():
                asked.wait(10)
                time.sleep(0.05)
                client.cancel()
            canceller = threading.Thread(target=cancel_soon)
            canceller.start()
            with self.assertRaises(lc.CancelledError):
                client.forgot_password("bob")
            canceller.join()


class UrllibTransportTest(unittest.TestCase):
    """urllib_transport keeps CurlTransport's rules: plain http:// only to
    loopback (refused before any traffic), a body size cap, loopback never
    through a proxy."""

    @staticmethod
    def answering(status: int, body: bytes, content_length: bool = True):
        """A server that answers every POST with `status` and `body`."""
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # without Content-Length the body ends at close

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(status)
                if content_length:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return local_http_server(Handler)

    @staticmethod
    def request(url: str) -> lc.HttpRequest:
        return lc.HttpRequest("POST", url, [("Content-Type", "application/x-amz-json-1.1")], b"{}", timeout=10.0)

    def test_plain_http_to_a_remote_host_is_refused_before_any_traffic(self):
        looked_up = []
        real = socket.getaddrinfo

        def no_dns(*args, **kwargs):
            looked_up.append(args[0])
            raise socket.gaierror(socket.EAI_NONAME, "no DNS in this test")

        socket.getaddrinfo = no_dns
        try:
            with self.assertRaises(lc.InsecureUrlError):
                lc.urllib_transport(self.request("http://cognito-idp.us-east-1.amazonaws.com/"))
            with self.assertRaises(lc.InsecureUrlError):
                lc.urllib_transport(self.request("http://10.0.0.1/"))
            with self.assertRaises(lc.InvalidArgumentError):
                lc.urllib_transport(self.request("ftp://127.0.0.1/"))
            self.assertEqual(looked_up, [])
            # Through a Client: the transport's refusal is the cause of the failed call.
            with lc.Client(user_pool_id=POOL, client_id=CLIENT, endpoint="http://cognito.example.com/",
                           transport=lc.urllib_transport, max_attempts=1) as client:
                with self.assertRaises(lc.CognitoError) as cm:
                    client.forgot_password("bob")
            self.assertIsInstance(cm.exception.__cause__, lc.InsecureUrlError)
            self.assertEqual(looked_up, [])
            # With the opt-in the request goes ahead (and reaches DNS).
            with self.assertRaises(Exception) as cm:
                lc.UrllibTransport(allow_insecure_http=True)(self.request("http://cognito.example.com/"))
            self.assertNotIsInstance(cm.exception, lc.InsecureUrlError)
            self.assertEqual(looked_up, ["cognito.example.com"])
        finally:
            socket.getaddrinfo = real

    def test_loopback_hosts(self):
        from libcognito.client import _is_loopback
        for host in ("localhost", "LocalHost", "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"):
            self.assertTrue(_is_loopback(host), host)
        for host in ("10.0.0.1", "128.0.0.1", "::2", "::ffff:10.0.0.1", "example.com", "localhost.example.com",
                     "", None):
            self.assertFalse(_is_loopback(host), host)

    def test_bodies_over_the_cap_fail_with_body_too_large(self):
        transport = lc.UrllibTransport(max_response_bytes=1000)
        for status, size, content_length in ((200, 1001, True), (200, 5000, False), (400, 1001, True),
                                             (400, 1001, False)):
            with self.answering(status, b"x" * size, content_length) as url:
                with self.assertRaises(lc.BodyTooLargeError, msg=(status, size, content_length)):
                    transport(self.request(url))
        for status, content_length in ((200, True), (200, False), (400, False)):
            with self.answering(status, b"y" * 1000, content_length) as url:
                rsp = transport(self.request(url))
            self.assertEqual((rsp.status, rsp.body), (status, b"y" * 1000))
        # Through a Client the transport's error becomes the call's BodyTooLargeError.
        with self.answering(200, b"z" * (2 << 20)) as url:
            with lc.Client(user_pool_id=POOL, client_id=CLIENT, endpoint=url, transport=lc.urllib_transport,
                           max_attempts=1) as client:
                with self.assertRaises(lc.BodyTooLargeError):
                    client.forgot_password("bob")
        with self.assertRaises(lc.InvalidArgumentError):
            lc.UrllibTransport(max_response_bytes=0)

    def test_loopback_never_goes_through_a_proxy(self):
        import os
        saved = {k: os.environ.get(k) for k in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY")}
        os.environ["http_proxy"] = os.environ["HTTP_PROXY"] = "http://127.0.0.1:9"  # nothing listens there
        os.environ.pop("no_proxy", None)
        os.environ.pop("NO_PROXY", None)
        try:
            with self.answering(200, b"{}") as url:
                rsp = lc.UrllibTransport()(self.request(url))
            self.assertEqual(rsp.status, 200)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


if __name__ == "__main__":
    unittest.main()
