// Fuzz target: the sign-in state machine (cognito::AuthMachine) driven
// through a scripted exchange in which the fuzzer plays the service: it
// supplies every InitiateAuth / RespondToAuthChallenge / AssociateSoftwareToken
// / VerifySoftwareToken / GetTokensFromRefreshToken / ConfirmDevice answer
// (status, error bodies, challenge names and parameters — including the
// JSON-inside-string ones MFAS_CAN_CHOOSE, MFAS_CAN_SETUP, userAttributes,
// requiredAttributes, CREDENTIAL_REQUEST_OPTIONS — SRP values and JWTs), the
// transport failures, and the app's answers to the steps.
//
// Input (FuzzedDataProvider): configuration and flow, then per round either
// an answer (structured from fuzzed fields, sometimes a raw fuzzed body) or
// the app's reply to a step. SRP randomness is a fixed deterministic stream.
//
// Properties checked beyond "no crash, no leak, no hang":
//  - every request is a POST of a JSON object with the Cognito target header;
//  - in flows that chose SRP (USER_SRP_AUTH, CUSTOM_AUTH with SRP, USER_AUTH
//    preferring PASSWORD_SRP) the password never appears in a request body;
//  - the password, refresh token, device password and client secret never
//    appear in an Error message or a Step (unless the fuzzed service itself
//    sent that text);
//  - Failed is sticky and carries a named error code; an answer refused with
//    InvalidArgument leaves the step waiting; SignedIn has an access token.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "cognito/auth.hpp"
#include "cognito/model.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_support.hpp"
#include "wire/json.hpp"

using namespace cognito;

namespace {

constexpr std::string_view kPassword = "Fuzz#Passw0rd-SECRET-1";
constexpr std::string_view kRefresh = "fuzz-refresh-SECRET-token-2";
constexpr std::string_view kDevicePassword = "fuzz-device-SECRET-pw-3";
constexpr std::string_view kClientSecret = "fuzz-client-SECRET-4";
constexpr std::string_view kSecrets[] = {kPassword, kRefresh, kDevicePassword, kClientSecret};

constexpr const char* kChallenges[] = {
    "PASSWORD_VERIFIER", "DEVICE_SRP_AUTH",  "DEVICE_PASSWORD_VERIFIER", "SMS_MFA",          "SOFTWARE_TOKEN_MFA",
    "EMAIL_OTP",         "SMS_OTP",          "SELECT_MFA_TYPE",          "MFA_SETUP",        "NEW_PASSWORD_REQUIRED",
    "CUSTOM_CHALLENGE",  "SELECT_CHALLENGE", "WEB_AUTHN",                "PASSWORD",         "PASSWORD_SRP",
    "ADMIN_NO_SRP_AUTH", "SOME_NEW_CHALLENGE"};
constexpr const char* kOptions[] = {"SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "PASSWORD", "PASSWORD_SRP",
                                    "SMS_OTP", "WEB_AUTHN",          "EMAIL"};
constexpr const char* kErrorTypes[] = {"NotAuthorizedException",
                                       "CodeMismatchException",
                                       "ResourceNotFoundException",
                                       "ExpiredCodeException",
                                       "EnableSoftwareTokenMFAException",
                                       "InternalErrorException",
                                       "TooManyRequestsException",
                                       "UserNotConfirmedException",
                                       "PasswordResetRequiredException",
                                       "com.amazonaws.cognito.identity.idp.model#CodeMismatchException"};

std::string hex_of(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out.push_back(kDigits[static_cast<unsigned char>(c) >> 4]);
    out.push_back(kDigits[static_cast<unsigned char>(c) & 15]);
  }
  return out.empty() ? std::string("0") : out;
}

/// A deterministic stream for SRP's `a` and the device verifier (never zero).
struct Stream {
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  bool fill(unsigned char* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      state += 0x9e3779b97f4a7c15ull;
      std::uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      out[i] = static_cast<unsigned char>((z ^ (z >> 31)) | 1u);
    }
    return true;
  }
};

/// COGNITO_FUZZ_TRACE=1 prints the exchange (to check what a corpus file does).
bool tracing() {
  static const bool on = std::getenv("COGNITO_FUZZ_TRACE") != nullptr;
  return on;
}

class Run {
 public:
  Run(const std::uint8_t* data, std::size_t size)
      : in_(data, size), input_(reinterpret_cast<const char*>(data), size) {}

  void go() {
    auto stream = std::make_shared<Stream>();
    AuthConfig cfg;
    cfg.user_pool_id = "us-east-1_FuzzPool1";
    cfg.client_id = "fuzzclient0000000000000001";
    const bool with_secret = in_.ConsumeBool();
    if (with_secret) cfg.client_secret = SecretString(kClientSecret);
    cfg.srp.random = [stream](unsigned char* out, std::size_t n) { return stream->fill(out, n); };
    cfg.remember_devices = in_.ConsumeBool();
    if (in_.ConsumeBool()) cfg.totp_issuer = in_.ConsumeRandomLengthString(16);
    auto m = AuthMachine::create(std::move(cfg));
    FUZZ_CHECK(m.has_value(), "AuthMachine::create");
    machine_ = &*m;

    if (!start()) return;
    for (int round = 0; round < 14 && in_.remaining_bytes() > 0; ++round) {
      AuthEvent ev = machine_->next_event();
      if (tracing()) trace(ev);
      if (auto* send = std::get_if<SendRequest>(&ev)) {
        check_request(*send);
        reply(*send);
      } else if (auto* need = std::get_if<NeedAnswer>(&ev)) {
        check_step(need->step);
        answer(need->step);
      } else if (auto* done = std::get_if<SignedIn>(&ev)) {
        FUZZ_CHECK(!done->tokens.access_token.empty(), "SignedIn without an access token");
        if (done->device_error) check_error(*done->device_error);
        if (!in_.ConsumeBool() || !start()) return;  // sometimes a second sign-in on the same machine
      } else {
        const Error& e = std::get<Failed>(ev).error;
        check_error(e);
        // Sticky: later inputs get the same error.
        auto again = machine_->on_response(HttpResponse{}, fuzz::fixed_now());
        FUZZ_CHECK(!again && again.error().code == e.code, "Failed is not sticky");
        auto answered = machine_->answer(Answer::code("123456"), fuzz::fixed_now());
        FUZZ_CHECK(!answered && answered.error().code == e.code, "Failed is not sticky for answer()");
        if (!in_.ConsumeBool() || !start()) return;
      }
    }
  }

 private:
  static void trace(const AuthEvent& ev) {
    if (auto* send = std::get_if<SendRequest>(&ev))
      std::fprintf(stderr, "-> %s %s\n", send->operation.c_str(), std::string(send->request.body.reveal()).c_str());
    else if (auto* need = std::get_if<NeedAnswer>(&ev))
      std::fprintf(stderr, "?  step %s (%zu options)\n", need->step.challenge_name.c_str(), need->step.options.size());
    else if (auto* done = std::get_if<SignedIn>(&ev))
      std::fprintf(stderr, "=  signed in as %s\n", done->username.c_str());
    else
      std::fprintf(stderr, "!  failed: %s\n", std::get<Failed>(ev).error.to_string().c_str());
  }

  // ---- the app side -------------------------------------------------------------

  bool start() {
    SignInRequest r;
    srp_only_ = false;
    const std::string user = in_.ConsumeBool() ? std::string("alice") : in_.ConsumeRandomLengthString(24);
    switch (in_.ConsumeIntegralInRange(0, 8)) {
      case 0: r = SignInRequest::srp(user, SecretString(kPassword)); srp_only_ = true; break;
      case 1: r = SignInRequest::user_password(user, SecretString(kPassword)); break;
      case 2: r = SignInRequest::custom(user); break;
      case 3: r = SignInRequest::custom_with_srp(user, SecretString(kPassword)); srp_only_ = true; break;
      case 4: r = SignInRequest::user_auth(user, "PASSWORD_SRP", SecretString(kPassword)); srp_only_ = true; break;
      case 5: r = SignInRequest::user_auth(user, in_.PickValueInArray(kOptions), SecretString(kPassword)); break;
      case 6: r = SignInRequest::auto_sign_in(user, SecretString(in_.ConsumeRandomLengthString(32))); break;
      case 7: r = SignInRequest::refresh(user, SecretString(kRefresh), /*rotation=*/false); break;
      default: r = SignInRequest::refresh(user, SecretString(kRefresh), /*rotation=*/true); break;
    }
    if (in_.ConsumeBool())
      r.device = DeviceCredentials{"us-east-1_0b1c2d3e-device", "-fuzzGroupKey", SecretString(kDevicePassword)};
    if (in_.ConsumeBool()) {
      std::string key = in_.ConsumeRandomLengthString(8);
      std::string value = in_.ConsumeRandomLengthString(8);
      r.client_metadata.emplace(std::move(key), std::move(value));
    }
    auto s = machine_->start(std::move(r), fuzz::fixed_now());
    if (!s) {
      FUZZ_CHECK(s.error().code == ErrorCode::InvalidArgument, "start() failed with " + s.error().to_string());
      check_error(s.error());
      return false;
    }
    return true;
  }

  void answer(const Step& step) {
    Answer a;
    const auto option = [&]() -> std::string {
      if (!step.options.empty() && in_.ConsumeBool())
        return step.options[in_.ConsumeIntegralInRange<std::size_t>(0, step.options.size() - 1)];
      return in_.ConsumeBool() ? std::string(in_.PickValueInArray(kOptions)) : in_.ConsumeRandomLengthString(16);
    };
    switch (in_.ConsumeIntegralInRange(0, 8)) {
      case 0: a = Answer::code(in_.ConsumeBool() ? std::string("123456") : in_.ConsumeRandomLengthString(8)); break;
      case 1: a = Answer::select(option()); break;
      case 2: {
        std::map<std::string, std::string> attrs;
        for (const std::string& name : step.required_attributes)
          if (in_.ConsumeBool()) attrs[name] = in_.ConsumeRandomLengthString(24);
        if (in_.ConsumeBool()) {
          std::string name = in_.ConsumeRandomLengthString(24);
          attrs[name] = in_.ConsumeRandomLengthString(24);
        }
        a = Answer::new_password(SecretString(in_.ConsumeBool() ? std::string("N3w#Password") : std::string()),
                                 std::move(attrs));
        break;
      }
      case 3: a = Answer::custom(in_.ConsumeRandomLengthString(16)); break;
      case 4: a = Answer::setup_totp(in_.ConsumeRandomLengthString(12)); break;
      case 5: a = Answer::setup_email(in_.ConsumeRandomLengthString(24)); break;
      case 6: a = Answer::password(SecretString(kPassword), option()); break;
      case 7: a = Answer::web_authn(in_.ConsumeBool() ? std::string(R"({"id":"x"})") : in_.ConsumeRandomLengthString(24)); break;
      default: a = Answer::code(std::string()); break;
    }
    const bool plaintext_chosen = a.kind == Answer::Kind::Password || (a.kind == Answer::Kind::Select && a.text == "PASSWORD");
    auto r = machine_->answer(std::move(a), fuzz::fixed_now());
    if (tracing()) std::fprintf(stderr, "   answer: %s\n", r ? "ok" : r.error().to_string().c_str());
    if (!r) {
      check_error(r.error());
      if (r.error().code == ErrorCode::InvalidArgument)
        FUZZ_CHECK(std::holds_alternative<NeedAnswer>(machine_->next_event()), "a refused answer ended the step");
    } else if (plaintext_chosen) {
      srp_only_ = false;  // the app itself chose to send the password
    }
  }

  // ---- the service side ------------------------------------------------------------

  void reply(const SendRequest& send) {
    const int action = in_.ConsumeIntegralInRange(0, 15);
    if (action == 0) {
      static const ErrorCode kTransport[] = {ErrorCode::Timeout, ErrorCode::ConnectionReset, ErrorCode::Dns,
                                             ErrorCode::Tls, ErrorCode::BodyTooLarge};
      machine_->on_transport_failure(Error(in_.PickValueInArray(kTransport), "transport failed"));
      return;
    }
    HttpResponse rsp;
    rsp.headers.add("x-amzn-RequestId", "fuzz-request-id");
    if (action == 1 || action == 2) {
      rsp.status = action == 1 ? 400 : (in_.ConsumeBool() ? 500 : 503);
      std::string type = in_.ConsumeBool() ? std::string(in_.PickValueInArray(kErrorTypes)) : in_.ConsumeRandomLengthString(40);
      std::string message = in_.ConsumeBool() ? std::string("Device does not exist.") : in_.ConsumeRandomLengthString(80);
      if (in_.ConsumeBool()) rsp.headers.add("x-amzn-ErrorType", type + ":");
      set_body(rsp, R"({"__type":)" + fuzz::json_quote(type) + R"(,"message":)" + fuzz::json_quote(message) + "}");
    } else if (action == 3) {
      rsp.status = in_.ConsumeBool() ? 200 : in_.ConsumeIntegralInRange(100, 599);
      set_body(rsp, in_.ConsumeRandomLengthString(512));
    } else {
      rsp.status = 200;
      set_body(rsp, success_body(send.operation));
    }
    if (tracing()) std::fprintf(stderr, "<- %d %s\n", rsp.status, std::string(rsp.body.reveal()).c_str());
    auto r = machine_->on_response(rsp, fuzz::fixed_now());
    if (!r) check_error(r.error());
  }

  std::string success_body(const std::string& op) {
    // (One fuzzed value per statement: operands of + are not sequenced, and
    // gcc and clang order them differently -- replays must not depend on it.)
    if (op == "AssociateSoftwareToken") {
      std::string b = R"({"SecretCode":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(40));
      b += session_member();
      return b + "}";
    }
    if (op == "VerifySoftwareToken") {
      std::string b = R"({"Status":)" + fuzz::json_quote(in_.ConsumeBool() ? std::string("SUCCESS") : in_.ConsumeRandomLengthString(8));
      b += session_member();
      return b + "}";
    }
    if (op == "ConfirmDevice")
      return in_.ConsumeBool() ? R"({"UserConfirmationNecessary":true})" : R"({})";
    if (op == "GetTokensFromRefreshToken") return R"({"AuthenticationResult":)" + auth_result() + "}";
    // InitiateAuth / RespondToAuthChallenge
    std::string b = "{";
    const auto sep = [&] {
      if (b.size() > 1) b += ",";
    };
    if (in_.ConsumeIntegralInRange(0, 3) == 0) {
      sep();
      b += R"("AuthenticationResult":)" + auth_result();
    }
    if (in_.ConsumeIntegralInRange(0, 5) != 0) {
      sep();
      const std::string name = in_.ConsumeIntegralInRange(0, 9) != 0 ? std::string(in_.PickValueInArray(kChallenges))
                                                                      : in_.ConsumeRandomLengthString(24);
      b += R"("ChallengeName":)" + fuzz::json_quote(name);
      sep();
      b += R"("ChallengeParameters":)" + challenge_parameters(name);
    }
    if (in_.ConsumeBool()) {
      sep();
      b += R"("Session":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(64));
    }
    if (in_.ConsumeBool()) {
      sep();
      b += R"("AvailableChallenges":)" + string_list();
    }
    b += "}";
    return b;
  }

  std::string session_member() {
    return in_.ConsumeBool() ? R"(,"Session":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(64)) : std::string();
  }

  std::string string_list() {
    std::string l = "[";
    const int n = in_.ConsumeIntegralInRange(0, 4);
    for (int i = 0; i < n; ++i) {
      if (i) l += ",";
      l += fuzz::json_quote(in_.ConsumeBool() ? std::string(in_.PickValueInArray(kOptions)) : in_.ConsumeRandomLengthString(16));
    }
    return l + "]";
  }

  /// A value for a JSON-inside-string parameter: well-formed, or raw fuzz.
  std::string nested(const std::string& well_formed) {
    return fuzz::json_quote(in_.ConsumeIntegralInRange(0, 3) != 0 ? well_formed : in_.ConsumeRandomLengthString(64));
  }

  std::string hex_value(std::size_t max_bytes) {
    if (in_.ConsumeIntegralInRange(0, 4) == 0) return in_.ConsumeRandomLengthString(64);
    std::string h = (in_.ConsumeIntegralInRange(0, 5) == 0) ? "-" : "";
    h += hex_of(in_.ConsumeRandomLengthString(max_bytes));
    return h;
  }

  std::string challenge_parameters(const std::string& name) {
    std::string p = "{";
    const auto add = [&](std::string_view key, const std::string& json_value) {
      if (p.size() > 1) p += ",";
      p += fuzz::json_quote(key) + ":" + json_value;
    };
    if (in_.ConsumeIntegralInRange(0, 3) != 0) add("USER_ID_FOR_SRP", fuzz::json_quote(in_.ConsumeBool() ? std::string("alice-canonical") : in_.ConsumeRandomLengthString(24)));
    if (in_.ConsumeBool()) add("USERNAME", fuzz::json_quote(in_.ConsumeRandomLengthString(24)));
    if (name == "PASSWORD_VERIFIER" || name == "DEVICE_PASSWORD_VERIFIER" || in_.ConsumeIntegralInRange(0, 7) == 0) {
      if (in_.ConsumeIntegralInRange(0, 7) != 0) add("SALT", fuzz::json_quote(hex_value(20)));
      if (in_.ConsumeIntegralInRange(0, 7) != 0) add("SRP_B", fuzz::json_quote(hex_value(400)));
      if (in_.ConsumeIntegralInRange(0, 7) != 0)
        add("SECRET_BLOCK", fuzz::json_quote(in_.ConsumeBool() ? crypto::base64_encode(in_.ConsumeRandomLengthString(96))
                                                               : in_.ConsumeRandomLengthString(64)));
    }
    if (in_.ConsumeBool()) add("CODE_DELIVERY_DELIVERY_MEDIUM", fuzz::json_quote(in_.ConsumeBool() ? "SMS" : "EMAIL"));
    if (in_.ConsumeBool()) add("CODE_DELIVERY_DESTINATION", fuzz::json_quote(in_.ConsumeRandomLengthString(20)));
    if (in_.ConsumeBool()) {
      const char* key = in_.ConsumeBool() ? "MFAS_CAN_CHOOSE" : "MFAS_CAN_SETUP";
      const std::string list = string_list();
      add(key, nested(list));
    }
    if (in_.ConsumeBool()) {
      std::string attrs = "{";
      const int n = in_.ConsumeIntegralInRange(0, 3);
      for (int i = 0; i < n; ++i) {
        if (i) attrs += ",";
        attrs += fuzz::json_quote(in_.ConsumeRandomLengthString(24)) + ":";
        switch (in_.ConsumeIntegralInRange(0, 3)) {
          case 0: attrs += "null"; break;
          case 1: attrs += "true"; break;
          case 2: attrs += "[1,{\"a\":2}]"; break;
          default: attrs += fuzz::json_quote(in_.ConsumeRandomLengthString(24)); break;
        }
      }
      add("userAttributes", nested(attrs + "}"));
    }
    if (in_.ConsumeBool()) add("requiredAttributes", nested(R"(["userAttributes.email","userAttributes.name","phone_number"])"));
    if (in_.ConsumeBool()) add("CREDENTIAL_REQUEST_OPTIONS", nested(R"({"challenge":"abc","rpId":"example.com"})"));
    if (in_.ConsumeBool()) {
      const std::string key = in_.ConsumeRandomLengthString(12);
      add(key, fuzz::json_quote(in_.ConsumeRandomLengthString(12)));
    }
    return p + "}";
  }

  /// A JWT whose payload is built from fuzzed claims (the signature is not
  /// checked during sign-in).
  std::string jwt() {
    if (in_.ConsumeIntegralInRange(0, 5) == 0) return in_.ConsumeRandomLengthString(64);
    const auto number = [&]() -> std::string {
      switch (in_.ConsumeIntegralInRange(0, 3)) {
        case 0: return std::to_string(in_.ConsumeIntegralInRange<std::int64_t>(1772360000, 1772370000));
        case 1: return std::to_string(in_.ConsumeIntegral<std::int64_t>());
        case 2: return "1.7723664E9";
        default: return fuzz::json_quote(in_.ConsumeRandomLengthString(8));
      }
    };
    std::string payload = R"({"iat":)" + number();
    payload += R"(,"exp":)" + number();
    if (in_.ConsumeBool()) payload += R"(,"cognito:username":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(24));
    if (in_.ConsumeBool()) payload += R"(,"username":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(24));
    payload += "}";
    return crypto::base64url_encode(R"({"alg":"RS256","kid":"k"})") + "." + crypto::base64url_encode(payload) + ".c2ln";
  }

  std::string auth_result() {
    if (in_.ConsumeIntegralInRange(0, 9) == 0) return "{}";
    std::string r = R"({"AccessToken":)" + fuzz::json_quote(jwt());
    if (in_.ConsumeBool()) r += R"(,"IdToken":)" + fuzz::json_quote(jwt());
    if (in_.ConsumeBool()) r += R"(,"RefreshToken":)" + fuzz::json_quote(in_.ConsumeRandomLengthString(32));
    if (in_.ConsumeBool()) r += R"(,"ExpiresIn":)" + std::to_string(in_.ConsumeIntegral<std::int32_t>());
    if (in_.ConsumeBool()) r += R"(,"TokenType":"Bearer")";
    if (in_.ConsumeBool()) {
      r += R"(,"NewDeviceMetadata":{"DeviceKey":)" +
           fuzz::json_quote(in_.ConsumeBool() ? std::string("us-east-1_new-device") : in_.ConsumeRandomLengthString(16));
      r += R"(,"DeviceGroupKey":)" +
           fuzz::json_quote(in_.ConsumeBool() ? std::string("-newGroup") : in_.ConsumeRandomLengthString(16)) + "}";
    }
    return r + "}";
  }

  void set_body(HttpResponse& rsp, std::string body) {
    served_ += body;
    served_ += '\n';
    rsp.body = SecretString(body);
  }

  // ---- the properties -----------------------------------------------------------------

  /// The text came from the fuzzer itself (as the app's input or the service's
  /// answer), so finding it in a request or an error proves nothing. libFuzzer
  /// learns the secrets from the comparisons below and tries them everywhere.
  bool echoed(std::string_view secret) const {
    return served_.find(secret) != std::string::npos || input_.find(secret) != std::string_view::npos;
  }

  void check_text(std::string_view text, const char* where) const {
    for (std::string_view s : kSecrets)
      if (!echoed(s)) FUZZ_CHECK(!fuzz::contains(text, s), std::string("a secret appears in ") + where);
  }

  void check_error(const Error& e) const {
    FUZZ_CHECK(fuzz::is_known_error(e.code), "an error without a named code: " + e.to_string());
    check_text(e.message, "an error message");
    check_text(e.to_string(), "Error::to_string()");
  }

  void check_step(const Step& s) const {
    check_text(s.challenge_name, "Step::challenge_name");
    check_text(s.username, "Step::username");
    check_text(s.destination, "Step::destination");
    check_text(s.web_authn_options, "Step::web_authn_options");
    for (const auto& o : s.options) check_text(o, "Step::options");
    for (const auto& a : s.required_attributes) check_text(a, "Step::required_attributes");
    for (const auto& [k, v] : s.user_attributes) check_text(k + "=" + v, "Step::user_attributes");
    for (const auto& [k, v] : s.parameters) check_text(k + "=" + v, "Step::parameters");
    if (s.previous_error) check_error(*s.previous_error);
    if (s.kind == StepKind::TotpSetupCode) FUZZ_CHECK(!s.totp_uri.empty(), "TotpSetupCode without a URI");
  }

  void check_request(const SendRequest& send) const {
    const HttpRequest& r = send.request;
    FUZZ_CHECK(r.method == "POST", "request is not a POST");
    const std::string* target = r.headers.find("X-Amz-Target");
    FUZZ_CHECK(target != nullptr && *target == "AWSCognitoIdentityProviderService." + send.operation,
               "X-Amz-Target does not name the operation");
    detail::json::Document doc;
    FUZZ_CHECK(detail::json::parse_object(r.body.reveal(), doc).has_value(), "request body is not a JSON object");
    if (srp_only_ && !echoed(kPassword))
      FUZZ_CHECK(!fuzz::contains(r.body.reveal(), kPassword),
                 "the password was sent in plaintext (" + send.operation + ") in a flow that chose SRP");
    if (!echoed(kDevicePassword))
      FUZZ_CHECK(!fuzz::contains(r.body.reveal(), kDevicePassword), "the device password was sent");
    if (!echoed(kClientSecret))
      FUZZ_CHECK(!fuzz::contains(r.body.reveal(), kClientSecret) || send.operation == "GetTokensFromRefreshToken",
                 "the client secret was sent");
  }

  FuzzedDataProvider in_;
  std::string_view input_;  ///< the whole input
  AuthMachine* machine_ = nullptr;
  bool srp_only_ = false;
  std::string served_;  ///< every body the fuzzed service sent
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Run(data, size).go();
  return 0;
}
