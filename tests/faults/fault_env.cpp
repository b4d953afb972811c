#include "fault_env.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace faults {

namespace {

std::string state_file() {
  if (const char* dir = std::getenv("COGNITO_EMULATOR_STATE_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/emulator.json";
  return COGNITO_EMULATOR_JSON;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Json parse(std::string_view text, std::string_view what) {
  Json doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) FAIL(std::string(what) << " is not JSON: " << std::string(text.substr(0, 300)));
  return doc;
}

cognito::Transport& control_transport() {
  static std::unique_ptr<cognito::CurlTransport> t = [] {
    auto created = cognito::CurlTransport::create();
    REQUIRE(created);
    return std::move(*created);
  }();
  return *t;
}

constexpr const char* kAllFlows =
    R"(["ALLOW_USER_SRP_AUTH","ALLOW_USER_PASSWORD_AUTH","ALLOW_CUSTOM_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_AUTH"])";

}  // namespace

bool emulator_available() {
  std::ifstream in(state_file());
  return in.good();
}

const std::string& endpoint() {
  static const std::string ep = [] {
    const std::string text = read_file(state_file());
    if (text.empty()) FAIL("cannot read the emulator description " << state_file());
    Json doc = parse(text, "emulator.json");
    std::string e = str(doc, "endpoint");
    REQUIRE_FALSE(e.empty());
    return e;
  }();
  return ep;
}

Json control(std::string_view method, std::string_view path, std::string_view body) {
  static std::mutex mu;  // one CurlTransport: one request at a time
  std::lock_guard<std::mutex> lock(mu);
  cognito::HttpRequest req;
  req.method = std::string(method);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  req.url = endpoint() + "_emulator/" + std::string(path);
  req.headers.add("Content-Type", "application/json");
  req.body = cognito::SecretString(body);
  auto rsp = control_transport().round_trip(req, std::chrono::seconds(20));
  if (!rsp) FAIL("control " << method << " " << path << ": " << rsp.error().to_string());
  const std::string_view text = rsp->body.reveal();
  if (rsp->status < 200 || rsp->status >= 300)
    FAIL("control " << method << " " << path << " -> " << rsp->status << " " << std::string(text.substr(0, 500)));
  return parse(text.empty() ? std::string_view("{}") : text, "control answer");
}

std::string quote(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

std::string str(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string unique(std::string_view prefix) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return std::string(prefix) + std::to_string(getpid()) + "x" + std::to_string(salt) + "n" +
         std::to_string(++counter);
}

cognito::RetryPolicy fast_retries(std::chrono::milliseconds deadline, int attempts) {
  cognito::RetryPolicy r;
  r.max_attempts = attempts;
  r.base_delay = std::chrono::milliseconds(10);
  r.throttle_base_delay = std::chrono::milliseconds(20);
  r.max_delay = std::chrono::milliseconds(200);
  r.deadline = deadline;
  return r;
}

// ---- Pool --------------------------------------------------------------------------

Pool::Pool(std::string_view client_settings, std::string_view pool_settings) {
  std::string client = R"({"name":"app","explicit_auth_flows":)" + std::string(kAllFlows);
  if (!client_settings.empty()) client += "," + std::string(client_settings);
  client += "}";
  std::string body = R"({"name":)" + quote(unique("faults")) + R"(,"clients":[)" + client + "]";
  if (!pool_settings.empty()) body += "," + std::string(pool_settings);
  body += "}";
  Json view = control("POST", "pools", body);
  id_ = str(view, "user_pool_id");
  REQUIRE_FALSE(id_.empty());
  REQUIRE(view["clients"].IsArray());
  REQUIRE(view["clients"].Size() == 1);
  client_id_ = str(view["clients"][0], "client_id");
  REQUIRE_FALSE(client_id_.empty());
}

Pool::~Pool() {
  // Best effort: a failed test must not leave rules behind that hit later tests
  // (they are scoped to this pool's client anyway).
  for (int id : rules_) {
    cognito::HttpRequest req;
    req.method = "DELETE";
    req.url = endpoint() + "_emulator/faults/" + std::to_string(id);
    (void)control_transport().round_trip(req, std::chrono::seconds(5));
  }
  cognito::HttpRequest req;
  req.method = "DELETE";
  req.url = endpoint() + "_emulator/pools/" + id_;
  (void)control_transport().round_trip(req, std::chrono::seconds(5));
}

void Pool::add_user(const std::string& username, std::string_view extra) const {
  std::string body = R"({"username":)" + quote(username) + R"(,"password":)" + quote(kPassword) +
                     R"(,"attributes":{"email":)" + quote(username + "@example.com") + "}";
  if (!extra.empty()) body += "," + std::string(extra);
  body += "}";
  (void)control("POST", "pools/" + id_ + "/users", body);
}

cognito::Client Pool::client(const cognito::RetryPolicy& retry, cognito::CurlTransportOptions opts) const {
  cognito::ClientConfig cfg;
  cfg.user_pool_id = id_;
  cfg.client_id = client_id_;
  cfg.endpoint = endpoint();
  cfg.retry = retry;
  cfg.remember_devices = false;
  auto transport = cognito::CurlTransport::create(std::move(opts));
  REQUIRE_MESSAGE(transport, transport.error().to_string());
  auto created = cognito::Client::create(std::move(cfg), std::move(*transport));
  REQUIRE_MESSAGE(created, created.error().to_string());
  return std::move(*created);
}

int Pool::fault(std::string_view rule) const {
  Json added = control("POST", "faults", R"({"client_id":)" + quote(client_id_) + "," + std::string(rule) + "}");
  REQUIRE(added.IsObject());
  REQUIRE(added.HasMember("added"));
  REQUIRE(added["added"].IsArray());
  REQUIRE(added["added"].Size() == 1);
  const int id = added["added"][0].GetInt();
  rules_.push_back(id);
  return id;
}

int Pool::counter(std::string_view operation) const {
  return fault(R"("kind":"delay","delay_ms":0,"operation":)" + quote(operation));
}

int Pool::seen(int id) const {
  Json rules = control("GET", "faults");
  REQUIRE(rules.IsArray());
  for (const auto& r : rules.GetArray())
    if (r["id"].GetInt() == id) return r["seen"].GetInt();
  return 0;
}

void Pool::advance(std::chrono::seconds by) const {
  (void)control("POST", "pools/" + id_ + "/clock", R"({"advance_seconds":)" + std::to_string(by.count()) + "}");
}

// ---- sign-in helpers ---------------------------------------------------------------------

namespace {

cognito::Result<cognito::SignedIn> finish(cognito::Result<cognito::SignInProgress> progress) {
  if (!progress) return std::move(progress).error();
  if (!progress->done())
    return cognito::Error(cognito::ErrorCode::UnexpectedResponse,
                          "unexpected step " + (progress->step() ? progress->step()->challenge_name : std::string()));
  return progress->take_result();
}

}  // namespace

cognito::Result<cognito::SignedIn> sign_in_password(cognito::Client& client, const std::string& username,
                                                    std::string_view password) {
  return finish(client.sign_in(cognito::SignInRequest::user_password(username, cognito::SecretString(password))));
}

cognito::Result<cognito::SignedIn> sign_in_srp(cognito::Client& client, const std::string& username,
                                               std::string_view password) {
  return finish(client.sign_in(cognito::SignInRequest::srp(username, cognito::SecretString(password))));
}

}  // namespace faults
