// Test helper: a Transport that answers from a script and records requests.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "cognito/http.hpp"

namespace cognito::test {

struct RecordedRequest {
  std::string url;
  std::string target;  // X-Amz-Target
  std::string body;
  std::chrono::milliseconds timeout{0};
};

class FakeTransport final : public Transport {
 public:
  /// Queues an HTTP answer.
  FakeTransport& respond(int status, std::string body, Headers headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = SecretString(body);
    r.headers = std::move(headers);
    script_.emplace_back(std::move(r));
    return *this;
  }
  /// Queues a transport failure.
  FakeTransport& fail_with(ErrorCode code, std::string message = "scripted failure") {
    script_.emplace_back(Error(code, std::move(message)));
    return *this;
  }

  Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds timeout) override {
    const std::string* target = req.headers.find("X-Amz-Target");
    requests.push_back({req.url, target ? *target : "", std::string(req.body.reveal()), timeout});
    if (on_request) on_request();
    if (script_.empty()) return Error(ErrorCode::Internal, "fake transport: script exhausted");
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<RecordedRequest> requests;
  /// Runs after each request is recorded, before the scripted answer.
  std::function<void()> on_request;

 private:
  std::deque<Result<HttpResponse>> script_;
};

}  // namespace cognito::test
