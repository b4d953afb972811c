// Client::verify_token (JWKS fetch, cache, refetch on unknown kid) and
// Client::refresh over a fake transport.
#include <doctest/doctest.h>

#include "cognito/client.hpp"
#include "fake_transport.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

constexpr std::int64_t kT = 1'800'000'000;

struct Fixture {
  FakeTransport* fake = nullptr;
  SystemTime wall = SystemTime(seconds(kT));
  Client client = make();

  Client make(std::string endpoint = {}) {
    auto t = std::make_unique<FakeTransport>();
    fake = t.get();
    ClientConfig cfg;
    cfg.user_pool_id = "us-east-1_Test";
    cfg.client_id = kTestClient;
    cfg.endpoint = std::move(endpoint);
    cfg.retry.max_attempts = 1;
    cfg.wall_clock = [this] { return wall; };
    return std::move(Client::create(std::move(cfg), std::move(t)).value());
  }
};

}  // namespace

TEST_CASE("tokens_client: verify_token fetches the JWKS once and caches it") {
  Fixture f;
  CHECK(f.client.token_issuer() == kTestIssuer);
  f.fake->respond(200, TestKeys::jwks());

  auto id = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id);
  REQUIRE(id);
  CHECK(id->string_claim("cognito:username") == "alice");
  REQUIRE(f.fake->requests.size() == 1);
  CHECK(f.fake->requests[0].url == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test/.well-known/jwks.json");
  CHECK(f.fake->requests[0].target.empty());

  // Cached: no more requests, for either key.
  CHECK(f.client.verify_token(TestKeys::access().jwt(access_claims(kT, kT + 3600)), TokenUse::Access));
  CHECK(f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id));
  CHECK(f.fake->requests.size() == 1);

  // Checks run with the client's clock and expectations.
  f.wall += seconds(3600 + 61);
  auto expired = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id);
  REQUIRE_FALSE(expired);
  CHECK(expired.error().code == ErrorCode::TokenInvalid);
  auto wrong_use = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 9000)), TokenUse::Access);
  REQUIRE_FALSE(wrong_use);
  CHECK(wrong_use.error().code == ErrorCode::TokenInvalid);
  CHECK(f.fake->requests.size() == 1);
}

TEST_CASE("tokens_client: an unknown kid refetches the JWKS, at most once a minute") {
  Fixture f;
  // The pool's first JWKS holds only the ID key.
  f.fake->respond(200, R"({"keys":[)" + TestKeys::id().jwk() + "]}");
  REQUIRE(f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id));
  REQUIRE(f.fake->requests.size() == 1);

  // A token of a new key right after: too soon to refetch.
  auto soon = f.client.verify_token(TestKeys::access().jwt(access_claims(kT, kT + 3600)), TokenUse::Access);
  REQUIRE_FALSE(soon);
  CHECK(soon.error().code == ErrorCode::TokenInvalid);
  CHECK(f.fake->requests.size() == 1);

  // A minute later the keys are fetched again and now include the new key.
  f.wall += seconds(60);
  f.fake->respond(200, TestKeys::jwks());
  CHECK(f.client.verify_token(TestKeys::access().jwt(access_claims(kT, kT + 3600)), TokenUse::Access));
  CHECK(f.fake->requests.size() == 2);

  // A kid that stays unknown: one refetch (after the interval), then TokenInvalid.
  f.wall += seconds(61);
  f.fake->respond(200, TestKeys::jwks());
  auto other = f.client.verify_token(TestKeys::other().jwt(access_claims(kT, kT + 3600)), TokenUse::Access);
  REQUIRE_FALSE(other);
  CHECK(other.error().code == ErrorCode::TokenInvalid);
  CHECK(f.fake->requests.size() == 3);
  CHECK_FALSE(f.client.verify_token(TestKeys::other().jwt(access_claims(kT, kT + 3600)), TokenUse::Access));
  CHECK(f.fake->requests.size() == 3);

  // Malformed tokens and tokens without kid never cause a fetch.
  f.wall += seconds(600);
  CHECK(f.client.verify_token("garbage", TokenUse::Id).error().code == ErrorCode::TokenInvalid);
  CHECK(f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600), R"({"alg":"RS256"})"), TokenUse::Id)
            .error()
            .code == ErrorCode::TokenInvalid);
  CHECK(f.fake->requests.size() == 3);
}

TEST_CASE("tokens_client: FIPS and VPC endpoints of the real service keep the regional issuer") {
  Fixture f;
  const std::string regional = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test";
  for (const char* endpoint : {"https://cognito-idp-fips.us-east-1.amazonaws.com/",
                               "https://vpce-0a1b2c3d4e5f-abcdefgh.cognito-idp.us-east-1.vpce.amazonaws.com",
                               "https://COGNITO-IDP.US-EAST-1.AMAZONAWS.COM.:443/",
                               "https://user:secret@cognito-idp.us-east-1.amazonaws.com/"}) {
    f.client = f.make(endpoint);
    CHECK_MESSAGE(f.client.token_issuer() == regional, endpoint);
  }
  // Not AWS's: the issuer follows the endpoint (emulators, look-alikes).
  for (const char* endpoint : {"https://cognito.amazonaws.com.example.net/", "http://amazonaws.com:9229",
                               "https://my-emulator-123.elb.us-east-1.amazonaws.com/",
                               "https://ec2-1-2-3-4.compute-1.amazonaws.com:9229",
                               "https://cognito-idp.us-east-1.amazonaws.com@emulator.example/"}) {
    f.client = f.make(endpoint);
    CHECK(f.client.token_issuer().rfind(endpoint, 0) == 0);
  }
}

TEST_CASE("tokens_client: JWKS fetch failures are reported - the emulator issuer follows the endpoint") {
  Fixture f;
  f.client = f.make("http://127.0.0.1:9229/");
  CHECK(f.client.token_issuer() == "http://127.0.0.1:9229/us-east-1_Test");

  f.fake->respond(404, "<html>not found</html>");
  auto r = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id);
  REQUIRE_FALSE(r);
  CHECK(r.error().http_status == 404);
  CHECK(f.fake->requests.at(0).url == "http://127.0.0.1:9229/us-east-1_Test/.well-known/jwks.json");

  f.fake->respond(200, "{\"keys\":[]}");
  auto empty = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id);
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == ErrorCode::TokenInvalid);

  // The issuer differs from the endpoint's: the token is refused.
  f.fake->respond(200, TestKeys::jwks());
  auto wrong_iss = f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600)), TokenUse::Id);
  REQUIRE_FALSE(wrong_iss);
  CHECK(wrong_iss.error().message.find("iss") != std::string::npos);
  CHECK(f.client.verify_token(TestKeys::id().jwt(id_claims(kT, kT + 3600, "http://127.0.0.1:9229/us-east-1_Test")),
                              TokenUse::Id));
  CHECK(f.fake->requests.size() == 3);
}

TEST_CASE("tokens_client: refresh sends REFRESH_TOKEN_AUTH and keeps the refresh token") {
  Fixture f;
  Tokens old;
  old.refresh_token = SecretString("refresh-1");
  f.fake->respond(200, auth_result_json(kT, 3600));
  auto r = f.client.refresh("alice", old);
  REQUIRE(r);
  CHECK(r->tokens.refresh_token.reveal() == "refresh-1");
  CHECK(r->tokens.expires_at == SystemTime(seconds(kT + 3600)));
  CHECK(r->tokens.clock_drift == seconds(0));
  REQUIRE(f.fake->requests.size() == 1);
  CHECK(f.fake->requests[0].target == "AWSCognitoIdentityProviderService.InitiateAuth");
  CHECK(f.fake->requests[0].body.find("REFRESH_TOKEN_AUTH") != std::string::npos);

  // Rotation: GetTokensFromRefreshToken, with the new refresh token.
  f.fake->respond(200, auth_result_json(kT, 3600, /*with_refresh=*/true));
  auto rot = f.client.refresh("alice", old, nullptr, /*rotation=*/true);
  REQUIRE(rot);
  CHECK(rot->tokens.refresh_token.reveal() == "refresh-2");
  CHECK(f.fake->requests[1].target == "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken");

  // Service errors come back typed.
  Headers h;
  h.add("x-amzn-ErrorType", "NotAuthorizedException:");
  f.fake->respond(400, R"({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"})", h);
  auto revoked = f.client.refresh("alice", old);
  REQUIRE_FALSE(revoked);
  CHECK(revoked.error().code == ErrorCode::NotAuthorized);
  CHECK(revoked.error().message == "Refresh Token has been revoked");

  Tokens none;
  CHECK(f.client.refresh("alice", none).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("tokens_client: ClientConfig::clone copies the token and sign-in settings") {
  ClientConfig cfg;
  cfg.user_pool_id = "us-east-1_Test";
  cfg.client_id = kTestClient;
  cfg.client_secret = SecretString("s3cret");
  cfg.endpoint = "http://127.0.0.1:9/";
  cfg.retry.max_attempts = 7;
  cfg.srp.ephemeral_bits = 512;
  cfg.remember_devices = false;
  cfg.device_name = "dev";
  cfg.totp_issuer = "App";
  cfg.token_issuer = "https://issuer.example";
  cfg.token_leeway = seconds(5);
  cfg.wall_clock = [] { return SystemTime(seconds(kT)); };
  ClientConfig c = cfg.clone();
  CHECK(c.user_pool_id == cfg.user_pool_id);
  CHECK(c.client_id == cfg.client_id);
  CHECK(c.client_secret == cfg.client_secret);
  CHECK(c.client_secret.data() != cfg.client_secret.data());
  CHECK(c.endpoint == cfg.endpoint);
  CHECK(c.retry.max_attempts == 7);
  CHECK(c.srp.ephemeral_bits == 512);
  CHECK_FALSE(c.remember_devices);
  CHECK(c.device_name == "dev");
  CHECK(c.totp_issuer == "App");
  CHECK(c.token_issuer == "https://issuer.example");
  CHECK(c.token_leeway == seconds(5));
  REQUIRE(c.wall_clock);
  CHECK(c.wall_clock() == SystemTime(seconds(kT)));

  // token_issuer overrides the derived issuer.
  auto client = Client::create(cfg.clone(), std::make_unique<FakeTransport>());
  REQUIRE(client);
  CHECK(client->token_issuer() == "https://issuer.example");
}
