// libcognito — Client: every SigV4-free Cognito User Pools operation, blocking.
//
// A Client owns a Transport and a ClientConfig. Each operation method encodes
// the typed request, sends it with the retry policy, and decodes the typed
// response or the typed Error. Clients share nothing: any number of clients,
// users and pools may live in one process. One Client must not be used by two
// threads at the same time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cognito/config.hpp"
#include "cognito/export.hpp"
#include "cognito/http.hpp"
#include "cognito/model.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito {
namespace detail {
struct RequestDefaults;
}

/// Replaceable time and randomness, for tests. Empty members mean the real
/// thing (steady clock, thread sleep, a CSPRNG-seeded generator).
struct ClientHooks {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random_unit;  ///< uniform in [0, 1), for retry jitter
};

class COGNITO_API Client {
 public:
  /// A client over `transport`. Fails with InvalidArgument when no endpoint can
  /// be resolved or the transport is null.
  static Result<Client> create(ClientConfig config, std::unique_ptr<Transport> transport,
                               ClientHooks hooks = {});
#if COGNITO_WITH_CURL
  /// A client over a CurlTransport with default options.
  static Result<Client> create(ClientConfig config);
#endif

  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  ~Client();

  [[nodiscard]] const ClientConfig& config() const noexcept;
  [[nodiscard]] const std::string& endpoint() const noexcept;
  [[nodiscard]] Transport& transport() noexcept;

  /// Escape hatch: sends `json` as the body of `operation` (e.g. "GetUser") and
  /// returns the response body. Service errors come back as typed Errors.
  Result<SecretString> call(std::string_view operation, std::string_view json);

  /// Sends one prepared request with this client's retry policy and deadline.
  /// `idempotent` = false restricts retries to errors that prove the request
  /// was not processed. Non-200 answers become typed Errors.
  Result<HttpResponse> send(const HttpRequest& request, bool idempotent);

  /// Builds the POST request for `operation` with `body` (headers included).
  [[nodiscard]] HttpRequest make_request(std::string_view operation, SecretString body) const;

  // BEGIN GENERATED OPERATIONS (scripts/codegen/gen_model.py; do not edit by hand)
  // END GENERATED OPERATIONS

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  [[nodiscard]] detail::RequestDefaults request_defaults() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cognito
