// libcognito C API — configuration, the transports behind a client (libcurl
// or the application's callback), and client creation.
#include <cstring>

#include "capi_internal.hpp"
#include "capi_transport.hpp"
#if COGNITO_WITH_CURL
#include "cognito/curl_transport.hpp"
#endif

namespace capi {

// ---- the application's transport callback -------------------------------------------

CallbackTransport::CallbackTransport(cognito_transport_fn fn, void* user_data, std::size_t max_response_bytes)
    : fn_(fn), user_data_(user_data), max_response_bytes_(max_response_bytes) {}

cognito::Result<cognito::HttpResponse> CallbackTransport::round_trip(const cognito::HttpRequest& req,
                                                                     std::chrono::milliseconds timeout) {
  static const std::atomic<bool> never{false};
  return round_trip_cancellable(req, timeout, never);
}

cognito::Result<cognito::HttpResponse> CallbackTransport::round_trip_cancellable(const cognito::HttpRequest& req,
                                                                                 std::chrono::milliseconds timeout,
                                                                                 const std::atomic<bool>& cancelled) {
  cognito_http_request view{&req, timeout.count() > 0 ? static_cast<std::int64_t>(timeout.count()) : 1, &cancelled};
  cognito_http_response rsp;
  rsp.max_body = max_response_bytes_;
  int rc = COGNITO_E_CALLBACK;
  try {
    rc = fn_(&view, &rsp, user_data_);
  } catch (...) {  // a C++ callback that throws anyway
    return cognito::fail(ErrorCode::Callback, "the transport callback threw an exception");
  }
  // Whatever the callback returned after append_body refused the body.
  if (rsp.body_too_large)
    return cognito::fail(ErrorCode::BodyTooLarge,
                         "response body exceeds " + std::to_string(max_response_bytes_) + " bytes");
  if (rc == COGNITO_OK) {
    if (rsp.response.status < 100 || rsp.response.status > 599)
      return cognito::fail(ErrorCode::Callback, "the transport callback returned no HTTP status");
    return std::move(rsp.response);
  }
  if (rc <= -200 && rc > -300)
    return cognito::fail(transport_code(rc), "the transport callback reported " + std::string(cognito_error_name(rc)));
  return cognito::fail(ErrorCode::Callback, "the transport callback failed with " + std::to_string(rc));
}

cognito::Result<std::unique_ptr<cognito::Transport>> make_transport(const cognito_config& cfg) {
  std::unique_ptr<cognito::Transport> t;
  const auto& ts = cfg.transport;
  if (ts.fn != nullptr) {
    t = std::make_unique<CallbackTransport>(ts.fn, ts.user_data, ts.max_response_bytes);
  } else {
#if COGNITO_WITH_CURL
    cognito::CurlTransportOptions o;
    o.connect_timeout = std::chrono::milliseconds(ts.connect_timeout_ms);
    o.total_timeout = std::chrono::milliseconds(ts.request_timeout_ms);
    o.ca_file = ts.ca_file;
    o.ca_path = ts.ca_path;
    o.proxy = ts.proxy;
    o.user_agent_suffix = ts.user_agent_suffix;
    o.max_response_bytes = ts.max_response_bytes;
    o.allow_insecure_http = ts.allow_insecure_http;
    auto curl = cognito::CurlTransport::create(std::move(o));
    if (!curl) return std::move(curl).error();
    t = std::move(*curl);
#else
    return cognito::fail(ErrorCode::Unsupported,
                         "built without libcurl: set a transport with cognito_config_set_transport");
#endif
  }
  return t;
}

}  // namespace capi

using capi::guard;

namespace {

/// Runs a setter: NULL config check, error slot cleared, exceptions caught.
template <class F>
int setter(cognito_config* cfg, F&& f) noexcept {
  if (cfg == nullptr) return COGNITO_E_INVALID_ARG;
  cfg->err.clear();
  return guard(&cfg->err, std::forward<F>(f));
}

int bad(cognito_config* cfg, const char* msg) { return cfg->err.set(COGNITO_E_INVALID_ARG, msg); }

/// A text setting: NULL resets to "", otherwise it must be valid text.
int set_text(cognito_config* cfg, std::string& field, const char* value, const char* what) {
  if (value == nullptr) {
    field.clear();
    return COGNITO_OK;
  }
  if (!capi::valid_text(value))
    return cfg->err.set(COGNITO_E_INVALID_ARG, std::string(what) + " is not valid UTF-8 text");
  field = value;
  return COGNITO_OK;
}

}  // namespace

extern "C" {

int cognito_config_new(cognito_config** out) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  return guard(nullptr, [&]() -> int {
    *out = new cognito_config();
    return COGNITO_OK;
  });
}

void cognito_config_free(cognito_config* config) { delete config; }

const char* cognito_config_errmsg(const cognito_config* config) {
  if (config == nullptr) return "invalid argument: the configuration is NULL";
  return config->err.msg();
}

int cognito_config_set_user_pool_id(cognito_config* config, const char* user_pool_id) {
  return setter(config, [&]() -> int { return set_text(config, config->client.user_pool_id, user_pool_id, "user pool id"); });
}

int cognito_config_set_client_id(cognito_config* config, const char* client_id) {
  return setter(config, [&]() -> int { return set_text(config, config->client.client_id, client_id, "client id"); });
}

int cognito_config_set_client_secret(cognito_config* config, const char* secret, size_t secret_len) {
  return setter(config, [&]() -> int {
    if (secret == nullptr && secret_len != 0) return bad(config, "client secret is NULL with a length");
    if (!capi::valid_utf8(secret, secret_len)) return bad(config, "client secret is not valid UTF-8");
    config->client.client_secret = cognito::SecretString(std::string_view(secret == nullptr ? "" : secret, secret_len));
    return COGNITO_OK;
  });
}

int cognito_config_set_region(cognito_config* config, const char* region) {
  return setter(config, [&]() -> int { return set_text(config, config->client.region, region, "region"); });
}

int cognito_config_set_endpoint(cognito_config* config, const char* url) {
  return setter(config, [&]() -> int {
    if (url != nullptr && url[0] != '\0' && std::strncmp(url, "https://", 8) != 0 &&
        std::strncmp(url, "http://", 7) != 0)
      return bad(config, "endpoint must be an http:// or https:// URL");
    return set_text(config, config->client.endpoint, url, "endpoint");
  });
}

int cognito_config_set_fips(cognito_config* config, int enabled) {
  return setter(config, [&]() -> int {
    if (enabled != 0 && enabled != 1) return bad(config, "fips must be 0 or 1");
    config->client.fips = enabled == 1;
    return COGNITO_OK;
  });
}

int cognito_config_set_ca_file(cognito_config* config, const char* path) {
  return setter(config, [&]() -> int { return set_text(config, config->transport.ca_file, path, "CA file"); });
}

int cognito_config_set_ca_path(cognito_config* config, const char* dir) {
  return setter(config, [&]() -> int { return set_text(config, config->transport.ca_path, dir, "CA path"); });
}

int cognito_config_set_proxy(cognito_config* config, const char* proxy_url) {
  return setter(config, [&]() -> int { return set_text(config, config->transport.proxy, proxy_url, "proxy"); });
}

int cognito_config_set_connect_timeout_ms(cognito_config* config, int64_t ms) {
  return setter(config, [&]() -> int {
    if (ms < 0 || ms > 3'600'000) return bad(config, "connect timeout must be 0..3600000 ms");
    config->transport.connect_timeout_ms = ms;
    return COGNITO_OK;
  });
}

int cognito_config_set_request_timeout_ms(cognito_config* config, int64_t ms) {
  return setter(config, [&]() -> int {
    if (ms < 0 || ms > 3'600'000) return bad(config, "request timeout must be 0..3600000 ms");
    config->transport.request_timeout_ms = ms;
    return COGNITO_OK;
  });
}

int cognito_config_set_deadline_ms(cognito_config* config, int64_t ms) {
  return setter(config, [&]() -> int {
    if (ms <= 0 || ms > 86'400'000) return bad(config, "deadline must be 1..86400000 ms");
    config->client.retry.deadline = std::chrono::milliseconds(ms);
    return COGNITO_OK;
  });
}

int cognito_config_set_max_response_bytes(cognito_config* config, size_t bytes) {
  return setter(config, [&]() -> int {
    if (bytes == 0) return bad(config, "max response bytes must be > 0");
    config->transport.max_response_bytes = bytes;
    return COGNITO_OK;
  });
}

int cognito_config_set_allow_insecure_http(cognito_config* config, int allow) {
  return setter(config, [&]() -> int {
    if (allow != 0 && allow != 1) return bad(config, "allow_insecure_http must be 0 or 1");
    config->transport.allow_insecure_http = allow == 1;
    return COGNITO_OK;
  });
}

int cognito_config_set_retries(cognito_config* config, int max_attempts) {
  return setter(config, [&]() -> int {
    if (max_attempts < 1 || max_attempts > 10) return bad(config, "max attempts must be 1..10");
    config->client.retry.max_attempts = max_attempts;
    return COGNITO_OK;
  });
}

int cognito_config_set_retry_delays_ms(cognito_config* config, int64_t base_ms, int64_t throttle_base_ms,
                                       int64_t max_ms) {
  return setter(config, [&]() -> int {
    if (base_ms < 0 || throttle_base_ms < 0 || max_ms < base_ms || max_ms < throttle_base_ms ||
        max_ms > 3'600'000)
      return bad(config, "retry delays must be >= 0, max >= the others, max <= 3600000 ms");
    config->client.retry.base_delay = std::chrono::milliseconds(base_ms);
    config->client.retry.throttle_base_delay = std::chrono::milliseconds(throttle_base_ms);
    config->client.retry.max_delay = std::chrono::milliseconds(max_ms);
    return COGNITO_OK;
  });
}

int cognito_config_set_srp_ephemeral_bits(cognito_config* config, unsigned bits) {
  return setter(config, [&]() -> int {
    if (bits < 256 || bits > 1024 || bits % 8 != 0)
      return bad(config, "SRP ephemeral bits must be 256..1024 and a multiple of 8");
    config->client.srp.ephemeral_bits = bits;
    return COGNITO_OK;
  });
}

int cognito_config_set_remember_devices(cognito_config* config, int enabled) {
  return setter(config, [&]() -> int {
    if (enabled != 0 && enabled != 1) return bad(config, "remember_devices must be 0 or 1");
    config->client.remember_devices = enabled == 1;
    return COGNITO_OK;
  });
}

int cognito_config_set_device_name(cognito_config* config, const char* name) {
  return setter(config, [&]() -> int { return set_text(config, config->client.device_name, name, "device name"); });
}

int cognito_config_set_totp_issuer(cognito_config* config, const char* issuer) {
  return setter(config, [&]() -> int { return set_text(config, config->client.totp_issuer, issuer, "TOTP issuer"); });
}

int cognito_config_set_user_agent_suffix(cognito_config* config, const char* suffix) {
  return setter(config,
                [&]() -> int { return set_text(config, config->transport.user_agent_suffix, suffix, "user agent suffix"); });
}

int cognito_config_set_token_issuer(cognito_config* config, const char* issuer) {
  return setter(config, [&]() -> int { return set_text(config, config->client.token_issuer, issuer, "token issuer"); });
}

int cognito_config_set_token_leeway_s(cognito_config* config, int64_t seconds) {
  return setter(config, [&]() -> int {
    if (seconds < 0 || seconds > 3600) return bad(config, "token leeway must be 0..3600 s");
    config->client.token_leeway = std::chrono::seconds(seconds);
    return COGNITO_OK;
  });
}

int cognito_config_set_transport(cognito_config* config, cognito_transport_fn fn, void* user_data) {
  return setter(config, [&]() -> int {
    config->transport.fn = fn;
    config->transport.user_data = fn == nullptr ? nullptr : user_data;
    return COGNITO_OK;
  });
}

int cognito_config_set_log(cognito_config* config, int min_level, cognito_log_fn fn, void* user_data) {
  return setter(config, [&]() -> int {
    if (min_level < COGNITO_LOG_NONE || min_level > COGNITO_LOG_TRACE)
      return bad(config, "log level must be COGNITO_LOG_NONE..COGNITO_LOG_TRACE");
    config->client.log = capi::log_sink(min_level, fn, user_data);
    return COGNITO_OK;
  });
}

// ---- client creation ---------------------------------------------------------------

int cognito_client_new(cognito_client** out, const cognito_config* config) {
  if (out != nullptr) *out = nullptr;
  if (out == nullptr || config == nullptr) return COGNITO_E_INVALID_ARG;
  config->err.clear();
  return guard(&config->err, [&]() -> int {
    if (config->client.client_id.empty())
      return config->err.set(COGNITO_E_INVALID_ARG, "cognito_client_new: the client id is not set");
    auto transport = capi::make_transport(*config);
    if (!transport) return config->err.set(transport.error());
    auto client = cognito::Client::create(capi::clone_config(config->client), std::move(*transport));
    if (!client) return config->err.set(client.error());
    auto handle = std::make_unique<cognito_client>();
    handle->client.emplace(std::move(*client));
    *out = handle.release();
    return COGNITO_OK;
  });
}

void cognito_client_free(cognito_client* client) { delete client; }

}  // extern "C"
