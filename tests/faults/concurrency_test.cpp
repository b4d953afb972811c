// Concurrency against the emulator (run under TSan by scripts/sanitize):
//  - many threads, each with its own Client, sign in (SRP) and call the API
//    at the same time;
//  - many threads, each with its own Client, share one cognito::Session whose
//    tokens are due: exactly one refresh request reaches the emulator (a
//    500 ms delay on it keeps the refresh in flight while the others arrive),
//    with REFRESH_TOKEN_AUTH and with refresh-token rotation (where a second
//    refresh would hit RefreshTokenReuseException after the grace period).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cognito/session.hpp"
#include "fault_env.hpp"

using namespace std::chrono_literals;

namespace {

constexpr int kThreads = 8;

/// Releases all waiting threads at once.
class StartGate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return open_; });
  }
  void open() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

/// Clients whose wall clock runs `offset` seconds ahead (shared), like the pool's.
cognito::Client shifted_client(const faults::Pool& pool, std::shared_ptr<std::atomic<long>> offset) {
  cognito::ClientConfig cfg;
  cfg.user_pool_id = pool.id();
  cfg.client_id = pool.client_id();
  cfg.endpoint = faults::endpoint();
  cfg.retry = faults::fast_retries(20s);
  cfg.remember_devices = false;
  cfg.wall_clock = [offset] { return std::chrono::system_clock::now() + std::chrono::seconds(offset->load()); };
  auto created = cognito::Client::create(std::move(cfg));
  REQUIRE_MESSAGE(created, created.error().to_string());
  return std::move(*created);
}

void shared_session_refreshes_once(bool rotation) {
  const std::string client_settings =
      std::string(R"("access_token_validity_seconds":300,"id_token_validity_seconds":300)") +
      (rotation ? R"(,"refresh_token_rotation":{"enabled":true,"retry_grace_period_seconds":0})" : "");
  faults::Pool p(client_settings);
  p.add_user("u");
  auto offset = std::make_shared<std::atomic<long>>(0);

  std::vector<cognito::Client> clients;
  for (int i = 0; i < kThreads; ++i) clients.push_back(shifted_client(p, offset));
  auto first = faults::sign_in_srp(clients[0], "u");
  REQUIRE_MESSAGE(first, first.error().to_string());
  const std::string old_access(first->tokens.access_token.reveal());
  const std::string old_refresh(first->tokens.refresh_token.reveal());
  cognito::Session session(std::move(*first), rotation);

  // 260 s later on both clocks: due for refresh (margin capped at half the 300 s lifetime).
  p.advance(260s);
  offset->store(260);
  const char* op = rotation ? "GetTokensFromRefreshToken" : "InitiateAuth";
  const int counter = p.counter(op);
  p.fault(std::string(R"("kind":"delay","delay_ms":500,"operation":")") + op + "\"");

  StartGate gate;
  std::vector<std::thread> threads;
  std::vector<std::string> access(kThreads);
  std::vector<std::string> errors(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      gate.wait();
      const auto now = clients[i].config().wall_clock();
      auto t = session.valid_tokens(clients[i], now, 60s);
      if (t)
        access[i] = std::string(t->access_token.reveal());
      else
        errors[i] = t.error().to_string();
    });
  }
  gate.open();
  for (auto& t : threads) t.join();

  for (int i = 0; i < kThreads; ++i) {
    CHECK_MESSAGE(errors[i].empty(), "thread " << i << ": " << errors[i]);
    CHECK(access[i] != old_access);
    CHECK(access[i] == access[0]);
  }
  CHECK(session.refresh_count() == 1);
  CHECK(p.seen(counter) == 1);
  if (rotation) CHECK(std::string(session.tokens().refresh_token.reveal()) != old_refresh);
  // Fresh now: no further refresh.
  auto again = session.valid_tokens(clients[0], clients[0].config().wall_clock(), 60s);
  REQUIRE(again);
  CHECK(session.refresh_count() == 1);
  CHECK(p.seen(counter) == 1);
}

}  // namespace

TEST_SUITE("faults") {

TEST_CASE("faults: concurrent sign-ins, one Client per thread") {
  faults::Pool p;
  for (int i = 0; i < kThreads; ++i) p.add_user("user" + std::to_string(i));
  std::vector<cognito::Client> clients;
  for (int i = 0; i < kThreads; ++i) clients.push_back(p.client(faults::fast_retries(30s)));

  StartGate gate;
  std::vector<std::thread> threads;
  std::vector<std::string> errors(kThreads);
  std::atomic<int> ok{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      gate.wait();
      for (int round = 0; round < 2; ++round) {
        auto s = round == 0 ? faults::sign_in_srp(clients[i], "user" + std::to_string(i))
                            : faults::sign_in_password(clients[i], "user" + std::to_string(i));
        if (!s) {
          errors[i] = s.error().to_string();
          return;
        }
        cognito::GetUserRequest r;
        r.access_token = s->tokens.access_token.clone();
        auto u = clients[i].get_user(r);
        if (!u) {
          errors[i] = u.error().to_string();
          return;
        }
        if (u->username != "user" + std::to_string(i)) {
          errors[i] = "GetUser answered for " + u->username;
          return;
        }
      }
      ++ok;
    });
  }
  gate.open();
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) CHECK_MESSAGE(errors[i].empty(), "thread " << i << ": " << errors[i]);
  CHECK(ok.load() == kThreads);
}

TEST_CASE("faults: a Session shared by many threads refreshes once (REFRESH_TOKEN_AUTH)") {
  shared_session_refreshes_once(false);
}

TEST_CASE("faults: a Session shared by many threads refreshes once (refresh-token rotation)") {
  shared_session_refreshes_once(true);
}

}  // TEST_SUITE
