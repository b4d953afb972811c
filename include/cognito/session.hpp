// libcognito — Session: one signed-in user's tokens, kept fresh.
//
//   auto signed_in = client.sign_in(...)->take_result().value();
//   cognito::Session session(std::move(signed_in));
//   ...
//   auto tokens = session.valid_tokens(client, std::chrono::system_clock::now());
//   if (tokens) call_api(tokens->access_token.reveal());
//
// Thread-safety: every member function may be called from any number of
// threads at once. valid_tokens() is single-flight: when several threads find
// the tokens due for refresh at the same time, one of them sends the refresh
// request through its Client and the others wait for (and share) its outcome.
// Only the refreshing thread uses the Client it was given, and only for the
// duration of the refresh; the usual Client rule still holds: the app must not
// use that Client from another thread at the same time (give each thread its
// own Client, or make the threads share one only through this Session).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "cognito/auth.hpp"
#include "cognito/export.hpp"
#include "cognito/result.hpp"
#include "cognito/tokens.hpp"

namespace cognito {

class Client;

class COGNITO_API Session {
 public:
  /// A session for `username` (the canonical username, cognito:username) with
  /// its tokens and the remembered device the tokens were issued to, if any.
  /// `rotation`: refresh with GetTokensFromRefreshToken (app clients with
  /// refresh-token rotation) instead of REFRESH_TOKEN_AUTH.
  Session(std::string username, Tokens tokens, std::optional<DeviceCredentials> device = std::nullopt,
          bool rotation = false);
  /// From a finished sign-in: its username, tokens and device (SignedIn::
  /// device: the new one, or the remembered one the sign-in used).
  explicit Session(SignedIn signed_in, bool rotation = false);

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;
  ~Session();

  /// Tokens valid for at least `margin` at local time `now` (Tokens::
  /// needs_refresh, clock drift included): the current ones, or new ones from
  /// Client::refresh() with this session's username, device and rotation
  /// setting. Single-flight (see above): concurrent callers that need a
  /// refresh send one request and all receive its outcome; a failed refresh is
  /// returned to every waiter, and the next call tries again. After a refresh
  /// the new tokens are returned even if they do not cover `margin`.
  Result<Tokens> valid_tokens(Client& client, SystemTime now,
                              std::chrono::seconds margin = std::chrono::seconds(300));

  /// A copy of the current tokens (no refresh).
  [[nodiscard]] Tokens tokens() const;
  /// Replaces the tokens (e.g. after a new sign-in of the same user).
  void set_tokens(Tokens tokens);
  /// The canonical username.
  [[nodiscard]] const std::string& username() const noexcept { return username_; }
  /// A copy of the device credentials (the one from sign-in, or the new one a
  /// refresh reported); none after a refresh found the device unknown to the
  /// service (SignedIn::dropped_device): delete the stored one then.
  [[nodiscard]] std::optional<DeviceCredentials> device() const;
  /// Number of refresh requests this session has completed (either outcome).
  [[nodiscard]] std::uint64_t refresh_count() const;

 private:
  const std::string username_;
  const bool rotation_;
  mutable std::mutex mu_;
  std::condition_variable refreshed_;
  Tokens tokens_;
  std::optional<DeviceCredentials> device_;
  bool refreshing_ = false;
  std::uint64_t generation_ = 0;  ///< completed refreshes
  std::optional<Error> last_error_;  ///< outcome of the last refresh
};

}  // namespace cognito
