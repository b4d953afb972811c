// libcognito — Client: every SigV4-free Cognito User Pools operation, blocking.
//
// A Client owns a Transport and a ClientConfig. Each operation method encodes
// the typed request, sends it with the retry policy, and decodes the typed
// response or the typed Error. Clients share nothing: any number of clients,
// users and pools may live in one process. One Client must not be used by two
// threads at the same time.
//
// Sign-in is driven by sign_in() / answer() over the sans-I/O AuthMachine
// (auth.hpp); every request goes through send() with the retry policy:
//
//   auto p = client.sign_in(cognito::SignInRequest::srp("alice", password));
//   while (p && !p->done())                      // MFA, new password, ...
//     if (auto r = client.answer(*p, ask_user(*p->step())); !r) { /* failed */ }
//   cognito::SignedIn s = p->take_result().value();
//
// Tokens are checked with verify_token() (the pool's JWKS is fetched through
// the Transport and cached in the Client); cognito::Session (session.hpp)
// keeps a user's tokens fresh.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cognito/auth.hpp"
#include "cognito/config.hpp"
#include "cognito/export.hpp"
#include "cognito/http.hpp"
#include "cognito/model.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "cognito/tokens.hpp"
#include "cognito/version.hpp"

namespace cognito {
namespace detail {
struct RequestDefaults;
struct JwksCache;
}  // namespace detail

/// A sign-in started by Client::sign_in(): it holds the AuthMachine between
/// the questions the app has to answer (MFA codes, a new password, ...).
/// Move-only. Either done() (result() is set) or waiting for an answer
/// (step() is set); a sign-in that failed for good is reported by the call
/// that failed and leaves neither (see Client::answer()).
class COGNITO_API SignInProgress {
 public:
  SignInProgress(SignInProgress&&) noexcept;
  SignInProgress& operator=(SignInProgress&&) noexcept;
  SignInProgress(const SignInProgress&) = delete;
  SignInProgress& operator=(const SignInProgress&) = delete;
  ~SignInProgress();

  /// True once signed in (result() is set, or was taken).
  [[nodiscard]] bool done() const noexcept;
  /// The question to answer with Client::answer(); nullptr when there is none.
  [[nodiscard]] const Step* step() const noexcept;
  /// The outcome once done() and not yet taken, else nullptr.
  [[nodiscard]] const SignedIn* result() const noexcept;
  /// Moves the outcome out. InvalidState unless done() and not taken before.
  Result<SignedIn> take_result();
  /// The canonical username once the service has told it (else as typed).
  [[nodiscard]] const std::string& username() const noexcept;

  struct Impl;

 private:
  friend class Client;
  explicit SignInProgress(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

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

  /// Cancels the call in progress on this client, if any: it returns
  /// ErrorCode::Cancelled as soon as it can (CurlTransport aborts the transfer
  /// within about a second; a retry wait ends at once) and is never retried.
  /// A sign-in step (sign_in, answer, refresh) sends no further request: it
  /// fails with Cancelled, or, when only ConfirmDevice was left, signs in
  /// without the new device (SignedIn::device_error = Cancelled). A request
  /// already sent may have been acted on by the service; an answer that
  /// arrived complete is still used. Calls started afterwards are not
  /// affected. The one member function that may be called from any thread
  /// while another uses the client (not while the client is moved or
  /// destroyed).
  void cancel() noexcept;

  /// Builds the POST request for `operation` with `body` (headers included).
  [[nodiscard]] HttpRequest make_request(std::string_view operation, SecretString body) const;

  // ---- sign-in and tokens (lib/core/sign_in.cpp) ----

  /// Starts a sign-in with an AuthMachine configured from config() (pool,
  /// client, secret, srp, remember_devices, device_name) and runs its requests
  /// until the app must answer a step or the user is signed in. Each request
  /// goes through send() (retries, deadline). The time is config().wall_clock
  /// or the system clock. Fails with the machine's or the service's Error
  /// (e.g. NotAuthorized for a wrong password).
  Result<SignInProgress> sign_in(SignInRequest request);

  /// Answers `progress.step()` and runs the sign-in on to the next step or the
  /// end. InvalidState when `progress` has no step. After a failure,
  /// `progress.step()` tells whether the sign-in goes on:
  ///  - still set: the answer was refused and may be given again — an invalid
  ///    answer (InvalidArgument, nothing sent), or a code the service rejected
  ///    (CodeMismatch; the step is asked again with Step::previous_error);
  ///  - nullptr: the sign-in is over (the AuthMachine's Failed state is
  ///    sticky); start again with sign_in().
  Result<void> answer(SignInProgress& progress, Answer reply);

  /// New tokens for `tokens.refresh_token` (REFRESH_TOKEN_AUTH, or with
  /// `rotation` GetTokensFromRefreshToken). `username`: the canonical username
  /// (cognito:username), for SECRET_HASH. `device`: the remembered device the
  /// tokens were issued to, if any (Cognito requires its key then). The
  /// result's refresh token is the rotated one, else the one passed in.
  /// UnexpectedResponse if the service asks a question instead.
  Result<SignedIn> refresh(std::string username, const Tokens& tokens, const DeviceCredentials* device = nullptr,
                           bool rotation = false);

  /// Verifies a JWT of this pool and app client (verify_jwt) against the pool's
  /// JWKS, fetched with GET <issuer base>/<poolId>/.well-known/jwks.json
  /// through the Transport and cached in this Client. A token signed by an
  /// unknown kid makes the client fetch the JWKS once more, at most once a
  /// minute. Expectations: iss = token_issuer(), aud (ID) / client_id (access)
  /// = config().client_id, token_use = `use`, leeway = config().token_leeway.
  /// TokenInvalid for a bad token; transport/service errors of the fetch as is.
  Result<JwtClaims> verify_token(std::string_view jwt, TokenUse use);

  /// The expected issuer of this pool's tokens (see ClientConfig::token_issuer).
  [[nodiscard]] std::string token_issuer() const;

  // BEGIN GENERATED OPERATIONS (scripts/codegen/gen_model.py; do not edit by hand)
  /// AssociateSoftwareToken: Starts TOTP MFA setup: returns the secret for the user's authenticator app.
  Result<AssociateSoftwareTokenResponse> associate_software_token(
      const AssociateSoftwareTokenRequest& request);
  /// ChangePassword: Changes the signed-in user's password.
  Result<ChangePasswordResponse> change_password(const ChangePasswordRequest& request);
  /// CompleteWebAuthnRegistration: Finishes registering a passkey with the authenticator's credential.
  Result<CompleteWebAuthnRegistrationResponse> complete_web_authn_registration(
      const CompleteWebAuthnRegistrationRequest& request);
  /// ConfirmDevice: Confirms (remembers) a device with its SRP verifier after sign-in.
  Result<ConfirmDeviceResponse> confirm_device(const ConfirmDeviceRequest& request);
  /// ConfirmForgotPassword: Sets a new password with the code sent by ForgotPassword.
  Result<ConfirmForgotPasswordResponse> confirm_forgot_password(const ConfirmForgotPasswordRequest& request);
  /// ConfirmSignUp: Confirms a new account with the code sent at sign-up.
  Result<ConfirmSignUpResponse> confirm_sign_up(const ConfirmSignUpRequest& request);
  /// DeleteUser: Deletes the signed-in user.
  Result<DeleteUserResponse> delete_user(const DeleteUserRequest& request);
  /// DeleteUserAttributes: Deletes attributes of the signed-in user.
  Result<DeleteUserAttributesResponse> delete_user_attributes(const DeleteUserAttributesRequest& request);
  /// DeleteWebAuthnCredential: Deletes one of the signed-in user's passkeys.
  Result<DeleteWebAuthnCredentialResponse> delete_web_authn_credential(
      const DeleteWebAuthnCredentialRequest& request);
  /// ForgetDevice: Forgets a remembered device.
  Result<ForgetDeviceResponse> forget_device(const ForgetDeviceRequest& request);
  /// ForgotPassword: Sends a password-reset code to the user.
  Result<ForgotPasswordResponse> forgot_password(const ForgotPasswordRequest& request);
  /// GetDevice: Describes one of the signed-in user's devices.
  Result<GetDeviceResponse> get_device(const GetDeviceRequest& request);
  /// GetTokensFromRefreshToken: Issues new tokens for a refresh token (with refresh-token rotation).
  Result<GetTokensFromRefreshTokenResponse> get_tokens_from_refresh_token(
      const GetTokensFromRefreshTokenRequest& request);
  /// GetUser: Returns the signed-in user's attributes and MFA settings.
  Result<GetUserResponse> get_user(const GetUserRequest& request);
  /// GetUserAttributeVerificationCode: Sends a code to verify an email or phone attribute.
  Result<GetUserAttributeVerificationCodeResponse> get_user_attribute_verification_code(
      const GetUserAttributeVerificationCodeRequest& request);
  /// GetUserAuthFactors: Lists the signed-in user's sign-in and MFA factors.
  Result<GetUserAuthFactorsResponse> get_user_auth_factors(const GetUserAuthFactorsRequest& request);
  /// GlobalSignOut: Signs the user out everywhere: revokes all of the user's tokens.
  Result<GlobalSignOutResponse> global_sign_out(const GlobalSignOutRequest& request);
  /// InitiateAuth: Starts a sign-in (SRP, password, refresh token, custom or choice-based flow).
  Result<InitiateAuthResponse> initiate_auth(const InitiateAuthRequest& request);
  /// ListDevices: Lists the signed-in user's remembered devices.
  Result<ListDevicesResponse> list_devices(const ListDevicesRequest& request);
  /// ListWebAuthnCredentials: Lists the signed-in user's passkeys.
  Result<ListWebAuthnCredentialsResponse> list_web_authn_credentials(
      const ListWebAuthnCredentialsRequest& request);
  /// ResendConfirmationCode: Sends the sign-up confirmation code again.
  Result<ResendConfirmationCodeResponse> resend_confirmation_code(
      const ResendConfirmationCodeRequest& request);
  /// RespondToAuthChallenge: Answers the challenge returned by InitiateAuth or a previous answer.
  Result<RespondToAuthChallengeResponse> respond_to_auth_challenge(
      const RespondToAuthChallengeRequest& request);
  /// RevokeToken: Revokes a refresh token and the access tokens issued with it.
  Result<RevokeTokenResponse> revoke_token(const RevokeTokenRequest& request);
  /// SetUserMFAPreference: Enables, disables and orders the signed-in user's MFA factors.
  Result<SetUserMFAPreferenceResponse> set_user_mfa_preference(const SetUserMFAPreferenceRequest& request);
  /// SetUserSettings: Sets legacy SMS MFA options (superseded by SetUserMFAPreference).
  Result<SetUserSettingsResponse> set_user_settings(const SetUserSettingsRequest& request);
  /// SignUp: Registers a new user.
  Result<SignUpResponse> sign_up(const SignUpRequest& request);
  /// StartWebAuthnRegistration: Starts registering a passkey: returns the credential creation options.
  Result<StartWebAuthnRegistrationResponse> start_web_authn_registration(
      const StartWebAuthnRegistrationRequest& request);
  /// UpdateAuthEventFeedback: Reports whether a sign-in event flagged by threat protection was genuine.
  Result<UpdateAuthEventFeedbackResponse> update_auth_event_feedback(
      const UpdateAuthEventFeedbackRequest& request);
  /// UpdateDeviceStatus: Marks a device remembered or not remembered.
  Result<UpdateDeviceStatusResponse> update_device_status(const UpdateDeviceStatusRequest& request);
  /// UpdateUserAttributes: Updates attributes of the signed-in user.
  Result<UpdateUserAttributesResponse> update_user_attributes(const UpdateUserAttributesRequest& request);
  /// VerifySoftwareToken: Completes TOTP MFA setup with a code from the authenticator app.
  Result<VerifySoftwareTokenResponse> verify_software_token(const VerifySoftwareTokenRequest& request);
  /// VerifyUserAttribute: Verifies an email or phone attribute with the code sent to it.
  Result<VerifyUserAttributeResponse> verify_user_attribute(const VerifyUserAttributeRequest& request);
  // END GENERATED OPERATIONS

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl);
  [[nodiscard]] detail::RequestDefaults request_defaults() const;
  /// client.cpp: the scope of an operation and its cancel flag (cancel()).
  /// Operations nest (a sign-in step sends several requests): the outermost
  /// one makes the flag, the inner ones share it.
  class Operation {
   public:
    explicit Operation(Client& client);
    ~Operation();
    Operation(const Operation&) = delete;
    Operation& operator=(const Operation&) = delete;
    [[nodiscard]] const std::atomic<bool>& cancelled() const noexcept { return *flag_; }

   private:
    Client& client_;
    std::shared_ptr<const std::atomic<bool>> flag_;
  };
  // sign_in.cpp
  [[nodiscard]] std::chrono::system_clock::time_point wall_now() const;
  Result<void> drive(SignInProgress& progress);
  Result<void> fetch_jwks(detail::JwksCache& cache);

  std::unique_ptr<Impl> impl_;
  std::shared_ptr<detail::JwksCache> jwks_cache_;  ///< created on first use (sign_in.cpp)
};

}  // namespace cognito
