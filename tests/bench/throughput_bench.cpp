// cognito_throughput_bench — whole USER_SRP_AUTH sign-ins (InitiateAuth +
// RespondToAuthChallenge, start to tokens) through cognito::Client and its
// libcurl transport, against the local emulator (tests/emulator).
//
//  * one client: a warm-up sign-in, then N sign-ins in a row over the same
//    Client; the emulator's connection counter (GET /_emulator/stats, reset
//    before the client exists) must show exactly one TCP connection;
//  * --threads T: T threads, each with a Client of its own, N sign-ins in all;
//    the emulator must count exactly T connections.
//
// Reported per run: wall time per sign-in (min / median / p90), sign-ins per
// second, client CPU time per sign-in (the process's CPU clock: the SRP
// exponentiations, JSON, HTTP; the emulator is another process), and the
// connections counted by the emulator and by the transports.
//
// Under valgrind, the N measured sign-ins of the one-client run all happen in
// bench_measured_sign_ins(), so
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='bench_measured_sign_ins*'
//            cognito_throughput_bench --sign-ins 5 --threads 0 ...
// counts the instructions of exactly those N sign-ins (scripts/bench does this).
//
// Settings come from the emulator's start-up JSON (--emulator-json FILE, or
// --emulator-state DIR for the ctest fixture's DIR/emulator.json): endpoint,
// control endpoint, the first pool, its public client and first demo user.
// --pool-id / --client-id / --username / --password override them.
//
// --check-connections: exit 1 when a run's connection count is not one per
// client (a functional check of connection reuse; the timings are only printed).
// Exit status 77 when the emulator JSON is missing (the ctest fixture did not run).
#include <cognito/cognito.hpp>
#include <cognito/curl_transport.hpp>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_common.hpp"

namespace {

using bench::Clock;
using bench::die;

struct Settings {
  std::string endpoint;
  std::string control;  ///< ".../_emulator/"
  std::string pool_id;
  std::string client_id;
  std::string username;
  std::string password;
  int sign_ins = 50;
  int threads = 4;
  int warmup = 1;
  std::size_t ephemeral_bits = 256;
  bool check_connections = false;
  std::string json_path;
};

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// ---- the emulator's control API -------------------------------------------------------

/// Its own kept-alive transport, opened before the counters are reset, so the
/// control requests never add to the connection count.
class Control {
 public:
  explicit Control(std::string base) : base_(std::move(base)) {
    auto t = cognito::CurlTransport::create();
    if (!t) die("control transport: " + t.error().to_string());
    transport_ = std::move(*t);
  }

  rapidjson::Document request(const std::string& method, const std::string& path) {
    cognito::HttpRequest rq;
    rq.method = method;
    rq.url = base_ + path;
    if (method == "POST") rq.headers.add("Content-Type", "application/json");
    auto rsp = transport_->round_trip(rq, std::chrono::seconds(30));
    if (!rsp) die(method + " " + rq.url + ": " + rsp.error().to_string());
    rapidjson::Document d;
    d.Parse(rsp->body.data(), rsp->body.size());
    if (rsp->status != 200 || d.HasParseError() || !d.IsObject())
      die(method + " " + rq.url + ": HTTP " + std::to_string(rsp->status) + " " + std::string(rsp->body.reveal()));
    return d;
  }

 private:
  std::string base_;
  std::unique_ptr<cognito::CurlTransport> transport_;
};

struct EmulatorStats {
  long connections = 0;
  long api_requests = 0;
  std::vector<std::pair<std::string, long>> operations;
};

EmulatorStats read_stats(Control& control) {
  const rapidjson::Document d = control.request("GET", "stats");
  EmulatorStats s;
  if (!d.HasMember("connections") || !d["connections"].IsInt64()) die("stats without 'connections'");
  s.connections = static_cast<long>(d["connections"].GetInt64());
  if (d.HasMember("api_requests") && d["api_requests"].IsInt64())
    s.api_requests = static_cast<long>(d["api_requests"].GetInt64());
  if (d.HasMember("operations") && d["operations"].IsObject())
    for (const auto& m : d["operations"].GetObject())
      if (m.value.IsInt64()) s.operations.emplace_back(m.name.GetString(), static_cast<long>(m.value.GetInt64()));
  return s;
}

// ---- sign-ins ---------------------------------------------------------------------------

struct BenchClient {
  cognito::CurlTransport* transport = nullptr;  ///< owned by client
  std::unique_ptr<cognito::Client> client;
};

BenchClient make_client(const Settings& s) {
  cognito::ClientConfig cfg;
  cfg.user_pool_id = s.pool_id;
  cfg.client_id = s.client_id;
  cfg.endpoint = s.endpoint;
  cfg.srp.ephemeral_bits = s.ephemeral_bits;
  cfg.remember_devices = false;  // the same two requests per sign-in on every pool
  cfg.retry.max_attempts = 1;    // a failure is a failure, not a hidden retry
  auto t = cognito::CurlTransport::create();
  if (!t) die("transport: " + t.error().to_string());
  BenchClient bc;
  bc.transport = t->get();
  auto c = cognito::Client::create(std::move(cfg), std::move(*t));
  if (!c) die("client: " + c.error().to_string());
  bc.client = std::make_unique<cognito::Client>(std::move(*c));
  return bc;
}

/// One USER_SRP_AUTH sign-in, start to tokens; dies on failure.
void sign_in_once(cognito::Client& client, const std::string& username, const std::string& password) {
  auto p = client.sign_in(cognito::SignInRequest::srp(username, cognito::SecretString(password)));
  if (!p) die("sign-in failed: " + p.error().to_string());
  if (!p->done()) die("sign-in stopped at a challenge (" + p->step()->challenge_name + "): use a user without MFA");
  auto r = p->take_result();
  if (!r || r->tokens.access_token.empty()) die("sign-in gave no tokens");
}

}  // namespace

/// The measured sign-ins (outside the anonymous namespace and never inlined:
/// callgrind's --toggle-collect matches this name). Appends one wall time per
/// sign-in, in milliseconds.
__attribute__((noinline)) void bench_measured_sign_ins(cognito::Client& client, const std::string& username,
                                                       const std::string& password, int count,
                                                       std::vector<double>& ms) {
  for (int i = 0; i < count; ++i) {
    const auto t0 = Clock::now();
    sign_in_once(client, username, password);
    ms.push_back(bench::ms_since(t0));
  }
}

namespace {

struct RunResult {
  int clients = 0;
  int sign_ins = 0;
  double wall_s = 0;
  double cpu_ms_per_sign_in = 0;
  bench::Stats latency;
  EmulatorStats emulator;
  long transport_connections = 0;
  bool connections_ok = false;
};

/// `clients` clients, one per thread (one client: on this thread), N sign-ins in all.
RunResult run(const Settings& s, Control& control, int clients) {
  control.request("POST", "stats/reset");  // before any client connects
  std::vector<BenchClient> bcs;
  for (int i = 0; i < clients; ++i) bcs.push_back(make_client(s));
  for (auto& bc : bcs)
    for (int i = 0; i < s.warmup; ++i) sign_in_once(*bc.client, s.username, s.password);

  std::vector<std::vector<double>> samples(static_cast<std::size_t>(clients));
  const double cpu0 = cpu_seconds();
  const auto t0 = Clock::now();
  if (clients == 1) {
    bench_measured_sign_ins(*bcs[0].client, s.username, s.password, s.sign_ins, samples[0]);
  } else {
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
      const int share = s.sign_ins / clients + (i < s.sign_ins % clients ? 1 : 0);
      threads.emplace_back([&, i, share] {
        bench_measured_sign_ins(*bcs[i].client, s.username, s.password, share, samples[i]);
      });
    }
    for (auto& t : threads) t.join();
  }
  RunResult r;
  r.wall_s = bench::ms_since(t0) / 1000;
  r.cpu_ms_per_sign_in = (cpu_seconds() - cpu0) * 1000 / s.sign_ins;
  r.clients = clients;
  r.sign_ins = s.sign_ins;
  std::vector<double> all;
  for (const auto& v : samples) all.insert(all.end(), v.begin(), v.end());
  r.latency = bench::stats(all);
  r.emulator = read_stats(control);
  for (const auto& bc : bcs) r.transport_connections += bc.transport->connections_opened();
  r.connections_ok = r.emulator.connections == clients && r.transport_connections == clients;
  return r;
}

void print_run(const char* title, const RunResult& r) {
  std::printf("%s: %d sign-ins over %d client%s in %.3f s = %.1f sign-ins/s\n", title, r.sign_ins, r.clients,
              r.clients == 1 ? "" : "s (one per thread)", r.wall_s, r.sign_ins / r.wall_s);
  std::printf("  wall per sign-in: min %.3f, median %.3f, p90 %.3f ms (emulator time included)\n", r.latency.min,
              r.latency.median, r.latency.p90);
  std::printf("  client CPU per sign-in: %.3f ms (all threads, SRP included)\n", r.cpu_ms_per_sign_in);
  std::printf("  TCP connections: emulator counted %ld, transports opened %ld (expected %d): %s\n",
              r.emulator.connections, r.transport_connections, r.clients, r.connections_ok ? "ok" : "WRONG");
  std::printf("  emulator API requests: %ld (", r.emulator.api_requests);
  for (std::size_t i = 0; i < r.emulator.operations.size(); ++i)
    std::printf("%s%s %ld", i ? ", " : "", r.emulator.operations[i].first.c_str(), r.emulator.operations[i].second);
  std::printf(")\n");
}

void write_run(bench::JsonWriter& w, const char* key, const RunResult& r) {
  w.Key(key);
  w.StartObject();
  w.Key("clients"); w.Int(r.clients);
  w.Key("sign_ins"); w.Int(r.sign_ins);
  w.Key("wall_s"); w.Double(r.wall_s);
  w.Key("sign_ins_per_s"); w.Double(r.sign_ins / r.wall_s);
  bench::write_stats(w, "wall_per_sign_in", r.latency, true);
  w.Key("client_cpu_ms_per_sign_in"); w.Double(r.cpu_ms_per_sign_in);
  w.Key("emulator_connections"); w.Int64(r.emulator.connections);
  w.Key("transport_connections"); w.Int64(r.transport_connections);
  w.Key("connections_ok"); w.Bool(r.connections_ok);
  w.Key("emulator_api_requests"); w.Int64(r.emulator.api_requests);
  w.Key("operations");
  w.StartObject();
  for (const auto& [op, n] : r.emulator.operations) {
    w.Key(op.c_str());
    w.Int64(n);
  }
  w.EndObject();
  w.EndObject();
}

std::string member(const rapidjson::Value& v, const char* key) {
  return v.IsObject() && v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

/// Defaults from the emulator's start-up JSON. False when the file is missing.
bool load_emulator_json(const std::string& path, Settings& s) {
  const auto text = bench::read_file(path);
  if (!text) return false;
  rapidjson::Document d;
  d.Parse(text->c_str());
  if (d.HasParseError() || !d.IsObject()) die(path + ": not JSON");
  s.endpoint = member(d, "endpoint");
  s.control = member(d, "control_endpoint");
  s.pool_id = member(d, "user_pool_id");
  s.client_id = member(d, "public_client_id");
  if (d.HasMember("users") && d["users"].IsArray() && !d["users"].Empty()) {
    s.username = member(d["users"][0], "username");
    s.password = member(d["users"][0], "password");
  }
  return true;
}

const char* kUsage =
    "usage: cognito_throughput_bench (--emulator-json FILE | --emulator-state DIR) [--endpoint URL]\n"
    "         [--pool-id ID] [--client-id ID] [--username U] [--password P] [--sign-ins N (50)]\n"
    "         [--threads T (4; 0 = only the one-client run)] [--warmup W (1)] [--ephemeral-bits B (256)]\n"
    "         [--check-connections] [--json FILE]\n";

}  // namespace

int main(int argc, char** argv) {
  bench::program_name = "cognito_throughput_bench";
  Settings s;
  std::string emulator_json;
  std::vector<std::pair<std::string, std::string>> overrides;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + arg);
      return argv[++i];
    };
    if (arg == "--emulator-json") emulator_json = value();
    else if (arg == "--emulator-state") emulator_json = value() + "/emulator.json";
    else if (arg == "--endpoint" || arg == "--pool-id" || arg == "--client-id" || arg == "--username" ||
             arg == "--password")
      overrides.emplace_back(arg, value());
    else if (arg == "--sign-ins") s.sign_ins = std::atoi(value().c_str());
    else if (arg == "--threads") s.threads = std::atoi(value().c_str());
    else if (arg == "--warmup") s.warmup = std::atoi(value().c_str());
    else if (arg == "--ephemeral-bits") s.ephemeral_bits = static_cast<std::size_t>(std::atoi(value().c_str()));
    else if (arg == "--check-connections") s.check_connections = true;
    else if (arg == "--json") s.json_path = value();
    else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fputs(kUsage, stderr);
      die("unknown argument " + arg);
    }
  }
  if (emulator_json.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (!load_emulator_json(emulator_json, s)) {
    std::fprintf(stderr, "cognito_throughput_bench: %s not found: emulator not running (skipped)\n",
                 emulator_json.c_str());
    return 77;
  }
  for (const auto& [flag, v] : overrides) {
    if (flag == "--endpoint") s.endpoint = v;
    if (flag == "--pool-id") s.pool_id = v;
    if (flag == "--client-id") s.client_id = v;
    if (flag == "--username") s.username = v;
    if (flag == "--password") s.password = v;
  }
  if (s.control.empty()) s.control = s.endpoint + "_emulator/";
  if (s.endpoint.empty() || s.pool_id.empty() || s.client_id.empty() || s.username.empty())
    die("endpoint, pool id, client id and username are needed");
  if (s.sign_ins < 1 || s.threads < 0 || s.warmup < 0) die("--sign-ins >= 1, --threads >= 0, --warmup >= 0");

  std::printf("libcognito throughput: USER_SRP_AUTH (%zu-bit a) as %s against %s, %u hardware threads, %s build\n",
              s.ephemeral_bits, s.username.c_str(), s.endpoint.c_str(), std::thread::hardware_concurrency(),
              bench::optimised() ? "optimised" : "NOT optimised");
  Control control(s.control);
  const RunResult one = run(s, control, 1);
  print_run("one client", one);
  RunResult many;
  if (s.threads > 0) {
    many = run(s, control, s.threads);
    print_run("threads", many);
  }

  if (!s.json_path.empty()) {
    rapidjson::StringBuffer sb;
    bench::JsonWriter w(sb);
    w.StartObject();
    w.Key("optimised"); w.Bool(bench::optimised());
    w.Key("hardware_threads"); w.Uint(std::thread::hardware_concurrency());
    w.Key("ephemeral_bits"); w.Uint(static_cast<unsigned>(s.ephemeral_bits));
    w.Key("warmup"); w.Int(s.warmup);
    write_run(w, "one_client", one);
    if (s.threads > 0) write_run(w, "threads", many);
    w.EndObject();
    bench::write_json_file(s.json_path, sb);
  }
  const bool ok = one.connections_ok && (s.threads == 0 || many.connections_ok);
  if (s.check_connections && !ok) {
    std::fprintf(stderr, "cognito_throughput_bench: connection reuse check FAILED\n");
    return 1;
  }
  return 0;
}
