// Session: single-flight token refresh (mutex + condition variable).
#include "cognito/session.hpp"

#include <utility>

#include "cognito/client.hpp"

namespace cognito {

Session::Session(std::string username, Tokens tokens, std::optional<DeviceCredentials> device, bool rotation)
    : username_(std::move(username)), rotation_(rotation), tokens_(std::move(tokens)), device_(std::move(device)) {}

Session::Session(SignedIn signed_in, bool rotation)
    : Session(std::move(signed_in.username), std::move(signed_in.tokens),
              signed_in.device ? std::move(signed_in.device) : std::move(signed_in.new_device), rotation) {}

Session::~Session() = default;

Result<Tokens> Session::valid_tokens(Client& client, SystemTime now, std::chrono::seconds margin) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!tokens_.needs_refresh(now, margin)) return tokens_.clone();

  if (refreshing_) {
    // Another thread is refreshing: wait for its outcome and share it.
    const std::uint64_t seen = generation_;
    refreshed_.wait(lock, [&] { return generation_ != seen; });
    if (last_error_) return *last_error_;
    return tokens_.clone();
  }

  refreshing_ = true;
  Tokens current = tokens_.clone();
  std::optional<DeviceCredentials> device;
  if (device_) device = device_->clone();
  lock.unlock();

  // Whatever happens below (even std::bad_alloc), waiters must be released.
  struct Release {
    Session& s;
    std::unique_lock<std::mutex>& lock;
    ~Release() {
      if (!lock.owns_lock()) lock.lock();
      if (s.refreshing_) {  // only when client.refresh() threw
        s.refreshing_ = false;
        ++s.generation_;
        s.last_error_ = Error(ErrorCode::Internal, "token refresh aborted");
      }
      s.refreshed_.notify_all();
    }
  } release{*this, lock};

  auto result = client.refresh(username_, current, device ? &*device : nullptr, rotation_);

  lock.lock();
  refreshing_ = false;
  ++generation_;
  if (!result) {
    last_error_ = result.error();
    return std::move(result).error();
  }
  last_error_.reset();
  tokens_ = std::move(result->tokens);
  if (tokens_.refresh_token.empty()) tokens_.refresh_token = std::move(current.refresh_token);
  // The service no longer knew the device (the refresh was redone without it):
  // never send it again. A device confirmed just now replaces it.
  if (result->dropped_device) device_.reset();
  if (result->new_device) device_ = std::move(result->new_device);
  return tokens_.clone();
}

Tokens Session::tokens() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tokens_.clone();
}

void Session::set_tokens(Tokens tokens) {
  std::lock_guard<std::mutex> lock(mu_);
  tokens_ = std::move(tokens);
}

std::optional<DeviceCredentials> Session::device() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!device_) return std::nullopt;
  return device_->clone();
}

std::uint64_t Session::refresh_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

}  // namespace cognito
