// cognito_srp_bench — client SRP cost per sign-in, next to the floor.
//
// For 256- and 1024-bit ephemerals it times, per iteration:
//   ours  = SrpClient::create() (a, A) + respond() (everything from
//           SALT / SRP_B / SECRET_BLOCK to PASSWORD_CLAIM_SIGNATURE);
//   floor = the three raw BN_mod_exp_mont_consttime calls the math needs
//           (g^a, g^x, base^(a+u*x)) with the same exponent sizes and the same
//           precomputed Montgomery context,
// interleaved, and prints min / median milliseconds and ours/floor.
//
// --js installs amazon-cognito-identity-js@6.3.21 with npm into a scratch
// folder (--js-dir DIR, default $TMPDIR/cognito-bench-js) and times its
// AuthenticationHelper on the same inputs (new AuthenticationHelper +
// getLargeAValue, then getPasswordAuthenticationKey and the HMAC signature as
// CognitoUser does, with @aws-crypto/sha256-js).
//
// usage: cognito_srp_bench [--iterations N] [--js] [--js-iterations N] [--js-dir DIR] [--json FILE]
#include <openssl/bn.h>
#include <openssl/opensslv.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.hpp"
#include "cognito/srp.hpp"
#include "crypto/crypto.hpp"
#include "srp/srp_internal.hpp"
#include "srp/srp_math.hpp"

namespace {

using bench::Clock;
using bench::die;
using bench::ms_since;
using bench::Stats;
using bench::stats;

template <class T>
T need(cognito::Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().to_string());
  return std::move(*r);
}

std::string hex(std::string_view b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : b) {
    out.push_back(d[static_cast<unsigned char>(c) >> 4]);
    out.push_back(d[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}

std::string random_bytes(std::size_t n) {
  std::string s(n, '\0');
  if (!cognito::crypto::random_bytes(s.data(), n)) die("RAND_bytes failed");
  return s;
}

// ---- the sign-in inputs (a real server side) --------------------------------------

struct Inputs {
  std::string pool_id = "us-east-1_AbCdEfGhI";
  std::string pool_name = "AbCdEfGhI";
  std::string user = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  std::string password = "correct horse battery staple 1!";
  std::string salt, b, v, B, secret_block;
  std::chrono::system_clock::time_point when{std::chrono::seconds(1793689509LL)};
};

Inputs make_inputs() {
  Inputs in;
  in.salt = hex(random_bytes(16));
  in.b = hex(random_bytes(32));
  in.v = need(cognito::detail::srp_verifier_hex(in.pool_name, in.user, in.password, in.salt), "verifier");
  in.B = need(cognito::detail::srp_server_B_hex(in.v, in.b), "server B");
  // Cognito's SECRET_BLOCK is about 1.7 KB of Base64.
  in.secret_block = cognito::crypto::base64_encode(random_bytes(1284));
  return in;
}

// ---- one mode -----------------------------------------------------------------------

struct ModeResult {
  std::size_t bits = 0;
  Stats prepare, respond, total, floor;
  Stats floor_ga, floor_gx, floor_s;
  double ratio_min = 0, ratio_median = 0;
  int exponent_bits = 0;  // bits of a + u*x in the floor
};

struct BnDel {
  void operator()(BIGNUM* p) const { BN_clear_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnDel>;

Bn rand_bits(int bits) {
  Bn r(BN_new());
  if (!r || BN_rand(r.get(), bits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) die("BN_rand");
  return r;
}

ModeResult run_mode(const Inputs& in, std::size_t bits, int iterations) {
  const auto* grp = cognito::detail::srp::group();
  if (grp == nullptr) die("SRP group setup failed");
  BN_CTX* ctx = BN_CTX_new();
  if (ctx == nullptr) die("BN_CTX_new");
  Bn r(BN_new());

  ModeResult m;
  m.bits = bits;
  std::vector<double> prep, resp, total, flo, fga, fgx, fs;
  cognito::SrpOptions opts;
  opts.ephemeral_bits = bits;
  const cognito::SrpChallenge ch{in.salt, in.B, in.secret_block};

  const int warmup = std::max(5, iterations / 20);
  for (int i = -warmup; i < iterations; ++i) {
    // The floor, with fresh random values of the real sizes: a, x, u, base < N.
    Bn a = rand_bits(static_cast<int>(bits));
    Bn x = rand_bits(256);
    Bn u = rand_bits(256);
    Bn base(BN_new());
    if (!base || BN_rand_range(base.get(), grp->N.get()) != 1) die("BN_rand_range");
    Bn e(BN_new());
    if (!e || BN_mul(e.get(), u.get(), x.get(), ctx) != 1 || BN_add(e.get(), e.get(), a.get()) != 1) die("BN_mul");
    m.exponent_bits = BN_num_bits(e.get());

    auto t0 = Clock::now();
    BN_mod_exp_mont_consttime(r.get(), grp->g.get(), a.get(), grp->N.get(), ctx, grp->mont.get());
    const double d1 = ms_since(t0);
    auto t1 = Clock::now();
    BN_mod_exp_mont_consttime(r.get(), grp->g.get(), x.get(), grp->N.get(), ctx, grp->mont.get());
    const double d2 = ms_since(t1);
    auto t2 = Clock::now();
    BN_mod_exp_mont_consttime(r.get(), base.get(), e.get(), grp->N.get(), ctx, grp->mont.get());
    const double d3 = ms_since(t2);

    // Ours: prepare A, then answer the challenge.
    auto c0 = Clock::now();
    auto client = cognito::SrpClient::create(opts);
    const double dp = ms_since(c0);
    if (!client || client->A_hex().empty()) die("SrpClient::create failed");
    auto c1 = Clock::now();
    auto claim = client->respond(in.pool_id, in.user, in.password, ch, in.when);
    const double dr = ms_since(c1);
    if (!claim) die("respond failed: " + claim.error().to_string());

    if (i < 0) continue;
    fga.push_back(d1);
    fgx.push_back(d2);
    fs.push_back(d3);
    flo.push_back(d1 + d2 + d3);
    prep.push_back(dp);
    resp.push_back(dr);
    total.push_back(dp + dr);
  }
  BN_CTX_free(ctx);
  m.prepare = stats(prep);
  m.respond = stats(resp);
  m.total = stats(total);
  m.floor = stats(flo);
  m.floor_ga = stats(fga);
  m.floor_gx = stats(fgx);
  m.floor_s = stats(fs);
  m.ratio_min = m.total.min / m.floor.min;
  m.ratio_median = m.total.median / m.floor.median;
  return m;
}

/// The claim of a fixed-a client, checked against the server's S (sanity).
std::string reference_claim(const Inputs& in, const std::string& a_hex, const std::string& timestamp,
                            std::string* A_hex) {
  auto c = need(cognito::SrpClient::create_with_fixed_a(a_hex), "create_with_fixed_a");
  *A_hex = c.A_hex();
  cognito::detail::SrpTrace trace;
  auto claim = need(cognito::detail::SrpClientAccess::respond_raw(c, in.pool_name, in.user, in.password,
                                                                  {in.salt, in.B, in.secret_block}, timestamp,
                                                                  &trace),
                    "respond");
  const std::string S = need(cognito::detail::srp_server_S_hex(*A_hex, in.B, in.v, in.b), "server S");
  if (S != trace.S_hex) die("self-check failed: client S != server S");
  return claim.signature;
}

// ---- amazon-cognito-identity-js -------------------------------------------------------

struct JsResult {
  bool ran = false;
  std::string skipped;  // why not
  int iterations = 0;
  Stats total, prepare, respond;
  bool signature_matches = false;
  std::string node_version;
};

bool have_command(const char* cmd) {
  const std::string probe = std::string("command -v ") + cmd + " >/dev/null 2>&1";
  return std::system(probe.c_str()) == 0;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

std::string run_capture(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    *status = -1;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *status = pclose(p);
  return out;
}

const char* kJsScript = R"JS(// written by cognito_srp_bench
'use strict';
const fs = require('fs');
const { AuthenticationHelper } = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const { Sha256 } = require('@aws-crypto/sha256-js');

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

function signIn(helper, timestamp) {
  // What CognitoUser.authenticateUserDefaultAuth does after the challenge.
  let signature = null;
  helper.getLargeAValue((err, A) => {
    if (err) throw err;
    input.A_out = A.toString(16);
  });
  const B = new BigInteger(input.B, 16);
  const salt = new BigInteger(input.salt, 16);
  helper.getPasswordAuthenticationKey(input.user, input.password, B, salt, (err, hkdf) => {
    if (err) throw err;
    const msg = Buffer.concat([
      Buffer.from(input.pool_name, 'utf8'), Buffer.from(input.user, 'utf8'),
      Buffer.from(input.secret_block, 'base64'), Buffer.from(timestamp, 'utf8')]);
    const mac = new Sha256(hkdf);  // HMAC-SHA256 keyed with the HKDF output
    mac.update(msg);
    signature = Buffer.from(mac.digestSync()).toString('base64');
  });
  if (signature === null) throw new Error('no signature (asynchronous callback?)');
  return signature;
}

// Correctness: with our fixed a, the library must produce our signature.
const check = new AuthenticationHelper(input.pool_name);
check.smallAValue = new BigInteger(input.a_hex, 16);
check.largeAValue = undefined;
const sig = signIn(check, input.timestamp);
const matches = sig === input.expected_signature && input.A_out === input.expected_A;

const total = [], prepare = [], respond = [];
for (let i = -2; i < input.iterations; i++) {
  const t0 = process.hrtime.bigint();
  const helper = new AuthenticationHelper(input.pool_name);  // draws a, computes A
  helper.getLargeAValue(() => {});
  const t1 = process.hrtime.bigint();
  signIn(helper, input.timestamp);
  const t2 = process.hrtime.bigint();
  if (i < 0) continue;
  prepare.push(Number(t1 - t0) / 1e6);
  respond.push(Number(t2 - t1) / 1e6);
  total.push(Number(t2 - t0) / 1e6);
}
const st = (v) => {
  v.sort((a, b) => a - b);
  const n = v.length;
  return { min: v[0], median: n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2 };
};
process.stdout.write(JSON.stringify({
  matches, iterations: input.iterations, node: process.version,
  total: st(total), prepare: st(prepare), respond: st(respond) }) + '\n');
)JS";

/// The scratch folder npm installs into: --js-dir, else $TMPDIR/cognito-bench-js.
std::string js_dir_default() {
  const char* tmp = std::getenv("TMPDIR");
  return std::string(tmp && *tmp ? tmp : "/tmp") + "/cognito-bench-js";
}

JsResult run_js(const Inputs& in, int iterations, const std::string& dir) {
  JsResult js;
  js.iterations = iterations;
  if (!have_command("npm") || !have_command("node")) {
    js.skipped = "npm/node not found";
    return js;
  }
  const std::string pkg = dir + "/node_modules/amazon-cognito-identity-js/package.json";
  if (bench::read_file(pkg).value_or("").find("\"version\": \"6.3.21\"") == std::string::npos) {
    std::fprintf(stderr, "installing amazon-cognito-identity-js@6.3.21 into %s ...\n", dir.c_str());
    const std::string cmd = "mkdir -p " + shell_quote(dir) + " && cd " + shell_quote(dir) +
                            " && (test -f package.json || echo '{\"private\":true}' > package.json)"
                            " && npm install --no-audit --no-fund amazon-cognito-identity-js@6.3.21 >&2";
    if (std::system(cmd.c_str()) != 0) {
      js.skipped = "npm install failed";
      return js;
    }
  }
  // Inputs, with a fixed a and our signature for the correctness check.
  const std::string a_hex = hex(random_bytes(128));
  const std::string timestamp = cognito::srp_timestamp(in.when);
  std::string A_hex;
  const std::string expected = reference_claim(in, a_hex, timestamp, &A_hex);
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("pool_name"); w.String(in.pool_name);
  w.Key("user"); w.String(in.user);
  w.Key("password"); w.String(in.password);
  w.Key("salt"); w.String(in.salt);
  w.Key("B"); w.String(in.B);
  w.Key("secret_block"); w.String(in.secret_block);
  w.Key("timestamp"); w.String(timestamp);
  w.Key("a_hex"); w.String(a_hex);
  w.Key("expected_A"); w.String(A_hex);
  w.Key("expected_signature"); w.String(expected);
  w.Key("iterations"); w.Int(iterations);
  w.EndObject();
  {
    std::ofstream(dir + "/bench-input.json") << sb.GetString();
    std::ofstream(dir + "/bench.js") << kJsScript;
  }
  int status = 0;
  const std::string out = run_capture("cd " + shell_quote(dir) + " && node bench.js bench-input.json", &status);
  rapidjson::Document d;
  d.Parse(out.c_str());
  if (status != 0 || d.HasParseError() || !d.IsObject() || !d.HasMember("total")) {
    js.skipped = "the Node script failed: " + out.substr(0, 300);
    return js;
  }
  js.ran = true;
  js.signature_matches = d["matches"].GetBool();
  js.node_version = d["node"].GetString();
  auto get = [&](const char* k) {
    Stats s;
    s.min = d[k]["min"].GetDouble();
    s.median = d[k]["median"].GetDouble();
    return s;
  };
  js.total = get("total");
  js.prepare = get("prepare");
  js.respond = get("respond");
  return js;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 200;
  int js_iterations = 20;
  bool js = false;
  std::string json_path;
  std::string js_dir = js_dir_default();
  bench::program_name = "cognito_srp_bench";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + arg);
      return argv[++i];
    };
    if (arg == "--iterations") iterations = std::atoi(value().c_str());
    else if (arg == "--js-iterations") js_iterations = std::atoi(value().c_str());
    else if (arg == "--js") js = true;
    else if (arg == "--json") json_path = value();
    else if (arg == "--js-dir") js_dir = value();
    else if (arg == "--help" || arg == "-h") {
      std::printf("usage: %s [--iterations N] [--js] [--js-iterations N] [--js-dir DIR] [--json FILE]\n", argv[0]);
      return 0;
    } else {
      die("unknown argument " + arg);
    }
  }
  if (iterations < 1 || js_iterations < 1) die("iterations must be >= 1");

  const Inputs in = make_inputs();
  {
    std::string A;
    (void)reference_claim(in, hex(random_bytes(32)), cognito::srp_timestamp(in.when), &A);  // self-check
  }
  std::printf("libcognito SRP benchmark: %s, %u hardware threads, %d iterations (min / median ms)\n",
              OPENSSL_VERSION_TEXT, std::thread::hardware_concurrency(), iterations);
  std::printf(bench::optimised() ? "build: optimised (NDEBUG)\n\n"
                                  : "build: NOT optimised (assertions on) -- configure with "
                                    "-DCMAKE_BUILD_TYPE=Release for figures\n\n");

  std::vector<ModeResult> modes;
  for (std::size_t bits : {256u, 1024u}) modes.push_back(run_mode(in, bits, iterations));

  std::printf("%-10s %-20s %-20s %-20s %-20s %-14s\n", "ephemeral", "prepare A", "respond", "sign-in total",
              "floor (3 modexp)", "total/floor");
  for (const auto& m : modes) {
    char c1[32], c2[32], c3[32], c4[32], c5[32];
    std::snprintf(c1, sizeof c1, "%.3f / %.3f", m.prepare.min, m.prepare.median);
    std::snprintf(c2, sizeof c2, "%.3f / %.3f", m.respond.min, m.respond.median);
    std::snprintf(c3, sizeof c3, "%.3f / %.3f", m.total.min, m.total.median);
    std::snprintf(c4, sizeof c4, "%.3f / %.3f", m.floor.min, m.floor.median);
    std::snprintf(c5, sizeof c5, "%.3fx / %.3fx", m.ratio_min, m.ratio_median);
    std::printf("%-10s %-20s %-20s %-20s %-20s %-14s\n", (std::to_string(m.bits) + "-bit").c_str(), c1, c2, c3,
                c4, c5);
  }
  std::printf("\nfloor parts (median ms): ");
  for (const auto& m : modes)
    std::printf("%zu-bit: g^a %.3f, g^x %.3f, base^(a+ux) %.3f [%d-bit exponent]   ", m.bits, m.floor_ga.median,
                m.floor_gx.median, m.floor_s.median, m.exponent_bits);
  std::printf("\n");

  JsResult jr;
  if (js) {
    jr = run_js(in, js_iterations, js_dir);
    if (!jr.ran) {
      std::printf("\namazon-cognito-identity-js: skipped (%s)\n", jr.skipped.c_str());
    } else {
      std::printf("\namazon-cognito-identity-js 6.3.21 on Node %s, %d iterations (1024-bit a), same inputs:\n",
                  jr.node_version.c_str(), jr.iterations);
      std::printf("  prepare A %.3f / %.3f, respond %.3f / %.3f, sign-in total %.3f / %.3f ms; "
                  "same signature as ours for a fixed a: %s\n",
                  jr.prepare.min, jr.prepare.median, jr.respond.min, jr.respond.median, jr.total.min,
                  jr.total.median, jr.signature_matches ? "yes" : "NO");
      for (const auto& m : modes)
        std::printf("  speed-up of libcognito (%zu-bit a): %.1fx (min), %.1fx (median)\n", m.bits,
                    jr.total.min / m.total.min, jr.total.median / m.total.median);
    }
  }

  if (!json_path.empty()) {
    rapidjson::StringBuffer sb;
    bench::JsonWriter w(sb);
    w.StartObject();
    w.Key("openssl"); w.String(OPENSSL_VERSION_TEXT);
    w.Key("hardware_threads"); w.Uint(std::thread::hardware_concurrency());
    w.Key("optimised"); w.Bool(bench::optimised());
    w.Key("iterations"); w.Int(iterations);
    w.Key("modes");
    w.StartArray();
    for (const auto& m : modes) {
      w.StartObject();
      w.Key("ephemeral_bits"); w.Uint(static_cast<unsigned>(m.bits));
      bench::write_stats(w, "prepare", m.prepare);
      bench::write_stats(w, "respond", m.respond);
      bench::write_stats(w, "total", m.total);
      bench::write_stats(w, "floor", m.floor);
      bench::write_stats(w, "floor_g_a", m.floor_ga);
      bench::write_stats(w, "floor_g_x", m.floor_gx);
      bench::write_stats(w, "floor_base_e", m.floor_s);
      w.Key("floor_exponent_bits"); w.Int(m.exponent_bits);
      w.Key("ratio_min"); w.Double(m.ratio_min);
      w.Key("ratio_median"); w.Double(m.ratio_median);
      w.EndObject();
    }
    w.EndArray();
    w.Key("js");
    w.StartObject();
    w.Key("requested"); w.Bool(js);
    w.Key("ran"); w.Bool(jr.ran);
    if (!jr.ran && js) {
      w.Key("skipped"); w.String(jr.skipped);
    }
    if (jr.ran) {
      w.Key("package"); w.String("amazon-cognito-identity-js@6.3.21");
      w.Key("node"); w.String(jr.node_version);
      w.Key("iterations"); w.Int(jr.iterations);
      w.Key("signature_matches"); w.Bool(jr.signature_matches);
      bench::write_stats(w, "prepare", jr.prepare);
      bench::write_stats(w, "respond", jr.respond);
      bench::write_stats(w, "total", jr.total);
      w.Key("speedup");
      w.StartObject();
      for (const auto& m : modes) {
        w.Key((std::to_string(m.bits) + "_bit").c_str());
        w.StartObject();
        w.Key("min"); w.Double(jr.total.min / m.total.min);
        w.Key("median"); w.Double(jr.total.median / m.total.median);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    bench::write_json_file(json_path, sb);
  }
  return 0;
}
