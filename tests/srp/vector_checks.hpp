// Checks the SRP / SECRET_HASH / TIMESTAMP vector files against libcognito.
//
// Shared by the cognito_srp_vectors program (tests/srp) and the unit tests
// (tests/unit/srp_vectors_test.cpp). The format of a file is detected from its
// keys; every vector yields an Outcome listing what did not match.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cognito/srp.hpp"
#include "crypto/crypto.hpp"
#include "srp/srp_internal.hpp"

namespace srpvec {

enum class Format { Unknown, SrpJs, DeviceJs, Generated, AwsNet, SecretHash, Timestamp };

inline const char* format_name(Format f) {
  switch (f) {
    case Format::SrpJs: return "user SRP (amazon-cognito-identity-js)";
    case Format::DeviceJs: return "device SRP (amazon-cognito-identity-js)";
    case Format::Generated: return "generated SRP/device/PAD/SECRET_HASH";
    case Format::AwsNet: return "AWS .NET known working claim";
    case Format::SecretHash: return "SECRET_HASH";
    case Format::Timestamp: return "TIMESTAMP";
    case Format::Unknown: break;
  }
  return "unknown";
}

struct Outcome {
  std::string id;
  std::vector<std::string> failures;
  [[nodiscard]] bool ok() const { return failures.empty(); }
};

struct FileResult {
  Format format = Format::Unknown;
  std::string error;          ///< the file could not be read or recognised
  long long declared_count = -1;  ///< the file's "count" member, if any
  std::vector<Outcome> outcomes;
};

// ---- small helpers -------------------------------------------------------------

using Value = rapidjson::Value;

inline std::string str(const Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}
inline bool has(const Value& obj, const char* key) { return obj.IsObject() && obj.HasMember(key); }
inline const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

/// Hex of an integer in canonical form: lowercase, no leading zeros ("0" for 0).
inline std::string norm_hex(std::string_view h) {
  std::string out;
  for (char c : h) out.push_back(static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
  const auto nz = out.find_first_not_of('0');
  return nz == std::string::npos ? std::string("0") : out.substr(nz);
}

/// Lowercase, leading zeros kept (for byte strings in hex).
inline std::string lower(std::string_view h) {
  std::string out;
  for (char c : h) out.push_back(static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
  return out;
}

inline std::string hex_to_bytes(std::string_view h) {
  std::string out;
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
  };
  std::string s(h);
  if (s.size() % 2) s.insert(s.begin(), '0');
  for (std::size_t i = 0; i < s.size(); i += 2) out.push_back(static_cast<char>(nib(s[i]) << 4 | nib(s[i + 1])));
  return out;
}

inline std::string bytes_to_hex(std::string_view b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : b) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(d[u >> 4]);
    out.push_back(d[u & 15]);
  }
  return out;
}

inline std::string short_text(const std::string& s) { return s.size() > 80 ? s.substr(0, 77) + "..." : s; }

struct Checker {
  Outcome& out;
  void eq(const char* what, const std::string& got, const std::string& want) {
    if (got != want)
      out.failures.push_back(std::string(what) + ": got '" + short_text(got) + "', want '" + short_text(want) + "'");
  }
  void eq_int(const char* what, const std::string& got_hex, const std::string& want_hex) {
    eq(what, norm_hex(got_hex), norm_hex(want_hex));
  }
  template <class T>
  bool ok(const char* what, const cognito::Result<T>& r) {
    if (r) return true;
    out.failures.push_back(std::string(what) + ": error " + r.error().to_string());
    return false;
  }
  void fail(std::string msg) { out.failures.push_back(std::move(msg)); }
  /// PAD(`hex`) (lib/srp) against the expected hex bytes `want`.
  void pad(const char* what, const std::string& hex, const std::string& want) {
    auto p = cognito::detail::srp_pad_hex(hex);
    if (ok(what, p)) eq(what, *p, lower(want));
  }
  /// secret_hash(`secret`, `username`, `client_id`) against `want`.
  void secret_hash(const char* what, const std::string& secret, const std::string& username,
                   const std::string& client_id, const std::string& want) {
    auto h = cognito::secret_hash(secret, username, client_id);
    if (ok(what, h)) eq(what, *h, want);
  }
  /// SHA-256 of the concatenated `parts`, in hex, against `want_hex`.
  void sha256_hex(const char* what, std::initializer_list<std::string_view> parts, const std::string& want_hex) {
    auto h = cognito::crypto::sha256(parts);
    if (ok(what, h)) eq(what, bytes_to_hex(h->view()), lower(want_hex));
  }
};

/// Runs `body(checker)` for one vector and records its outcome under `id`.
template <class Body>
void record(FileResult& fr, std::string id, Body&& body) {
  Outcome o{std::move(id), {}};
  Checker c{o};
  body(c);
  fr.outcomes.push_back(std::move(o));
}

/// A RandomSource that replays fixed bytes.
inline cognito::SrpRandom replay(std::string bytes) {
  auto pos = std::make_shared<std::size_t>(0);
  auto data = std::make_shared<std::string>(std::move(bytes));
  return [pos, data](unsigned char* out, std::size_t n) {
    if (*pos + n > data->size()) return false;
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>((*data)[*pos + i]);
    *pos += n;
    return true;
  };
}

/// system_clock can represent the instant (libstdc++: nanoseconds, ~1678..2262).
inline bool ms_fits_time_point(std::int64_t ms) { return ms > -9'000'000'000'000LL && ms < 9'000'000'000'000LL; }

inline std::chrono::system_clock::time_point tp_from_ms(std::int64_t ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds(ms)));
}

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// ---- the common SRP sign-in check ------------------------------------------------

struct SignIn {
  std::string name, pool_id, id, password;          // pool_id empty: device sign-in or pool name only
  bool device = false;
  std::string a_hex, A_hex, salt, B, secret_block, timestamp;
  bool have_epoch_ms = false;
  std::int64_t epoch_ms = 0;
  // expected intermediates (empty = not given)
  std::string u_hex, x_hex, S_hex, K_hex, message_hex, signature;
  std::string v_hex, b_hex;  // server side, if given
};

inline void check_sign_in(Checker& c, const SignIn& s) {
  using cognito::detail::SrpClientAccess;
  auto client = cognito::SrpClient::create_with_fixed_a(s.a_hex);
  if (!c.ok("create_with_fixed_a", client)) return;
  if (!s.A_hex.empty()) c.eq("A", client->A_hex(), s.A_hex);

  cognito::detail::SrpTrace trace;
  auto claim = SrpClientAccess::respond_raw(*client, s.name, s.id, s.password, {s.salt, s.B, s.secret_block},
                                            s.timestamp, &trace);
  if (c.ok("respond_raw", claim)) {
    if (!s.u_hex.empty()) c.eq_int("u", trace.u_hex, s.u_hex);
    if (!s.x_hex.empty()) c.eq_int("x", trace.x_hex, s.x_hex);
    if (!s.S_hex.empty()) c.eq_int("S", trace.S_hex, s.S_hex);
    if (!s.K_hex.empty()) c.eq("K (HKDF key)", trace.K_hex, s.K_hex);
    if (!s.message_hex.empty()) c.eq("signed message", trace.message_hex, lower(s.message_hex));
    if (!s.signature.empty()) c.eq("PASSWORD_CLAIM_SIGNATURE", claim->signature, s.signature);
    c.eq("TIMESTAMP echoed", claim->timestamp, s.timestamp);
  }

  // The same through the public API, with the time as a time_point.
  if (s.have_epoch_ms && ms_fits_time_point(s.epoch_ms)) {
    auto pub = cognito::SrpClient::create_with_fixed_a(s.a_hex);
    if (c.ok("create_with_fixed_a", pub)) {
      const auto when = tp_from_ms(s.epoch_ms);
      auto r = s.device ? pub->respond_device(s.name, s.id, s.password, {s.salt, s.B, s.secret_block}, when)
                        : pub->respond(s.pool_id, s.id, s.password, {s.salt, s.B, s.secret_block}, when);
      if (c.ok("public respond", r)) {
        c.eq("public TIMESTAMP", r->timestamp, s.timestamp);
        if (!s.signature.empty()) c.eq("public PASSWORD_CLAIM_SIGNATURE", r->signature, s.signature);
      }
    }
  }

  // Server side: v from the password, B = k·v + g^b, S = (A·v^u)^b.
  if (!s.v_hex.empty()) {
    auto v = cognito::detail::srp_verifier_hex(s.name, s.id, s.password, s.salt);
    if (c.ok("verifier", v)) c.eq_int("v", *v, s.v_hex);
    if (!s.b_hex.empty()) {
      auto B = cognito::detail::srp_server_B_hex(s.v_hex, s.b_hex);
      if (c.ok("server B", B)) c.eq_int("B = k*v + g^b", *B, s.B);
      if (!s.S_hex.empty() && !s.A_hex.empty()) {
        auto S = cognito::detail::srp_server_S_hex(s.A_hex, s.B, s.v_hex, s.b_hex);
        if (c.ok("server S", S)) c.eq_int("server S = (A*v^u)^b", *S, s.S_hex);
      }
    }
  }
}

// ---- per format -------------------------------------------------------------------

/// Which member of a vector fills which SignIn field.
struct Field {
  std::string SignIn::*field;
  const char* key;
};

/// Fills the `fields` of `s` from the string members of `v` ("" when absent).
inline void read_fields(const Value& v, SignIn& s, std::initializer_list<Field> fields) {
  for (const Field& f : fields) s.*f.field = str(v, f.key);
}

/// The members a sign-in vector of amazon-cognito-identity-js (user or device)
/// names the same way: a, A, salt, B, SECRET_BLOCK, TIMESTAMP and the expected
/// intermediates. The TIMESTAMP is checked against timestamp_epoch_ms, if given.
inline void read_js_sign_in(Checker& c, const Value& v, SignIn& s) {
  read_fields(v, s,
              {{&SignIn::a_hex, "a_hex"}, {&SignIn::A_hex, "A_hex"}, {&SignIn::salt, "salt_hex"},
               {&SignIn::B, "B_hex"}, {&SignIn::secret_block, "secret_block_b64"}, {&SignIn::timestamp, "timestamp"},
               {&SignIn::u_hex, "u_hex"}, {&SignIn::x_hex, "x_hex"}, {&SignIn::S_hex, "S_hex"},
               {&SignIn::K_hex, "hkdf_key_hex"}, {&SignIn::message_hex, "message_hex"},
               {&SignIn::signature, "signature_b64"}, {&SignIn::v_hex, "v_hex"}, {&SignIn::b_hex, "b_hex"}});
  if (const Value* ms = member(v, "timestamp_epoch_ms"); ms && ms->IsInt64()) {
    s.have_epoch_ms = true;
    s.epoch_ms = ms->GetInt64();
    c.eq("TIMESTAMP from epoch", cognito::srp_timestamp_unix(floor_div(s.epoch_ms, 1000)), s.timestamp);
  }
}

inline void check_srp_js(const Value& root, FileResult& fr) {
  const std::string k_want = str(root, "k_hex");
  const std::string N_want = str(root, "N_hex");
  record(fr, "group", [&](Checker& c) {
    if (!k_want.empty()) c.eq_int("k", cognito::detail::srp_k_hex(), k_want);
    if (!N_want.empty()) c.eq_int("N", cognito::detail::srp_N_hex(), N_want);
  });
  const Value* vs = member(root, "vectors");
  if (!vs || !vs->IsArray()) {
    fr.error = "no 'vectors' array";
    return;
  }
  for (const Value& v : vs->GetArray()) {
    record(fr, str(v, "id"), [&](Checker& c) {
      SignIn s;
      s.pool_id = str(v, "pool_id");
      s.name = str(v, "pool_name");
      s.id = str(v, "username");
      s.password = str(v, "password");
      read_js_sign_in(c, v, s);
      if (!k_want.empty() && !str(v, "k_hex").empty()) c.eq_int("k", cognito::detail::srp_k_hex(), str(v, "k_hex"));
      // The pool name is the part of the pool id after the first '_'.
      c.eq("pool name", s.pool_id.substr(s.pool_id.find('_') + 1), s.name);
      // PAD forms that are hashed.
      c.pad("PAD(salt)", s.salt, str(v, "salt_padhex"));
      for (auto [val, pad] : {std::pair<const char*, const char*>{"A_hex", "A_padhex"},
                              {"B_hex", "B_padhex"}, {"u_hex", "u_padhex"}, {"S_hex", "S_padhex"}}) {
        if (has(v, pad)) c.pad(pad, str(v, val), str(v, pad));
      }
      if (has(v, "password_hash_hex"))
        c.sha256_hex("H(pool|user:password)", {s.name, s.id, ":", s.password}, str(v, "password_hash_hex"));
      check_sign_in(c, s);
    });
  }
}

inline void check_device_js(const Value& root, FileResult& fr) {
  if (const Value* gen = member(root, "verifier_generation"); gen && gen->IsArray()) {
    for (const Value& v : gen->GetArray()) {
      record(fr, str(v, "id"), [&](Checker& c) {
        const std::string group = str(v, "device_group_key");
        const std::string key = str(v, "device_key");
        const std::string random = hex_to_bytes(str(v, "random_password_bytes_hex")) +
                                   hex_to_bytes(str(v, "salt_random_bytes_hex"));
        auto dv = cognito::generate_device_verifier(group, key, replay(random));
        const Value* cd = member(v, "confirm_device");
        const Value* cfg = cd ? member(*cd, "DeviceSecretVerifierConfig") : nullptr;
        if (c.ok("generate_device_verifier", dv)) {
          c.eq("device password", std::string(dv->device_password.reveal()), str(v, "random_password"));
          if (cfg) {
            c.eq("ConfirmDevice Salt", dv->salt, str(*cfg, "Salt"));
            c.eq("ConfirmDevice PasswordVerifier", dv->password_verifier, str(*cfg, "PasswordVerifier"));
          } else {
            c.fail("no confirm_device.DeviceSecretVerifierConfig");
          }
          if (cd) c.eq("ConfirmDevice DeviceKey", str(*cd, "DeviceKey"), key);
          // Salt / PasswordVerifier decode to PAD(salt) / PAD(v).
          auto salt_bytes = cognito::crypto::base64_decode(dv->salt);
          if (c.ok("Salt base64", salt_bytes)) c.eq("PAD(salt)", bytes_to_hex(*salt_bytes), lower(str(v, "salt_hex")));
          auto ver_bytes = cognito::crypto::base64_decode(dv->password_verifier);
          if (c.ok("PasswordVerifier base64", ver_bytes))
            c.eq("PAD(v)", bytes_to_hex(*ver_bytes), lower(str(v, "verifier_hex")));
        }
        const std::string pw = str(v, "random_password");
        c.sha256_hex("H(group|key:password)", {group, key, ":", pw}, str(v, "full_password_hash_hex"));
        auto x = cognito::detail::srp_x_hex(group, key, pw, str(v, "salt_hex"));
        if (c.ok("x", x)) c.eq_int("x", *x, str(v, "x_hex"));
        auto ver = cognito::detail::srp_verifier_hex(group, key, pw, str(v, "salt_hex"));
        if (c.ok("v", ver)) c.eq_int("v", *ver, str(v, "verifier_hex"));
      });
    }
  }
  if (const Value* auth = member(root, "device_password_verifier"); auth && auth->IsArray()) {
    for (const Value& v : auth->GetArray()) {
      record(fr, str(v, "id"), [&](Checker& c) {
        SignIn s;
        s.device = true;
        s.name = str(v, "device_group_key");
        s.id = str(v, "device_key");
        s.password = str(v, "random_password");
        read_js_sign_in(c, v, s);
        if (has(v, "k_hex")) c.eq_int("k", cognito::detail::srp_k_hex(), str(v, "k_hex"));
        if (has(v, "u_padhex")) c.pad("PAD(u)", s.u_hex, str(v, "u_padhex"));
        if (has(v, "S_padhex")) c.pad("PAD(S)", s.S_hex, str(v, "S_padhex"));
        check_sign_in(c, s);
        // What goes into RespondToAuthChallenge.
        if (const Value* cr = member(v, "challenge_responses")) {
          c.eq("DEVICE_KEY", str(*cr, "DEVICE_KEY"), s.id);
          c.eq("USERNAME", str(*cr, "USERNAME"), str(v, "username"));
          c.eq("PASSWORD_CLAIM_SECRET_BLOCK", str(*cr, "PASSWORD_CLAIM_SECRET_BLOCK"), s.secret_block);
          c.eq("TIMESTAMP", str(*cr, "TIMESTAMP"), s.timestamp);
          c.eq("PASSWORD_CLAIM_SIGNATURE", str(*cr, "PASSWORD_CLAIM_SIGNATURE"), s.signature);
        }
      });
    }
  }
}

inline long long parse_decimal(const std::string& s, bool& ok) {
  ok = !s.empty();
  long long v = 0;
  std::size_t i = 0;
  bool neg = false;
  if (ok && s[0] == '-') {
    neg = true;
    i = 1;
    ok = s.size() > 1;
  }
  for (; ok && i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') ok = false;
    else v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

inline std::string signed_hex(long long v) {
  char buf[32];
  const unsigned long long m = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  std::snprintf(buf, sizeof buf, "%s%llx", v < 0 ? "-" : "", m);
  return buf;
}

inline void check_generated(const Value& root, FileResult& fr) {
  if (const Value* u = member(root, "user_srp")) {
    record(fr, "user_srp", [&](Checker& c) {
      SignIn s;
      read_fields(*u, s,
                  {{&SignIn::pool_id, "pool_id"}, {&SignIn::name, "pool_name"}, {&SignIn::id, "USER_ID_FOR_SRP"},
                   {&SignIn::password, "password"}, {&SignIn::a_hex, "a_hex"}, {&SignIn::A_hex, "A_hex"},
                   {&SignIn::salt, "SALT"}, {&SignIn::B, "SRP_B"}, {&SignIn::secret_block, "SECRET_BLOCK"},
                   {&SignIn::timestamp, "TIMESTAMP"}, {&SignIn::u_hex, "u_hex"}, {&SignIn::x_hex, "x_hex"},
                   {&SignIn::S_hex, "S_hex"}, {&SignIn::K_hex, "K_hex"},
                   {&SignIn::signature, "PASSWORD_CLAIM_SIGNATURE"}, {&SignIn::v_hex, "verifier_v_hex"},
                   {&SignIn::b_hex, "b_hex"}});
      c.eq("pool name", s.pool_id.substr(s.pool_id.find('_') + 1), s.name);
      c.pad("PAD(salt)", s.salt, str(*u, "pad_salt"));
      c.pad("PAD(u)", s.u_hex, str(*u, "pad_u"));
      if (const Value* len = member(*u, "pad_S_len"); len && len->IsInt()) {
        auto pS = cognito::detail::srp_pad_hex(s.S_hex);
        if (c.ok("PAD(S)", pS)) c.eq("PAD(S) length", std::to_string(pS->size() / 2), std::to_string(len->GetInt()));
      }
      check_sign_in(c, s);
    });
  }
  if (const Value* sh = member(root, "secret_hash")) {
    record(fr, "secret_hash", [&](Checker& c) {
      c.secret_hash("SECRET_HASH", str(*sh, "client_secret"), str(*sh, "username"), str(*sh, "client_id"),
                    str(*sh, "SECRET_HASH"));
      if (has(*sh, "username_utf8"))
        c.secret_hash("SECRET_HASH (UTF-8 username)", str(*sh, "client_secret"), str(*sh, "username_utf8"),
                      str(*sh, "client_id"), str(*sh, "SECRET_HASH_utf8"));
    });
  }
  if (const Value* pe = member(root, "pad_examples"); pe && pe->IsObject()) {
    for (auto it = pe->MemberBegin(); it != pe->MemberEnd(); ++it) {
      const std::string key(it->name.GetString(), it->name.GetStringLength());
      record(fr, "pad_examples[" + key + "]", [&](Checker& c) {
        bool ok = false;
        const long long n = parse_decimal(key, ok);
        if (!ok || !it->value.IsString()) c.fail("unreadable example");
        else c.pad("PAD", signed_hex(n), it->value.GetString());
      });
    }
  }
  // (No structured binding here: C++17 lambdas cannot capture one.)
  for (const auto& example : {std::pair<const char*, const char*>{"negative_salt", "SALT"},
                              {"odd_salt", "SALT"}, {"leading_zero_hex", "hex"}}) {
    const char* in_key = example.second;
    if (const Value* e = member(root, example.first))
      record(fr, example.first, [&](Checker& c) { c.pad("PAD", str(*e, in_key), str(*e, "pad")); });
  }
  if (const Value* d = member(root, "device_srp")) {
    record(fr, "device_srp", [&](Checker& c) {
      SignIn s;
      s.device = true;
      read_fields(*d, s,
                  {{&SignIn::name, "DeviceGroupKey"}, {&SignIn::id, "DeviceKey"},
                   {&SignIn::password, "device_password"}, {&SignIn::salt, "SALT_as_server_would_send"},
                   {&SignIn::a_hex, "a_hex"}, {&SignIn::A_hex, "A_hex"}, {&SignIn::B, "SRP_B"},
                   {&SignIn::secret_block, "SECRET_BLOCK"}, {&SignIn::timestamp, "TIMESTAMP"},
                   {&SignIn::u_hex, "u_hex"}, {&SignIn::K_hex, "K_hex"},
                   {&SignIn::signature, "PASSWORD_CLAIM_SIGNATURE"}});
      // The 16 salt bytes as drawn (the server's hex is the integer, 32 digits here).
      std::string salt_bytes = hex_to_bytes(s.salt);
      while (salt_bytes.size() < 16) salt_bytes.insert(salt_bytes.begin(), '\0');
      auto dv = cognito::detail::device_verifier_from(s.name, s.id, s.password, salt_bytes);
      if (const Value* cd = member(*d, "confirm_device"); cd && c.ok("device verifier", dv)) {
        c.eq("ConfirmDevice Salt", dv->salt, str(*cd, "Salt"));
        c.eq("ConfirmDevice PasswordVerifier", dv->password_verifier, str(*cd, "PasswordVerifier"));
      }
      check_sign_in(c, s);
      // B = k·v + g^b with the registered verifier.
      if (dv && has(*d, "b_hex")) {
        auto vb = cognito::crypto::base64_decode(dv->password_verifier);
        if (c.ok("verifier bytes", vb)) {
          auto B = cognito::detail::srp_server_B_hex(bytes_to_hex(*vb), str(*d, "b_hex"));
          if (c.ok("server B", B)) c.eq_int("B = k*v + g^b", *B, s.B);
        }
      }
    });
  }
}

/// The .NET vector describes `a` in words: "<n>-byte ...: <m> bytes of 0xXX followed by one 0xYY byte".
inline std::string aws_net_a_hex(const std::string& desc, bool& ok) {
  int total = 0, reps = 0;
  unsigned fill = 0, last = 0;
  ok = std::sscanf(desc.c_str(), "%d-byte big-endian unsigned integer: %d bytes of 0x%x followed by one 0x%x byte",
                   &total, &reps, &fill, &last) == 4 &&
       reps + 1 == total && total > 0 && fill < 256 && last < 256;
  if (!ok) return {};
  std::string bytes(static_cast<std::size_t>(reps), static_cast<char>(fill));
  bytes.push_back(static_cast<char>(last));
  return bytes_to_hex(bytes);
}

inline void check_aws_net(const Value& root, FileResult& fr) {
  bool ok = false;
  // The user, password, a and salt both SRP checks share.
  SignIn base;
  base.name = str(root, "poolName");
  base.id = str(root, "USER_ID_FOR_SRP");
  base.password = str(root, "password");
  base.a_hex = aws_net_a_hex(str(root, "a"), ok);
  base.salt = str(root, "SALT");
  if (const Value* ct = member(root, "claim_test")) {
    record(fr, "claim_test", [&](Checker& c) {
      if (!ok) return c.fail("cannot read the description of a");
      SignIn s = base;
      s.B = str(*ct, "SRP_B");
      s.secret_block = str(*ct, "SECRET_BLOCK");
      s.timestamp = str(*ct, "TIMESTAMP");
      s.signature = str(*ct, "expected_PASSWORD_CLAIM_SIGNATURE");
      check_sign_in(c, s);
    });
  }
  if (const Value* kt = member(root, "key_test")) {
    record(fr, "key_test", [&](Checker& c) {
      auto want = cognito::crypto::base64_decode(str(*kt, "expected_hkdf_key_base64"));
      if (!ok) return c.fail("cannot read the description of a");
      if (!c.ok("expected key", want)) return;
      SignIn s = base;
      s.B = str(*kt, "SRP_B");
      s.secret_block = "AAAA";  // not part of the key; any valid Base64
      s.timestamp = "Thu Jan 1 00:00:00 UTC 1970";
      s.K_hex = bytes_to_hex(*want);
      check_sign_in(c, s);
    });
  }
  if (const Value* sh = member(root, "secret_hash_test")) {
    record(fr, "secret_hash_test", [&](Checker& c) {
      c.secret_hash("SECRET_HASH", str(*sh, "client_secret"), str(*sh, "username"), str(*sh, "client_id"),
                    str(*sh, "expected"));
    });
  }
  if (const Value* dh = member(root, "device_hash_test")) {
    record(fr, "device_hash_test", [&](Checker& c) {
      auto h = cognito::crypto::sha256({base.name, base.id, ":", base.password});
      if (c.ok("sha256", h))
        c.eq("Base64(H(pool|user:password))", cognito::crypto::base64_encode(h->view()), str(*dh, "expected_base64"));
    });
  }
}

inline void check_secret_hash(const Value& root, FileResult& fr) {
  std::size_t i = 0;
  for (const Value& v : (*member(root, "vectors")).GetArray()) {
    record(fr, "secret_hash[" + std::to_string(i++) + "] " + str(v, "username"), [&](Checker& c) {
      c.secret_hash("SECRET_HASH", str(v, "client_secret"), str(v, "username"), str(v, "client_id"),
                    str(v, "secret_hash"));
    });
  }
}

inline void check_timestamps(const Value& root, FileResult& fr) {
  for (const Value& v : (*member(root, "vectors")).GetArray()) {
    record(fr, str(v, "iso_utc"), [&](Checker& c) {
      const std::string want = str(v, "timestamp");
      const Value* s = member(v, "epoch_seconds");
      const Value* ms = member(v, "epoch_ms");
      if (s && s->IsInt64()) c.eq("from epoch seconds", cognito::srp_timestamp_unix(s->GetInt64()), want);
      else c.fail("no epoch_seconds");
      if (ms && ms->IsInt64()) {
        c.eq("from epoch ms", cognito::srp_timestamp_unix(floor_div(ms->GetInt64(), 1000)), want);
        if (ms_fits_time_point(ms->GetInt64()))
          c.eq("from time_point", cognito::srp_timestamp(tp_from_ms(ms->GetInt64())), want);
      }
    });
  }
}

// ---- files --------------------------------------------------------------------------

inline Format detect(const Value& root) {
  if (!root.IsObject()) return Format::Unknown;
  if (has(root, "verifier_generation") || has(root, "device_password_verifier")) return Format::DeviceJs;
  if (has(root, "user_srp") || has(root, "pad_examples")) return Format::Generated;
  if (has(root, "claim_test") || has(root, "key_test")) return Format::AwsNet;
  const Value* vs = member(root, "vectors");
  if (vs && vs->IsArray() && !vs->Empty()) {
    const Value& first = (*vs)[0];
    if (has(first, "a_hex") && has(first, "pool_id")) return Format::SrpJs;
    if (has(first, "client_secret") && has(first, "secret_hash")) return Format::SecretHash;
    if (has(first, "epoch_seconds") && has(first, "timestamp")) return Format::Timestamp;
  }
  return Format::Unknown;
}

inline FileResult check_file(const std::string& path) {
  FileResult fr;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fr.error = "cannot open " + path;
    return fr;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    fr.error = "not JSON: " + path;
    return fr;
  }
  fr.format = detect(doc);
  if (const Value* n = member(doc, "count"); n && n->IsInt64()) fr.declared_count = n->GetInt64();
  switch (fr.format) {
    case Format::SrpJs: check_srp_js(doc, fr); break;
    case Format::DeviceJs: check_device_js(doc, fr); break;
    case Format::Generated: check_generated(doc, fr); break;
    case Format::AwsNet: check_aws_net(doc, fr); break;
    case Format::SecretHash: check_secret_hash(doc, fr); break;
    case Format::Timestamp: check_timestamps(doc, fr); break;
    case Format::Unknown: fr.error = "unrecognised vector format: " + path; break;
  }
  return fr;
}

/// Number of vectors checked, comparable with the file's "count" (the group
/// check of the user SRP file is extra).
inline long long vectors_checked(const FileResult& fr) {
  long long n = 0;
  for (const auto& o : fr.outcomes) n += (o.id == "group") ? 0 : 1;
  return n;
}

}  // namespace srpvec
