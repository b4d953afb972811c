// libcognito C API — private: Transport implementations behind cognito_client.
#pragma once

#include <memory>

#include "capi_internal.hpp"

namespace capi {

/// cognito::Transport over the application's cognito_transport_fn.
class CallbackTransport final : public cognito::Transport {
 public:
  CallbackTransport(cognito_transport_fn fn, void* user_data, std::size_t max_response_bytes);
  cognito::Result<cognito::HttpResponse> round_trip(const cognito::HttpRequest& req,
                                                    std::chrono::milliseconds timeout) override;
  /// The callback sees the flag through cognito_http_request_cancelled.
  cognito::Result<cognito::HttpResponse> round_trip_cancellable(const cognito::HttpRequest& req,
                                                                std::chrono::milliseconds timeout,
                                                                const std::atomic<bool>& cancelled) override;

 private:
  cognito_transport_fn fn_;
  void* user_data_;
  std::size_t max_response_bytes_;
};

/// The transport a client created from `cfg` uses.
cognito::Result<std::unique_ptr<cognito::Transport>> make_transport(const cognito_config& cfg);

}  // namespace capi
