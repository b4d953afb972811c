// Test harness for the AuthMachine transcript tests (auth_*_test.cpp): a
// driver that checks every request the machine emits against the exact JSON
// body expected (all keys, all values), scripted random bytes, fake JWTs and
// the SRP / device known-answer vectors of tests/vectors.
#pragma once

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "cognito/auth.hpp"
#include "crypto/crypto.hpp"

namespace cognito::test {

inline constexpr std::string_view kPool = "us-east-1_AbCdEf123";  // the pool of SRP vector srp-001
inline constexpr std::string_view kClientId = "client1";
inline constexpr std::string_view kEndpoint = "https://cognito-idp.us-east-1.amazonaws.com/";

inline SystemTime at_ms(std::int64_t unix_ms) { return SystemTime(std::chrono::milliseconds(unix_ms)); }
inline const SystemTime kT0 = at_ms(1'700'000'000'000);

// ---- hex / JSON helpers ------------------------------------------------------------

inline std::string unhex(std::string_view hex) {
  REQUIRE(hex.size() % 2 == 0);
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

/// Replaces every ${NAME} of `tmpl` by vars[NAME] (all must be known).
inline std::string expand(std::string tmpl, const std::map<std::string, std::string>& vars) {
  for (std::size_t pos = tmpl.find("${"); pos != std::string::npos; pos = tmpl.find("${", pos)) {
    const std::size_t end = tmpl.find('}', pos);
    REQUIRE(end != std::string::npos);
    const std::string name = tmpl.substr(pos + 2, end - pos - 2);
    const auto it = vars.find(name);
    INFO("template variable " << name);
    REQUIRE(it != vars.end());
    tmpl.replace(pos, end - pos + 1, it->second);
    pos += it->second.size();
  }
  return tmpl;
}

/// Structural equality of two JSON values; an expected string "<any>" matches
/// any non-empty string. On a difference `why` names the path.
inline bool json_match(const rapidjson::Value& want, const rapidjson::Value& got, const std::string& path,
                       std::string& why) {
  if (want.IsString() && std::string_view(want.GetString(), want.GetStringLength()) == "<any>") {
    if (got.IsString() && got.GetStringLength() > 0) return true;
    why = path + ": expected any non-empty string";
    return false;
  }
  if (want.GetType() != got.GetType()) {
    why = path + ": different JSON types";
    return false;
  }
  if (want.IsObject()) {
    for (const auto& m : want.GetObject())
      if (!got.HasMember(m.name)) {
        why = path + "." + m.name.GetString() + ": missing";
        return false;
      }
    for (const auto& m : got.GetObject()) {
      if (!want.HasMember(m.name)) {
        why = path + "." + m.name.GetString() + ": unexpected member";
        return false;
      }
      if (!json_match(want[m.name], m.value, path + "." + m.name.GetString(), why)) return false;
    }
    return true;
  }
  if (want.IsArray()) {
    if (want.Size() != got.Size()) {
      why = path + ": array sizes differ";
      return false;
    }
    for (rapidjson::SizeType i = 0; i < want.Size(); ++i)
      if (!json_match(want[i], got[i], path + "[" + std::to_string(i) + "]", why)) return false;
    return true;
  }
  if (want != got) {
    why = path + ": values differ";
    return false;
  }
  return true;
}

inline void check_json(std::string_view expected, std::string_view actual) {
  rapidjson::Document want, got;
  want.Parse(expected.data(), expected.size());
  INFO("expected: " << expected);
  REQUIRE_FALSE(want.HasParseError());
  got.Parse(actual.data(), actual.size());
  INFO("actual:   " << actual);
  REQUIRE_FALSE(got.HasParseError());
  std::string why;
  const bool same = json_match(want, got, "$", why);
  INFO("difference: " << why);
  CHECK(same);
}

/// A member of a JSON object in a body, as text ("" when absent).
inline std::string json_string_at(std::string_view body, std::initializer_list<const char*> path) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  const rapidjson::Value* v = &d;
  for (const char* key : path) {
    if (!v->IsObject() || !v->HasMember(key)) return {};
    v = &(*v)[key];
  }
  return v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

/// A compact JWT (unsigned; the machine only reads claims) with `payload`.
inline std::string fake_jwt(std::string_view payload_json) {
  return crypto::base64url_encode(R"({"alg":"RS256","kid":"test"})") + "." + crypto::base64url_encode(payload_json) +
         ".c2ln";
}

// ---- scripted randomness -------------------------------------------------------------

/// SrpOptions::random that hands out queued byte strings (each must match the
/// requested size) and, once the queue is empty, a fixed pattern.
struct ScriptedRandom {
  struct State {
    std::deque<std::string> chunks;
    int calls = 0;
    bool size_mismatch = false;
  };
  std::shared_ptr<State> state = std::make_shared<State>();

  void push(std::string bytes) { state->chunks.push_back(std::move(bytes)); }
  void push_hex(std::string_view hex) { push(unhex(hex)); }

  SrpRandom fn() const {
    return [s = state](unsigned char* out, std::size_t n) {
      ++s->calls;
      if (!s->chunks.empty()) {
        if (s->chunks.front().size() != n) {
          s->size_mismatch = true;
          return false;
        }
        std::memcpy(out, s->chunks.front().data(), n);
        s->chunks.pop_front();
        return true;
      }
      for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(0x5a ^ (i * 7 + s->calls));
      return true;
    };
  }
};

// ---- vectors ---------------------------------------------------------------------------

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  REQUIRE(f.good());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::map<std::string, std::string> flat_strings(const rapidjson::Value& v) {
  std::map<std::string, std::string> out;
  for (const auto& m : v.GetObject()) {
    if (m.value.IsString()) out[m.name.GetString()] = m.value.GetString();
    if (m.value.IsInt64()) out[m.name.GetString()] = std::to_string(m.value.GetInt64());
  }
  return out;
}

/// One entry of tests/vectors/<file>'s `list` with the given id, as flat strings
/// (nested objects are reachable with object_of()).
inline std::map<std::string, std::string> vector_entry(const char* file, const char* list, std::string_view id,
                                                       std::string* raw_json = nullptr) {
  const std::string text = read_file(std::string(COGNITO_VECTOR_DIR) + "/" + file);
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  for (const auto& v : d[list].GetArray())
    if (std::string_view(v["id"].GetString()) == id) {
      if (raw_json != nullptr) {
        rapidjson::StringBuffer sb;
        rapidjson::Writer<rapidjson::StringBuffer> w(sb);
        v.Accept(w);
        *raw_json = sb.GetString();
      }
      return flat_strings(v);
    }
  FAIL("no vector " << id);
  return {};
}

/// A user SRP vector (srp_vectors.json), plus the template variables the
/// transcripts use: A, salt, B, block, sig, ts, now_ms.
inline std::map<std::string, std::string> srp_vector(std::string_view id) {
  auto v = vector_entry("srp_vectors.json", "vectors", id);
  v["A"] = v["A_hex"];
  v["salt"] = v["salt_hex"];
  v["B"] = v["B_hex"];
  v["block"] = v["secret_block_b64"];
  v["sig"] = v["signature_b64"];
  v["ts"] = v["timestamp"];
  return v;
}

/// The PASSWORD_VERIFIER challenge body of a user SRP vector (`session` may be empty).
inline std::string password_verifier_body(std::map<std::string, std::string> v, std::string_view session = {}) {
  v["session_member"] = session.empty() ? std::string() : R"("Session":")" + std::string(session) + R"(",)";
  return expand(R"({"ChallengeName":"PASSWORD_VERIFIER",${session_member}"ChallengeParameters":{"SALT":"${salt}",)"
                R"("SRP_B":"${B}","SECRET_BLOCK":"${block}","USERNAME":"${username}","USER_ID_FOR_SRP":"${username}"}})",
                v);
}

/// The RespondToAuthChallenge PASSWORD_VERIFIER body the machine must send for
/// a user SRP vector: every ChallengeResponses key, the vector's claim, plus
/// `extra_responses` (e.g. `"DEVICE_KEY":"..."`) and the Session if given.
inline std::string password_verifier_request(std::map<std::string, std::string> v, std::string_view session = {},
                                             std::string_view extra_responses = {}) {
  v["session_member"] = session.empty() ? std::string() : R"("Session":")" + std::string(session) + R"(",)";
  v["extra"] = extra_responses.empty() ? std::string() : "," + std::string(extra_responses);
  return expand(R"({"ClientId":"client1","ChallengeName":"PASSWORD_VERIFIER",${session_member})"
                R"("ChallengeResponses":{"USERNAME":"${username}","PASSWORD_CLAIM_SECRET_BLOCK":"${block}",)"
                R"("PASSWORD_CLAIM_SIGNATURE":"${sig}","TIMESTAMP":"${ts}"${extra}}})",
                v);
}

/// The time of a vector's TIMESTAMP.
inline SystemTime vector_time(const std::map<std::string, std::string>& v) {
  return at_ms(std::stoll(v.at("timestamp_epoch_ms")));
}

// ---- the driver --------------------------------------------------------------------------

inline AuthConfig base_config(const ScriptedRandom& rnd) {
  AuthConfig c;
  c.user_pool_id = std::string(kPool);
  c.client_id = std::string(kClientId);
  c.endpoint = std::string(kEndpoint);
  c.srp.ephemeral_bits = 1024;  // the vectors' a is 128 bytes
  c.srp.random = rnd.fn();
  return c;
}

struct Harness {
  AuthMachine m;

  explicit Harness(AuthConfig cfg) : m(make(std::move(cfg))) {}

  static AuthMachine make(AuthConfig cfg) {
    auto r = AuthMachine::create(std::move(cfg));
    REQUIRE(r.has_value());
    return std::move(*r);
  }

  void start(SignInRequest req, SystemTime now = kT0) {
    auto r = m.start(std::move(req), now);
    INFO(r.error().to_string());
    REQUIRE(r.has_value());
  }

  /// The next event must be a POST of `op` whose body equals `expected_json`.
  /// Returns the actual body.
  std::string expect_send(std::string_view op, std::string_view expected_json, bool idempotent = false) {
    AuthEvent ev = m.next_event();
    if (auto* f = std::get_if<Failed>(&ev)) FAIL("Failed: " << f->error.to_string());
    REQUIRE(std::holds_alternative<SendRequest>(ev));
    const SendRequest& s = std::get<SendRequest>(ev);
    CHECK(s.operation == op);
    CHECK(s.idempotent == idempotent);
    CHECK(s.request.method == "POST");
    CHECK(s.request.url == kEndpoint);
    const std::string* ct = s.request.headers.find("Content-Type");
    REQUIRE(ct != nullptr);
    CHECK(*ct == "application/x-amz-json-1.1");
    const std::string* target = s.request.headers.find("X-Amz-Target");
    REQUIRE(target != nullptr);
    CHECK(*target == "AWSCognitoIdentityProviderService." + std::string(op));
    const std::string body(s.request.body.reveal());
    check_json(expected_json, body);
    return body;
  }

  /// Delivers an HTTP answer; returns what on_response returned.
  Result<void> reply(int status, std::string_view body, SystemTime now = kT0, Headers headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = SecretString(body);
    r.headers = std::move(headers);
    return m.on_response(r, now);
  }
  void ok(std::string_view body, SystemTime now = kT0) {
    auto r = reply(200, body, now);
    INFO(r.error().to_string());
    REQUIRE(r.has_value());
  }
  /// A Cognito error answer.
  Result<void> service_error(std::string_view type, std::string_view message, int status = 400,
                             SystemTime now = kT0) {
    return reply(status, R"({"__type":")" + std::string(type) + R"(","message":")" + std::string(message) + R"("})",
                 now, Headers{{{"x-amzn-RequestId", "req-1"}}});
  }

  Step expect_step(StepKind kind) {
    AuthEvent ev = m.next_event();
    if (auto* f = std::get_if<Failed>(&ev)) FAIL("Failed: " << f->error.to_string());
    REQUIRE(std::holds_alternative<NeedAnswer>(ev));
    Step s = std::move(std::get<NeedAnswer>(ev).step);
    CHECK(s.kind == kind);
    return s;
  }

  void answer(Answer a, SystemTime now = kT0) {
    auto r = m.answer(std::move(a), now);
    INFO(r.error().to_string());
    REQUIRE(r.has_value());
  }

  SignedIn expect_signed_in() {
    AuthEvent ev = m.next_event();
    if (auto* f = std::get_if<Failed>(&ev)) FAIL("Failed: " << f->error.to_string());
    REQUIRE(std::holds_alternative<SignedIn>(ev));
    return std::move(std::get<SignedIn>(ev));
  }

  Error expect_failed(ErrorCode code) {
    AuthEvent ev = m.next_event();
    REQUIRE(std::holds_alternative<Failed>(ev));
    Error e = std::get<Failed>(ev).error;
    INFO(e.to_string());
    CHECK(e.code == code);
    return e;
  }
};

/// A 200 body with an AuthenticationResult (tokens "AT"/"ID"/"RT" unless given).
inline std::string tokens_body(std::string_view extra_result_members = {}, bool with_refresh = true) {
  std::string s = R"({"AuthenticationResult":{"AccessToken":"access.token.x","IdToken":"id.token.x",)";
  if (with_refresh) s += R"("RefreshToken":"refresh.token.x",)";
  s += R"("ExpiresIn":3600,"TokenType":"Bearer")";
  if (!extra_result_members.empty()) {
    s += ",";
    s += extra_result_members;
  }
  s += R"(},"ChallengeParameters":{}})";
  return s;
}

}  // namespace cognito::test
