// The fault matrix: cognito::Client over CurlTransport against the emulator's
// fault knobs (tests/emulator/README.md "Fault injection"). Every case ends
// in success or in a typed error -- no crash, no hang (elapsed time is
// checked against the deadline), no leak (the ASan build's LeakSanitizer) --
// and asserts how many requests reached the emulator.
//
// Retry rules under test (RetryPolicy, Error::retryable /
// certainly_not_processed): throttling, 5xx and InternalErrorException are
// retried for every operation (the service did not act on the request);
// network failures after sending (reset, timeout) only for idempotent
// operations; a 2xx that cannot be decoded, an oversized body and every
// user error (NotAuthorized, CodeMismatch, LimitExceeded, UserNotFound,
// PasswordResetRequired) never.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "fault_env.hpp"

using namespace std::chrono_literals;
using cognito::ErrorCode;
using faults::Pool;

namespace {

constexpr auto kSlack = std::chrono::milliseconds(1500);

/// A pool with user "u", and an access token of "u" (signed in before any fault).
struct SignedInPool {
  Pool pool;
  std::string access_token;

  explicit SignedInPool(std::string_view client_settings = {}) : pool(client_settings) {
    pool.add_user("u");
    auto c = pool.client(faults::fast_retries(10s));
    auto s = faults::sign_in_password(c, "u");
    REQUIRE_MESSAGE(s, s.error().to_string());
    access_token = std::string(s->tokens.access_token.reveal());
  }

  cognito::Result<cognito::GetUserResponse> get_user(cognito::Client& c) const {
    cognito::GetUserRequest r;
    r.access_token = cognito::SecretString(access_token);
    return c.get_user(r);
  }
};

std::string err(const cognito::Error& e) { return e.to_string(); }

}  // namespace

TEST_SUITE("faults") {

// ---- throttling ---------------------------------------------------------------------

TEST_CASE("faults: throttling is retried with backoff and the sign-in succeeds") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"throttle","operation":"InitiateAuth","count":2)");
  const auto t0 = faults::Clock::now();
  auto s = faults::sign_in_password(c, "u");
  REQUIRE_MESSAGE(s, err(s.error()));
  CHECK(p.seen(n) == 3);
  CHECK(faults::since(t0) < 10s);
}

TEST_CASE("faults: throttling that does not stop gives up with TooManyRequests after max_attempts") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s, 4));
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"throttle","operation":"InitiateAuth")");
  const auto t0 = faults::Clock::now();
  auto s = faults::sign_in_srp(c, "u");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::TooManyRequests);
  CHECK(s.error().http_status == 400);
  CHECK(p.seen(n) == 4);
  CHECK(faults::since(t0) <= 10s + kSlack);
}

TEST_CASE("faults: throttling with long backoff gives up with TooManyRequests inside the deadline") {
  Pool p;
  p.add_user("u");
  cognito::RetryPolicy retry = faults::fast_retries(1500ms, 10);
  retry.throttle_base_delay = 2s;  // the second wait alone would pass the deadline
  retry.max_delay = 5s;
  auto c = p.client(retry);
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"throttle","operation":"InitiateAuth")");
  const auto t0 = faults::Clock::now();
  auto s = faults::sign_in_password(c, "u");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::TooManyRequests);
  CHECK(faults::since(t0) <= 1500ms + kSlack);
  CHECK(p.seen(n) >= 1);
  CHECK(p.seen(n) < 10);
}

// ---- server errors --------------------------------------------------------------------

TEST_CASE("faults: InternalErrorException (HTTP 500) is retried, also for a non-idempotent request") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"internal_error","operation":"InitiateAuth","count":2)");
  auto s = faults::sign_in_password(c, "u");
  REQUIRE_MESSAGE(s, err(s.error()));
  CHECK(p.seen(n) == 3);
}

TEST_CASE("faults: a lasting InternalErrorException ends as InternalError after max_attempts") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s, 3));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"internal_error","operation":"GetUser")");
  auto r = sp.get_user(c);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InternalError);
  CHECK(r.error().http_status == 500);
  CHECK(r.error().service_code == "InternalErrorException");
  CHECK(sp.pool.seen(n) == 3);
}

TEST_CASE("faults: an HTML 502 from a proxy is retried, a lasting 503 ends as HttpStatus") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s, 3));
  const int n = sp.pool.counter("GetUser");
  const int once = sp.pool.fault(R"("kind":"html_error","status":502,"operation":"GetUser","count":1)");
  (void)once;
  auto ok = sp.get_user(c);
  REQUIRE_MESSAGE(ok, err(ok.error()));
  CHECK(ok->username == "u");
  CHECK(sp.pool.seen(n) == 2);

  sp.pool.fault(R"("kind":"html_error","status":503,"operation":"GetUser")");
  auto r = sp.get_user(c);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::HttpStatus);
  CHECK(r.error().http_status == 503);
  CHECK(sp.pool.seen(n) == 2 + 3);
}

TEST_CASE("faults: an HTML 400 page is a final HttpStatus error") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"html_error","status":400,"operation":"GetUser")");
  auto r = sp.get_user(c);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::HttpStatus);
  CHECK(r.error().http_status == 400);
  CHECK(sp.pool.seen(n) == 1);
}

// ---- broken connections -------------------------------------------------------------------

TEST_CASE("faults: a connection closed mid-body is ConnectionReset, not retried for a non-idempotent request") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"close_mid_response","operation":"InitiateAuth")");
  auto s = faults::sign_in_password(c, "u");
  REQUIRE_FALSE(s);
  CHECK_MESSAGE(s.error().code == ErrorCode::ConnectionReset, err(s.error()));
  CHECK(p.seen(n) == 1);  // the service may have acted on it: no blind retry
}

TEST_CASE("faults: a connection closed mid-body is retried for an idempotent request") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"close_mid_response","operation":"GetUser","count":1)");
  auto r = sp.get_user(c);
  REQUIRE_MESSAGE(r, err(r.error()));
  CHECK(r->username == "u");
  CHECK(sp.pool.seen(n) == 2);
}

TEST_CASE("faults: a server that accepts and never answers times out inside the deadline") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(1500ms));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"hang","max_seconds":10,"operation":"GetUser")");
  const auto t0 = faults::Clock::now();
  auto r = sp.get_user(c);
  const auto elapsed = faults::since(t0);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Timeout, err(r.error()));
  CHECK(elapsed >= 1000ms);
  CHECK(elapsed <= 1500ms + kSlack);
  CHECK(sp.pool.seen(n) == 1);
}

TEST_CASE("faults: per-request timeouts let an idempotent request be retried inside the deadline") {
  SignedInPool sp;
  cognito::CurlTransportOptions opts;
  opts.total_timeout = 400ms;
  auto c = sp.pool.client(faults::fast_retries(5s, 3), opts);
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"hang","max_seconds":10,"operation":"GetUser")");
  const auto t0 = faults::Clock::now();
  auto r = sp.get_user(c);
  const auto elapsed = faults::since(t0);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::Timeout, err(r.error()));
  CHECK(sp.pool.seen(n) == 3);
  CHECK(elapsed <= 5s + kSlack);
}

TEST_CASE("faults: a hanging sign-in request times out once, without a retry") {
  Pool p;
  p.add_user("u");
  cognito::CurlTransportOptions opts;
  opts.total_timeout = 400ms;
  auto c = p.client(faults::fast_retries(5s, 3), opts);
  const int n = p.counter("InitiateAuth");
  p.fault(R"("kind":"hang","max_seconds":10,"operation":"InitiateAuth")");
  auto s = faults::sign_in_password(c, "u");
  REQUIRE_FALSE(s);
  CHECK_MESSAGE(s.error().code == ErrorCode::Timeout, err(s.error()));
  CHECK(p.seen(n) == 1);
}

TEST_CASE("faults: a slow answer inside the deadline succeeds, beyond it is a Timeout") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(5s));
  const int slow = sp.pool.fault(R"("kind":"delay","delay_ms":300,"operation":"GetUser","count":1)");
  (void)slow;
  auto ok = sp.get_user(c);
  REQUIRE_MESSAGE(ok, err(ok.error()));

  auto tight = sp.pool.client(faults::fast_retries(800ms));
  sp.pool.fault(R"("kind":"delay","delay_ms":3000,"operation":"GetUser","count":1)");
  const auto t0 = faults::Clock::now();
  auto r = sp.get_user(tight);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::Timeout);
  CHECK(faults::since(t0) <= 800ms + kSlack);
}

// ---- bodies that are not what the API promises ----------------------------------------------

TEST_CASE("faults: a truncated 2xx body is MalformedResponse and not retried") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"truncated_body","operation":"GetUser")");
  auto r = sp.get_user(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::MalformedResponse, err(r.error()));
  CHECK(r.error().http_status == 200);
  CHECK(sp.pool.seen(n) == 1);
}

TEST_CASE("faults: a truncated InitiateAuth answer ends the sign-in with MalformedResponse") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  p.fault(R"("kind":"truncated_body","operation":"InitiateAuth")");
  auto s = faults::sign_in_srp(c, "u");
  REQUIRE_FALSE(s);
  CHECK_MESSAGE(s.error().code == ErrorCode::MalformedResponse, err(s.error()));
}

TEST_CASE("faults: an oversized body is BodyTooLarge and not retried") {
  SignedInPool sp;
  auto c = sp.pool.client(faults::fast_retries(10s));
  const int n = sp.pool.counter("GetUser");
  sp.pool.fault(R"("kind":"oversized_body","size_bytes":2097152,"operation":"GetUser")");
  auto r = sp.get_user(c);
  REQUIRE_FALSE(r);
  CHECK_MESSAGE(r.error().code == ErrorCode::BodyTooLarge, err(r.error()));
  CHECK(sp.pool.seen(n) == 1);

  // With a larger cap the 2 MiB answer arrives -- and lacks what GetUser promises.
  cognito::CurlTransportOptions big;
  big.max_response_bytes = 4u << 20;
  auto c2 = sp.pool.client(faults::fast_retries(10s), big);
  auto r2 = sp.get_user(c2);
  REQUIRE_FALSE(r2);
  CHECK_MESSAGE(r2.error().code == ErrorCode::MissingField, err(r2.error()));
}

// ---- user errors are never retried ------------------------------------------------------------

TEST_CASE("faults: NotAuthorized (wrong password) is not retried") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  auto s = faults::sign_in_password(c, "u", "Wrong#Passw0rd1");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::NotAuthorized);
  CHECK(s.error().http_status == 400);
  CHECK(p.seen(n) == 1);
}

TEST_CASE("faults: NotAuthorized after SRP (PASSWORD_VERIFIER) is not retried") {
  Pool p;
  p.add_user("u");
  auto c = p.client(faults::fast_retries(10s));
  const int init = p.counter("InitiateAuth");
  const int respond = p.counter("RespondToAuthChallenge");
  auto s = faults::sign_in_srp(c, "u", "Wrong#Passw0rd1");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::NotAuthorized);
  CHECK(p.seen(init) == 1);
  CHECK(p.seen(respond) == 1);
}

TEST_CASE("faults: CodeMismatch and LimitExceeded are not retried") {
  Pool p({}, R"("max_code_attempts":2)");
  auto c = p.client(faults::fast_retries(10s));
  cognito::SignUpRequest up;
  up.username = faults::unique("signup");
  up.password = cognito::SecretString(faults::kPassword);
  up.user_attributes.push_back(cognito::Attribute{"email", up.username + "@example.com"});
  auto signed_up = c.sign_up(up);
  REQUIRE_MESSAGE(signed_up, err(signed_up.error()));

  const int n = p.counter("ConfirmSignUp");
  cognito::ConfirmSignUpRequest confirm;
  confirm.username = up.username;
  confirm.confirmation_code = cognito::SecretString("000000");
  for (int i = 1; i <= 2; ++i) {
    auto r = c.confirm_sign_up(confirm);
    REQUIRE_FALSE(r);
    CHECK_MESSAGE(r.error().code == ErrorCode::CodeMismatch, err(r.error()));
    CHECK(p.seen(n) == i);
  }
  auto limited = c.confirm_sign_up(confirm);
  REQUIRE_FALSE(limited);
  CHECK_MESSAGE(limited.error().code == ErrorCode::LimitExceeded, err(limited.error()));
  CHECK_FALSE(limited.error().retryable());
  CHECK(p.seen(n) == 3);
}

TEST_CASE("faults: UserNotFound (PreventUserExistenceErrors LEGACY) is not retried") {
  Pool p(R"("prevent_user_existence_errors":"LEGACY")");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  auto s = faults::sign_in_password(c, "nobody-here");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::UserNotFound);
  CHECK(p.seen(n) == 1);
}

TEST_CASE("faults: PasswordResetRequired is not retried") {
  Pool p;
  p.add_user("reset-me", R"("status":"RESET_REQUIRED")");
  auto c = p.client(faults::fast_retries(10s));
  const int n = p.counter("InitiateAuth");
  auto s = faults::sign_in_password(c, "reset-me");
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ErrorCode::PasswordResetRequired);
  CHECK(p.seen(n) == 1);
}

}  // TEST_SUITE
