// Fuzz target: JWT decoding, JWKS parsing and RS256 verification
// (cognito/tokens.hpp: JwtClaims::decode, Jwks::parse, verify_jwt,
// Tokens::update_times / needs_refresh).
//
// The key: a 2048-bit RSA key generated once per process (the signature is
// deterministic and only its validity matters, so runs stay reproducible); its
// JWKS holds it under the kid "fuzz-key". No private key is checked in.
//
// Input (FuzzedDataProvider): a mode, then mode-specific values.
//   0  JwtClaims::decode of the raw rest, claim accessors, Tokens times;
//   1  Jwks::parse of the raw rest (copies, lookups);
//   2  verify_jwt of the raw rest against the fixed JWKS;
//   3  structured: header and payload JSON built from fuzzed fields (or raw
//      fuzzed JSON), signed here with the key (optionally tampered with), then
//      verify_jwt — which is checked against an independent re-implementation
//      of the claim rules (both directions: no accepted token may break a
//      rule, no token that follows them may be refused) — and the Tokens
//      expiry arithmetic on the same token.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cognito/tokens.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_support.hpp"
#include "wire/json.hpp"

using namespace cognito;

namespace {

constexpr std::string_view kKid = "fuzz-key";
constexpr std::string_view kIssuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FuzzPool1";
constexpr std::string_view kClientId = "fuzzclientid0000000000001";

struct Key {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey{EVP_RSA_gen(2048), &EVP_PKEY_free};
  std::optional<Jwks> jwks;

  Key() {
    FUZZ_CHECK(pkey != nullptr, "EVP_RSA_gen");
    const std::string json = R"({"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":")" + std::string(kKid) +
                             R"(","n":")" + component(OSSL_PKEY_PARAM_RSA_N) + R"(","e":")" +
                             component(OSSL_PKEY_PARAM_RSA_E) + R"("}]})";
    auto parsed = Jwks::parse(json);
    FUZZ_CHECK(parsed.has_value(), "the fuzz key's JWKS does not parse");
    jwks.emplace(std::move(*parsed));
  }

  std::string component(const char* name) const {
    BIGNUM* bn = nullptr;
    FUZZ_CHECK(EVP_PKEY_get_bn_param(pkey.get(), name, &bn) == 1, "EVP_PKEY_get_bn_param");
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return crypto::base64url_encode(bytes);
  }

  std::string sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    FUZZ_CHECK(ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) == 1, "sign init");
    std::size_t len = 0;
    const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
    FUZZ_CHECK(EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) == 1, "sign size");
    std::string sig(len, '\0');
    FUZZ_CHECK(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg, message.size()) == 1,
               "sign");
    sig.resize(len);
    return sig;
  }
};

const Key& key() {
  static const Key k;
  return k;
}

JwtExpectations expectations(TokenUse use, std::chrono::seconds leeway) {
  JwtExpectations e;
  e.issuer = std::string(kIssuer);
  e.client_id = std::string(kClientId);
  e.token_use = use;
  e.leeway = leeway;
  return e;
}

/// Tokens arithmetic with `jwt` as access (and maybe ID) token.
void exercise_tokens(const std::string& jwt, bool as_id_too, std::int64_t margin_s) {
  Tokens t;
  t.access_token = SecretString(jwt);
  if (as_id_too) t.id_token = SecretString(jwt);
  auto r = t.update_times(fuzz::fixed_now());
  if (!r) FUZZ_CHECK(r.error().code == ErrorCode::TokenInvalid, "update_times error code");
  (void)t.needs_refresh(fuzz::fixed_now(), std::chrono::seconds(margin_s));
  Tokens copy = t.clone();
  FUZZ_CHECK(copy.expires_at == t.expires_at && copy.clock_drift == t.clock_drift, "Tokens::clone");
}

void mode_decode(FuzzedDataProvider& in) {
  const bool id_too = in.ConsumeBool();
  const std::string jwt = in.ConsumeRemainingBytesAsString();
  auto c = JwtClaims::decode(jwt);
  if (!c) {
    FUZZ_CHECK(c.error().code == ErrorCode::TokenInvalid, "decode error code");
  } else {
    detail::json::Document h, p;
    FUZZ_CHECK(detail::json::parse_object(c->header_json, h).has_value(), "decoded header is not an object");
    FUZZ_CHECK(detail::json::parse_object(c->payload_json, p).has_value(), "decoded payload is not an object");
    for (const char* name : {"sub", "cognito:username", "token_use", "iss", "exp"}) (void)c->string_claim(name);
    for (const char* name : {"exp", "iat", "auth_time", "sub"}) (void)c->int_claim(name);
    (void)c->header("kid");
    (void)c->header("alg");
  }
  exercise_tokens(jwt, id_too, 300);
}

void mode_jwks(FuzzedDataProvider& in) {
  const std::string kid = in.ConsumeRandomLengthString(16);
  const std::string json = in.ConsumeRemainingBytesAsString();
  auto j = Jwks::parse(json);
  if (!j) {
    FUZZ_CHECK(j.error().code == ErrorCode::TokenInvalid, "Jwks::parse error code");
    return;
  }
  FUZZ_CHECK(j->size() >= 1, "an accepted JWKS without keys");
  Jwks copy(*j);
  FUZZ_CHECK(copy.size() == j->size() && copy.has_key(kid) == j->has_key(kid), "Jwks copy");
  Jwks moved(std::move(copy));
  FUZZ_CHECK(moved.size() == j->size(), "Jwks move");
}

void mode_verify_raw(FuzzedDataProvider& in) {
  const TokenUse use = in.ConsumeBool() ? TokenUse::Id : TokenUse::Access;
  const std::string jwt = in.ConsumeRemainingBytesAsString();
  auto r = verify_jwt(jwt, *key().jwks, expectations(use, std::chrono::seconds(60)), fuzz::fixed_now());
  // Only the harness holds the private key: a raw input cannot carry a valid signature.
  FUZZ_CHECK(!r, "verify_jwt accepted a token not signed by the key");
  FUZZ_CHECK(r.error().code == ErrorCode::TokenInvalid, "verify_jwt error code");
}

// ---- mode 3: structured tokens and the reference rules ---------------------------

/// A JSON number or string as claim value.
std::string claim_value(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 6)) {
    case 0: return std::to_string(in.ConsumeIntegralInRange<std::int64_t>(1772366400 - 100000, 1772366400 + 100000));
    case 1: return std::to_string(in.ConsumeIntegral<std::int64_t>());
    case 2: return std::to_string(in.ConsumeIntegral<std::uint64_t>());
    case 3: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", in.ConsumeFloatingPoint<double>());
      return std::isfinite(std::strtod(buf, nullptr)) ? std::string(buf) : std::string("1.7723664E9");
    }
    case 4: return "1.7723664E9";
    case 5: return fuzz::json_quote(in.ConsumeRandomLengthString(12));
    default: return in.ConsumeRandomLengthString(24);  // raw: maybe not JSON at all
  }
}

std::string pick_string(FuzzedDataProvider& in, std::string_view good, std::initializer_list<std::string_view> others) {
  const std::size_t n = others.size();
  const std::size_t i = in.ConsumeIntegralInRange<std::size_t>(0, n + 1);
  if (i == 0) return std::string(good);
  if (i <= n) return std::string(*(others.begin() + (i - 1)));
  return in.ConsumeRandomLengthString(24);
}

std::string build_header(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange(0, 9) == 0) return in.ConsumeRandomLengthString(128);
  std::string h = "{";
  h += R"("alg":)" + fuzz::json_quote(pick_string(in, "RS256", {"none", "HS256", "rs256", "RS512", ""}));
  if (in.ConsumeIntegralInRange(0, 7) != 0)
    h += R"(,"kid":)" + fuzz::json_quote(pick_string(in, kKid, {"other-key", ""}));
  if (in.ConsumeBool()) h += R"(,"typ":"JWT")";
  h += "}";
  return h;
}

std::string build_payload(FuzzedDataProvider& in, TokenUse use) {
  if (in.ConsumeIntegralInRange(0, 9) == 0) return in.ConsumeRandomLengthString(256);
  std::string p = "{";
  auto add = [&](std::string_view name, const std::string& value) {
    if (p.size() > 1) p += ",";
    p += fuzz::json_quote(name) + ":" + value;
  };
  const auto maybe = [&] { return in.ConsumeIntegralInRange(0, 7) != 0; };
  if (maybe()) add("iss", fuzz::json_quote(pick_string(in, kIssuer, {"https://evil.example/us-east-1_FuzzPool1"})));
  const bool id = use == TokenUse::Id;
  if (maybe()) add("token_use", fuzz::json_quote(pick_string(in, id ? "id" : "access", {id ? "access" : "id"})));
  if (maybe()) {
    const std::string cid = fuzz::json_quote(pick_string(in, kClientId, {"otherclient"}));
    if (id) {
      switch (in.ConsumeIntegralInRange(0, 2)) {
        case 0: add("aud", cid); break;
        case 1: add("aud", "[\"x\"," + cid + "]"); break;
        default: add("aud", claim_value(in)); break;
      }
    } else {
      add("client_id", in.ConsumeBool() ? cid : claim_value(in));
    }
  }
  if (maybe()) add("exp", claim_value(in));
  if (maybe()) add("iat", claim_value(in));
  if (in.ConsumeBool()) add("nbf", claim_value(in));
  if (in.ConsumeBool()) add("sub", fuzz::json_quote(in.ConsumeRandomLengthString(40)));
  if (in.ConsumeBool()) add("cognito:username", fuzz::json_quote(in.ConsumeRandomLengthString(40)));
  p += "}";
  return p;
}

std::optional<std::int64_t> ref_int(const detail::json::Value& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsDouble()) {
    const double d = v.GetDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

/// The rules of verify_jwt after the signature, re-implemented.
bool ref_claims_ok(const std::string& header_json, const std::string& payload_json, TokenUse use,
                   std::int64_t leeway) {
  namespace json = detail::json;
  json::Document h, p;
  if (!json::parse_object(header_json, h) || !json::parse_object(payload_json, p)) return false;
  const auto alg = json::string_member(h, "alg");
  const auto kid = json::string_member(h, "kid");
  if (!alg || *alg != "RS256" || !kid || *kid != kKid) return false;
  const auto iss = json::string_member(p, "iss");
  if (!iss || *iss != kIssuer) return false;
  const auto tu = json::string_member(p, "token_use");
  if (!tu || *tu != (use == TokenUse::Id ? "id" : "access")) return false;
  if (use == TokenUse::Id) {
    const json::Value* aud = json::find_member(p, "aud");
    if (aud == nullptr) return false;
    bool match = aud->IsString() && json::as_string(*aud) == kClientId;
    if (aud->IsArray())
      for (const auto& a : aud->GetArray()) match = match || (a.IsString() && json::as_string(a) == kClientId);
    if (!match) return false;
  } else {
    const auto cid = json::string_member(p, "client_id");
    if (!cid || *cid != kClientId) return false;
  }
  const std::int64_t now = 1772366400;
  const json::Value* exp = json::find_member(p, "exp");
  const json::Value* iat = json::find_member(p, "iat");
  const auto e = exp ? ref_int(*exp) : std::nullopt;
  const auto i = iat ? ref_int(*iat) : std::nullopt;
  if (!e || *e <= now - leeway) return false;
  if (!i || *i > now + leeway) return false;
  if (const json::Value* nbf = json::find_member(p, "nbf")) {
    const auto n = ref_int(*nbf);
    if (!n || *n > now + leeway) return false;
  }
  return true;
}

void mode_structured(FuzzedDataProvider& in) {
  const TokenUse use = in.ConsumeBool() ? TokenUse::Id : TokenUse::Access;
  const std::int64_t leeway = in.ConsumeIntegralInRange<std::int64_t>(-10, 600);
  const std::string header = build_header(in);
  const std::string payload = build_payload(in, use);
  const std::string input = crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload);
  const std::string good_sig = key().sign(input);
  std::string sig = good_sig;
  const int tamper = in.ConsumeIntegralInRange(0, 7);
  if (tamper == 1 && !sig.empty()) sig[in.ConsumeIntegralInRange<std::size_t>(0, sig.size() - 1)] ^= 0x01;
  if (tamper == 2) sig.resize(in.ConsumeIntegralInRange<std::size_t>(0, sig.size()));
  const std::string jwt = input + "." + (tamper == 3 ? std::string() : crypto::base64url_encode(sig));

  auto r = verify_jwt(jwt, *key().jwks, expectations(use, std::chrono::seconds(leeway)), fuzz::fixed_now());
  const bool signature_ok = tamper != 3 && sig == good_sig;
  const bool expected = signature_ok && ref_claims_ok(header, payload, use, std::max<std::int64_t>(0, leeway));
  FUZZ_CHECK(r.has_value() == expected, std::string("verify_jwt ") + (r ? "accepted" : "refused (" + r.error().message + ")") +
                                            " a token the reference " + (expected ? "accepts" : "refuses"));
  if (r) {
    FUZZ_CHECK(r->header_json == header && r->payload_json == payload, "verified claims differ from the token");
  } else {
    FUZZ_CHECK(r.error().code == ErrorCode::TokenInvalid, "verify_jwt error code");
    FUZZ_CHECK(!fuzz::contains(r.error().message, jwt), "error message quotes the token");
  }
  const bool id_too = in.ConsumeBool();
  exercise_tokens(jwt, id_too, in.ConsumeIntegral<std::int32_t>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)key();
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: mode_decode(in); break;
    case 1: mode_jwks(in); break;
    case 2: mode_verify_raw(in); break;
    default: mode_structured(in); break;
  }
  return 0;
}
