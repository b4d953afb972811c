// Fuzz target: cognito::Client — the retry loop (Client::send), the deadline,
// and the typed operation wrappers — over a fake Transport whose every
// attempt the fuzzer scripts: a transport error, or a response with fuzzed
// status, headers and body, after a fuzzed latency. Time is virtual
// (ClientHooks::now / sleep), so nothing really waits.
//
// Properties checked:
//  - at most RetryPolicy::max_attempts attempts; each wait is in
//    [0, max_delay]; the virtual time spent stays within the deadline;
//  - a non-idempotent operation is sent again only after an error that proves
//    it was not processed (Error::certainly_not_processed);
//  - LimitExceeded and 4xx user errors are never retried;
//  - the final result is the last attempt's outcome: success only for a 2xx
//    answer; a non-2xx answer gives parse_service_error's code.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cognito/client.hpp"
#include "core/service_error.hpp"
#include "fuzz_support.hpp"

using namespace cognito;
using std::chrono::milliseconds;

namespace {

struct Clock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
};

struct Attempt {
  bool transport_error = false;
  Error error;     ///< the transport error, or parse_service_error of a non-2xx answer
  int status = 0;  ///< of an answer
};

class ScriptedTransport final : public Transport {
 public:
  ScriptedTransport(FuzzedDataProvider& in, Clock& clock, std::vector<Attempt>& log) : in_(in), clock_(clock), log_(log) {}

  Result<HttpResponse> round_trip(const HttpRequest& req, milliseconds timeout) override {
    FUZZ_CHECK(timeout.count() > 0, "round_trip called with no time left");
    FUZZ_CHECK(req.headers.find("X-Amz-Target") != nullptr, "request without X-Amz-Target");
    const milliseconds latency(in_.ConsumeIntegralInRange<int>(0, 3000));
    Attempt a;
    if (latency > timeout) {  // a real transport gives up at the timeout
      clock_.now += timeout;
      a.transport_error = true;
      a.error = Error(ErrorCode::Timeout, "timed out");
      log_.push_back(a);
      return a.error;
    }
    clock_.now += latency;
    static const ErrorCode kErrors[] = {ErrorCode::Timeout, ErrorCode::ConnectionReset, ErrorCode::Dns,
                                        ErrorCode::Connect, ErrorCode::Tls,             ErrorCode::BodyTooLarge,
                                        ErrorCode::Transport};
    if (in_.ConsumeIntegralInRange(0, 4) == 0) {
      a.transport_error = true;
      a.error = Error(in_.PickValueInArray(kErrors), "scripted transport failure");
      log_.push_back(a);
      return a.error;
    }
    static const int kStatuses[] = {200, 200, 400, 500, 503, 429, 502, 504, 403};
    HttpResponse rsp;
    rsp.status = in_.ConsumeBool() ? in_.PickValueInArray(kStatuses) : in_.ConsumeIntegralInRange(100, 599);
    static const char* const kTypes[] = {"TooManyRequestsException", "InternalErrorException", "LimitExceededException",
                                         "NotAuthorizedException",   "CodeMismatchException",  "UserNotFoundException"};
    if (in_.ConsumeBool()) {
      std::string type = in_.ConsumeBool() ? std::string(in_.PickValueInArray(kTypes)) : in_.ConsumeRandomLengthString(24);
      rsp.headers.add("x-amzn-ErrorType", type + ":");
    }
    rsp.body = SecretString(in_.ConsumeRandomLengthString(300));
    a.status = rsp.status;
    if (rsp.status < 200 || rsp.status >= 300) a.error = detail::parse_service_error(rsp);
    log_.push_back(a);
    return rsp;
  }

 private:
  FuzzedDataProvider& in_;
  Clock& clock_;
  std::vector<Attempt>& log_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Clock clock;
  std::vector<Attempt> log;
  std::vector<milliseconds> waits;

  ClientConfig cfg;
  cfg.user_pool_id = "us-east-1_FuzzPool1";
  cfg.client_id = "fuzzclient0000000000000001";
  if (in.ConsumeBool()) cfg.client_secret = SecretString("fuzz-client-secret");
  cfg.retry.max_attempts = in.ConsumeIntegralInRange(1, 6);
  cfg.retry.base_delay = milliseconds(in.ConsumeIntegralInRange(0, 200));
  cfg.retry.throttle_base_delay = milliseconds(in.ConsumeIntegralInRange(0, 2000));
  cfg.retry.max_delay = milliseconds(in.ConsumeIntegralInRange(0, 5000));
  cfg.retry.deadline = milliseconds(in.ConsumeIntegralInRange(1, 20000));
  const auto deadline = cfg.retry.deadline;

  ClientHooks hooks;
  hooks.now = [&clock] { return clock.now; };
  hooks.sleep = [&clock, &waits](milliseconds d) {
    waits.push_back(d);
    clock.now += d;
  };
  hooks.random_unit = [&in] { return in.ConsumeProbability<double>(); };

  auto client = Client::create(std::move(cfg), std::make_unique<ScriptedTransport>(in, clock, log), std::move(hooks));
  FUZZ_CHECK(client.has_value(), "Client::create");
  const RetryPolicy policy = client->config().retry;
  const auto start = clock.now;

  bool idempotent = false;
  bool ok = false;
  Error err;
  switch (in.ConsumeIntegralInRange(0, 4)) {
    case 0: {
      GetUserRequest r;
      r.access_token = SecretString("at");
      auto res = client->get_user(r);
      idempotent = true;
      ok = res.has_value();
      if (!ok) err = res.error();
      break;
    }
    case 1: {
      InitiateAuthRequest r;
      r.auth_flow = "USER_PASSWORD_AUTH";
      r.auth_parameters.emplace("USERNAME", SecretString("alice"));
      r.auth_parameters.emplace("PASSWORD", SecretString("pw"));
      auto res = client->initiate_auth(r);
      ok = res.has_value();
      if (!ok) err = res.error();
      break;
    }
    case 2: {
      ConfirmSignUpRequest r;
      r.username = "alice";
      r.confirmation_code = SecretString("123456");
      auto res = client->confirm_sign_up(r);
      ok = res.has_value();
      if (!ok) err = res.error();
      break;
    }
    case 3: {
      ForgetDeviceRequest r;
      r.device_key = "us-east-1_dev";
      auto res = client->forget_device(r);
      idempotent = true;
      ok = res.has_value();
      if (!ok) err = res.error();
      break;
    }
    default: {
      auto res = client->call("GetUser", R"({"AccessToken":"at"})");
      ok = res.has_value();
      if (!ok) err = res.error();
      break;
    }
  }

  FUZZ_CHECK(log.size() <= static_cast<std::size_t>(policy.max_attempts), "more attempts than max_attempts");
  FUZZ_CHECK(clock.now - start <= deadline, "the call outlived its deadline");
  for (const milliseconds w : waits) FUZZ_CHECK(w.count() >= 0 && w <= policy.max_delay, "a wait outside [0, max_delay]");
  FUZZ_CHECK(waits.size() + 1 >= log.size(), "retried without waiting");

  // Every attempt but the last was retried: check why.
  for (std::size_t i = 0; i + 1 < log.size(); ++i) {
    const Attempt& a = log[i];
    if (!a.transport_error) FUZZ_CHECK(a.status < 200 || a.status >= 300, "a 2xx answer was retried");
    const Error& e = a.error;
    FUZZ_CHECK(e.retryable(), "a non-retryable error was retried: " + e.to_string());
    FUZZ_CHECK(e.code != ErrorCode::LimitExceeded, "LimitExceeded was retried");
    if (!idempotent)
      FUZZ_CHECK(e.certainly_not_processed(), "a non-idempotent request was retried after an ambiguous failure");
  }
  if (!log.empty()) {
    const Attempt& last = log.back();
    if (ok) FUZZ_CHECK(!last.transport_error && last.status >= 200 && last.status < 300, "success without a 2xx answer");
    if (!ok && last.transport_error) FUZZ_CHECK(err.code == last.error.code, "the transport error was not returned as is");
    if (!ok && !last.transport_error && (last.status < 200 || last.status >= 300)) {
      FUZZ_CHECK(err.http_status == last.status, "the error lost the HTTP status");
      FUZZ_CHECK(err.code == last.error.code, "the answer's error was not returned as parsed");
    }
  } else {
    FUZZ_CHECK(!ok && err.code == ErrorCode::Timeout, "no attempt but no Timeout");
  }
  if (!ok) FUZZ_CHECK(fuzz::is_known_error(err.code), "an unnamed error code");
  return 0;
}
