#include "cognito/client.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "core/request_defaults.hpp"
#include "core/service_error.hpp"
#include "util/log.hpp"
#if COGNITO_WITH_CURL
#include "cognito/curl_transport.hpp"
#endif

namespace cognito {

struct Client::Impl {
  ClientConfig config;
  std::string endpoint;
  std::unique_ptr<Transport> transport;
  ClientHooks hooks;
  std::mt19937_64 jitter{std::random_device{}()};

  // Cancellation (Client::cancel, from any thread): the flag of the operation
  // in progress (made by the outermost one, see begin_operation); the retry
  // wait waits on `wake`.
  std::mutex cancel_mu;
  std::condition_variable wake;
  std::shared_ptr<std::atomic<bool>> active_call;
  int operation_depth = 0;

  std::chrono::steady_clock::time_point now() const {
    return hooks.now ? hooks.now() : std::chrono::steady_clock::now();
  }
  /// Waits `d` before a retry; returns early once `cancelled` is set.
  void sleep(std::chrono::milliseconds d, const std::atomic<bool>& cancelled) {
    if (hooks.sleep) {
      hooks.sleep(d);
      return;
    }
    std::unique_lock<std::mutex> lock(cancel_mu);
    wake.wait_for(lock, d, [&] { return cancelled.load(); });
  }
  /// Logs the error a call ends with and returns it.
  Error failed(const HttpRequest& req, Error err, std::string_view why = {}) const {
    if (config.log.enabled(LogLevel::Info))
      log(LogLevel::Info, detail::describe_request(req) + ": failed: " + detail::describe(err) + std::string(why));
    return err;
  }
  void log(LogLevel level, const std::string& line) const noexcept { detail::log_line(config.log, level, line); }
  /// One line per exchange: "http: InitiateAuth attempt 1 -> 200, request id X, 812 bytes, 3 ms".
  void log_exchange(const HttpRequest& req, int attempt, const Result<HttpResponse>& rsp,
                    std::chrono::steady_clock::duration took) const;
  double random_unit() {
    if (hooks.random_unit) return hooks.random_unit();
    return std::uniform_real_distribution<double>(0.0, 1.0)(jitter);
  }
};

void Client::Impl::log_exchange(const HttpRequest& req, int attempt, const Result<HttpResponse>& rsp,
                                std::chrono::steady_clock::duration took) const {
  const LogLevel level = rsp ? LogLevel::Debug : LogLevel::Warn;
  if (!config.log.enabled(level)) return;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  std::string line = "http: " + detail::describe_request(req) + " attempt " + std::to_string(attempt);
  if (rsp) {
    line += " -> " + std::to_string(rsp->status);
    if (const std::string* id = rsp->headers.find("x-amzn-RequestId")) line += ", request id " + detail::log_safe(*id);
    line += ", " + std::to_string(rsp->body.size()) + " bytes, " + std::to_string(ms) + " ms";
  } else {
    line += " failed: " + detail::describe(rsp.error()) + " after " + std::to_string(ms) + " ms";
  }
  log(level, line);
  if (rsp && config.log.enabled(LogLevel::Trace)) {
    std::string names = "http: response headers:";
    for (const auto& h : rsp->headers.items) names += " " + detail::log_safe(h.first);
    log(LogLevel::Trace, names);
  }
}

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

Result<Client> Client::create(ClientConfig config, std::unique_ptr<Transport> transport, ClientHooks hooks) {
  if (!transport) return fail(ErrorCode::InvalidArgument, "transport is null");
  if (config.retry.max_attempts < 1) return fail(ErrorCode::InvalidArgument, "retry.max_attempts must be >= 1");
  auto endpoint = resolve_endpoint(config);
  if (!endpoint) return std::move(endpoint).error();
  auto impl = std::make_unique<Impl>();
  impl->config = std::move(config);
  impl->endpoint = std::move(*endpoint);
  impl->transport = std::move(transport);
  impl->hooks = std::move(hooks);
  if (impl->config.log.enabled(LogLevel::Debug))
    impl->log(LogLevel::Debug, "client: created for " + detail::log_safe(impl->endpoint));
  return Client(std::move(impl));
}

#if COGNITO_WITH_CURL
Result<Client> Client::create(ClientConfig config) {
  auto transport = CurlTransport::create();
  if (!transport) return std::move(transport).error();
  return create(std::move(config), std::move(*transport));
}
#endif

const ClientConfig& Client::config() const noexcept { return impl_->config; }
const std::string& Client::endpoint() const noexcept { return impl_->endpoint; }
Transport& Client::transport() noexcept { return *impl_->transport; }

detail::RequestDefaults Client::request_defaults() const {
  return detail::RequestDefaults{impl_->config.client_id, &impl_->config.client_secret};
}

HttpRequest Client::make_request(std::string_view operation, SecretString body) const {
  HttpRequest req;
  req.method = "POST";
  req.url = impl_->endpoint;
  req.headers.add("Content-Type", "application/x-amz-json-1.1");
  req.headers.add("X-Amz-Target", "AWSCognitoIdentityProviderService." + std::string(operation));
  req.headers.add("Cache-Control", "no-store");
  req.body = std::move(body);
  return req;
}

void Client::cancel() noexcept {
  if (!impl_) return;  // moved from
  Impl& d = *impl_;
  {
    std::lock_guard<std::mutex> lock(d.cancel_mu);
    if (d.active_call) d.active_call->store(true);
  }
  d.wake.notify_all();
}

Client::Operation::Operation(Client& client) : client_(client) {
  Impl& d = *client_.impl_;
  std::lock_guard<std::mutex> lock(d.cancel_mu);
  if (d.operation_depth++ == 0) d.active_call = std::make_shared<std::atomic<bool>>(false);
  flag_ = d.active_call;
}

Client::Operation::~Operation() {
  Impl& d = *client_.impl_;
  std::lock_guard<std::mutex> lock(d.cancel_mu);
  if (--d.operation_depth == 0) d.active_call.reset();
}

Result<HttpResponse> Client::send(const HttpRequest& request, bool idempotent) {
  Impl& d = *impl_;
  const Operation operation(*this);  // or part of the enclosing sign-in step's
  const std::atomic<bool>& cancelled = operation.cancelled();

  const auto deadline = d.now() + d.config.retry.deadline;
  for (int attempt = 1;; ++attempt) {
    if (cancelled.load()) return d.failed(request, detail::cancelled_error());
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - d.now());
    if (left.count() <= 0) return d.failed(request, Error(ErrorCode::Timeout, "the call's deadline passed"));

    const auto started = d.now();
    auto rsp = d.transport->round_trip_cancellable(request, left, cancelled);
    d.log_exchange(request, attempt, rsp, d.now() - started);
    // A complete answer is the call's outcome even if cancel() came meanwhile
    // (no retry follows a cancel: the loop's first check ends the call).
    Error err;
    if (rsp) {
      if (rsp->status >= 200 && rsp->status < 300) return rsp;
      err = detail::parse_service_error(*rsp);
    } else {
      if (cancelled.load()) return d.failed(request, detail::cancelled_error());  // the transfer was cut short
      err = std::move(rsp).error();
    }

    const bool again = attempt < d.config.retry.max_attempts && err.retryable() &&
                       (idempotent || err.certainly_not_processed());
    if (!again) return d.failed(request, std::move(err));
    if (cancelled.load()) return d.failed(request, detail::cancelled_error());
    const auto wait = d.config.retry.backoff(attempt, err, d.random_unit());
    if (d.now() + wait >= deadline) return d.failed(request, std::move(err), " (no time left for a retry)");
    if (d.config.log.enabled(LogLevel::Warn))
      d.log(LogLevel::Warn, "retry: " + detail::describe_request(request) + " attempt " + std::to_string(attempt) +
                                " failed with " + detail::describe(err) + ", attempt " + std::to_string(attempt + 1) +
                                " in " + std::to_string(wait.count()) + " ms");
    d.sleep(wait, cancelled);
  }
}

Result<SecretString> Client::call(std::string_view operation, std::string_view json) {
  if (operation.empty() || operation.size() > 64)
    return fail(ErrorCode::InvalidArgument, "operation name must be 1..64 characters");
  for (char c : operation)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return fail(ErrorCode::InvalidArgument, "operation name must be alphanumeric");
  auto rsp = send(make_request(operation, SecretString(json.empty() ? std::string_view("{}") : json)),
                  /*idempotent=*/false);
  if (!rsp) return std::move(rsp).error();
  return std::move(rsp->body);
}

}  // namespace cognito
