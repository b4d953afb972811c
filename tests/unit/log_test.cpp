// The C++ log hook (ClientConfig::log / AuthConfig::log): levels, the lines
// each layer writes, and that no level ever carries a body, a password, a
// code, a Session or a token.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "cognito/client.hpp"
#include "fake_transport.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

constexpr std::int64_t kT = 1'800'000'000;

struct Captured {
  std::vector<std::pair<LogLevel, std::string>> lines;

  std::string text() const {
    std::string out;
    for (const auto& l : lines) out += l.second + "\n";
    return out;
  }
  bool has(std::string_view needle) const { return text().find(needle) != std::string::npos; }
  bool has_at(LogLevel level, std::string_view needle) const {
    for (const auto& l : lines)
      if (l.first == level && l.second.find(needle) != std::string::npos) return true;
    return false;
  }
};

struct Fixture {
  Captured log;
  FakeTransport* fake = nullptr;
  std::chrono::steady_clock::time_point clock{};
  Client client;

  explicit Fixture(LogLevel level = LogLevel::Trace, int attempts = 1) : client(make(level, attempts)) {}

  Client make(LogLevel level, int attempts) {
    auto t = std::make_unique<FakeTransport>();
    fake = t.get();
    ClientConfig cfg;
    cfg.user_pool_id = "us-east-1_Test";
    cfg.client_id = kTestClient;
    cfg.endpoint = "http://127.0.0.1:1/";
    cfg.retry.max_attempts = attempts;
    cfg.remember_devices = false;
    cfg.wall_clock = [] { return SystemTime(seconds(kT + 30)); };
    cfg.log.level = level;
    cfg.log.fn = [this](LogLevel l, std::string_view line) { log.lines.emplace_back(l, std::string(line)); };
    ClientHooks hooks;
    hooks.now = [this] { return clock; };
    hooks.sleep = [this](std::chrono::milliseconds d) { clock += d; };
    hooks.random_unit = [] { return 0.5; };
    return std::move(Client::create(std::move(cfg), std::move(t), hooks).value());
  }
};

Headers with_request_id(const char* error_type = nullptr) {
  Headers h;
  if (error_type != nullptr) h.add("x-amzn-ErrorType", std::string(error_type) + ":");
  h.add("x-amzn-RequestId", "req-7");
  return h;
}

const char* kTotpChallenge =
    R"({"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"sess-SECRET-1","ChallengeParameters":{"USER_ID_FOR_SRP":"alice"}})";

}  // namespace

TEST_CASE("log: levels name and filter") {
  CHECK(log_level_name(LogLevel::Warn) == "WARN");
  CHECK(log_level_name(LogLevel::Trace) == "TRACE");
  LogSink sink;
  CHECK_FALSE(sink.enabled(LogLevel::Error));  // no function
  sink.fn = [](LogLevel, std::string_view) {};
  CHECK_FALSE(sink.enabled(LogLevel::Error));  // level None
  sink.level = LogLevel::Info;
  CHECK(sink.enabled(LogLevel::Error));
  CHECK(sink.enabled(LogLevel::Info));
  CHECK_FALSE(sink.enabled(LogLevel::Debug));
  CHECK_FALSE(sink.enabled(LogLevel::None));
}

TEST_CASE("log: a sign-in at TRACE shows its structure and none of its secrets") {
  Fixture f;
  CHECK(f.log.has_at(LogLevel::Debug, "client: created for http://127.0.0.1:1/"));
  f.fake->respond(200, kTotpChallenge, with_request_id());
  auto p = f.client.sign_in(SignInRequest::user_password("alice", SecretString("Pa55-SECRET-word")));
  REQUIRE(p);
  f.fake->respond(400, R"({"__type":"CodeMismatchException","message":"bad code 654321 for alice"})",
                  with_request_id("CodeMismatchException"));
  CHECK_FALSE(f.client.answer(*p, Answer::code("654321")));
  f.fake->respond(200, auth_result_json(kT, 3600, /*with_refresh=*/true), with_request_id());
  auto ok = f.client.answer(*p, Answer::code("123456"));
  REQUIRE_MESSAGE(ok, ok.error().to_string());
  REQUIRE(p->done());
  const SignedIn* s = p->result();
  REQUIRE(s);

  const std::string text = f.log.text();
  INFO(text);
  CHECK(f.log.has_at(LogLevel::Debug, "sign-in: start USER_PASSWORD_AUTH"));
  CHECK(f.log.has_at(LogLevel::Debug, "sign-in: send InitiateAuth"));
  CHECK(f.log.has_at(LogLevel::Debug, "http: InitiateAuth attempt 1 -> 200, request id req-7"));
  CHECK(f.log.has_at(LogLevel::Trace, "http: response headers: x-amzn-RequestId"));
  CHECK(f.log.has_at(LogLevel::Info, "sign-in: step SOFTWARE_TOKEN_MFA_CODE (SOFTWARE_TOKEN_MFA)"));
  CHECK(f.log.has_at(LogLevel::Debug, "sign-in: send RespondToAuthChallenge SOFTWARE_TOKEN_MFA"));
  CHECK(f.log.has_at(LogLevel::Info,
                     "RespondToAuthChallenge: failed: CodeMismatch (CodeMismatchException, HTTP 400, request id req-7)"));
  CHECK(f.log.has_at(LogLevel::Info, "asked again after CodeMismatch"));
  CHECK(f.log.has_at(LogLevel::Info, "sign-in: signed in"));

  for (std::string_view secret : {"Pa55-SECRET-word", "654321", "123456", "sess-SECRET-1", "refresh-2", "alice"})
    CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
  CHECK(text.find(s->tokens.access_token.reveal()) == std::string::npos);
  CHECK(text.find(s->tokens.id_token.reveal()) == std::string::npos);
  CHECK(text.find("eyJ") == std::string::npos);  // no JWT at all
  CHECK(text.find("bad code") == std::string::npos);  // service messages may quote input
}

TEST_CASE("log: retries are warnings, the final failure is info, INFO leaves out the exchanges") {
  Fixture f(LogLevel::Info, /*attempts=*/3);
  f.fake->fail_with(ErrorCode::Dns, "no such host");
  f.fake->respond(500, R"({"__type":"InternalErrorException","message":"x"})", with_request_id("InternalErrorException"));
  f.fake->respond(500, R"({"__type":"InternalErrorException","message":"x"})", with_request_id("InternalErrorException"));
  auto r = f.client.get_user(GetUserRequest{SecretString("access-SECRET")});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InternalError);
  const std::string text = f.log.text();
  INFO(text);
  CHECK(f.log.has_at(LogLevel::Warn, "http: GetUser attempt 1 failed: Dns after"));
  CHECK(f.log.has_at(LogLevel::Warn, "retry: GetUser attempt 1 failed with Dns, attempt 2 in"));
  CHECK(f.log.has_at(LogLevel::Warn, "retry: GetUser attempt 2 failed with InternalError (InternalErrorException, HTTP 500"));
  CHECK(f.log.has_at(LogLevel::Info, "GetUser: failed: InternalError (InternalErrorException, HTTP 500, request id req-7)"));
  CHECK_FALSE(f.log.has("-> 500"));  // Debug lines are filtered out at INFO
  CHECK_FALSE(f.log.has("access-SECRET"));
  CHECK_FALSE(f.log.has("no such host"));
}

TEST_CASE("log: names from the network are printable ASCII and bounded") {
  Fixture f;
  Headers h;
  h.add("x-amzn-ErrorType", "Evil\x01\nException:");
  h.add("x-amzn-RequestId", std::string(300, 'r'));
  f.fake->respond(400, "{}", h);
  CHECK_FALSE(f.client.get_user(GetUserRequest{SecretString("t")}));
  for (const auto& l : f.log.lines) {
    for (char c : l.second) CHECK((c >= 0x20 && c < 0x7f));
    CHECK(l.second.size() < 600);
  }
  CHECK(f.log.has("request id " + std::string(128, 'r') + "..."));
}

TEST_CASE("log: a sink that throws changes nothing, no sink logs nothing") {
  ClientConfig cfg;
  cfg.user_pool_id = "us-east-1_Test";
  cfg.client_id = kTestClient;
  cfg.endpoint = "http://127.0.0.1:1/";
  cfg.log.level = LogLevel::Trace;
  int calls = 0;
  cfg.log.fn = [&calls](LogLevel, std::string_view) {
    ++calls;
    throw std::runtime_error("sink failure");
  };
  auto t = std::make_unique<FakeTransport>();
  t->respond(200, R"({"Username":"u","UserAttributes":[]})");
  auto client = Client::create(std::move(cfg), std::move(t));
  REQUIRE(client);
  auto r = client->get_user(GetUserRequest{SecretString("t")});
  CHECK(r);
  CHECK(calls >= 2);
}

TEST_CASE("log: the sans-I/O machine logs through AuthConfig::log") {
  Captured log;
  AuthConfig ac;
  ac.user_pool_id = "us-east-1_Test";
  ac.client_id = kTestClient;
  ac.endpoint = "http://127.0.0.1:1/";
  ac.remember_devices = false;
  ac.log.level = LogLevel::Trace;
  ac.log.fn = [&log](LogLevel l, std::string_view line) { log.lines.emplace_back(l, std::string(line)); };
  auto m = AuthMachine::create(std::move(ac));
  REQUIRE(m);
  const SystemTime now(seconds(kT + 30));
  REQUIRE(m->start(SignInRequest::user_password("alice", SecretString("Pa55-SECRET-word")), now));
  HttpResponse rsp;
  rsp.status = 200;
  rsp.body = SecretString(std::string(kTotpChallenge));
  REQUIRE(m->on_response(rsp, now));
  REQUIRE(m->answer(Answer::code("123456"), now));
  m->on_transport_failure(Error(ErrorCode::ConnectionReset, "reset"));
  CHECK(log.has_at(LogLevel::Trace, "sign-in: InitiateAuth answered 200"));
  CHECK(log.has_at(LogLevel::Info, "sign-in: step SOFTWARE_TOKEN_MFA_CODE"));
  CHECK(log.has_at(LogLevel::Warn, "sign-in: RespondToAuthChallenge not completed: ConnectionReset"));
  CHECK(log.has_at(LogLevel::Info, "sign-in: failed: ConnectionReset"));
  CHECK_FALSE(log.has("Pa55-SECRET-word"));
  CHECK_FALSE(log.has("123456"));
  CHECK_FALSE(log.has("sess-SECRET-1"));
}
