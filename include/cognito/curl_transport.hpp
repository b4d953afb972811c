// libcognito — the libcurl Transport (optional: COGNITO_WITH_CURL).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "cognito/export.hpp"
#include "cognito/http.hpp"
#include "cognito/result.hpp"

namespace cognito {

struct CurlTransportOptions {
  /// TCP + TLS connect phase; 0 = libcurl's default (300 s). Negative: create() fails.
  std::chrono::milliseconds connect_timeout{10'000};
  /// Per request, on top of the caller's deadline (the smaller one wins);
  /// 0 = only the caller's deadline. Negative: create() fails.
  std::chrono::milliseconds total_timeout{30'000};
  std::string ca_file;          ///< PEM bundle to verify servers with (default: the system's)
  std::string ca_path;          ///< directory of hashed CA certificates (default: the system's)
  /// e.g. "http://proxy:3128"; empty = libcurl's environment defaults
  /// (https_proxy, no_proxy, ...). Loopback hosts never go through a proxy.
  std::string proxy;
  std::string user_agent_suffix;///< appended to "libcognito/<version> ", e.g. "myapp/2.1" (no CR/LF)
  /// Larger answer bodies fail with BodyTooLarge (the transfer is aborted as
  /// soon as the cap is passed, or at once from Content-Length). Must be > 0.
  std::size_t max_response_bytes = 1u << 20;
  /// Plain http:// is refused (InsecureUrl, nothing sent) unless the host is
  /// loopback (127.0.0.0/8, ::1, localhost) or this is true.
  bool allow_insecure_http = false;
  /// TLS verification is always on unless this is set (tests against
  /// self-signed servers only; never in production).
  bool insecure_skip_tls_verify = false;
};

/// A Transport over one reused libcurl easy handle: keep-alive, HTTP/2 when the
/// server offers it over TLS, TLS >= 1.2 with peer and host verification, no
/// redirects, no retries, only http/https.
///
/// One transport must not be used by two threads at once; create one per
/// thread (or per Client). A second concurrent round_trip is refused with
/// ErrorCode::InvalidState rather than corrupting the handle.
///
/// round_trip() errors: InvalidArgument (malformed URL, scheme other than
/// http/https, bad method, header name/value with CR/LF), InsecureUrl (plain
/// http:// to a non-loopback host; nothing is sent, not even DNS), Timeout
/// (`timeout` <= 0 fails at once without traffic), Dns, Connect, Tls,
/// ConnectionReset, BodyTooLarge, Transport (anything else, with curl's text).
/// Request headers are sent as given, except Content-Length,
/// Transfer-Encoding, Connection and Expect, which the transport manages
/// (Expect: 100-continue is never sent); a User-Agent header in the request
/// replaces the default "libcognito/<version>[ <suffix>]". Methods: GET and
/// HEAD (no body), POST and any other upper-case token (body sent with
/// Content-Length). The response holds the headers of the final response only.
class COGNITO_API CurlTransport final : public Transport {
 public:
  static Result<std::unique_ptr<CurlTransport>> create(CurlTransportOptions opts = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds timeout) override;
  /// Aborts the transfer (ErrorCode::Cancelled) once `cancelled` is true:
  /// libcurl's progress callback checks it, at least about once a second.
  Result<HttpResponse> round_trip_cancellable(const HttpRequest& req, std::chrono::milliseconds timeout,
                                              const std::atomic<bool>& cancelled) override;

  /// Number of new connections opened so far (CURLINFO_NUM_CONNECTS summed over
  /// all transfers; for tests and benchmarks). Safe to read from any thread.
  [[nodiscard]] long connections_opened() const noexcept;

  struct Impl;

 private:
  explicit CurlTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cognito
