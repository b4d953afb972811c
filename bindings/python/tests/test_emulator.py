"""The binding against the local Cognito emulator (ctest fixture `emulator`):
SRP with TOTP / SMS-less MFA choices / email OTP, new password, refresh with
and without rotation, JWT verification, sign-up and password reset with
outbox codes, TOTP set-up, devices, errors, the sans-I/O machine and a
pure-Python transport. Skipped when the emulator is not running."""
import os
import time
import unittest

import libcognito as lc
from _support import Control, TotpCodes, emulator_info, unique

INFO = emulator_info()
PASSWORD = "Py#Passw0rd1"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@unittest.skipUnless(INFO, "no emulator (COGNITO_EMULATOR_STATE_DIR/emulator.json)")
class EmulatorTest(unittest.TestCase):
    def setUp(self):
        self.control = Control(INFO)
        self.logs = []
        self.client = self.make_client()

    def tearDown(self):
        self.client.close()

    def make_client(self, **overrides):
        settings = dict(user_pool_id=INFO["user_pool_id"], client_id=INFO["public_client_id"],
                        endpoint=INFO["endpoint"], request_timeout=20, device_name="py-test",
                        log=lambda level, msg: self.logs.append(msg), log_level=lc.LogLevel.DEBUG)
        if os.environ.get("COGNITO_WITH_CURL") == "0":  # a library built without libcurl
            settings["transport"] = lc.urllib_transport
        settings.update(overrides)
        return lc.Client(**settings)

    def totp_user(self, **extra):
        name = unique("py-totp")
        self.control.create_user(username=name, password=PASSWORD, attributes={"email": f"{name}@example.com"},
                                 mfa={"totp": True, "preferred": "SOFTWARE_TOKEN_MFA"}, totp_secret=SECRET, **extra)
        return name

    def test_srp_sign_in_with_totp_refresh_and_verify(self):
        user = self.totp_user()
        codes = TotpCodes(SECRET)
        with self.client.sign_in(user, PASSWORD) as si:
            self.assertEqual(si.step.kind, lc.StepKind.SOFTWARE_TOKEN_MFA_CODE)
            wrong = "000000" if codes.next() != "000000" else "111111"
            with self.assertRaises(lc.CodeMismatchError) as cm:
                si.answer_code(wrong)
            self.assertEqual(cm.exception.http_status, 400)
            self.assertTrue(cm.exception.request_id)
            self.assertIsInstance(si.step.previous_error, lc.CodeMismatchError)
            si.answer_code(codes.next())
            self.assertTrue(si.done)
            session = si.session()
        with session:
            self.assertEqual(session.username, user)
            claims = self.client.verify_token(session.access_token, lc.TokenUse.ACCESS)
            self.assertEqual(claims["username"], user)
            self.assertEqual(claims["token_use"], "access")
            id_claims = self.client.verify_token(session.id_token, lc.TokenUse.ID)
            self.assertEqual(id_claims["email"], f"{user}@example.com")
            with self.assertRaises(lc.TokenInvalidError):
                self.client.verify_token(session.access_token, lc.TokenUse.ID)
            self.assertEqual(self.client.get_user(session).preferred_mfa, "SOFTWARE_TOKEN_MFA")
            before = session.tokens
            time.sleep(1)
            self.client.refresh(session)
            after = session.tokens
            self.assertNotEqual(before.access_token, after.access_token)
            self.assertEqual(before.refresh_token, after.refresh_token)
            self.assertFalse(self.client.refresh_if_needed(session, margin=60))
            self.assertIn("Username", self.client.call("GetUser", {"AccessToken": session.access_token}))
            # a new device (the pool tracks devices, user opt-in)
            self.assertIn(lc.SessionFlags.NEW_DEVICE, session.flags)
            device = session.device
            self.assertIsNotNone(device)
            listed = self.client.list_devices(session)
            self.assertEqual([d.key for d in listed.devices], [device.device_key])
            self.assertEqual(self.client.get_device(session, device.device_key).name, "py-test")
            self.client.update_device_status(session, device.device_key, remembered=True)
            # a remembered device skips MFA
            with self.client.sign_in(user, PASSWORD, device=device) as again:
                self.assertTrue(again.done)
                again.session().close()
            self.client.global_sign_out(session)
            with self.assertRaises(lc.NotAuthorizedError) as cm:
                self.client.get_user(session)
            self.assertEqual(cm.exception.service_code, "NotAuthorizedException")
        text = "\n".join(self.logs)
        self.assertIn("InitiateAuth", text)
        self.assertNotIn(PASSWORD, text)

    def test_wrong_password_and_unknown_user(self):
        user = self.totp_user()
        with self.assertRaises(lc.NotAuthorizedError) as cm:
            self.client.sign_in(user, "Wrong#Passw0rd1")
        self.assertIsInstance(cm.exception, lc.ServiceError)
        self.assertEqual(cm.exception.code, -326)
        with self.assertRaises(lc.NotAuthorizedError):  # PreventUserExistenceErrors: ENABLED
            self.client.sign_in(unique("nobody"), PASSWORD)
        with self.make_client(client_id=INFO["clients"]["legacy"]["client_id"]) as legacy:
            with self.assertRaises(lc.UserNotFoundError):
                legacy.sign_in(unique("nobody"), PASSWORD, flow=lc.Flow.USER_PASSWORD)

    def test_select_mfa_type_and_email_otp(self):
        name = unique("py-multi")
        self.control.create_user(username=name, password=PASSWORD, attributes={"email": f"{name}@example.com"},
                                 mfa={"totp": True, "email": True}, totp_secret=SECRET)
        with self.client.sign_in(name, PASSWORD) as si:
            step = si.step
            self.assertEqual(step.kind, lc.StepKind.SELECT_MFA_TYPE)
            self.assertIn("EMAIL_OTP", step.options)
            si.answer_select("EMAIL_OTP")
            self.assertEqual(si.step.kind, lc.StepKind.EMAIL_OTP_CODE)
            self.assertEqual(si.step.delivery_medium, "EMAIL")
            si.answer_code(self.control.outbox_code(name, "EMAIL_MFA"))
            self.assertTrue(si.done)
            si.session().close()

    def test_mfa_setup_during_sign_in(self):
        pool = self.control.create_pool(mfa="ON", mfa_types=["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
                                        clients=[{"name": "app", "explicit_auth_flows": [
                                            "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}])
        pool_id, client_id = pool["user_pool_id"], pool["clients"][0]["client_id"]
        name = unique("py-setup")
        self.control.request("POST", f"pools/{pool_id}/users",
                             {"username": name, "password": PASSWORD, "attributes": {"email": f"{name}@example.com"}})
        with self.make_client(user_pool_id=pool_id, client_id=client_id, totp_issuer="PyTest") as c:
            with c.sign_in(name, PASSWORD) as si:
                step = si.step
                self.assertEqual(step.kind, lc.StepKind.MFA_SETUP)
                self.assertIn("SOFTWARE_TOKEN_MFA", step.options)
                si.answer_setup_totp("phone")
                step = si.step
                self.assertEqual(step.kind, lc.StepKind.TOTP_SETUP_CODE)
                self.assertTrue(step.totp_secret)
                self.assertTrue(step.totp_uri.startswith("otpauth://totp/PyTest"))
                self.assertIn(step.totp_secret, step.totp_uri)
                self.assertNotIn(step.totp_secret, repr(step))  # secrets stay out of repr
                si.answer_code(TotpCodes(step.totp_secret).next())
                self.assertTrue(si.done)
                with si.session() as s:
                    self.assertEqual(c.get_user(s).preferred_mfa, "SOFTWARE_TOKEN_MFA")
        self.control.request("DELETE", f"pools/{pool_id}")

    def test_new_password_required(self):
        name = unique("py-newpass")
        self.control.create_user(username=name, temporary_password="Temp#Passw0rd1",
                                 attributes={"email": f"{name}@example.com"})
        with self.client.sign_in(name, "Temp#Passw0rd1") as si:
            self.assertEqual(si.step.kind, lc.StepKind.NEW_PASSWORD_REQUIRED)
            si.answer_new_password(PASSWORD, {})
            self.assertTrue(si.done)
            si.session().close()
        with self.client.sign_in(name, PASSWORD, flow=lc.Flow.USER_PASSWORD) as si:
            self.assertTrue(si.done)

    def test_sign_up_totp_setup_and_password_reset(self):
        name = unique("py-signup")
        result = self.client.sign_up(name, PASSWORD, {"email": f"{name}@example.com"})
        self.assertFalse(result.confirmed)
        self.assertEqual(len(result.user_sub), 36)
        self.assertEqual(result.delivery.medium, "EMAIL")
        with self.assertRaises(lc.UserNotConfirmedError):
            self.client.sign_in(name, PASSWORD)
        with self.assertRaises(lc.UsernameExistsError):
            self.client.sign_up(name, PASSWORD, {"email": f"{name}@example.com"})
        self.client.confirm_sign_up(name, self.control.outbox_code(name, "SIGN_UP"))
        with self.client.sign_in(name, PASSWORD) as si:
            session = si.session()
        with session:
            secret = self.client.associate_software_token(session)
            codes = TotpCodes(secret)
            self.client.verify_software_token(session, codes.next(), "authenticator")
            self.client.set_mfa_preference(session, lc.MfaFactor.TOTP, enabled=True, preferred=True)
            factors = self.client.get_user_auth_factors(session)
            self.assertEqual(factors.preferred_mfa, "SOFTWARE_TOKEN_MFA")
            delivery = self.client.update_user_attributes(session, {"name": "Py Tester"})
            self.assertIsNone(delivery)
            self.assertEqual(self.client.get_user(session).attributes["name"], "Py Tester")
            self.client.delete_user_attributes(session, ["name"])
            self.assertNotIn("name", self.client.get_user(session).attributes)
        with self.client.sign_in(name, PASSWORD) as si:
            self.assertEqual(si.step.kind, lc.StepKind.SOFTWARE_TOKEN_MFA_CODE)
            si.answer_code(codes.next())
            session = si.session()
        delivery = self.client.forgot_password(name)
        self.assertEqual(delivery.medium, "EMAIL")
        with self.assertRaises(lc.CodeMismatchError):
            self.client.confirm_forgot_password(name, "000000", "Py#Passw0rd2")
        self.client.confirm_forgot_password(name, self.control.outbox_code(name, "FORGOT_PASSWORD"), "Py#Passw0rd2")
        self.client.revoke_token(session)
        with self.assertRaises(lc.NotAuthorizedError):
            self.client.refresh(session)
        with self.client.sign_in(name, "Py#Passw0rd2") as si:
            si.answer_code(codes.next())
            with si.session() as fresh:
                self.client.delete_user(fresh)
        session.close()

    def test_refresh_token_rotation(self):
        user = self.totp_user()
        with self.make_client(client_id=INFO["rotation_client_id"]) as c:
            with c.sign_in(user, PASSWORD) as si:
                si.answer_code(TotpCodes(SECRET).next())
                session = si.session()
            with session:
                old = session.refresh_token
                c.refresh(session, rotation=True)
                self.assertNotEqual(session.refresh_token, old)

    def test_client_secret(self):
        user = self.totp_user()
        with self.make_client(client_id=INFO["secret_client_id"], client_secret=INFO["client_secret"]) as c:
            with c.sign_in(user, PASSWORD) as si:
                si.answer_code(TotpCodes(SECRET).next())
                with si.session() as s:
                    c.refresh(s)  # SECRET_HASH with the canonical username
        with self.make_client(client_id=INFO["secret_client_id"], client_secret="wrong-secret") as c:
            with self.assertRaises(lc.NotAuthorizedError):
                c.sign_in(user, PASSWORD)

    def test_sans_io_machine_with_python_http(self):
        user = self.totp_user()
        codes = TotpCodes(SECRET)
        with lc.AuthMachine(user_pool_id=INFO["user_pool_id"], client_id=INFO["public_client_id"],
                            endpoint=INFO["endpoint"]) as m:
            m.start(user, PASSWORD)
            session = m.run(lc.urllib_transport, lambda machine, step: machine.answer_code(codes.next()))
            with session:
                self.assertEqual(session.username, user)
                self.assertIsNotNone(session.device)  # confirmed inside: the refresh needs its key
                m.start_refresh(session)
                ev = m.next_event()
                self.assertEqual(ev.request.operation, "InitiateAuth")
                rsp = lc.urllib_transport(ev.request)
                m.on_response(rsp.status, rsp.headers, rsp.body)
                self.assertIsInstance(m.next_event(), lc.SignedIn)
                m.update_session(session)
                self.assertEqual(self.client.get_user(session).username, user)

    def test_client_over_a_python_transport(self):
        user = self.totp_user()
        with self.make_client(transport=lc.urllib_transport) as c:
            with c.sign_in(user, PASSWORD, flow=lc.Flow.USER_PASSWORD) as si:
                si.answer_code(TotpCodes(SECRET).next())
                with si.session() as s:
                    self.assertEqual(c.get_user(s).username, user)


if __name__ == "__main__":
    unittest.main()
