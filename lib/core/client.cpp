#include "cognito/client.hpp"

#include <random>
#include <thread>

#include "core/request_defaults.hpp"
#include "core/service_error.hpp"
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

  std::chrono::steady_clock::time_point now() const {
    return hooks.now ? hooks.now() : std::chrono::steady_clock::now();
  }
  void sleep(std::chrono::milliseconds d) const {
    if (hooks.sleep)
      hooks.sleep(d);
    else
      std::this_thread::sleep_for(d);
  }
  double random_unit() {
    if (hooks.random_unit) return hooks.random_unit();
    return std::uniform_real_distribution<double>(0.0, 1.0)(jitter);
  }
};

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

Result<HttpResponse> Client::send(const HttpRequest& request, bool idempotent) {
  Impl& d = *impl_;
  const auto deadline = d.now() + d.config.retry.deadline;
  for (int attempt = 1;; ++attempt) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - d.now());
    if (left.count() <= 0) return fail(ErrorCode::Timeout, "the call's deadline passed");

    auto rsp = d.transport->round_trip(request, left);
    Error err;
    if (rsp) {
      if (rsp->status >= 200 && rsp->status < 300) return rsp;
      err = detail::parse_service_error(*rsp);
    } else {
      err = std::move(rsp).error();
    }

    const bool again = attempt < d.config.retry.max_attempts && err.retryable() &&
                       (idempotent || err.certainly_not_processed());
    if (!again) return err;
    const auto wait = d.config.retry.backoff(attempt, err, d.random_unit());
    if (d.now() + wait >= deadline) return err;
    d.sleep(wait);
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
