// Tokens against the emulator: REFRESH_TOKEN_AUTH, rotation with
// GetTokensFromRefreshToken (reuse after the grace period), JWT verification
// with the emulator's JWKS, Session refresh, GlobalSignOut and RevokeToken.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "cognito/session.hpp"
#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;
using std::chrono::seconds;

TEST_CASE("tokens: REFRESH_TOKEN_AUTH keeps the refresh token - with a secret and an alias") {
  TestPool pool(R"("alias_attributes":["email"])");
  const std::string user = unique("refresh");
  pool.add_simple_user(user);
  for (const char* name : {"public", "secret"}) {
    CAPTURE(name);
    Client client = pool.client(name);
    // Signed in with the alias: refresh needs the canonical username for SECRET_HASH.
    SignedIn s = sign_in_done(client, SignInRequest::srp(user + "@example.com", password()));
    REQUIRE(s.username == user);
    pool.advance(seconds(2));  // new iat
    auto r = client.refresh(s.username, s.tokens);
    REQUIRE_MESSAGE(r, r.error().to_string());
    CHECK(r->username == user);
    CHECK(r->tokens.refresh_token == s.tokens.refresh_token);
    CHECK(r->tokens.access_token != s.tokens.access_token);
    CHECK(r->tokens.issued_at > s.tokens.issued_at);
    CHECK(client.verify_token(r->tokens.access_token.reveal(), TokenUse::Access));
    CHECK(client.verify_token(r->tokens.id_token.reveal(), TokenUse::Id));
  }
}

TEST_CASE("tokens: rotation issues a new refresh token - the old one dies after the grace period") {
  TestPool pool;
  const std::string user = unique("rotate");
  pool.add_simple_user(user);
  Client client = pool.client("rotation");
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));

  // REFRESH_TOKEN_AUTH is refused for a client with rotation.
  auto plain = client.refresh(user, s.tokens);
  REQUIRE_FALSE(plain);
  CHECK(plain.error().code == ErrorCode::InvalidParameter);

  auto r1 = client.refresh(user, s.tokens, nullptr, /*rotation=*/true);
  REQUIRE_MESSAGE(r1, r1.error().to_string());
  CHECK_FALSE(r1->tokens.refresh_token.empty());
  CHECK(r1->tokens.refresh_token != s.tokens.refresh_token);

  // Within the 10 s grace period the old token still works (a client retry).
  pool.advance(seconds(5));
  auto retry = client.refresh(user, s.tokens, nullptr, true);
  REQUIRE_MESSAGE(retry, retry.error().to_string());

  // After it: RefreshTokenReuseException.
  pool.advance(seconds(20));
  auto reused = client.refresh(user, s.tokens, nullptr, true);
  REQUIRE_FALSE(reused);
  CHECK(reused.error().code == ErrorCode::RefreshTokenReuse);

  // The new one goes on rotating.
  auto r2 = client.refresh(user, r1->tokens, nullptr, true);
  REQUIRE_MESSAGE(r2, r2.error().to_string());
  CHECK(r2->tokens.refresh_token != r1->tokens.refresh_token);
}

TEST_CASE("tokens: JWT verification against the emulator's JWKS") {
  TestPool pool;
  TestPool other;
  const std::string user = unique("jwt");
  pool.add_simple_user(user);
  Client client = pool.client();
  CHECK(client.token_issuer() == emulator().endpoint + pool.id());
  SignedIn s = sign_in_done(client, SignInRequest::user_password(user, password()));
  const std::string id(s.tokens.id_token.reveal());
  const std::string access(s.tokens.access_token.reveal());

  auto id_claims = client.verify_token(id, TokenUse::Id);
  REQUIRE_MESSAGE(id_claims, id_claims.error().to_string());
  CHECK(id_claims->string_claim("email") == user + "@example.com");
  CHECK(id_claims->string_claim("aud") == pool.app_client("public").id);
  CHECK(client.verify_token(access, TokenUse::Access));

  // ID and access tokens are signed by different keys, both in the JWKS.
  CHECK(JwtClaims::decode(id)->header("kid") != JwtClaims::decode(access)->header("kid"));

  // Wrong use, other client, other pool, tampered, expired.
  CHECK(client.verify_token(id, TokenUse::Access).error().code == ErrorCode::TokenInvalid);
  Client secret_client = pool.client("secret");
  CHECK(secret_client.verify_token(id, TokenUse::Id).error().message.find("aud") != std::string::npos);
  CHECK(secret_client.verify_token(access, TokenUse::Access).error().message.find("client_id") !=
        std::string::npos);
  Client other_client = other.client();
  CHECK(other_client.verify_token(access, TokenUse::Access).error().code == ErrorCode::TokenInvalid);
  std::string tampered = access;
  tampered[tampered.find('.') + 5] ^= 1;
  CHECK(client.verify_token(tampered, TokenUse::Access).error().code == ErrorCode::TokenInvalid);
  pool.advance(seconds(3600 + 120));  // the client's wall clock follows the pool's
  auto expired = client.verify_token(access, TokenUse::Access);
  REQUIRE_FALSE(expired);
  CHECK(expired.error().message.find("expired") != std::string::npos);
}

TEST_CASE("tokens: Session refreshes tokens that are due, once for many threads") {
  TestPool pool;
  const std::string user = unique("session");
  pool.add_simple_user(user);
  Client client = pool.client("secret");
  Session session(sign_in_done(client, SignInRequest::srp(user, password())));
  auto now = [&] { return client.config().wall_clock(); };

  auto fresh = session.valid_tokens(client, now());
  REQUIRE(fresh);
  CHECK(session.refresh_count() == 0);

  pool.advance(seconds(3400));  // 200 s left: due with the 300 s margin
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (session.valid_tokens(client, now())) ++ok;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 4);
  CHECK(session.refresh_count() == 1);
  const Tokens t = session.tokens();
  CHECK(t.access_token != fresh->access_token);
  CHECK(t.refresh_token == fresh->refresh_token);
  CHECK_FALSE(t.needs_refresh(now()));
  CHECK(client.verify_token(t.access_token.reveal(), TokenUse::Access));
}

TEST_CASE("tokens: GlobalSignOut revokes access and refresh tokens") {
  TestPool pool;
  const std::string user = unique("signout");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn a = sign_in_done(client, SignInRequest::srp(user, password()));
  SignedIn b = sign_in_done(client, SignInRequest::user_password(user, password()));

  GlobalSignOutRequest out;
  out.access_token = a.tokens.access_token.clone();
  REQUIRE(client.global_sign_out(out));

  GetUserRequest get;
  get.access_token = b.tokens.access_token.clone();
  auto r = client.get_user(get);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
  CHECK(r.error().message == "Access Token has been revoked");
  auto refreshed = client.refresh(user, b.tokens);
  REQUIRE_FALSE(refreshed);
  CHECK(refreshed.error().code == ErrorCode::NotAuthorized);
  // The JWT itself still verifies: revocation is only visible to Cognito.
  CHECK(client.verify_token(b.tokens.access_token.reveal(), TokenUse::Access));
}

TEST_CASE("tokens: RevokeToken revokes one refresh token and its access tokens") {
  TestPool pool;
  const std::string user = unique("revoke");
  pool.add_simple_user(user);
  Client client = pool.client("secret");
  SignedIn a = sign_in_done(client, SignInRequest::srp(user, password()));
  SignedIn b = sign_in_done(client, SignInRequest::srp(user, password()));

  RevokeTokenRequest access_instead;
  access_instead.token = a.tokens.access_token.clone();
  CHECK(client.revoke_token(access_instead).error().code == ErrorCode::UnsupportedTokenType);

  RevokeTokenRequest revoke;
  revoke.token = a.tokens.refresh_token.clone();
  auto revoked = client.revoke_token(revoke);
  REQUIRE_MESSAGE(revoked, revoked.error().to_string());

  CHECK(client.refresh(user, a.tokens).error().code == ErrorCode::NotAuthorized);
  GetUserRequest get_a;
  get_a.access_token = a.tokens.access_token.clone();
  CHECK(client.get_user(get_a).error().code == ErrorCode::NotAuthorized);
  // The other sign-in is untouched.
  GetUserRequest get_b;
  get_b.access_token = b.tokens.access_token.clone();
  CHECK(client.get_user(get_b));
  CHECK(client.refresh(user, b.tokens));
}

TEST_CASE("tokens: expired refresh token and expired access token") {
  TestPool pool;
  const std::string user = unique("expired");
  pool.add_simple_user(user);
  Client client = pool.client();
  SignedIn s = sign_in_done(client, SignInRequest::srp(user, password()));
  pool.advance(seconds(3601));
  GetUserRequest get;
  get.access_token = s.tokens.access_token.clone();
  auto r = client.get_user(get);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::NotAuthorized);
  CHECK(r.error().message == "Access Token has expired");
  CHECK(s.tokens.needs_refresh(client.config().wall_clock(), seconds(0)));
  // Refresh still works; after 30 days the refresh token expires too.
  REQUIRE(client.refresh(user, s.tokens));
  pool.advance(seconds(31 * 86400));
  auto late = client.refresh(user, s.tokens);
  REQUIRE_FALSE(late);
  CHECK(late.error().code == ErrorCode::NotAuthorized);
}
