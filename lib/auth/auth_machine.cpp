// libcognito — the sign-in state machine. EVERY TRANSITION LIVES IN THIS FILE
// (h11's rule 1); auth_wire.cpp only encodes, decodes and formats.
//
// States (Phase):
//   Idle      nothing started
//   Sending   one request is out (`op`); waits for on_response / on_transport_failure
//   Asking    a Step waits for answer()
//   SignedIn  done; the tokens are ready                       (terminal)
//   Failed    done; `error` is returned by every later call    (terminal, sticky)
//
// The table, in the order of cognito-protocol.md §3.3:
//
//   start ─ UserSrp ............ InitiateAuth USER_SRP_AUTH {USERNAME, SRP_A}
//         ─ UserPassword ....... InitiateAuth USER_PASSWORD_AUTH {USERNAME, PASSWORD}
//         ─ CustomAuth ......... InitiateAuth CUSTOM_AUTH {USERNAME}
//         ─ CustomAuthWithSrp .. InitiateAuth CUSTOM_AUTH {USERNAME, SRP_A, CHALLENGE_NAME=SRP_A}
//         ─ UserAuth ........... InitiateAuth USER_AUTH {USERNAME, PREFERRED_CHALLENGE?, PASSWORD | SRP_A?}
//                                (+ top-level Session for the sign-up auto sign-in)
//         ─ RefreshToken ....... InitiateAuth REFRESH_TOKEN_AUTH {REFRESH_TOKEN}
//         ─ RefreshTokenRotation GetTokensFromRefreshToken {RefreshToken, ClientSecret?, DeviceKey?}
//     (+ SECRET_HASH of the USERNAME as sent — for refresh the given canonical
//      username — and DEVICE_KEY while a device is in use)
//
//   InitiateAuth / RespondToAuthChallenge answered with
//     AuthenticationResult ............ finish: NewDeviceMetadata ? ConfirmDevice : SignedIn
//     PASSWORD_VERIFIER ............... inside: RespondToAuthChallenge PASSWORD_VERIFIER (SRP claim)
//     DEVICE_SRP_AUTH ................. inside: RespondToAuthChallenge DEVICE_SRP_AUTH (fresh SRP_A)
//     DEVICE_PASSWORD_VERIFIER ........ inside: RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER
//     PASSWORD / PASSWORD_SRP ......... inside when the password is known, else ask Password
//     SMS_MFA, SOFTWARE_TOKEN_MFA,
//     EMAIL_OTP, SMS_OTP .............. ask the code
//     SELECT_MFA_TYPE, MFA_SETUP,
//     NEW_PASSWORD_REQUIRED,
//     CUSTOM_CHALLENGE,
//     SELECT_CHALLENGE, WEB_AUTHN ..... ask
//     anything else ................... ask UnknownChallenge
//   (every RespondToAuthChallenge: the latest Session, USERNAME = the canonical
//    username, SECRET_HASH of it, DEVICE_KEY while a device is in use)
//
//   answer to
//     a code step ..................... RespondToAuthChallenge <challenge> {<X>_CODE}
//     SelectMfaType ................... RespondToAuthChallenge SELECT_MFA_TYPE {ANSWER}
//     MfaSetup + setup_totp ........... AssociateSoftwareToken {Session}
//        → SecretCode ................. ask TotpSetupCode
//        → code ....................... VerifySoftwareToken {Session, UserCode}
//        → SUCCESS .................... RespondToAuthChallenge MFA_SETUP {} with its new Session
//     MfaSetup + setup_email .......... RespondToAuthChallenge MFA_SETUP {EMAIL}
//     NewPasswordRequired ............. RespondToAuthChallenge NEW_PASSWORD_REQUIRED {NEW_PASSWORD, userAttributes.*}
//     CustomChallenge / Unknown ....... RespondToAuthChallenge <challenge> {ANSWER}
//     SelectChallenge ................. RespondToAuthChallenge SELECT_CHALLENGE {ANSWER[, PASSWORD | SRP_A]}
//     WebAuthn ........................ RespondToAuthChallenge WEB_AUTHN {CREDENTIAL}
//     Password ........................ RespondToAuthChallenge PASSWORD {PASSWORD} / PASSWORD_SRP {SRP_A}
//
//   errors (non-2xx)
//     ConfirmDevice failed ............ SignedIn without the device (device_error)
//     stale device (ResourceNotFound
//       "…device…" to a request with
//       DEVICE_KEY, or NotAuthorized
//       during device SRP), once ..... drop the device; an answer to a step: send
//                                       it again without DEVICE_KEY (same Session);
//                                       InitiateAuth, PASSWORD_VERIFIER, device
//                                       SRP: start over (fresh SRP a)
//     CodeMismatch to a code answer ... ask the same step again (previous_error)
//     InvalidPassword, PasswordHistory-
//       PolicyViolation, InvalidParam-
//       eter to NEW_PASSWORD_REQUIRED .. ask the same step again (previous_error)
//     anything else ................... Failed
//   transport failure ................. Failed (ConfirmDevice: SignedIn without the device)
#include "cognito/auth.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "auth/auth_wire.hpp"
#include "cognito/config.hpp"
#include "cognito/model.hpp"
#include "core/request_defaults.hpp"
#include "core/service_error.hpp"
#include "util/log.hpp"
#include "wire/model_codec.hpp"

namespace cognito {
namespace {

namespace cn = challenge_name;
namespace wire = detail::auth;

enum class Phase { Idle, Sending, Asking, SignedIn, Failed };

enum class Op {
  InitiateAuth,
  RespondToAuthChallenge,
  AssociateSoftwareToken,
  VerifySoftwareToken,
  GetTokensFromRefreshToken,
  ConfirmDevice,
};

constexpr std::string_view op_name(Op op) noexcept {
  switch (op) {
    case Op::InitiateAuth: return "InitiateAuth";
    case Op::RespondToAuthChallenge: return "RespondToAuthChallenge";
    case Op::AssociateSoftwareToken: return "AssociateSoftwareToken";
    case Op::VerifySoftwareToken: return "VerifySoftwareToken";
    case Op::GetTokensFromRefreshToken: return "GetTokensFromRefreshToken";
    case Op::ConfirmDevice: return "ConfirmDevice";
  }
  return "?";
}

/// The challenges surfaced to the app, their Step kind and the
/// ChallengeResponses key that carries the app's answer.
struct StepRule {
  std::string_view challenge;
  StepKind kind;
  std::string_view answer_key;
};
constexpr StepRule kStepRules[] = {
    {cn::sms_mfa, StepKind::SmsMfaCode, "SMS_MFA_CODE"},
    {cn::software_token_mfa, StepKind::SoftwareTokenMfaCode, "SOFTWARE_TOKEN_MFA_CODE"},
    {cn::email_otp, StepKind::EmailOtpCode, "EMAIL_OTP_CODE"},
    {cn::sms_otp, StepKind::SmsOtpCode, "SMS_OTP_CODE"},
    {cn::select_mfa_type, StepKind::SelectMfaType, "ANSWER"},
    {cn::mfa_setup, StepKind::MfaSetup, "EMAIL"},
    {cn::new_password_required, StepKind::NewPasswordRequired, "NEW_PASSWORD"},
    {cn::custom_challenge, StepKind::CustomChallenge, "ANSWER"},
    {cn::select_challenge, StepKind::SelectChallenge, "ANSWER"},
    {cn::web_authn, StepKind::WebAuthn, "CREDENTIAL"},
    {cn::password, StepKind::Password, "PASSWORD"},
    {cn::password_srp, StepKind::Password, "SRP_A"},
};

const StepRule* step_rule(std::string_view challenge) noexcept {
  for (const StepRule& r : kStepRules)
    if (r.challenge == challenge) return &r;
  return nullptr;
}

std::string_view answer_kind_name(Answer::Kind k) noexcept {
  switch (k) {
    case Answer::Kind::Code: return "Answer::code()";
    case Answer::Kind::Select: return "Answer::select()";
    case Answer::Kind::NewPassword: return "Answer::new_password()";
    case Answer::Kind::Custom: return "Answer::custom()";
    case Answer::Kind::SetupTotp: return "Answer::setup_totp()";
    case Answer::Kind::SetupEmail: return "Answer::setup_email()";
    case Answer::Kind::Password: return "Answer::password()";
    case Answer::Kind::WebAuthn: return "Answer::web_authn()";
  }
  return "?";
}

using Responses = std::map<std::string, SecretString>;

void put(Responses& m, std::string_view key, std::string_view value) {
  m.insert_or_assign(std::string(key), SecretString(value));
}

const std::string* param(const std::map<std::string, std::string>& params, std::string_view key) {
  const auto it = params.find(std::string(key));
  return it == params.end() ? nullptr : &it->second;
}

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

Error invalid(std::string message) { return Error(ErrorCode::InvalidArgument, std::move(message)); }

bool is_refresh(AuthFlow f) noexcept { return f == AuthFlow::RefreshToken || f == AuthFlow::RefreshTokenRotation; }

bool needs_password(std::string_view preferred) noexcept {
  return preferred == cn::password || preferred == cn::password_srp;
}

/// What start() refuses.
Result<void> validate(const SignInRequest& r) {
  if (r.flow != AuthFlow::UserAuth && !r.preferred_challenge.empty())
    return invalid("preferred_challenge is only for the UserAuth flow");
  if (r.flow != AuthFlow::UserAuth && !r.session.empty()) return invalid("session is only for the UserAuth flow");
  if (!is_refresh(r.flow) && !r.refresh_token.empty())
    return invalid("refresh_token is only for the refresh flows");
  switch (r.flow) {
    case AuthFlow::UserSrp:
    case AuthFlow::UserPassword:
    case AuthFlow::CustomAuthWithSrp:
      if (r.username.empty()) return invalid("the username is empty");
      if (r.password.empty()) return invalid("the password is empty");
      break;
    case AuthFlow::CustomAuth:
      if (r.username.empty()) return invalid("the username is empty");
      break;
    case AuthFlow::UserAuth:
      if (r.username.empty()) return invalid("the username is empty");
      if (needs_password(r.preferred_challenge) && r.password.empty())
        return invalid("the password is empty (needed for preferred challenge " + r.preferred_challenge + ")");
      break;
    case AuthFlow::RefreshToken:
    case AuthFlow::RefreshTokenRotation:
      if (r.refresh_token.empty()) return invalid("the refresh token is empty");
      break;
  }
  if (r.device) {
    if (r.device->device_key.empty()) return invalid("device.device_key is empty");
    if (!is_refresh(r.flow) && (r.device->device_group_key.empty() || r.device->device_password.empty()))
      return invalid("device needs device_group_key and device_password for a sign-in");
  }
  return {};
}

bool valid_client_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+';
  });
}

}  // namespace

// =============================================================================
// The machine
// =============================================================================

constexpr std::string_view flow_log_name(AuthFlow f) noexcept {
  switch (f) {
    case AuthFlow::UserSrp: return "USER_SRP_AUTH";
    case AuthFlow::UserPassword: return "USER_PASSWORD_AUTH";
    case AuthFlow::CustomAuth: return "CUSTOM_AUTH";
    case AuthFlow::CustomAuthWithSrp: return "CUSTOM_AUTH with SRP";
    case AuthFlow::UserAuth: return "USER_AUTH";
    case AuthFlow::RefreshToken: return "REFRESH_TOKEN_AUTH";
    case AuthFlow::RefreshTokenRotation: return "GetTokensFromRefreshToken";
  }
  return "?";
}

struct AuthMachine::Impl {
  AuthConfig cfg;
  std::string endpoint;

  // ---- the sign-in in progress ----
  SignInRequest req;                        ///< as started; kept for a restart without the device
  SecretString password;                    ///< for SRP / PASSWORD (the request's or an answer's)
  std::string username;                     ///< canonical once the service said it, else as typed
  std::optional<DeviceCredentials> device;  ///< in use: DEVICE_KEY goes with every request
  bool device_retry_used = false;
  bool dropped_device = false;
  SecretString session;                     ///< the latest Session received
  std::optional<SrpClient> srp;             ///< user SRP waiting for PASSWORD_VERIFIER
  std::optional<SrpClient> device_srp;      ///< device SRP waiting for DEVICE_PASSWORD_VERIFIER
  std::string totp_device_name;             ///< FriendlyDeviceName for VerifySoftwareToken

  // ---- where the machine is ----
  Phase phase = Phase::Idle;
  // Sending
  Op op = Op::InitiateAuth;
  HttpRequest request;
  bool idempotent = false;
  std::string answered;          ///< RespondToAuthChallenge: the ChallengeName answered
  Responses answered_with;       ///< ... and its ChallengeResponses (for a resend without DEVICE_KEY)
  bool sent_device_key = false;  ///< the outstanding request carried DEVICE_KEY
  bool code_answer = false;      ///< the outstanding request answers `step` with a code
  bool new_password_answer = false;  ///< the outstanding request answers NEW_PASSWORD_REQUIRED
  // Asking (while Sending: the step being answered)
  Step step;
  // SignedIn
  Tokens tokens;
  std::optional<DeviceCredentials> pending_device;  ///< being confirmed
  std::optional<DeviceCredentials> new_device;
  std::optional<DeviceCredentials> used_device;  ///< the request's device, kept past the wipe
  bool needs_user_confirmation = false;
  std::optional<Error> device_error;
  // Failed
  Error error;

  // ---------------------------------------------------------------------------
  // inputs
  // ---------------------------------------------------------------------------

  Result<void> start(SignInRequest r, SystemTime now) {
    if (phase == Phase::Sending || phase == Phase::Asking)
      return Error(ErrorCode::InvalidState, "a sign-in is already running");
    if (auto v = validate(r); !v) return v;
    if (r.flow == AuthFlow::RefreshToken && !cfg.client_secret.empty() && r.username.empty())
      return invalid("the client has a secret: REFRESH_TOKEN_AUTH needs the canonical username for SECRET_HASH");
    reset();
    req = std::move(r);
    if (req.device) device = req.device->clone();
    if (cfg.log.enabled(LogLevel::Debug))
      log(LogLevel::Debug, "sign-in: start " + std::string(flow_log_name(req.flow)) +
                               (device ? " with a remembered device" : ""));
    if (auto b = begin(now); !b) {
      reset();
      return b;
    }
    return {};
  }

  Result<void> on_response(const HttpResponse& rsp, SystemTime now) {
    if (phase == Phase::Failed) return error;
    if (phase != Phase::Sending) return Error(ErrorCode::InvalidState, "no request is outstanding");
    if (cfg.log.enabled(LogLevel::Trace)) {
      std::string line = "sign-in: " + std::string(op_name(op)) + " answered " + std::to_string(rsp.status);
      if (const std::string* id = rsp.headers.find("x-amzn-RequestId")) line += ", request id " + detail::log_safe(*id);
      log(LogLevel::Trace, line);
    }
    Result<void> r = wire::is_success(rsp.status) ? on_reply(rsp, now)
                                                   : on_service_error(detail::parse_service_error(rsp), now);
    if (!r && phase != Phase::Failed) {
      Error e = std::move(r).error();
      // Errors about this answer's content carry its status and request id.
      const auto code = static_cast<int>(e.code);
      const bool about_answer = (code <= -600 && code > -700) || e.code == ErrorCode::SrpBadServerValue;
      if (about_answer && e.http_status == 0) detail::attach_response(e, rsp);
      return fail(std::move(e));
    }
    return r;
  }

  void on_transport_failure(Error e) {
    if (phase != Phase::Sending) return;
    if (cfg.log.enabled(LogLevel::Warn))
      log(LogLevel::Warn, "sign-in: " + std::string(op_name(op)) + " not completed: " + detail::describe(e));
    if (op == Op::ConfirmDevice) {
      device_not_confirmed(std::move(e));
      return;
    }
    (void)fail(std::move(e));
  }

  Result<void> answer(Answer a, SystemTime now) {
    if (phase == Phase::Failed) return error;
    if (phase != Phase::Asking) return Error(ErrorCode::InvalidState, "no step is waiting for an answer");
    return on_answer(a, now);  // on error nothing changed: the app may answer again
  }

  AuthEvent next_event() const {
    switch (phase) {
      case Phase::Idle: return Failed{Error(ErrorCode::InvalidState, "no sign-in started")};
      case Phase::Sending: return SendRequest{wire::clone_request(request), std::string(op_name(op)), idempotent};
      case Phase::Asking: return NeedAnswer{step.clone()};
      case Phase::SignedIn: {
        SignedIn s;
        s.tokens = tokens.clone();
        s.username = username;
        if (new_device) {
          s.new_device = new_device->clone();
          s.device = new_device->clone();
        } else if (used_device) {
          s.device = used_device->clone();
        }
        s.device_needs_user_confirmation = needs_user_confirmation;
        s.dropped_device = dropped_device;
        s.device_error = device_error;
        return s;
      }
      case Phase::Failed: return Failed{error};
    }
    return Failed{Error(ErrorCode::Internal, "AuthMachine: unknown phase")};
  }

  // ---------------------------------------------------------------------------
  // the start of a flow (also the restart without a stale device)
  // ---------------------------------------------------------------------------

  Result<void> begin(SystemTime) {
    session.clear();
    srp.reset();
    device_srp.reset();
    username = req.username;
    password = req.password.clone();
    step = Step{};
    if (req.flow == AuthFlow::RefreshTokenRotation) return send_get_tokens();
    return send_initiate();
  }

  Result<void> send_initiate() {
    InitiateAuthRequest r;
    Responses& p = r.auth_parameters;
    bool with_srp = false;
    bool idem = false;
    switch (req.flow) {
      case AuthFlow::UserSrp:
        r.auth_flow = auth_flow::user_srp_auth;
        with_srp = true;
        idem = true;
        break;
      case AuthFlow::UserPassword:
        r.auth_flow = auth_flow::user_password_auth;
        put(p, "PASSWORD", password.reveal());
        break;
      case AuthFlow::CustomAuth:
        r.auth_flow = auth_flow::custom_auth;
        break;
      case AuthFlow::CustomAuthWithSrp:
        r.auth_flow = auth_flow::custom_auth;
        put(p, "CHALLENGE_NAME", "SRP_A");
        with_srp = true;
        break;
      case AuthFlow::UserAuth:
        r.auth_flow = auth_flow::user_auth;
        if (!req.preferred_challenge.empty()) put(p, "PREFERRED_CHALLENGE", req.preferred_challenge);
        if (req.preferred_challenge == cn::password) put(p, "PASSWORD", password.reveal());
        if (req.preferred_challenge == cn::password_srp) with_srp = true;
        if (!req.session.empty()) r.session = req.session.clone();
        break;
      case AuthFlow::RefreshToken:
        r.auth_flow = auth_flow::refresh_token_auth;
        put(p, "REFRESH_TOKEN", req.refresh_token.reveal());
        idem = true;
        break;
      case AuthFlow::RefreshTokenRotation:
        return Error(ErrorCode::Internal, "AuthMachine: rotation does not use InitiateAuth");
    }
    // USERNAME as typed (refresh: the canonical username, only for SECRET_HASH).
    if (req.flow != AuthFlow::RefreshToken) put(p, "USERNAME", username);
    if (with_srp) {
      auto c = SrpClient::create(cfg.srp);
      if (!c) return std::move(c).error();
      put(p, "SRP_A", c->A_hex());
      srp.emplace(std::move(*c));
    }
    if (auto h = add_secret_hash(p, username); !h) return h;
    if (device) put(p, "DEVICE_KEY", device->device_key);
    r.client_metadata = req.client_metadata;
    return send(Op::InitiateAuth, detail::encode_request(r, defaults()), idem);
  }

  Result<void> send_get_tokens() {
    GetTokensFromRefreshTokenRequest r;
    r.refresh_token = req.refresh_token.clone();
    if (device) r.device_key = device->device_key;
    r.client_metadata = req.client_metadata;
    // ClientSecret: the encoder fills in the raw secret (RequestDefaults).
    return send(Op::GetTokensFromRefreshToken, detail::encode_request(r, defaults()), false);
  }

  // ---------------------------------------------------------------------------
  // 2xx answers
  // ---------------------------------------------------------------------------

  Result<void> on_reply(const HttpResponse& rsp, SystemTime now) {
    answered_with.clear();  // the answer was taken: no resend will need it
    switch (op) {
      case Op::InitiateAuth: {
        auto r = wire::decode<InitiateAuthResponse>(rsp);
        if (!r) return std::move(r).error();
        return on_auth_reply(std::move(r->challenge_name), std::move(r->session), std::move(r->challenge_parameters),
                             std::move(r->authentication_result), std::move(r->available_challenges), now);
      }
      case Op::RespondToAuthChallenge: {
        auto r = wire::decode<RespondToAuthChallengeResponse>(rsp);
        if (!r) return std::move(r).error();
        return on_auth_reply(std::move(r->challenge_name), std::move(r->session), std::move(r->challenge_parameters),
                             std::move(r->authentication_result), {}, now);
      }
      case Op::GetTokensFromRefreshToken: {
        auto r = wire::decode<GetTokensFromRefreshTokenResponse>(rsp);
        if (!r) return std::move(r).error();
        if (!r->authentication_result)
          return Error(ErrorCode::MissingField, "GetTokensFromRefreshTokenResponse.AuthenticationResult is missing");
        return finish(std::move(*r->authentication_result), now);
      }
      case Op::AssociateSoftwareToken: {
        auto r = wire::decode<AssociateSoftwareTokenResponse>(rsp);
        if (!r) return std::move(r).error();
        if (!r->secret_code || r->secret_code->empty())
          return Error(ErrorCode::MissingField, "AssociateSoftwareTokenResponse.SecretCode is missing");
        if (r->session && !r->session->empty()) session = std::move(*r->session);
        return ask_totp_code(std::move(*r->secret_code));
      }
      case Op::VerifySoftwareToken: {
        auto r = wire::decode<VerifySoftwareTokenResponse>(rsp);
        if (!r) return std::move(r).error();
        if (r->session && !r->session->empty()) session = std::move(*r->session);
        if (r->status.value_or(std::string()) != verify_software_token_status::success)
          return ask_again(Error(ErrorCode::CodeMismatch, "VerifySoftwareToken did not accept the code"));
        // MFA_SETUP is answered with the Session VerifySoftwareToken returned.
        return respond(cn::mfa_setup, {});
      }
      case Op::ConfirmDevice: {
        auto r = wire::decode<ConfirmDeviceResponse>(rsp);
        if (!r) {
          device_not_confirmed(std::move(r).error());
          return {};
        }
        new_device = std::move(pending_device);
        pending_device.reset();
        needs_user_confirmation = r->user_confirmation_necessary.value_or(false);
        return signed_in();
      }
    }
    return Error(ErrorCode::Internal, "AuthMachine: unknown operation");
  }

  /// InitiateAuth / RespondToAuthChallenge: tokens or the next challenge.
  Result<void> on_auth_reply(std::optional<std::string> challenge, std::optional<SecretString> new_session,
                             std::map<std::string, std::string> params, std::optional<AuthenticationResult> result,
                             std::vector<std::string> available, SystemTime now) {
    if (result) return finish(std::move(*result), now);
    if (!challenge || challenge->empty())
      return Error(ErrorCode::UnexpectedResponse,
                   std::string(op_name(op)) + " answered neither AuthenticationResult nor ChallengeName");
    // The Session to send next: the one that came with this challenge (none
    // for PASSWORD_VERIFIER after USER_SRP_AUTH).
    session = new_session ? std::move(*new_session) : SecretString();
    adopt_username(params);
    return on_challenge(*challenge, std::move(params), std::move(available), now);
  }

  /// The canonical username: the challenge's USERNAME, else USER_ID_FOR_SRP.
  void adopt_username(const std::map<std::string, std::string>& params) {
    for (std::string_view key : {"USERNAME", "USER_ID_FOR_SRP"})
      if (const std::string* v = param(params, key); v != nullptr && !v->empty()) {
        username = *v;
        return;
      }
  }

  // ---- the challenge table ----------------------------------------------------

  Result<void> on_challenge(const std::string& name, std::map<std::string, std::string> params,
                            std::vector<std::string> available, SystemTime now) {
    // Answered inside.
    if (name == cn::password_verifier) return answer_password_verifier(params, now);
    if (name == cn::device_srp_auth) return answer_device_srp_auth();
    if (name == cn::device_password_verifier) return answer_device_password_verifier(params, now);
    // PASSWORD_SRP never reveals the password. The plaintext PASSWORD challenge is
    // answered inside only when the app itself chose plaintext (USER_PASSWORD_AUTH,
    // or USER_AUTH preferring PASSWORD): a server must not be able to downgrade an
    // SRP sign-in into sending the password. Otherwise the app is asked.
    if (name == cn::password_srp && !password.empty()) return answer_with_password(name, name, {}, password.clone());
    if (name == cn::password && !password.empty() && plaintext_password_chosen())
      return answer_with_password(name, name, {}, password.clone());
    // Asked.
    Step s;
    s.challenge_name = name;
    s.username = username;
    const StepRule* rule = step_rule(name);
    s.kind = rule != nullptr ? rule->kind : StepKind::UnknownChallenge;
    if (const std::string* v = param(params, "CODE_DELIVERY_DELIVERY_MEDIUM")) s.delivery_medium = *v;
    if (const std::string* v = param(params, "CODE_DELIVERY_DESTINATION")) s.destination = *v;
    switch (s.kind) {
      case StepKind::SelectMfaType:
      case StepKind::MfaSetup: {
        const std::string_view key = s.kind == StepKind::SelectMfaType ? "MFAS_CAN_CHOOSE" : "MFAS_CAN_SETUP";
        if (const std::string* v = param(params, key)) {
          auto list = wire::parse_string_list(*v, key);
          if (!list) return std::move(list).error();
          s.options = std::move(*list);
        }
        break;
      }
      case StepKind::NewPasswordRequired: {
        if (const std::string* v = param(params, "userAttributes")) {
          auto attrs = wire::parse_string_map(*v, "userAttributes");
          if (!attrs) return std::move(attrs).error();
          s.user_attributes = std::move(*attrs);
        }
        if (const std::string* v = param(params, "requiredAttributes")) {
          auto list = wire::parse_string_list(*v, "requiredAttributes");
          if (!list) return std::move(list).error();
          constexpr std::string_view kPrefix = "userAttributes.";
          for (std::string& a : *list)
            if (a.compare(0, kPrefix.size(), kPrefix) == 0) a.erase(0, kPrefix.size());
          s.required_attributes = std::move(*list);
        }
        break;
      }
      case StepKind::SelectChallenge:
        s.options = std::move(available);
        break;
      case StepKind::WebAuthn:
        if (const std::string* v = param(params, "CREDENTIAL_REQUEST_OPTIONS")) s.web_authn_options = *v;
        break;
      default:
        break;
    }
    s.parameters = std::move(params);
    return ask(std::move(s));
  }

  Result<void> answer_password_verifier(const std::map<std::string, std::string>& params, SystemTime now) {
    if (!srp) return Error(ErrorCode::UnexpectedResponse, "PASSWORD_VERIFIER arrived but no SRP sign-in is running");
    auto ch = srp_challenge(params);
    if (!ch) return std::move(ch).error();
    std::string uid = username;  // USER_ID_FOR_SRP, else USERNAME, else what is known
    for (std::string_view key : {"USER_ID_FOR_SRP", "USERNAME"})
      if (const std::string* v = param(params, key); v != nullptr && !v->empty()) {
        uid = *v;
        break;
      }
    SrpClient client = std::move(*srp);
    srp.reset();
    auto claim = client.respond(cfg.user_pool_id, uid, password.reveal(), *ch, now);
    if (!claim) return std::move(claim).error();
    Responses p;
    put(p, "PASSWORD_CLAIM_SECRET_BLOCK", ch->secret_block);
    put(p, "PASSWORD_CLAIM_SIGNATURE", claim->signature);
    put(p, "TIMESTAMP", claim->timestamp);
    return respond(cn::password_verifier, std::move(p));
  }

  Result<void> answer_device_srp_auth() {
    if (!device) return Error(ErrorCode::UnexpectedResponse, "DEVICE_SRP_AUTH arrived but no device is in use");
    auto c = SrpClient::create(cfg.srp);  // a fresh a for the device
    if (!c) return std::move(c).error();
    Responses p;
    put(p, "SRP_A", c->A_hex());
    device_srp.emplace(std::move(*c));
    return respond(cn::device_srp_auth, std::move(p));
  }

  Result<void> answer_device_password_verifier(const std::map<std::string, std::string>& params, SystemTime now) {
    if (!device || !device_srp)
      return Error(ErrorCode::UnexpectedResponse, "DEVICE_PASSWORD_VERIFIER arrived without DEVICE_SRP_AUTH");
    auto ch = srp_challenge(params);
    if (!ch) return std::move(ch).error();
    SrpClient client = std::move(*device_srp);
    device_srp.reset();
    auto claim = client.respond_device(device->device_group_key, device->device_key,
                                       device->device_password.reveal(), *ch, now);
    if (!claim) return std::move(claim).error();
    Responses p;
    put(p, "PASSWORD_CLAIM_SECRET_BLOCK", ch->secret_block);
    put(p, "PASSWORD_CLAIM_SIGNATURE", claim->signature);
    put(p, "TIMESTAMP", claim->timestamp);
    return respond(cn::device_password_verifier, std::move(p));
  }

  /// True when the app's request already sends the password itself.
  bool plaintext_password_chosen() const noexcept {
    return req.flow == AuthFlow::UserPassword ||
           (req.flow == AuthFlow::UserAuth && req.preferred_challenge == cn::password);
  }

  /// PASSWORD: the password itself; PASSWORD_SRP: SRP_A now, PASSWORD_VERIFIER next.
  Result<void> answer_with_password(std::string_view challenge, std::string_view option, Responses p,
                                    SecretString pw) {
    if (option == cn::password) {
      put(p, "PASSWORD", pw.reveal());
    } else {
      auto c = SrpClient::create(cfg.srp);
      if (!c) return std::move(c).error();
      put(p, "SRP_A", c->A_hex());
      srp.emplace(std::move(*c));
    }
    password = std::move(pw);
    return respond(challenge, std::move(p));
  }

  Result<void> ask_totp_code(SecretString secret_code) {
    Step s;
    s.kind = StepKind::TotpSetupCode;
    s.challenge_name = std::string(cn::mfa_setup);
    s.username = username;
    s.parameters = step.parameters;  // those of MFA_SETUP
    const std::string_view issuer = cfg.totp_issuer.empty() ? std::string_view("Cognito") : cfg.totp_issuer;
    s.totp_uri = wire::totp_uri(issuer, username, secret_code.reveal());
    s.totp_secret = std::move(secret_code);
    return ask(std::move(s));
  }

  // ---- the answer table -------------------------------------------------------

  Result<void> on_answer(const Answer& a, SystemTime) {
    const Step& s = step;
    const auto wrong = [&](std::string_view takes) {
      return invalid(s.challenge_name + " takes " + std::string(takes) + ", not " +
                     std::string(answer_kind_name(a.kind)));
    };
    switch (s.kind) {
      case StepKind::SmsMfaCode:
      case StepKind::SoftwareTokenMfaCode:
      case StepKind::EmailOtpCode:
      case StepKind::SmsOtpCode: {
        if (a.kind != Answer::Kind::Code) return wrong("Answer::code()");
        if (a.secret.empty()) return invalid("the code is empty");
        Responses p;
        put(p, step_rule(s.challenge_name)->answer_key, a.secret.reveal());
        return respond(s.challenge_name, std::move(p), /*code=*/true);
      }
      case StepKind::TotpSetupCode: {
        if (a.kind != Answer::Kind::Code) return wrong("Answer::code()");
        if (a.secret.empty()) return invalid("the code is empty");
        VerifySoftwareTokenRequest r;
        if (!session.empty()) r.session = session.clone();
        r.user_code = a.secret.clone();
        if (!totp_device_name.empty()) r.friendly_device_name = totp_device_name;
        return send(Op::VerifySoftwareToken, detail::encode_request(r, defaults()), false, /*code=*/true);
      }
      case StepKind::SelectMfaType: {
        if (a.kind != Answer::Kind::Select) return wrong("Answer::select()");
        if (auto v = check_option(a.text); !v) return v;
        Responses p;
        put(p, "ANSWER", a.text);
        return respond(s.challenge_name, std::move(p));
      }
      case StepKind::MfaSetup: {
        const bool totp = a.kind == Answer::Kind::SetupTotp ||
                          (a.kind == Answer::Kind::Select && a.text == cn::software_token_mfa);
        if (totp) {
          if (auto v = check_option(cn::software_token_mfa); !v) return v;
          AssociateSoftwareTokenRequest r;
          if (!session.empty()) r.session = session.clone();
          auto body = detail::encode_request(r, defaults());
          if (!body) return std::move(body).error();
          totp_device_name = a.kind == Answer::Kind::SetupTotp ? a.text : std::string();
          return send(Op::AssociateSoftwareToken, std::move(body), false);
        }
        if (a.kind == Answer::Kind::SetupEmail) {
          if (a.text.empty()) return invalid("the email address is empty");
          if (auto v = check_option(cn::email_otp); !v) return v;
          Responses p;
          put(p, "EMAIL", a.text);
          return respond(cn::mfa_setup, std::move(p));
        }
        if (a.kind == Answer::Kind::Select && a.text == cn::email_otp)
          return invalid("MFA_SETUP with EMAIL_OTP takes Answer::setup_email(address)");
        if (a.kind == Answer::Kind::Select && a.text == cn::sms_mfa)
          return invalid("SMS MFA cannot be set up during sign-in: add a phone number and sign in again");
        return wrong("Answer::setup_totp() or Answer::setup_email()");
      }
      case StepKind::NewPasswordRequired: {
        if (a.kind != Answer::Kind::NewPassword) return wrong("Answer::new_password()");
        if (a.secret.empty()) return invalid("the new password is empty");
        constexpr std::string_view kPrefix = "userAttributes.";
        const auto bare = [&](const std::string& n) {
          return n.compare(0, kPrefix.size(), kPrefix) == 0 ? n.substr(kPrefix.size()) : n;
        };
        std::string missing;
        for (const std::string& req_attr : s.required_attributes) {
          const bool given = std::any_of(a.attributes.begin(), a.attributes.end(),
                                         [&](const auto& kv) { return bare(kv.first) == req_attr; });
          if (!given) missing += (missing.empty() ? "" : ", ") + req_attr;
        }
        if (!missing.empty()) return invalid("NEW_PASSWORD_REQUIRED needs values for: " + missing);
        Responses p;
        put(p, "NEW_PASSWORD", a.secret.reveal());
        for (const auto& [name, value] : a.attributes) {
          if (bare(name).empty()) return invalid("an attribute name is empty");
          put(p, std::string(kPrefix) + bare(name), value);
        }
        auto sent = respond(s.challenge_name, std::move(p));
        if (sent) new_password_answer = true;
        return sent;
      }
      case StepKind::CustomChallenge:
      case StepKind::UnknownChallenge: {
        if (a.kind != Answer::Kind::Custom && a.kind != Answer::Kind::Code) return wrong("Answer::custom()");
        if (a.secret.empty()) return invalid("the answer is empty");
        Responses p;
        put(p, "ANSWER", a.secret.reveal());
        return respond(s.challenge_name, std::move(p));
      }
      case StepKind::SelectChallenge: {
        if (a.kind == Answer::Kind::Select) {
          if (a.text.empty()) return invalid("the selected challenge is empty");
          if (auto v = check_option(a.text); !v) return v;
          Responses p;
          put(p, "ANSWER", a.text);
          if (needs_password(a.text)) {
            if (req.password.empty()) return invalid(a.text + " needs the password: answer with Answer::password()");
            return answer_with_password(s.challenge_name, a.text, std::move(p), req.password.clone());
          }
          return respond(s.challenge_name, std::move(p));
        }
        if (a.kind == Answer::Kind::Password) {
          const std::string option = a.text.empty() ? std::string(cn::password_srp) : a.text;
          if (!needs_password(option)) return invalid("Answer::password() selects PASSWORD or PASSWORD_SRP");
          if (a.secret.empty()) return invalid("the password is empty");
          if (auto v = check_option(option); !v) return v;
          Responses p;
          put(p, "ANSWER", option);
          return answer_with_password(s.challenge_name, option, std::move(p), a.secret.clone());
        }
        return wrong("Answer::select() or Answer::password()");
      }
      case StepKind::WebAuthn: {
        if (a.kind != Answer::Kind::WebAuthn) return wrong("Answer::web_authn()");
        if (a.text.empty() || !wire::is_json(a.text)) return invalid("the WebAuthn credential is not JSON");
        Responses p;
        put(p, "CREDENTIAL", a.text);
        return respond(s.challenge_name, std::move(p));
      }
      case StepKind::Password: {
        if (a.kind != Answer::Kind::Password) return wrong("Answer::password()");
        if (a.secret.empty()) return invalid("the password is empty");
        return answer_with_password(s.challenge_name, s.challenge_name, {}, a.secret.clone());
      }
    }
    return Error(ErrorCode::Internal, "AuthMachine: unknown step");
  }

  /// InvalidArgument when the step lists options and `option` is not one of them.
  Result<void> check_option(std::string_view option) const {
    if (step.options.empty() || contains(step.options, option)) return {};
    return invalid(std::string(option) + " is not one of the options of " + step.challenge_name);
  }

  // ---------------------------------------------------------------------------
  // errors
  // ---------------------------------------------------------------------------

  Result<void> on_service_error(Error e, SystemTime now) {
    if (op == Op::ConfirmDevice) {
      device_not_confirmed(std::move(e));
      return {};
    }
    if (device && sent_device_key && !device_retry_used) {
      const bool stale = e.code == ErrorCode::ResourceNotFound && wire::contains_ci(e.message, "device");
      const bool in_device_srp = op == Op::RespondToAuthChallenge &&
                                 (answered == cn::device_srp_auth || answered == cn::device_password_verifier);
      const bool device_srp_refused = e.code == ErrorCode::NotAuthorized && in_device_srp;
      if (stale || device_srp_refused) {
        device_retry_used = true;
        dropped_device = true;
        device.reset();
        // An answer the user gave (a code, a new password, a custom answer,
        // a choice): send the same answer again without DEVICE_KEY, with the
        // same Session, as AWS's own libraries do: starting over would send
        // the user another code. InitiateAuth, the SRP proofs and device SRP
        // start over (fresh SRP a).
        if (op == Op::RespondToAuthChallenge && !in_device_srp && answered != cn::password_verifier)
          return resend_without_device_key();
        return begin(now);
      }
    }
    const bool mismatch = e.code == ErrorCode::CodeMismatch ||
                          (op == Op::VerifySoftwareToken && e.code == ErrorCode::EnableSoftwareTokenMfa);
    if (code_answer && mismatch) return ask_again(std::move(e));
    // The service refused the new password (policy, history) or the
    // attributes sent with it: the Session stays valid, so ask again.
    const bool new_password_refused = e.code == ErrorCode::InvalidPassword ||
                                      e.code == ErrorCode::PasswordHistoryPolicyViolation ||
                                      e.code == ErrorCode::InvalidParameter;
    if (new_password_answer && new_password_refused) return ask_again(std::move(e));
    return fail(std::move(e));
  }

  /// The outstanding RespondToAuthChallenge again, without DEVICE_KEY.
  Result<void> resend_without_device_key() {
    Responses p = std::move(answered_with);
    p.erase("DEVICE_KEY");
    const std::string challenge = answered;
    const bool code = code_answer;
    const bool new_password = new_password_answer;
    auto sent = respond(challenge, std::move(p), code);
    if (sent) new_password_answer = new_password;
    return sent;
  }

  // ---------------------------------------------------------------------------
  // the end
  // ---------------------------------------------------------------------------

  Result<void> finish(AuthenticationResult ar, SystemTime now) {
    if (!ar.access_token || ar.access_token->empty())
      return Error(ErrorCode::MissingField, "AuthenticationResult.AccessToken is missing");
    Tokens t;
    t.access_token = std::move(*ar.access_token);
    if (ar.id_token) t.id_token = std::move(*ar.id_token);
    if (ar.refresh_token && !ar.refresh_token->empty())
      t.refresh_token = std::move(*ar.refresh_token);
    else if (is_refresh(req.flow))
      t.refresh_token = req.refresh_token.clone();  // REFRESH_TOKEN_AUTH returns none: keep the old one
    if (ar.token_type) t.token_type = *ar.token_type;
    if (ar.expires_in) t.expires_in = *ar.expires_in;
    // Verifying the tokens is verify_jwt's job. Tokens whose times cannot be
    // read (not JWTs: some emulators and proxies) expire by ExpiresIn from
    // now; zero times would make a Session refresh before every call.
    if (!t.update_times(now) && t.expires_in > 0) {
      t.issued_at = now;
      t.expires_at = now + std::chrono::seconds(t.expires_in);
      t.clock_drift = std::chrono::seconds(0);
    }
    adopt_token_username(t);
    tokens = std::move(t);
    session.clear();

    const auto& meta = ar.new_device_metadata;
    if (cfg.remember_devices && meta && meta->device_key && !meta->device_key->empty() && meta->device_group_key &&
        !meta->device_group_key->empty())
      return confirm_device(*meta->device_key, *meta->device_group_key);
    return signed_in();
  }

  void adopt_token_username(const Tokens& t) {
    if (auto c = JwtClaims::decode(t.id_token.reveal()))
      if (auto u = c->string_claim("cognito:username"); u && !u->empty()) {
        username = *u;
        return;
      }
    if (auto c = JwtClaims::decode(t.access_token.reveal()))
      if (auto u = c->string_claim("username"); u && !u->empty()) username = *u;
  }

  Result<void> confirm_device(const std::string& key, const std::string& group) {
    auto v = generate_device_verifier(group, key, cfg.srp.random);
    if (!v) {
      device_not_confirmed(std::move(v).error());
      return {};
    }
    ConfirmDeviceRequest r;
    r.access_token = tokens.access_token.clone();
    r.device_key = key;
    DeviceSecretVerifierConfig c;
    c.password_verifier = SecretString(v->password_verifier);
    c.salt = v->salt;
    r.device_secret_verifier_config = std::move(c);
    r.device_name = cfg.device_name.empty() ? std::string("libcognito") : cfg.device_name;
    auto body = detail::encode_request(r, defaults());
    if (!body) {
      device_not_confirmed(std::move(body).error());
      return {};
    }
    pending_device = DeviceCredentials{key, group, std::move(v->device_password)};
    return send(Op::ConfirmDevice, std::move(body), false);
  }

  void device_not_confirmed(Error e) {
    pending_device.reset();
    device_error = std::move(e);
    (void)signed_in();
  }

  Result<void> signed_in() {
    phase = Phase::SignedIn;
    if (device) used_device = device->clone();  // the tokens are bound to it
    wipe_sign_in_secrets();
    if (cfg.log.enabled(LogLevel::Info)) {
      std::string line = "sign-in: signed in";
      if (new_device) line += ", new device confirmed";
      if (needs_user_confirmation) line += " (the user may remember it)";
      if (device_error) line += ", new device not confirmed: " + detail::describe(*device_error);
      if (dropped_device) line += ", stale device dropped";
      log(LogLevel::Info, line);
    }
    return {};
  }

  Error fail(Error e) {
    phase = Phase::Failed;
    error = e;
    wipe_sign_in_secrets();
    if (cfg.log.enabled(LogLevel::Info)) log(LogLevel::Info, "sign-in: failed: " + detail::describe(error));
    return e;
  }

  void log(LogLevel level, const std::string& line) const noexcept { detail::log_line(cfg.log, level, line); }

  void log_step() const {
    if (!cfg.log.enabled(LogLevel::Info)) return;
    std::string line = "sign-in: step " + std::string(step_kind_name(step.kind)) + " (" +
                       detail::log_safe(step.challenge_name) + ")";
    if (step.previous_error) line += ", asked again after " + detail::describe(*step.previous_error);
    log(LogLevel::Info, line);
  }

  // ---------------------------------------------------------------------------
  // plumbing
  // ---------------------------------------------------------------------------

  detail::RequestDefaults defaults() const { return detail::RequestDefaults{cfg.client_id, &cfg.client_secret}; }

  Result<void> add_secret_hash(Responses& p, std::string_view user) const {
    if (cfg.client_secret.empty()) return {};
    auto h = secret_hash(cfg.client_secret.reveal(), user, cfg.client_id);
    if (!h) return std::move(h).error();
    put(p, "SECRET_HASH", *h);
    return {};
  }

  static Result<SrpChallenge> srp_challenge(const std::map<std::string, std::string>& params) {
    SrpChallenge ch;
    const std::pair<std::string_view, std::string_view*> fields[] = {
        {"SALT", &ch.salt}, {"SRP_B", &ch.srp_b}, {"SECRET_BLOCK", &ch.secret_block}};
    for (const auto& [key, out] : fields) {
      const std::string* v = param(params, key);
      if (v == nullptr) return Error(ErrorCode::MissingField, "ChallengeParameters." + std::string(key) + " is missing");
      *out = *v;
    }
    return ch;
  }

  /// RespondToAuthChallenge `challenge` with `p` plus USERNAME (canonical),
  /// SECRET_HASH of it and DEVICE_KEY, and the latest Session.
  Result<void> respond(std::string_view challenge, Responses p, bool code = false) {
    RespondToAuthChallengeRequest r;
    r.challenge_name = std::string(challenge);
    if (!session.empty()) r.session = session.clone();
    put(p, "USERNAME", username);
    if (auto h = add_secret_hash(p, username); !h) return h;
    if (device) put(p, "DEVICE_KEY", device->device_key);
    r.challenge_responses = std::move(p);
    r.client_metadata = req.client_metadata;
    auto body = detail::encode_request(r, defaults());
    if (!body) return std::move(body).error();
    answered = std::string(challenge);
    answered_with = std::move(r.challenge_responses);
    return send(Op::RespondToAuthChallenge, std::move(body), false, code);
  }

  /// Makes `body` the outstanding request of `o`. Nothing changes when the
  /// encoding failed.
  Result<void> send(Op o, Result<SecretString> body, bool idem, bool code = false) {
    if (!body) return std::move(body).error();
    request = wire::make_http_request(endpoint, op_name(o), std::move(*body));
    op = o;
    idempotent = idem;
    if (o != Op::RespondToAuthChallenge) {
      answered.clear();
      answered_with.clear();
    }
    new_password_answer = false;
    sent_device_key = device.has_value() && o != Op::ConfirmDevice && o != Op::AssociateSoftwareToken &&
                      o != Op::VerifySoftwareToken;
    code_answer = code;
    phase = Phase::Sending;
    if (cfg.log.enabled(LogLevel::Debug)) {
      std::string line = "sign-in: send " + std::string(op_name(o));
      if (!answered.empty()) line += " " + detail::log_safe(answered);
      log(LogLevel::Debug, line);
    }
    return {};
  }

  Result<void> ask(Step s) {
    step = std::move(s);
    phase = Phase::Asking;
    log_step();
    return {};
  }

  /// The service refused the answer (a code, a new password): the same step
  /// again, with the reason.
  Result<void> ask_again(Error why) {
    answered_with.clear();  // the refused answer (a code, a password) is not needed again
    step.previous_error = std::move(why);
    phase = Phase::Asking;
    log_step();
    return {};
  }

  void wipe_sign_in_secrets() {
    password.clear();
    session.clear();
    srp.reset();
    device_srp.reset();
    req.password.clear();
    req.session.clear();
    req.refresh_token.clear();
    if (req.device) req.device->device_password.clear();
    device.reset();
    request.body.clear();
    answered_with.clear();
    step.totp_secret.clear();
    step.totp_uri.clear();
  }

  void reset() {
    wipe_sign_in_secrets();
    req = SignInRequest{};
    username.clear();
    device_retry_used = false;
    dropped_device = false;
    totp_device_name.clear();
    phase = Phase::Idle;
    op = Op::InitiateAuth;
    request = HttpRequest{};
    idempotent = false;
    answered.clear();
    answered_with.clear();
    sent_device_key = false;
    code_answer = false;
    new_password_answer = false;
    step = Step{};
    tokens = Tokens{};
    pending_device.reset();
    new_device.reset();
    used_device.reset();
    needs_user_confirmation = false;
    device_error.reset();
    error = Error{};
  }
};

// =============================================================================
// The public surface
// =============================================================================

Result<AuthMachine> AuthMachine::create(AuthConfig config) {
  const std::string_view pool = config.user_pool_id;
  const auto us = pool.find('_');
  if (us == std::string_view::npos || us == 0 || us + 1 == pool.size())
    return Error(ErrorCode::InvalidArgument, "user_pool_id must look like <region>_<id>");
  if (!valid_client_id(config.client_id))
    return Error(ErrorCode::InvalidArgument, "client_id must be 1..128 characters of [A-Za-z0-9_+]");
  const std::size_t bits = config.srp.ephemeral_bits;
  if (bits < 256 || bits > 1024 || bits % 8 != 0)
    return Error(ErrorCode::InvalidArgument, "srp.ephemeral_bits must be 256..1024 and a multiple of 8");
  auto impl = std::make_unique<Impl>();
  if (config.endpoint.empty()) {
    ClientConfig cc;
    cc.user_pool_id = config.user_pool_id;
    auto url = resolve_endpoint(cc);
    if (!url) return std::move(url).error();
    impl->endpoint = std::move(*url);
  } else {
    impl->endpoint = config.endpoint;
  }
  impl->cfg = std::move(config);
  return AuthMachine(std::move(impl));
}

AuthMachine::AuthMachine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AuthMachine::AuthMachine(AuthMachine&&) noexcept = default;
AuthMachine& AuthMachine::operator=(AuthMachine&&) noexcept = default;
AuthMachine::~AuthMachine() = default;

namespace {
Error moved_from() { return Error(ErrorCode::InvalidState, "the AuthMachine was moved from"); }
}  // namespace

Result<void> AuthMachine::start(SignInRequest request, SystemTime now) {
  if (!impl_) return moved_from();
  return impl_->start(std::move(request), now);
}

AuthEvent AuthMachine::next_event() {
  if (!impl_) return Failed{moved_from()};
  return impl_->next_event();
}

Result<void> AuthMachine::on_response(const HttpResponse& response, SystemTime now) {
  if (!impl_) return moved_from();
  return impl_->on_response(response, now);
}

void AuthMachine::on_transport_failure(Error error) {
  if (impl_) impl_->on_transport_failure(std::move(error));
}

Result<void> AuthMachine::answer(Answer answer, SystemTime now) {
  if (!impl_) return moved_from();
  return impl_->answer(std::move(answer), now);
}

const std::string& AuthMachine::username() const noexcept {
  static const std::string kEmpty;
  return impl_ ? impl_->username : kEmpty;
}

}  // namespace cognito
