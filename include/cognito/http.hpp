// libcognito — HTTP value types and the Transport interface, the only I/O seam.
//
// Everything the library sends or receives over the network passes through a
// Transport as an HttpRequest / HttpResponse pair. Bring your own HTTP stack by
// implementing Transport, or use the libcurl one (curl_transport.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cognito/export.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito {

using Header = std::pair<std::string, std::string>;

/// Header list with case-insensitive lookup.
struct COGNITO_API Headers {
  std::vector<Header> items;

  /// Value of the first header named `name` (ASCII case-insensitive), or nullptr.
  [[nodiscard]] const std::string* find(std::string_view name) const noexcept;
  /// Adds a header (does not replace an existing one).
  void add(std::string name, std::string value) { items.emplace_back(std::move(name), std::move(value)); }
  /// Replaces every header named `name` by one with `value`.
  void set(std::string_view name, std::string value);
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;     ///< absolute URL, e.g. "https://cognito-idp.us-east-1.amazonaws.com/"
  Headers headers;
  SecretString body;   ///< may carry passwords or tokens: wiped when released
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  SecretString body;   ///< may carry tokens: wiped when released
};

/// The only I/O seam. An implementation sends one request and returns the
/// complete response, or a transport error (ErrorCode -2xx). It must not retry
/// on its own: the client applies the retry policy. A non-2xx status is a
/// response, not a transport error.
class COGNITO_API Transport {
 public:
  virtual ~Transport();
  /// Sends `req` and waits for the answer for at most `timeout` (the time left
  /// until the caller's deadline); past it, returns ErrorCode::Timeout.
  virtual Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds timeout) = 0;
  /// Like round_trip(), for a call that Client::cancel() may cancel from
  /// another thread: once `cancelled` is true the transport should give up as
  /// soon as it can and return ErrorCode::Cancelled. The default ignores the
  /// flag and calls round_trip() (the client still ends the call with
  /// Cancelled, without a retry, once it returns).
  virtual Result<HttpResponse> round_trip_cancellable(const HttpRequest& req, std::chrono::milliseconds timeout,
                                                      const std::atomic<bool>& cancelled) {
    (void)cancelled;
    return round_trip(req, timeout);
  }
};

}  // namespace cognito
