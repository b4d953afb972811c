// Session: fresh tokens returned as they are, refresh when due, single-flight
// refresh across threads (a fake transport counts the requests).
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "cognito/client.hpp"
#include "cognito/session.hpp"
#include "session_fixture.hpp"
#include "tokens_test_support.hpp"

using namespace cognito;
using namespace cognito::test;
using std::chrono::seconds;

namespace {

constexpr std::int64_t kT = 1'800'000'000;


/// A thread-safe transport that answers every request with tokens issued at
/// `iat` (or with `error_body` / HTTP 400), after an optional delay, and counts.
class CountingTransport final : public Transport {
 public:
  std::int64_t iat = kT;
  std::string error_body;
  std::chrono::milliseconds delay{0};
  std::atomic<int> requests{0};
  std::vector<std::string> bodies;  // guarded by mu_

  Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds) override {
    ++requests;
    {
      std::lock_guard<std::mutex> lock(mu_);
      bodies.emplace_back(req.body.reveal());
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    HttpResponse rsp;
    if (!error_body.empty()) {
      rsp.status = 400;
      rsp.body = SecretString(error_body);
      return rsp;
    }
    rsp.status = 200;
    rsp.body = SecretString(auth_result_json(iat, 3600));
    return rsp;
  }
  std::vector<std::string> recorded() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies;
  }

 private:
  std::mutex mu_;
};

struct Fixture : ClientFixture<CountingTransport> {
  Fixture() : ClientFixture(at(kT)) {}
};

}  // namespace

TEST_CASE("session: fresh tokens are returned without a request") {
  Fixture f;
  Session s("alice", tokens_at(kT, at(kT)));
  CHECK(s.username() == "alice");
  auto t = s.valid_tokens(f.client, at(kT + 60));
  REQUIRE(t);
  CHECK(t->refresh_token.reveal() == "refresh-1");
  CHECK(f.transport->requests == 0);
  CHECK(s.refresh_count() == 0);
  CHECK_FALSE(s.device());
}

TEST_CASE("session: tokens due for refresh are refreshed and stored") {
  Fixture f;
  Session s("alice", tokens_at(kT, at(kT)));
  const SystemTime later = at(kT + 3400);  // 200 s left < 300 s margin
  f.wall = later;
  f.transport->iat = kT + 3400;
  auto t = s.valid_tokens(f.client, later);
  REQUIRE(t);
  CHECK(f.transport->requests == 1);
  CHECK(s.refresh_count() == 1);
  CHECK(t->expires_at == at(kT + 3400 + 3600));
  CHECK(t->refresh_token.reveal() == "refresh-1");  // REFRESH_TOKEN_AUTH returns none: kept
  CHECK(s.tokens().expires_at == t->expires_at);
  const auto bodies = f.transport->recorded();
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0].find("REFRESH_TOKEN_AUTH") != std::string::npos);
  CHECK(bodies[0].find("refresh-1") != std::string::npos);

  // Now fresh again: no request.
  CHECK(s.valid_tokens(f.client, later));
  CHECK(f.transport->requests == 1);
}

TEST_CASE("session: valid_tokens with extreme margins refreshes when due, never overflows") {
  Fixture f;
  // Tokens whose exp equals their iat: the margin is not capped by a lifetime.
  Tokens flat;
  flat.access_token = SecretString(unsigned_jwt(access_claims(kT + 3600, kT + 3600)));
  flat.refresh_token = SecretString("refresh-1");
  REQUIRE(flat.update_times(at(kT + 3600)));
  Session s("alice", std::move(flat));
  CHECK(s.valid_tokens(f.client, at(kT), seconds::min()));  // a negative margin counts as none
  CHECK(s.valid_tokens(f.client, at(kT), seconds(0)));
  CHECK(f.transport->requests == 0);
  auto t = s.valid_tokens(f.client, at(kT), seconds::max());
  REQUIRE(t);
  CHECK(f.transport->requests == 1);
  CHECK(t->expires_at == at(kT + 3600));

  // Hour-long tokens: the huge margin is capped at half the lifetime.
  Session fresh("bob", tokens_at(kT, at(kT)));
  CHECK(fresh.valid_tokens(f.client, at(kT + 1799), seconds::max()));
  CHECK(fresh.valid_tokens(f.client, at(kT + 1799), seconds(INT64_MAX / 2)));
  CHECK(f.transport->requests == 1);
  CHECK(fresh.valid_tokens(f.client, at(kT + 1800), seconds::max()));
  CHECK(f.transport->requests == 2);
}

TEST_CASE("session: the clock drift decides when tokens are due") {
  Fixture f;
  // This machine's clock runs 2000 s behind the server's.
  Session s("alice", tokens_at(kT, at(kT - 2000)));
  // Local kT+1000 is server kT+3000: 600 s left, not due.
  CHECK(s.valid_tokens(f.client, at(kT + 1000)));
  CHECK(f.transport->requests == 0);
  // Local kT+1400 is server kT+3400: 200 s left, due (an uncorrected clock would wait 2000 s more).
  f.wall = at(kT + 1400);
  f.transport->iat = kT + 3400;
  CHECK(s.valid_tokens(f.client, at(kT + 1400)));
  CHECK(f.transport->requests == 1);
  CHECK(s.tokens().clock_drift == seconds(-2000));
}

TEST_CASE("session: concurrent callers share one refresh request (single-flight)") {
  Fixture f;
  f.transport->delay = std::chrono::milliseconds(200);  // keep the refresh in flight while the others arrive
  f.transport->iat = kT + 3500;
  f.wall = at(kT + 3500);
  Session s("alice", tokens_at(kT, at(kT)));

  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  std::vector<std::string> access(kThreads);
  std::mutex start_mu;
  std::condition_variable start_cv;
  bool go = false;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      {
        std::unique_lock<std::mutex> lock(start_mu);
        start_cv.wait(lock, [&] { return go; });
      }
      auto t = s.valid_tokens(f.client, at(kT + 3500));
      ok[static_cast<std::size_t>(i)] = t ? 1 : 0;
      if (t) access[static_cast<std::size_t>(i)] = std::string(t->access_token.reveal());
    });
  }
  {
    std::lock_guard<std::mutex> lock(start_mu);
    go = true;
  }
  start_cv.notify_all();
  for (auto& t : threads) t.join();

  CHECK(f.transport->requests == 1);
  CHECK(s.refresh_count() == 1);
  for (int i = 0; i < kThreads; ++i) {
    CAPTURE(i);
    CHECK(ok[static_cast<std::size_t>(i)] == 1);
    CHECK(access[static_cast<std::size_t>(i)] == access[0]);
  }
  CHECK(s.tokens().expires_at == at(kT + 3500 + 3600));
}

TEST_CASE("session: a failed refresh reaches every waiter and the next call retries") {
  Fixture f;
  f.transport->delay = std::chrono::milliseconds(150);
  f.transport->error_body = R"({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"})";
  Session s("alice", tokens_at(kT, at(kT)));

  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  std::atomic<int> not_authorized{0};
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&] {
      auto t = s.valid_tokens(f.client, at(kT + 3590));
      if (!t && t.error().code == ErrorCode::NotAuthorized) ++not_authorized;
    });
  for (auto& t : threads) t.join();
  CHECK(not_authorized == kThreads);
  // Threads that arrived after the failed refresh had finished start their own;
  // with the delay all of them normally share one.
  CHECK(f.transport->requests >= 1);
  CHECK(f.transport->requests <= kThreads);

  // The service recovers: the next call refreshes again and succeeds.
  f.transport->error_body.clear();
  f.transport->delay = std::chrono::milliseconds(0);
  f.transport->iat = kT + 3590;
  f.wall = at(kT + 3590);
  const int before = f.transport->requests;
  auto t = s.valid_tokens(f.client, at(kT + 3590));
  REQUIRE(t);
  CHECK(f.transport->requests == before + 1);
  CHECK(t->refresh_token.reveal() == "refresh-1");
}

TEST_CASE("session: built from SignedIn, with a device and rotation") {
  Fixture f;
  SignedIn si;
  si.username = "alice";
  si.tokens = tokens_at(kT, at(kT));
  si.new_device = DeviceCredentials{"us-east-1_dev1", "-group", SecretString("device-password")};
  Session s(std::move(si), /*rotation=*/true);
  CHECK(s.username() == "alice");
  REQUIRE(s.device());
  CHECK(s.device()->device_key == "us-east-1_dev1");

  f.wall = at(kT + 3500);
  f.transport->iat = kT + 3500;
  REQUIRE(s.valid_tokens(f.client, at(kT + 3500)));
  const auto bodies = f.transport->recorded();
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0].find("\"DeviceKey\":\"us-east-1_dev1\"") != std::string::npos);  // GetTokensFromRefreshToken

  s.set_tokens(tokens_at(kT + 4000, at(kT + 4000)));
  CHECK(s.tokens().issued_at == at(kT + 4000));
}
