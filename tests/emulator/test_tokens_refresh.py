"""REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken with rotation, RevokeToken."""

from __future__ import annotations

from emulator_harness import ALL_FLOWS, EmulatorTestCase, jwt_claims, secret_hash


class RefreshTest(EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.pool = self.make_pool(clients=[
            {"name": "public", "explicit_auth_flows": ALL_FLOWS},
            {"name": "secret", "generate_secret": True, "explicit_auth_flows": ALL_FLOWS},
            {"name": "rotation", "explicit_auth_flows": ALL_FLOWS,
             "refresh_token_rotation": {"enabled": True, "retry_grace_period_seconds": 10}},
            {"name": "rotation-secret", "generate_secret": True, "explicit_auth_flows": ALL_FLOWS,
             "refresh_token_rotation": {"enabled": True, "retry_grace_period_seconds": 0}},
            {"name": "short", "explicit_auth_flows": ALL_FLOWS, "refresh_token_validity_seconds": 3600,
             "access_token_validity_seconds": 300, "id_token_validity_seconds": 600}])
        self.pool.add_user("alice", attributes={"email": "alice@example.com"})

    def refresh_auth(self, token, client="public", **params):
        return self.api.call("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": self.pool.client(client)[
            "client_id"], "AuthParameters": {"REFRESH_TOKEN": token, **params}})

    def get_tokens(self, token, client="rotation", **extra):
        return self.api.call("GetTokensFromRefreshToken", {
            "ClientId": self.pool.client(client)["client_id"], "RefreshToken": token, **extra})

    def test_refresh_token_auth(self):
        first = self.tokens(self.password_auth(self.pool, "alice"))
        self.pool.advance(120)
        reply = self.refresh_auth(first["RefreshToken"])
        self.assertEqual(reply.status, 200, reply.raw)
        result = reply.json["AuthenticationResult"]
        self.assertNotIn("RefreshToken", result)
        old, new = jwt_claims(first["IdToken"]), jwt_claims(result["IdToken"])
        self.assertEqual(new["auth_time"], old["auth_time"])
        self.assertEqual(new["origin_jti"], old["origin_jti"])
        self.assertGreater(new["iat"], old["iat"])
        self.ok("GetUser", {"AccessToken": result["AccessToken"]})
        self.assertEqual(self.refresh_auth("not-a-token").message, "Invalid Refresh Token")
        # a token is bound to its client
        self.assertEqual(self.refresh_auth(first["RefreshToken"], "short").message, "Invalid Refresh Token")

    def test_token_lifetimes_and_expiry(self):
        first = self.tokens(self.password_auth(self.pool, "alice", client="short"))
        self.assertEqual(first["ExpiresIn"], 300)
        claims = jwt_claims(first["IdToken"])
        self.assertEqual(claims["exp"] - claims["iat"], 600)
        self.pool.advance(3601)
        reply = self.refresh_auth(first["RefreshToken"], "short")
        self.assertEqual((reply.error_type, reply.message), ("NotAuthorizedException", "Refresh Token has expired"))

    def test_get_tokens_without_rotation(self):
        first = self.tokens(self.password_auth(self.pool, "alice"))
        reply = self.get_tokens(first["RefreshToken"], "public")
        self.assertEqual(reply.status, 200, reply.raw)
        self.assertNotIn("RefreshToken", reply.json["AuthenticationResult"])

    def test_rotation(self):
        first = self.tokens(self.password_auth(self.pool, "alice", client="rotation"))
        reply = self.refresh_auth(first["RefreshToken"], "rotation")
        self.assertEqual(reply.error_type, "InvalidParameterException")
        rotated = self.get_tokens(first["RefreshToken"]).json["AuthenticationResult"]
        self.assertNotEqual(rotated["RefreshToken"], first["RefreshToken"])
        # within the grace period the old token still works (client retries)
        self.pool.advance(5)
        self.assertEqual(self.get_tokens(first["RefreshToken"]).status, 200)
        self.pool.advance(6)
        reply = self.get_tokens(first["RefreshToken"])
        self.assertEqual((reply.status, reply.error_type), (400, "RefreshTokenReuseException"))
        again = self.get_tokens(rotated["RefreshToken"])
        self.assertEqual(again.status, 200)
        self.ok("GetUser", {"AccessToken": again.json["AuthenticationResult"]["AccessToken"]})

    def test_rotation_with_client_secret(self):
        c = self.pool.client("rotation-secret")
        tokens = self.tokens(self.password_auth(self.pool, "alice", client="rotation-secret"))
        reply = self.get_tokens(tokens["RefreshToken"], "rotation-secret")
        self.assertEqual(reply.message,
                         f"Client {c['client_id']} is configured with secret but ClientSecret was not received")
        reply = self.get_tokens(tokens["RefreshToken"], "rotation-secret", ClientSecret="x" * 52)
        self.assertEqual(reply.error_type, "NotAuthorizedException")
        reply = self.get_tokens(tokens["RefreshToken"], "rotation-secret", ClientSecret=c["client_secret"])
        self.assertEqual(reply.status, 200)
        # grace period 0: unusable as soon as the clock moves on
        self.pool.advance(1)
        reply = self.get_tokens(tokens["RefreshToken"], "rotation-secret", ClientSecret=c["client_secret"])
        self.assertEqual(reply.error_type, "RefreshTokenReuseException")

    def test_refresh_with_secret_hash_of_canonical_username(self):
        c = self.pool.client("secret")
        tokens = self.tokens(self.password_auth(self.pool, "alice", client="secret"))
        ok = self.refresh_auth(tokens["RefreshToken"], "secret",
                               SECRET_HASH=secret_hash("alice", c["client_id"], c["client_secret"]))
        self.assertEqual(ok.status, 200)


class RevokeTokenTest(EmulatorTestCase):
    def test_revoke_refresh_token(self):
        pool = self.make_pool()
        pool.add_user("alice")
        one = self.tokens(self.password_auth(pool, "alice"))
        two = self.tokens(self.password_auth(pool, "alice"))
        refreshed = self.ok("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN", "ClientId": pool.public,
                                             "AuthParameters": {"REFRESH_TOKEN": one["RefreshToken"]}})
        refreshed_access = refreshed["AuthenticationResult"]["AccessToken"]
        self.fails("RevokeToken", {"ClientId": pool.public, "Token": one["AccessToken"]},
                   "UnsupportedTokenTypeException")
        self.assertEqual(self.ok("RevokeToken", {"ClientId": pool.public, "Token": one["RefreshToken"]}), {})
        for access in (one["AccessToken"], refreshed_access):
            self.fails("GetUser", {"AccessToken": access}, "NotAuthorizedException", "Access Token has been revoked")
        self.fails("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": pool.public,
                                    "AuthParameters": {"REFRESH_TOKEN": one["RefreshToken"]}},
                   "NotAuthorizedException", "Refresh Token has been revoked")
        self.ok("GetUser", {"AccessToken": two["AccessToken"]})  # other sign-in unaffected

    def test_revoke_needs_client_secret(self):
        pool = self.make_pool()
        pool.add_user("alice")
        c = pool.client("secret")
        tokens = self.tokens(self.password_auth(pool, "alice", client="secret"))
        self.fails("RevokeToken", {"ClientId": c["client_id"], "Token": tokens["RefreshToken"]},
                   "UnauthorizedException")
        self.ok("RevokeToken", {"ClientId": c["client_id"], "Token": tokens["RefreshToken"],
                                "ClientSecret": c["client_secret"]})
        disabled = self.make_pool(clients=[{"name": "public", "explicit_auth_flows": ALL_FLOWS,
                                            "enable_token_revocation": False}])
        disabled.add_user("bob")
        tokens = self.tokens(self.password_auth(disabled, "bob"))
        self.fails("RevokeToken", {"ClientId": disabled.public, "Token": tokens["RefreshToken"]},
                   "UnsupportedOperationException")
