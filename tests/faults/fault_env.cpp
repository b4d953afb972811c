#include "fault_env.hpp"

#include "log_audit.hpp"

#include <doctest/doctest.h>

namespace faults {

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
  std::string client = R"({"name":"app","explicit_auth_flows":)" + std::string(emutest::kAllFlows);
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
  for (int id : rules_) (void)emutest::control_quiet("DELETE", "faults/" + std::to_string(id));
  (void)emutest::control_quiet("DELETE", "pools/" + id_);
}

void Pool::add_user(const std::string& username, std::string_view extra) const {
  (void)control("POST", "pools/" + id_ + "/users", emutest::user_json(username, kPassword, extra));
}

cognito::Client Pool::client(const cognito::RetryPolicy& retry, cognito::CurlTransportOptions opts) const {
  cognito::ClientConfig cfg;
  cfg.user_pool_id = id_;
  cfg.client_id = client_id_;
  cfg.endpoint = endpoint();
  cfg.retry = retry;
  cfg.remember_devices = false;
  cfg.log = emutest::audit_log_sink();
  emutest::audit_secret(kPassword);
  emutest::audit_secret("Wrong#Passw0rd1");
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

void Pool::advance(std::chrono::seconds by) const { emutest::advance_pool_clock(id_, by); }

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
