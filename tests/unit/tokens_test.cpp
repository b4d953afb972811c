// Tokens, JwtClaims, Jwks and verify_jwt (keys generated with OpenSSL in the test).
#include <doctest/doctest.h>

#include <openssl/hmac.h>

#include "cognito/tokens.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

SystemTime at(std::int64_t unix_seconds) { return SystemTime(seconds(unix_seconds)); }

JwtExpectations expect(TokenUse use) {
  JwtExpectations e;
  e.issuer = kTestIssuer;
  e.client_id = kTestClient;
  e.token_use = use;
  e.leeway = seconds(60);
  return e;
}

const Jwks& jwks() {
  static const Jwks j = Jwks::parse(TestKeys::jwks()).value();
  return j;
}

/// verify_jwt's error code and message for `jwt` at `now`.
Error rejected(std::string_view jwt, TokenUse use, std::int64_t now) {
  auto r = verify_jwt(jwt, jwks(), expect(use), at(now));
  REQUIRE_FALSE(r);
  return r.error();
}

constexpr std::int64_t kT = 1'800'000'000;  // a fixed "server now"

}  // namespace

TEST_CASE("tokens: JwtClaims::decode splits and decodes header and payload") {
  const std::string jwt = unsigned_jwt(id_claims(kT, kT + 3600));
  auto c = JwtClaims::decode(jwt);
  REQUIRE(c);
  CHECK(c->header("kid") == "unsigned");
  CHECK(c->header("alg") == "RS256");
  CHECK_FALSE(c->header("typ"));
  CHECK(c->string_claim("cognito:username") == "alice");
  CHECK(c->string_claim("token_use") == "id");
  CHECK(c->int_claim("exp") == kT + 3600);
  CHECK(c->int_claim("iat") == kT);
  CHECK_FALSE(c->int_claim("email"));        // a string, not a number
  CHECK_FALSE(c->string_claim("exp"));       // a number, not a string
  CHECK_FALSE(c->string_claim("email_verified"));
  CHECK_FALSE(c->string_claim("missing"));

  // Numbers written as doubles (1.8E9) are integral claims too.
  const std::string dbl = b64url(R"({"alg":"none"})") + "." + b64url(R"({"exp":1.8E9,"iat":1.5})") + ".";
  auto d = JwtClaims::decode(dbl);
  REQUIRE(d);
  CHECK(d->int_claim("exp") == 1'800'000'000);
  CHECK_FALSE(d->int_claim("iat"));
}

TEST_CASE("tokens: JwtClaims::decode rejects malformed tokens with TokenInvalid") {
  const std::string h = b64url(R"({"alg":"RS256","kid":"k"})");
  const std::string p = b64url(R"({"sub":"x"})");
  for (const std::string& bad : {std::string(), std::string("abc"), h + "." + p, h + "." + p + ".s.x",
                                 "." + p + ".sig", h + "..sig", h + "." + p + "!.sig",
                                 h + "." + b64url("not json") + ".sig", h + "." + b64url("[1,2]") + ".sig",
                                 b64url("{") + "." + p + ".sig", h + "." + p.substr(0, p.size() - 1) + "+.sig"}) {
    CAPTURE(bad);
    auto r = JwtClaims::decode(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::TokenInvalid);
  }
}

TEST_CASE("tokens: Jwks::parse keeps RS256 RSA keys by kid and ignores the rest") {
  auto j = Jwks::parse(TestKeys::jwks());
  REQUIRE(j);
  CHECK(j->size() == 2);
  CHECK(j->has_key("id-key-1"));
  CHECK(j->has_key("access-key-1"));
  CHECK_FALSE(j->has_key("other-key-1"));

  // A key without alg/use is accepted; EC, HS256, encryption and broken keys are skipped.
  std::string mixed = TestKeys::other().jwk();
  mixed.replace(mixed.find(R"("alg":"RS256",)"), 14, "");
  const std::string doc = R"({"keys":[{"kty":"EC","kid":"ec","crv":"P-256","x":"AA","y":"AA"},)"
                          R"({"kty":"oct","kid":"hs","alg":"HS256","k":"c2VjcmV0"},)"
                          R"({"kty":"RSA","kid":"enc","use":"enc","n":")" + TestKeys::id().modulus_b64url() +
                          R"(","e":"AQAB"},{"kty":"RSA","kid":"short","n":"AQAB","e":"AQAB"},)"
                          R"({"kty":"RSA","alg":"RS256","n":"AQAB","e":"AQAB"},42,)" + mixed + "]}";
  auto m = Jwks::parse(doc);
  REQUIRE(m);
  CHECK(m->size() == 1);
  CHECK(m->has_key("other-key-1"));

  // Copies are independent values.
  Jwks copy = *m;
  Jwks moved = std::move(*m);
  CHECK(copy.has_key("other-key-1"));
  CHECK(moved.size() == 1);
  copy = *j;
  CHECK(copy.size() == 2);

  for (const char* bad : {"", "[]", "{}", R"({"keys":{}})", R"({"keys":[]})", R"({"keys":[{"kty":"EC"}]})",
                          "{\"keys\":[", "null"}) {
    CAPTURE(bad);
    auto r = Jwks::parse(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::TokenInvalid);
  }
}

TEST_CASE("tokens: verify_jwt accepts valid ID and access tokens") {
  auto id = verify_jwt(TestKeys::id().jwt(id_claims(kT, kT + 3600)), jwks(), expect(TokenUse::Id), at(kT + 10));
  REQUIRE(id);
  CHECK(id->string_claim("cognito:username") == "alice");
  auto access = verify_jwt(TestKeys::access().jwt(access_claims(kT, kT + 3600)), jwks(), expect(TokenUse::Access), at(kT));
  REQUIRE(access);
  CHECK(access->string_claim("client_id") == kTestClient);

  // aud may be an array that contains the client id.
  const std::string arr = TestKeys::id().jwt(id_claims(kT, kT + 60, kTestIssuer, R"(["other","client123"])"));
  CHECK(verify_jwt(arr, jwks(), expect(TokenUse::Id), at(kT)));
  // Within the leeway on both ends.
  CHECK(verify_jwt(TestKeys::id().jwt(id_claims(kT, kT + 100)), jwks(), expect(TokenUse::Id), at(kT + 150)));
  CHECK(verify_jwt(TestKeys::id().jwt(id_claims(kT + 50, kT + 100)), jwks(), expect(TokenUse::Id), at(kT)));
}

TEST_CASE("tokens: verify_jwt rejects a wrong or tampered signature") {
  const std::string good = TestKeys::id().jwt(id_claims(kT, kT + 3600));

  // Signed by a key outside the JWKS but claiming the ID key's kid.
  const std::string forged = TestKeys::other().jwt(id_claims(kT, kT + 3600), R"({"kid":"id-key-1","alg":"RS256"})");
  CHECK(rejected(forged, TokenUse::Id, kT).message.find("signature") != std::string::npos);

  // Signed by the access key, presented under the ID key's kid.
  const std::string swapped = TestKeys::access().jwt(id_claims(kT, kT + 3600), R"({"kid":"id-key-1","alg":"RS256"})");
  CHECK(rejected(swapped, TokenUse::Id, kT).code == ErrorCode::TokenInvalid);

  // Payload changed after signing (username swapped).
  const auto dot1 = good.find('.');
  const auto dot2 = good.find('.', dot1 + 1);
  std::string claims = id_claims(kT, kT + 3600);
  claims.replace(claims.find("alice"), 5, "mallo");
  const std::string tampered = good.substr(0, dot1 + 1) + b64url(claims) + good.substr(dot2);
  CHECK(rejected(tampered, TokenUse::Id, kT).message.find("signature") != std::string::npos);

  // Signature bytes flipped / truncated / not base64url / empty.
  std::string flipped = good;
  flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
  CHECK(rejected(flipped, TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
  CHECK(rejected(good.substr(0, good.size() - 10), TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
  CHECK(rejected(good + "*", TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
  CHECK(rejected(good.substr(0, dot2 + 1), TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
}

TEST_CASE("tokens: verify_jwt rejects unknown kid, alg none and HS256") {
  const std::string payload = id_claims(kT, kT + 3600);

  auto unknown = rejected(TestKeys::other().jwt(payload), TokenUse::Id, kT);
  CHECK(unknown.code == ErrorCode::TokenInvalid);
  CHECK(unknown.message.find("kid") != std::string::npos);
  CHECK(rejected(TestKeys::id().jwt(payload, R"({"alg":"RS256"})"), TokenUse::Id, kT).code == ErrorCode::TokenInvalid);

  // alg none, with and without a signature segment.
  const std::string none_input = b64url(R"({"kid":"id-key-1","alg":"none"})") + "." + b64url(payload);
  CHECK(rejected(none_input + ".", TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
  CHECK(rejected(none_input + "." + b64url("x"), TokenUse::Id, kT).message.find("RS256") != std::string::npos);
  // RS256 header but no signature.
  CHECK(rejected(b64url(R"({"kid":"id-key-1","alg":"RS256"})") + "." + b64url(payload) + ".", TokenUse::Id, kT)
            .code == ErrorCode::TokenInvalid);

  // HS256 keyed with the public modulus (the classic algorithm confusion).
  const std::string hs_input = b64url(R"({"kid":"id-key-1","alg":"HS256"})") + "." + b64url(payload);
  const std::string mac_key = TestKeys::id().modulus_b64url();
  unsigned char mac[32];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), mac_key.data(), static_cast<int>(mac_key.size()),
       reinterpret_cast<const unsigned char*>(hs_input.data()), hs_input.size(), mac, &mac_len);
  const std::string hs = hs_input + "." + b64url(std::string_view(reinterpret_cast<char*>(mac), mac_len));
  CHECK(rejected(hs, TokenUse::Id, kT).message.find("RS256") != std::string::npos);
  // Case matters: "rs256" is not RS256.
  CHECK(rejected(TestKeys::id().jwt(payload, R"({"kid":"id-key-1","alg":"rs256"})"), TokenUse::Id, kT).code ==
        ErrorCode::TokenInvalid);
}

TEST_CASE("tokens: verify_jwt checks iss, token_use, aud and client_id") {
  const std::string other_pool = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other";

  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60, other_pool)), TokenUse::Id, kT).message.find("iss") !=
        std::string::npos);
  CHECK(rejected(TestKeys::access().jwt(access_claims(kT, kT + 60, std::string(kTestIssuer) + "/")), TokenUse::Access, kT)
            .message.find("iss") != std::string::npos);

  // An ID token presented as an access token and vice versa.
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60)), TokenUse::Access, kT).message.find("token_use") !=
        std::string::npos);
  CHECK(rejected(TestKeys::access().jwt(access_claims(kT, kT + 60)), TokenUse::Id, kT).message.find("token_use") !=
        std::string::npos);
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60, kTestIssuer, "\"client123\"", "ID")), TokenUse::Id, kT).code ==
        ErrorCode::TokenInvalid);

  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60, kTestIssuer, "\"client999\"")), TokenUse::Id, kT)
            .message.find("aud") != std::string::npos);
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60, kTestIssuer, R"(["a","b"])")), TokenUse::Id, kT).code ==
        ErrorCode::TokenInvalid);
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT, kT + 60, kTestIssuer, "42")), TokenUse::Id, kT).code ==
        ErrorCode::TokenInvalid);
  CHECK(rejected(TestKeys::access().jwt(access_claims(kT, kT + 60, kTestIssuer, "client999")), TokenUse::Access, kT)
            .message.find("client_id") != std::string::npos);

  // Incomplete expectations are a usage error.
  JwtExpectations e = expect(TokenUse::Id);
  e.client_id.clear();
  auto r = verify_jwt(TestKeys::id().jwt(id_claims(kT, kT + 60)), jwks(), e, at(kT));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("tokens: verify_jwt checks exp, iat and nbf with the leeway") {
  // exp <= now - leeway: expired.
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT - 3600, kT - 61)), TokenUse::Id, kT).message.find("expired") !=
        std::string::npos);
  CHECK(rejected(TestKeys::id().jwt(id_claims(kT - 3600, kT - 60)), TokenUse::Id, kT).code == ErrorCode::TokenInvalid);
  CHECK(verify_jwt(TestKeys::id().jwt(id_claims(kT - 3600, kT - 59)), jwks(), expect(TokenUse::Id), at(kT)));
  // Without leeway.
  JwtExpectations strict = expect(TokenUse::Access);
  strict.leeway = seconds(0);
  CHECK_FALSE(verify_jwt(TestKeys::access().jwt(access_claims(kT - 10, kT)), jwks(), strict, at(kT)));
  CHECK(verify_jwt(TestKeys::access().jwt(access_claims(kT - 10, kT + 1)), jwks(), strict, at(kT)));

  // iat after now + leeway: issued in the future.
  CHECK(rejected(TestKeys::access().jwt(access_claims(kT + 61, kT + 3600)), TokenUse::Access, kT).message.find("iat") !=
        std::string::npos);
  CHECK(verify_jwt(TestKeys::access().jwt(access_claims(kT + 60, kT + 3600)), jwks(), expect(TokenUse::Access), at(kT)));

  // Missing or non-numeric exp / iat.
  CHECK(rejected(TestKeys::id().jwt(R"({"iss":")" + std::string(kTestIssuer) +
                          R"(","token_use":"id","aud":"client123","iat":1800000000})"),
                 TokenUse::Id, kT)
            .message.find("exp") != std::string::npos);
  CHECK(rejected(TestKeys::id().jwt(R"({"iss":")" + std::string(kTestIssuer) +
                          R"(","token_use":"id","aud":"client123","exp":"1800000100","iat":1800000000})"),
                 TokenUse::Id, kT)
            .code == ErrorCode::TokenInvalid);
  CHECK(rejected(TestKeys::id().jwt(R"({"iss":")" + std::string(kTestIssuer) +
                          R"(","token_use":"id","aud":"client123","exp":1800000100})"),
                 TokenUse::Id, kT)
            .message.find("iat") != std::string::npos);
  // nbf in the future.
  CHECK(rejected(TestKeys::id().jwt(R"({"iss":")" + std::string(kTestIssuer) +
                          R"(","token_use":"id","aud":"client123","exp":1800000100,"iat":1800000000,)"
                          R"("nbf":1800000090})"),
                 TokenUse::Id, kT)
            .message.find("nbf") != std::string::npos);
}

TEST_CASE("tokens: default_issuer") {
  CHECK(default_issuer("us-east-1_AbCdEf") == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf");
  CHECK(default_issuer("eu-west-3_X") == "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_X");
  CHECK(default_issuer("cn-north-1_X") == "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_X");
  CHECK(default_issuer("nounderscore").empty());
  CHECK(default_issuer("").empty());
}

TEST_CASE("tokens: update_times records times and clock drift") {
  Tokens t;
  t.access_token = SecretString(unsigned_jwt(access_claims(kT, kT + 3600)));
  t.id_token = SecretString(unsigned_jwt(id_claims(kT - 5, kT + 3000)));
  t.refresh_token = SecretString("opaque.refresh.token.jwe.x");

  // This machine's clock is 100 s ahead of the server's.
  REQUIRE(t.update_times(at(kT + 100)));
  CHECK(t.issued_at == at(kT));
  CHECK(t.expires_at == at(kT + 3000));      // the earlier exp (ID token)
  CHECK(t.clock_drift == seconds(105));     // now - min(iat)

  // Behind the server: negative drift.
  REQUIRE(t.update_times(at(kT - 40)));
  CHECK(t.clock_drift == seconds(-35));

  // The ID token is optional; the access token is not.
  Tokens only_access;
  only_access.access_token = SecretString(unsigned_jwt(access_claims(kT, kT + 600)));
  REQUIRE(only_access.update_times(at(kT)));
  CHECK(only_access.expires_at == at(kT + 600));
  CHECK(only_access.clock_drift == seconds(0));

  Tokens none;
  CHECK(none.update_times(at(kT)).error().code == ErrorCode::TokenInvalid);
  Tokens broken = t.clone();
  broken.id_token = SecretString("not-a-jwt");
  const SystemTime before = broken.expires_at;
  CHECK(broken.update_times(at(kT)).error().code == ErrorCode::TokenInvalid);
  CHECK(broken.expires_at == before);  // unchanged on failure
  Tokens no_exp;
  no_exp.access_token = SecretString(unsigned_jwt(R"({"iat":1800000000})"));
  CHECK(no_exp.update_times(at(kT)).error().code == ErrorCode::TokenInvalid);
}

TEST_CASE("tokens: needs_refresh uses the drift-corrected clock and the margin") {
  Tokens t;
  CHECK(t.needs_refresh(at(kT)));  // nothing yet
  t.access_token = SecretString(unsigned_jwt(access_claims(kT, kT + 3600)));
  t.id_token = SecretString(unsigned_jwt(id_claims(kT, kT + 3600)));

  // Local clock 1000 s ahead: local kT+1000 is server kT.
  REQUIRE(t.update_times(at(kT + 1000)));
  CHECK_FALSE(t.needs_refresh(at(kT + 1000)));
  CHECK_FALSE(t.needs_refresh(at(kT + 1000 + 3299)));       // 301 s left > 300 s margin
  CHECK(t.needs_refresh(at(kT + 1000 + 3300)));             // 300 s left
  CHECK_FALSE(t.needs_refresh(at(kT + 1000 + 3500), seconds(60)));
  CHECK(t.needs_refresh(at(kT + 1000 + 3540), seconds(60)));
  CHECK(t.needs_refresh(at(kT + 1000 + 3600), seconds(0)));  // expired
  CHECK(t.needs_refresh(at(kT + 1000 + 9999), seconds(0)));
  // One second before expiry on the server's clock (an uncorrected clock
  // would have called the token expired 1000 s earlier).
  CHECK_FALSE(t.needs_refresh(at(kT + 1000 + 3599), seconds(0)));

  // 5-minute tokens: the margin is capped at half the lifetime.
  Tokens short_lived;
  short_lived.access_token = SecretString(unsigned_jwt(access_claims(kT, kT + 300)));
  REQUIRE(short_lived.update_times(at(kT)));
  CHECK_FALSE(short_lived.needs_refresh(at(kT + 149)));
  CHECK(short_lived.needs_refresh(at(kT + 150)));
}

TEST_CASE("tokens: needs_refresh with extreme margins, drifts and times does not overflow") {
  const seconds huge[] = {seconds::max(), seconds(INT64_MAX / 2), seconds(INT64_MAX / 1'000'000'000 + 1),
                          seconds(400LL * 365 * 86'400)};
  // Tokens whose lifetime is not positive (exp == iat): the margin is not
  // capped at half the lifetime and goes into the sum as it is.
  Tokens flat;
  flat.access_token = SecretString(unsigned_jwt(access_claims(kT + 3600, kT + 3600)));
  REQUIRE(flat.update_times(at(kT + 3600)));
  REQUIRE(flat.expires_at == flat.issued_at);
  CHECK_FALSE(flat.needs_refresh(at(kT + 3599), seconds(0)));
  for (const seconds margin : huge) {
    CAPTURE(margin.count());
    CHECK(flat.needs_refresh(at(kT), margin));
    CHECK(flat.needs_refresh(SystemTime::min(), margin));
    CHECK(flat.needs_refresh(SystemTime::max(), margin));
  }
  CHECK(flat.needs_refresh(at(kT), seconds(200LL * 365 * 86'400)));  // within the clock's range
  CHECK_FALSE(flat.needs_refresh(at(kT), seconds::min()));            // a negative margin counts as none
  CHECK_FALSE(flat.needs_refresh(at(kT), seconds(INT64_MIN / 2)));

  // Hour-long tokens: any margin is capped at half the lifetime.
  Tokens t;
  t.access_token = SecretString(unsigned_jwt(access_claims(kT, kT + 3600)));
  REQUIRE(t.update_times(at(kT)));
  for (const seconds margin : huge) {
    CAPTURE(margin.count());
    CHECK_FALSE(t.needs_refresh(at(kT + 1799), margin));
    CHECK(t.needs_refresh(at(kT + 1800), margin));
    CHECK(t.needs_refresh(SystemTime::max(), margin));
    CHECK_FALSE(t.needs_refresh(SystemTime::min(), margin));
  }

  // A clock drift beyond the clock's range: this machine's clock infinitely
  // behind the server's means the tokens are long expired, infinitely ahead
  // means they were issued just now.
  Tokens behind = t.clone();
  behind.clock_drift = seconds::min();
  CHECK(behind.needs_refresh(at(kT)));
  CHECK(behind.needs_refresh(at(kT), seconds(0)));
  Tokens ahead = t.clone();
  ahead.clock_drift = seconds::max();
  CHECK_FALSE(ahead.needs_refresh(at(kT)));
  CHECK(ahead.needs_refresh(at(kT), seconds::max()) == ahead.needs_refresh(at(kT), seconds(1800)));

  // Times at the ends of the clock's range.
  Tokens wide = t.clone();
  wide.issued_at = SystemTime::min();
  wide.expires_at = SystemTime::max();
  CHECK_FALSE(wide.needs_refresh(at(kT), seconds::max()));
  CHECK(wide.needs_refresh(SystemTime::max(), seconds(0)));
}

TEST_CASE("tokens: clone copies every field") {
  Tokens t;
  t.id_token = SecretString("i");
  t.access_token = SecretString("a");
  t.refresh_token = SecretString("r");
  t.token_type = "Bearer";
  t.expires_in = 3600;
  t.issued_at = at(kT);
  t.expires_at = at(kT + 3600);
  t.clock_drift = seconds(7);
  Tokens c = t.clone();
  CHECK(c.id_token == t.id_token);
  CHECK(c.access_token == t.access_token);
  CHECK(c.refresh_token == t.refresh_token);
  CHECK(c.token_type == "Bearer");
  CHECK(c.expires_in == 3600);
  CHECK(c.issued_at == t.issued_at);
  CHECK(c.expires_at == t.expires_at);
  CHECK(c.clock_drift == seconds(7));
  CHECK(c.access_token.data() != t.access_token.data());  // a real copy

  DeviceCredentials d{"us-east-1_dev", "group", SecretString("pw")};
  DeviceCredentials dc = d.clone();
  CHECK(dc.device_key == "us-east-1_dev");
  CHECK(dc.device_password == d.device_password);
}

TEST_CASE("tokens: verify_jwt with a leeway at the end of its range does not overflow") {
  // now + leeway and now - leeway must saturate: with seconds::max() as the
  // leeway every exp/iat/nbf is within it (the wrapped sum once called a
  // token issued at kT "issued in the future").
  JwtExpectations e = expect(TokenUse::Id);
  e.leeway = seconds::max();
  const std::string nbf_claims = R"({"iss":")" + std::string(kTestIssuer) +
                                 R"(","token_use":"id","aud":"client123","exp":1800003600,"iat":1800000000,)"
                                 R"("nbf":1800000000})";
  for (const SystemTime now : {at(kT), at(kT + 7200), at(kT - 7200), SystemTime::max(), SystemTime::min()}) {
    CAPTURE(now.time_since_epoch().count());
    CHECK(verify_jwt(TestKeys::id().jwt(id_claims(kT, kT + 3600)), jwks(), e, now));
    CHECK(verify_jwt(TestKeys::id().jwt(nbf_claims), jwks(), e, now));
  }
  // INT64_MIN as exp is expired even under the largest leeway; the bounds
  // of the leeway window do not wrap.
  const std::string min_exp = R"({"iss":")" + std::string(kTestIssuer) +
                              R"(","token_use":"id","aud":"client123","exp":-9223372036854775808,"iat":0})";
  CHECK_FALSE(verify_jwt(TestKeys::id().jwt(min_exp), jwks(), e, at(kT)));
  // A large but ordinary leeway still judges by it.
  e.leeway = seconds(INT64_MAX - kT + 1);
  CHECK(verify_jwt(TestKeys::id().jwt(id_claims(kT, kT + 3600)), jwks(), e, at(kT)));
}
