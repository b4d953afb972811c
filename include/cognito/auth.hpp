// libcognito — sign-in: the sans-I/O AuthMachine and the steps it asks for.
//
// AuthMachine turns a sign-in into HTTP requests and consumes the answers. It
// never does I/O, never sleeps, never reads a clock or a global RNG: the time
// comes in with every input, randomness only from SrpOptions. Drive it with
// any HTTP stack:
//
//   auto m = cognito::AuthMachine::create(cfg);
//   m->start(cognito::SignInRequest::srp("alice", password), now);
//   for (;;) {
//     cognito::AuthEvent ev = m->next_event();
//     if (auto* send = std::get_if<cognito::SendRequest>(&ev)) {
//       auto rsp = my_http(send->request);           // POST it, get the answer
//       m->on_response(rsp, now);                      // or on_transport_failure(err)
//     } else if (auto* step = std::get_if<cognito::NeedAnswer>(&ev)) {
//       m->answer(ask_user(step->step), now);          // e.g. Answer::code("123456")
//     } else if (auto* done = std::get_if<cognito::SignedIn>(&ev)) {
//       store(done->tokens, done->new_device);  break;
//     } else { report(std::get<cognito::Failed>(ev).error); break; }
//   }
//
// cognito::Client::sign_in() does exactly this over its Transport.
//
// Answered inside, never surfaced: PASSWORD_VERIFIER, DEVICE_SRP_AUTH,
// DEVICE_PASSWORD_VERIFIER, ConfirmDevice for a new device, the retry without
// a stale DEVICE_KEY, and SECRET_HASH with the right username at every step.
//
// Errors. A service error (non-2xx answer, parsed like every other call), a
// malformed 2xx answer (MalformedResponse / MissingField / WrongType /
// UnexpectedResponse), an unusable SRP value (SrpBadServerValue) or a
// transport failure ends the sign-in: next_event() returns Failed from then on
// (sticky) and on_response()/answer() return that error. These keep the
// sign-in alive:
//  - CodeMismatchException (or VerifySoftwareToken Status ERROR) in answer to
//    a code step, and InvalidPasswordException, PasswordHistoryPolicy-
//    ViolationException or InvalidParameterException in answer to
//    NEW_PASSWORD_REQUIRED: the same Step is asked again with
//    Step::previous_error set (Cognito keeps the session valid for another
//    try, as AWS's own libraries assume);
//  - a stale remembered device (ResourceNotFoundException "Device does not
//    exist.", once per sign-in): the answer is sent again without DEVICE_KEY,
//    or the sign-in starts over without the device when the failing request
//    was InitiateAuth, an SRP proof or device SRP; SignedIn::dropped_device;
//  - a failed ConfirmDevice: SignedIn without new_device (the tokens are good),
//    SignedIn::device_error says why.
// A wrong answer() (wrong kind for the step, empty code, missing required
// attribute, ...) returns InvalidArgument and changes nothing: answer again.
//
// Thread safety: one AuthMachine must not be used by two threads at once.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cognito/export.hpp"
#include "cognito/http.hpp"
#include "cognito/log.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "cognito/srp.hpp"
#include "cognito/tokens.hpp"

namespace cognito {

/// How to sign in.
enum class AuthFlow {
  UserSrp,             ///< USER_SRP_AUTH: the password never leaves the device (recommended)
  UserPassword,        ///< USER_PASSWORD_AUTH: the password is sent over TLS
  CustomAuth,          ///< CUSTOM_AUTH: Lambda-defined challenges (e.g. passwordless OTP)
  CustomAuthWithSrp,   ///< CUSTOM_AUTH starting with SRP (CHALLENGE_NAME=SRP_A)
  UserAuth,            ///< USER_AUTH: choice-based (passwordless, SELECT_CHALLENGE)
  RefreshToken,        ///< REFRESH_TOKEN_AUTH: new id/access tokens, same refresh token
  RefreshTokenRotation ///< GetTokensFromRefreshToken: new tokens and, with rotation, a new refresh token
};

// Which members each flow needs (start() checks them, InvalidArgument otherwise):
//   UserSrp, UserPassword, CustomAuthWithSrp: username, password
//   CustomAuth: username
//   UserAuth: username; password when preferred_challenge is PASSWORD or
//             PASSWORD_SRP (else it may come later with Answer::password)
//   RefreshToken: refresh_token; username (canonical) when the client has a secret
//   RefreshTokenRotation: refresh_token
// preferred_challenge and session are only for UserAuth. A device needs all
// three members for sign-in flows, only device_key for the refresh flows.

/// Everything one sign-in needs from the app.
struct COGNITO_API SignInRequest {
  AuthFlow flow = AuthFlow::UserSrp;
  std::string username;           ///< as typed: username or alias (email, phone)
  SecretString password;          ///< for UserSrp, UserPassword, CustomAuthWithSrp, UserAuth+PASSWORD(_SRP)
  std::string preferred_challenge;///< UserAuth only: PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN
  SecretString session;           ///< UserAuth only: the Session of SignUp/ConfirmSignUp (auto sign-in)
  SecretString refresh_token;     ///< RefreshToken / RefreshTokenRotation
  std::optional<DeviceCredentials> device;  ///< a remembered device of this user
  std::map<std::string, std::string> client_metadata;  ///< passed to Lambda triggers

  static SignInRequest srp(std::string username, SecretString password);
  static SignInRequest user_password(std::string username, SecretString password);
  static SignInRequest custom(std::string username);
  static SignInRequest custom_with_srp(std::string username, SecretString password);
  static SignInRequest user_auth(std::string username, std::string preferred_challenge = {},
                                 SecretString password = {});
  /// Sign-up auto sign-in: USER_AUTH with the Session of SignUp/ConfirmSignUp.
  static SignInRequest auto_sign_in(std::string username, SecretString session);
  /// `username`: the canonical username (cognito:username), needed for
  /// SECRET_HASH when the app client has a secret.
  static SignInRequest refresh(std::string username, SecretString refresh_token, bool rotation = false);
};

/// What the app has to answer.
enum class StepKind {
  SmsMfaCode,            ///< SMS_MFA: the code sent by SMS
  SoftwareTokenMfaCode,  ///< SOFTWARE_TOKEN_MFA: the 6-digit code of the authenticator app
  EmailOtpCode,          ///< EMAIL_OTP: the code sent by email (email MFA or passwordless)
  SmsOtpCode,            ///< SMS_OTP: the code sent by SMS (passwordless)
  SelectMfaType,         ///< SELECT_MFA_TYPE: pick one of `options`
  MfaSetup,              ///< MFA_SETUP: pick one of `options` (SOFTWARE_TOKEN_MFA, EMAIL_OTP) to set up
  TotpSetupCode,         ///< after Answer::setup_totp: show `totp_uri`, answer the first code
  NewPasswordRequired,   ///< NEW_PASSWORD_REQUIRED: a new password and `required_attributes`
  CustomChallenge,       ///< CUSTOM_CHALLENGE: `parameters` are the trigger's public parameters
  SelectChallenge,       ///< SELECT_CHALLENGE (USER_AUTH): pick one of `options`
  WebAuthn,              ///< WEB_AUTHN: pass `web_authn_options` to the authenticator
  UnknownChallenge,      ///< a challenge this version does not know: see `challenge_name`, `parameters`
  Password,              ///< PASSWORD / PASSWORD_SRP asked directly (USER_AUTH without a password): Answer::password
};

/// "SMS_MFA_CODE", "SOFTWARE_TOKEN_MFA_CODE", ... (the C ABI's COGNITO_STEP_*
/// names without the prefix), for logs and messages.
COGNITO_API std::string_view step_kind_name(StepKind kind) noexcept;

/// A question for the app. Strings are public (no secrets); the TOTP secret
/// and the URI that embeds it are SecretStrings.
struct COGNITO_API Step {
  StepKind kind = StepKind::UnknownChallenge;
  std::string challenge_name;          ///< the raw ChallengeName
  std::string username;                ///< the canonical username the service uses
  std::string delivery_medium;         ///< "SMS" / "EMAIL" for codes that were sent
  std::string destination;             ///< masked destination, e.g. "+*******5678"
  std::vector<std::string> options;    ///< choices for SelectMfaType / MfaSetup / SelectChallenge
  std::vector<std::string> required_attributes;       ///< NewPasswordRequired (without "userAttributes.")
  std::map<std::string, std::string> user_attributes; ///< NewPasswordRequired: current attributes
  std::map<std::string, std::string> parameters;      ///< all ChallengeParameters (public ones)
  SecretString totp_secret;            ///< TotpSetupCode: the shared secret (Base32)
  /// TotpSetupCode: otpauth://totp/<issuer>:<username>?secret=<secret>&issuer=<issuer>
  /// (percent-encoded) for a QR code. Contains the secret.
  SecretString totp_uri;
  std::string web_authn_options;       ///< WebAuthn: CREDENTIAL_REQUEST_OPTIONS (JSON)
  /// Set when this step is asked again because the service rejected the last
  /// answer (a code: CodeMismatchException, VerifySoftwareToken Status ERROR;
  /// a new password: InvalidPassword / PasswordHistoryPolicyViolation /
  /// InvalidParameter): tell the user and let them retry.
  std::optional<Error> previous_error;

  [[nodiscard]] Step clone() const;
};

/// The app's answer to a Step. Build it with the named constructors.
struct COGNITO_API Answer {
  enum class Kind { Code, Select, NewPassword, Custom, SetupTotp, SetupEmail, Password, WebAuthn };
  Kind kind = Kind::Code;
  SecretString secret;                          ///< code / password / custom answer
  std::string text;                             ///< selection / email / device name / credential JSON
  std::map<std::string, std::string> attributes;///< NewPassword: required attributes

  /// SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SMS_OTP and TotpSetupCode.
  static Answer code(std::string_view code);
  /// SelectMfaType, SelectChallenge, MfaSetup (SOFTWARE_TOKEN_MFA = setup_totp()).
  static Answer select(std::string option);
  /// NewPasswordRequired, with values for the required attributes (names without prefix).
  static Answer new_password(SecretString password, std::map<std::string, std::string> attributes = {});
  /// CustomChallenge and UnknownChallenge (sent as ANSWER; code() is accepted there too).
  static Answer custom(std::string_view answer);
  /// MfaSetup: set up an authenticator app; a TotpSetupCode step follows.
  static Answer setup_totp(std::string friendly_device_name = {});
  /// MfaSetup: set up email MFA with this address.
  static Answer setup_email(std::string email);
  /// SelectChallenge with PASSWORD / PASSWORD_SRP: the password (sent with
  /// ANSWER in the same request). Also the Password step (`option` ignored).
  static Answer password(SecretString password, std::string option = "PASSWORD_SRP");
  /// WebAuthn: the authenticator's AuthenticationResponseJSON.
  static Answer web_authn(std::string credential_json);
};

/// Settings of an AuthMachine (one app client of one pool).
struct COGNITO_API AuthConfig {
  std::string user_pool_id;   ///< required: SRP needs the pool name
  std::string client_id;      ///< required
  SecretString client_secret; ///< only for app clients that have one
  std::string endpoint;       ///< the URL requests go to; empty: resolve_endpoint() of the pool's region
  SrpOptions srp;             ///< ephemeral size; randomness for tests only
  /// Confirm a new device (NewDeviceMetadata) with ConfirmDevice before
  /// reporting success, and hand its credentials to the app.
  bool remember_devices = true;
  std::string device_name;    ///< DeviceName for ConfirmDevice; default "libcognito"
  /// Issuer (app name) in the TOTP setup URI; default "Cognito".
  std::string totp_issuer;
  /// Log lines of the sign-in's steps (structure only, see log.hpp).
  LogSink log;

  [[nodiscard]] AuthConfig clone() const;
};

/// Send this request, then call on_response() or on_transport_failure().
struct SendRequest {
  HttpRequest request;
  std::string operation;  ///< e.g. "RespondToAuthChallenge"
  bool idempotent = false;
};
/// The app must answer `step` with AuthMachine::answer().
struct NeedAnswer {
  Step step;
};
/// Signed in.
struct SignedIn {
  Tokens tokens;
  /// Canonical username: the ID token's cognito:username when readable, else
  /// what the service said (USERNAME / USER_ID_FOR_SRP), else as given.
  std::string username;
  std::optional<DeviceCredentials> new_device;  ///< confirmed just now: store it
  /// The remembered device these tokens are bound to: new_device when one was
  /// confirmed just now, else the request's device (none when it was dropped).
  /// Refreshes must send it (DEVICE_KEY); Session(SignedIn) keeps it.
  std::optional<DeviceCredentials> device;
  bool device_needs_user_confirmation = false;  ///< pool "user opt-in": UpdateDeviceStatus to remember
  /// The request's device was unknown to the service (stale DEVICE_KEY) and
  /// the sign-in was redone without it: delete the stored device.
  bool dropped_device = false;
  /// Why a new device could not be confirmed (then new_device is empty).
  std::optional<Error> device_error;
};
/// The sign-in failed. Sticky: every later call fails the same way, until
/// start() begins a new sign-in.
struct Failed {
  Error error;
};

using AuthEvent = std::variant<SendRequest, NeedAnswer, SignedIn, Failed>;

class COGNITO_API AuthMachine {
 public:
  /// InvalidArgument when the pool id or client id is missing or malformed,
  /// srp.ephemeral_bits is out of range, or no endpoint can be resolved.
  static Result<AuthMachine> create(AuthConfig config);

  AuthMachine(AuthMachine&&) noexcept;
  AuthMachine& operator=(AuthMachine&&) noexcept;
  AuthMachine(const AuthMachine&) = delete;
  AuthMachine& operator=(const AuthMachine&) = delete;
  ~AuthMachine();

  /// Begins a sign-in (or refresh). InvalidState if one is already running
  /// (a request or a step is pending); after SignedIn or Failed it begins a
  /// new one. InvalidArgument for an incomplete request (the machine stays
  /// as it was). `now` stamps SRP and tokens.
  Result<void> start(SignInRequest request, SystemTime now);

  /// What to do next. After SendRequest, the machine waits for the response;
  /// calling next_event() again returns the same request (it is not consumed),
  /// likewise NeedAnswer, SignedIn and Failed. Before start(): Failed with
  /// InvalidState (not sticky).
  [[nodiscard]] AuthEvent next_event();

  /// The answer to the last SendRequest (any status: errors are parsed here).
  /// Returns the error when it ended the sign-in (next_event() is then
  /// Failed); InvalidState when no request is outstanding.
  Result<void> on_response(const HttpResponse& response, SystemTime now);
  /// The last SendRequest could not be completed (the transport's error):
  /// the sign-in fails with it (ConfirmDevice: SignedIn without the device).
  /// Ignored when no request is outstanding.
  void on_transport_failure(Error error);
  /// The app's answer to the last NeedAnswer. InvalidArgument (nothing
  /// changes) when it does not fit the step; InvalidState when no step waits.
  Result<void> answer(Answer answer, SystemTime now);

  /// The canonical username, once the service has told it (else as typed).
  [[nodiscard]] const std::string& username() const noexcept;

  struct Impl;

 private:
  explicit AuthMachine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cognito
