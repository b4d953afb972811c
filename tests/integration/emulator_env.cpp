#include "emulator_env.hpp"

#include <doctest/doctest.h>

#include <openssl/hmac.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace itest {

namespace {

constexpr const char* kAllFlows =
    R"(["ALLOW_USER_SRP_AUTH","ALLOW_USER_PASSWORD_AUTH","ALLOW_CUSTOM_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_AUTH"])";

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

}  // namespace

const EmulatorInfo& emulator() {
  static const EmulatorInfo info = [] {
    // Overrides for running the binary by hand against another emulator.
    std::string path = COGNITO_EMULATOR_JSON;
    if (const char* dir = std::getenv("COGNITO_EMULATOR_STATE_DIR"); dir && *dir)
      path = std::string(dir) + "/emulator.json";
    if (const char* file = std::getenv("COGNITO_EMULATOR_JSON"); file && *file) path = file;
    const std::string text = read_file(path);
    if (text.empty()) FAIL("cannot read the emulator description " << path << " (is the emulator fixture running?)");
    Json doc = parse(text, path);
    EmulatorInfo e;
    e.endpoint = str(doc, "endpoint");
    e.control_endpoint = str(doc, "control_endpoint");
    if (e.control_endpoint.empty()) e.control_endpoint = e.endpoint + "_emulator/";
    REQUIRE_FALSE(e.endpoint.empty());
    return e;
  }();
  return info;
}

Json control(std::string_view method, std::string_view path, std::string_view body) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  cognito::HttpRequest req;
  req.method = std::string(method);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  req.url = emulator().control_endpoint + std::string(path);
  req.headers.add("Content-Type", "application/json");
  req.body = cognito::SecretString(body);
  auto rsp = control_transport().round_trip(req, std::chrono::seconds(20));
  if (!rsp) FAIL("control " << method << " " << path << ": " << rsp.error().to_string());
  const std::string_view text = rsp->body.reveal();
  if (rsp->status < 200 || rsp->status >= 300)
    FAIL("control " << method << " " << path << " -> " << rsp->status << " " << std::string(text.substr(0, 500)));
  return parse(text.empty() ? std::string_view("{}") : text, "control answer");
}

std::string str(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string quote(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string unique(std::string_view prefix) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return std::string(prefix) + std::to_string(getpid()) + "x" + std::to_string(salt) + "n" +
         std::to_string(++counter);
}

// ---- TestPool ------------------------------------------------------------------

TestPool::TestPool(std::string_view settings, std::string_view clients_json)
    : offset_(std::make_shared<std::chrono::seconds>(0)) {
  std::string clients(clients_json);
  if (clients.empty()) {
    clients = std::string(R"([{"name":"public","explicit_auth_flows":)") + kAllFlows +
              R"(},{"name":"secret","generate_secret":true,"explicit_auth_flows":)" + kAllFlows +
              R"(},{"name":"rotation","explicit_auth_flows":)" + kAllFlows +
              R"(,"refresh_token_rotation":{"enabled":true,"retry_grace_period_seconds":10}}])";
  }
  std::string body = R"({"name":)" + quote(unique("pool")) + R"(,"clients":)" + clients;
  if (!settings.empty()) body += "," + std::string(settings);
  body += "}";
  Json view = control("POST", "pools", body);
  id_ = str(view, "user_pool_id");
  REQUIRE_FALSE(id_.empty());
  for (const auto& c : view["clients"].GetArray())
    clients_[str(c, "name")] = AppClient{str(c, "client_id"), str(c, "client_secret")};
}

const AppClient& TestPool::app_client(const std::string& name) const {
  auto it = clients_.find(name);
  REQUIRE_MESSAGE(it != clients_.end(), "no app client named " << name);
  return it->second;
}

cognito::Client TestPool::client(const std::string& name) const {
  const AppClient& app = app_client(name);
  cognito::ClientConfig cfg;
  cfg.user_pool_id = id_;
  cfg.client_id = app.id;
  cfg.client_secret = cognito::SecretString(app.secret);
  cfg.endpoint = emulator().endpoint;
  cfg.retry.deadline = std::chrono::seconds(20);
  auto offset = offset_;
  cfg.wall_clock = [offset] { return std::chrono::system_clock::now() + *offset; };
  auto created = cognito::Client::create(std::move(cfg));
  REQUIRE(created);
  return std::move(*created);
}

Json TestPool::add_user(std::string_view user_json) const {
  return control("POST", "pools/" + id_ + "/users", user_json);
}

void TestPool::add_simple_user(const std::string& username, std::string_view extra) const {
  std::string body = R"({"username":)" + quote(username) + R"(,"password":)" + quote(kPassword) +
                     R"(,"attributes":{"email":)" + quote(username + "@example.com") + "}";
  if (!extra.empty()) body += "," + std::string(extra);
  body += "}";
  (void)add_user(body);
}

Json TestPool::update_user(const std::string& username, std::string_view changes_json) const {
  return control("PATCH", "pools/" + id_ + "/users/" + url_encode(username), changes_json);
}

Json TestPool::user(const std::string& username) const {
  return control("GET", "pools/" + id_ + "/users/" + url_encode(username));
}

std::string TestPool::last_code(const std::string& username, std::string_view purpose) const {
  std::string path = "outbox?pool_id=" + url_encode(id_) + "&username=" + url_encode(username);
  if (!purpose.empty()) path += "&purpose=" + url_encode(purpose);
  Json messages = control("GET", path);
  REQUIRE(messages.IsArray());
  REQUIRE_MESSAGE(messages.Size() > 0, "no message for " << username << " " << std::string(purpose));
  return str(messages[messages.Size() - 1], "code");
}

std::size_t TestPool::outbox_size(const std::string& username) const {
  Json messages = control("GET", "outbox?pool_id=" + url_encode(id_) + "&username=" + url_encode(username));
  REQUIRE(messages.IsArray());
  return messages.Size();
}

void TestPool::advance(std::chrono::seconds by) {
  (void)control("POST", "pools/" + id_ + "/clock", R"({"advance_seconds":)" + std::to_string(by.count()) + "}");
  *offset_ += by;
}

double TestPool::now() const {
  Json clock = control("GET", "pools/" + id_ + "/clock");
  return clock["now"].GetDouble();
}

// ---- helpers -------------------------------------------------------------------

std::string totp(std::string_view base32_secret, double unix_seconds) {
  std::string key;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : base32_secret) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else continue;  // padding, spaces
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      key.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  const auto counter = static_cast<std::uint64_t>(std::floor(unix_seconds / 30.0));
  unsigned char msg[8];
  for (int i = 0; i < 8; ++i) msg[i] = static_cast<unsigned char>(counter >> (56 - 8 * i));
  unsigned char mac[20];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len);
  const int offset = mac[19] & 0x0F;
  const std::uint32_t value = ((static_cast<std::uint32_t>(mac[offset]) & 0x7F) << 24) |
                              (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                              (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  char out[7];
  std::snprintf(out, sizeof out, "%06u", value % 1000000u);
  return out;
}

cognito::SignedIn sign_in_done(cognito::Client& client, cognito::SignInRequest request) {
  auto progress = client.sign_in(std::move(request));
  REQUIRE_MESSAGE(progress, progress.error().to_string());
  REQUIRE_MESSAGE(progress->done(), "unexpected step " << (progress->step() ? progress->step()->challenge_name : ""));
  auto result = progress->take_result();
  REQUIRE(result);
  return std::move(*result);
}

void answer_ok(cognito::Client& client, cognito::SignInProgress& progress, cognito::Answer answer) {
  auto r = client.answer(progress, std::move(answer));
  REQUIRE_MESSAGE(r, r.error().to_string());
}

cognito::SecretString password(std::string_view p) { return cognito::SecretString(p); }

}  // namespace itest
