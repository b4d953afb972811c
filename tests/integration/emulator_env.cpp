#include "emulator_env.hpp"

#include "log_audit.hpp"

#include <doctest/doctest.h>

#include <openssl/hmac.h>

#include <cmath>
#include <cstdio>

namespace itest {

// ---- TestPool ------------------------------------------------------------------

TestPool::TestPool(std::string_view settings, std::string_view clients_json)
    : offset_(std::make_shared<std::chrono::seconds>(0)) {
  std::string clients(clients_json);
  if (clients.empty()) {
    using emutest::kAllFlows;
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
  cfg.log = emutest::audit_log_sink();
  emutest::audit_secret(kPassword);
  emutest::audit_secret(app.secret);
  auto created = cognito::Client::create(std::move(cfg));
  REQUIRE(created);
  return std::move(*created);
}

Json TestPool::add_user(std::string_view user_json) const {
  return control("POST", "pools/" + id_ + "/users", user_json);
}

void TestPool::add_simple_user(const std::string& username, std::string_view extra) const {
  (void)add_user(emutest::user_json(username, kPassword, extra));
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
  std::string code = str(messages[messages.Size() - 1], "code");
  emutest::audit_secret(code);
  return code;
}

std::size_t TestPool::outbox_size(const std::string& username) const {
  Json messages = control("GET", "outbox?pool_id=" + url_encode(id_) + "&username=" + url_encode(username));
  REQUIRE(messages.IsArray());
  return messages.Size();
}

void TestPool::advance(std::chrono::seconds by) {
  emutest::advance_pool_clock(id_, by);
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
  emutest::audit_secret(base32_secret);
  emutest::audit_secret(out);
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

cognito::SecretString password(std::string_view p) {
  emutest::audit_secret(p);
  return cognito::SecretString(p);
}

}  // namespace itest
