// Tokens, JWT decoding, JWKS parsing and RS256 verification (protocol §7).
#include "cognito/tokens.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <ratio>
#include <utility>

#include "cognito/config.hpp"
#include "crypto/crypto.hpp"
#include "wire/json.hpp"

namespace cognito {

namespace json = detail::json;

struct Jwks::Impl {
  std::map<std::string, crypto::RsaPublicKey, std::less<>> keys;
};

namespace detail {
struct JwksAccess {
  static const crypto::RsaPublicKey* key(const Jwks& jwks, std::string_view kid) {
    if (!jwks.impl_) return nullptr;
    auto it = jwks.impl_->keys.find(kid);
    return it == jwks.impl_->keys.end() ? nullptr : &it->second;
  }
};
}  // namespace detail

namespace {

Error invalid(std::string message) { return Error(ErrorCode::TokenInvalid, std::move(message)); }

/// The three segments of a compact JWS, as views into the token.
struct Segments {
  std::string_view header, payload, signature;
};

Result<Segments> split(std::string_view jwt) {
  const auto first = jwt.find('.');
  if (first == std::string_view::npos) return invalid("JWT: not three dot-separated segments");
  const auto second = jwt.find('.', first + 1);
  if (second == std::string_view::npos || jwt.find('.', second + 1) != std::string_view::npos)
    return invalid("JWT: not three dot-separated segments");
  Segments s{jwt.substr(0, first), jwt.substr(first + 1, second - first - 1), jwt.substr(second + 1)};
  if (s.header.empty() || s.payload.empty()) return invalid("JWT: empty header or payload segment");
  return s;
}

/// Base64url-decodes a segment and checks that it holds a JSON object.
Result<std::string> decode_object(std::string_view segment, const char* what) {
  auto bytes = crypto::base64url_decode(segment);
  if (!bytes) return invalid(std::string("JWT: the ") + what + " is not base64url");
  json::Document doc;
  if (!json::parse_object(*bytes, doc)) return invalid(std::string("JWT: the ") + what + " is not a JSON object");
  return std::move(*bytes);
}

std::optional<std::string> string_of(const std::string& object_json, std::string_view name) {
  json::Document doc;
  if (!json::parse_object(object_json, doc)) return std::nullopt;
  auto v = json::string_member(doc, name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

std::optional<std::int64_t> int_of(const json::Value& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsUint64()) return std::nullopt;  // beyond int64
  if (v.IsDouble()) {
    const double d = v.GetDouble();
    // Integral values written with an exponent or ".0" (1.7E9): accept.
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9.2e18) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

SystemTime from_unix(std::int64_t seconds) { return SystemTime(std::chrono::seconds(seconds)); }

// Saturating integer arithmetic (SystemTime ticks in needs_refresh, Unix
// seconds in verify_jwt).
using Rep = SystemTime::rep;
static_assert(std::ratio_less_equal_v<SystemTime::period, std::ratio<1>>, "system_clock ticks are at most a second");
constexpr Rep kRepMax = std::numeric_limits<Rep>::max();
constexpr Rep kRepMin = std::numeric_limits<Rep>::min();

template <class T>
T sat_add(T a, T b) noexcept {
  constexpr T kMax = std::numeric_limits<T>::max();
  constexpr T kMin = std::numeric_limits<T>::min();
  if (b > 0 && a > kMax - b) return kMax;
  if (b < 0 && a < kMin - b) return kMin;
  return a + b;
}

template <class T>
T sat_sub(T a, T b) noexcept {
  constexpr T kMax = std::numeric_limits<T>::max();
  constexpr T kMin = std::numeric_limits<T>::min();
  if (b < 0 && a > kMax + b) return kMax;
  if (b > 0 && a < kMin + b) return kMin;
  return a - b;
}

/// `d` in SystemTime ticks, clamped to what a Rep holds.
Rep ticks(std::chrono::seconds d) noexcept {
  using Ticks = SystemTime::duration;
  constexpr auto kMax = std::chrono::duration_cast<std::chrono::seconds>(Ticks::max());
  constexpr auto kMin = std::chrono::duration_cast<std::chrono::seconds>(Ticks::min());
  if (d >= kMax) return kRepMax;
  if (d <= kMin) return kRepMin;
  return std::chrono::duration_cast<Ticks>(d).count();
}

std::int64_t to_unix(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// iat and exp of one token (no signature check).
struct Times {
  std::int64_t iat = 0;
  std::int64_t exp = 0;
};

Result<Times> times_of(std::string_view jwt, const char* which) {
  auto claims = JwtClaims::decode(jwt);
  if (!claims) return invalid(std::string(which) + " token: " + claims.error().message);
  auto iat = claims->int_claim("iat");
  auto exp = claims->int_claim("exp");
  if (!iat || !exp) return invalid(std::string(which) + " token: no numeric iat/exp claim");
  // SystemTime counts nanoseconds in an int64: seconds beyond about +-292
  // years overflow it. No real token is issued before 1970 or after 2100.
  constexpr std::int64_t kMaxTime = 4102444800;  // 2100-01-01T00:00:00Z
  if (*iat < 0 || *iat > kMaxTime || *exp < 0 || *exp > kMaxTime)
    return invalid(std::string(which) + " token: iat/exp out of range");
  return Times{*iat, *exp};
}

bool audience_matches(const json::Value& aud, std::string_view client_id) {
  if (aud.IsString()) return json::as_string(aud) == client_id;
  if (aud.IsArray()) {
    for (const auto& item : aud.GetArray())
      if (item.IsString() && json::as_string(item) == client_id) return true;
  }
  return false;
}

}  // namespace

// ---- Tokens --------------------------------------------------------------------

Result<void> Tokens::update_times(SystemTime now) {
  if (access_token.empty()) return invalid("no access token");
  auto access = times_of(access_token.reveal(), "access");
  if (!access) return std::move(access).error();
  std::int64_t oldest_iat = access->iat;
  std::int64_t earliest_exp = access->exp;
  if (!id_token.empty()) {
    auto id = times_of(id_token.reveal(), "ID");
    if (!id) return std::move(id).error();
    oldest_iat = std::min(oldest_iat, id->iat);
    earliest_exp = std::min(earliest_exp, id->exp);
  }
  issued_at = from_unix(access->iat);
  expires_at = from_unix(earliest_exp);
  clock_drift = std::chrono::seconds(to_unix(now) - oldest_iat);
  return {};
}

bool Tokens::needs_refresh(SystemTime now, std::chrono::seconds margin) const noexcept {
  if (access_token.empty() || expires_at == SystemTime{}) return true;
  const Rep lifetime = sat_sub(expires_at.time_since_epoch().count(), issued_at.time_since_epoch().count());
  if (lifetime > 0) {
    const auto half_life = std::chrono::duration_cast<std::chrono::seconds>(SystemTime::duration(lifetime)) / 2;
    margin = std::min(margin, half_life);
  }
  if (margin.count() < 0) margin = std::chrono::seconds(0);
  // now - clock_drift + margin >= expires_at, rearranged as margin >= the time
  // left on the server's clock, in SystemTime ticks with saturation: a margin
  // or drift beyond the clock's range (seconds::max() included) is clamped to
  // it instead of overflowing.
  const Rep left = sat_add(sat_sub(expires_at.time_since_epoch().count(), now.time_since_epoch().count()),
                           ticks(clock_drift));
  return ticks(margin) >= left;
}

Tokens Tokens::clone() const {
  Tokens t;
  t.id_token = id_token.clone();
  t.access_token = access_token.clone();
  t.refresh_token = refresh_token.clone();
  t.token_type = token_type;
  t.expires_in = expires_in;
  t.issued_at = issued_at;
  t.expires_at = expires_at;
  t.clock_drift = clock_drift;
  return t;
}

// ---- JwtClaims -----------------------------------------------------------------

Result<JwtClaims> JwtClaims::decode(std::string_view jwt) {
  auto seg = split(jwt);
  if (!seg) return std::move(seg).error();
  auto header = decode_object(seg->header, "header");
  if (!header) return std::move(header).error();
  auto payload = decode_object(seg->payload, "payload");
  if (!payload) return std::move(payload).error();
  JwtClaims c;
  c.header_json = std::move(*header);
  c.payload_json = std::move(*payload);
  return c;
}

std::optional<std::string> JwtClaims::string_claim(std::string_view name) const {
  return string_of(payload_json, name);
}

std::optional<std::int64_t> JwtClaims::int_claim(std::string_view name) const {
  json::Document doc;
  if (!json::parse_object(payload_json, doc)) return std::nullopt;
  const json::Value* v = json::find_member(doc, name);
  if (v == nullptr) return std::nullopt;
  return int_of(*v);
}

std::optional<std::string> JwtClaims::header(std::string_view name) const { return string_of(header_json, name); }

// ---- Jwks ----------------------------------------------------------------------

Jwks::Jwks(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;
Jwks::Jwks(const Jwks& o) : impl_(std::make_unique<Impl>(o.impl_ ? *o.impl_ : Impl{})) {}
Jwks& Jwks::operator=(const Jwks& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(o.impl_ ? *o.impl_ : Impl{});
  return *this;
}
Jwks::~Jwks() = default;

Result<Jwks> Jwks::parse(std::string_view text) {
  json::Document doc;
  if (!json::parse_object(text, doc)) return invalid("JWKS: not a JSON object");
  const json::Value* keys = json::find_member(doc, "keys");
  if (keys == nullptr || !keys->IsArray()) return invalid("JWKS: no \"keys\" array");
  auto impl = std::make_unique<Impl>();
  for (const auto& k : keys->GetArray()) {
    if (!k.IsObject()) continue;
    auto kty = json::string_member(k, "kty");
    auto alg = json::string_member(k, "alg");
    auto use = json::string_member(k, "use");
    auto kid = json::string_member(k, "kid");
    auto n = json::string_member(k, "n");
    auto e = json::string_member(k, "e");
    if (!kty || *kty != "RSA" || !kid || kid->empty() || !n || !e) continue;
    if (alg && *alg != "RS256") continue;  // alg is optional in a JWK; if present it must match
    if (use && *use != "sig") continue;
    auto key = crypto::RsaPublicKey::from_jwk(*n, *e);
    if (!key) continue;
    impl->keys.insert_or_assign(std::string(*kid), std::move(*key));
  }
  if (impl->keys.empty()) return invalid("JWKS: no usable RS256 RSA key");
  return Jwks(std::move(impl));
}

bool Jwks::has_key(std::string_view kid) const noexcept {
  return impl_ && impl_->keys.find(kid) != impl_->keys.end();
}

std::size_t Jwks::size() const noexcept { return impl_ ? impl_->keys.size() : 0; }

// ---- verification --------------------------------------------------------------

Result<JwtClaims> verify_jwt(std::string_view jwt, const Jwks& jwks, const JwtExpectations& expect,
                             SystemTime now) {
  if (expect.issuer.empty() || expect.client_id.empty())
    return fail(ErrorCode::InvalidArgument, "verify_jwt: the expected issuer and client id are required");
  auto seg = split(jwt);
  if (!seg) return std::move(seg).error();
  if (seg->signature.empty()) return invalid("JWT: unsigned (empty signature segment)");

  // 1. Header: alg and kid, before anything is trusted.
  auto header_json = decode_object(seg->header, "header");
  if (!header_json) return std::move(header_json).error();
  auto alg = string_of(*header_json, "alg");
  if (!alg || *alg != "RS256") return invalid("JWT: algorithm is not RS256");
  auto kid = string_of(*header_json, "kid");
  if (!kid) return invalid("JWT: no key id (kid) in the header");
  const crypto::RsaPublicKey* key = detail::JwksAccess::key(jwks, *kid);
  if (key == nullptr) return invalid("JWT: unknown key id (kid)");

  // 2. Signature over "<header>.<payload>" exactly as received.
  auto signature = crypto::base64url_decode(seg->signature);
  if (!signature) return invalid("JWT: the signature is not base64url");
  const std::string_view signing_input = jwt.substr(0, seg->header.size() + 1 + seg->payload.size());
  auto ok = key->verify_rs256(signing_input, *signature);
  if (!ok) return std::move(ok).error();
  if (!*ok) return invalid("JWT: bad signature");

  // 3. Claims.
  auto payload_json = decode_object(seg->payload, "payload");
  if (!payload_json) return std::move(payload_json).error();
  json::Document doc;
  if (!json::parse_object(*payload_json, doc)) return invalid("JWT: the payload is not a JSON object");

  auto iss = json::string_member(doc, "iss");
  if (!iss || *iss != expect.issuer) return invalid("JWT: wrong issuer (iss)");

  const bool id = expect.token_use == TokenUse::Id;
  auto use = json::string_member(doc, "token_use");
  if (!use || *use != (id ? "id" : "access")) return invalid("JWT: wrong token_use");

  if (id) {
    const json::Value* aud = json::find_member(doc, "aud");
    if (aud == nullptr || !audience_matches(*aud, expect.client_id)) return invalid("JWT: wrong audience (aud)");
  } else {
    auto client = json::string_member(doc, "client_id");
    if (!client || *client != expect.client_id) return invalid("JWT: wrong client_id");
  }

  const std::int64_t t = to_unix(now);
  const std::int64_t leeway = std::max<std::int64_t>(0, expect.leeway.count());
  // The leeway window [t - leeway, t + leeway], saturated: any leeway the
  // caller gives (seconds::max() included) must not wrap around.
  const std::int64_t earliest = sat_sub<std::int64_t>(t, leeway);
  const std::int64_t latest = sat_add<std::int64_t>(t, leeway);
  const json::Value* exp_v = json::find_member(doc, "exp");
  const auto exp = exp_v ? int_of(*exp_v) : std::nullopt;
  if (!exp) return invalid("JWT: no numeric exp claim");
  if (*exp <= earliest) return invalid("JWT: expired");
  const json::Value* iat_v = json::find_member(doc, "iat");
  const auto iat = iat_v ? int_of(*iat_v) : std::nullopt;
  if (!iat) return invalid("JWT: no numeric iat claim");
  if (*iat > latest) return invalid("JWT: issued in the future (iat)");
  if (const json::Value* nbf_v = json::find_member(doc, "nbf")) {
    const auto nbf = int_of(*nbf_v);
    if (!nbf) return invalid("JWT: nbf is not a number");
    if (*nbf > latest) return invalid("JWT: not valid yet (nbf)");
  }

  JwtClaims claims;
  claims.header_json = std::move(*header_json);
  claims.payload_json = std::move(*payload_json);
  return claims;
}

std::string default_issuer(std::string_view user_pool_id) {
  if (region_of_pool(user_pool_id).empty()) return {};
  ClientConfig cfg;
  cfg.user_pool_id = std::string(user_pool_id);
  auto endpoint = resolve_endpoint(cfg);  // https://cognito-idp.<region>.<partition suffix>/
  if (!endpoint) return {};
  return *endpoint + std::string(user_pool_id);
}

}  // namespace cognito
