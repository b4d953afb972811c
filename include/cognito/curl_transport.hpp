// libcognito — the libcurl Transport (optional: COGNITO_WITH_CURL).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "cognito/export.hpp"
#include "cognito/http.hpp"
#include "cognito/result.hpp"

namespace cognito {

struct CurlTransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};  ///< per request, on top of the caller's deadline
  std::string ca_file;          ///< PEM bundle to verify servers with (default: the system's)
  std::string ca_path;          ///< directory of hashed CA certificates (default: the system's)
  std::string proxy;            ///< e.g. "http://proxy:3128"; empty = libcurl's environment defaults
  std::string user_agent_suffix;///< appended to "libcognito/<version>", e.g. "myapp/2.1"
  std::size_t max_response_bytes = 1u << 20;  ///< larger answers fail with BodyTooLarge
  /// Plain http:// is refused (InsecureUrl, nothing sent) unless the host is
  /// loopback (127.0.0.0/8, ::1, localhost) or this is true.
  bool allow_insecure_http = false;
  /// TLS verification is always on unless this is set (tests against
  /// self-signed servers only; never in production).
  bool insecure_skip_tls_verify = false;
};

/// A Transport over one reused libcurl easy handle: keep-alive, HTTP/2 when the
/// server offers it over TLS. One transport must not be used by two threads at
/// once; create one per thread (or per Client).
class COGNITO_API CurlTransport final : public Transport {
 public:
  static Result<std::unique_ptr<CurlTransport>> create(CurlTransportOptions opts = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds timeout) override;

  /// Number of new TCP connections opened so far (for tests and benchmarks).
  [[nodiscard]] long connections_opened() const noexcept;

  struct Impl;

 private:
  explicit CurlTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cognito
