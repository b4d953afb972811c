// Client's blocking sign-in driver over the AuthMachine, refresh, and JWT
// verification with the pool's JWKS cached in the Client.
#include <optional>
#include <utility>

#include "cognito/client.hpp"
#include "core/service_error.hpp"
#include "wire/json.hpp"

namespace cognito {

namespace {

/// Requests one sign-in may send before the driver gives up (a loop between
/// the service and the machine would otherwise never end). A real sign-in
/// needs at most about six.
constexpr int kMaxRequestsPerStep = 32;

/// Least time between two JWKS fetches triggered by an unknown kid.
constexpr std::chrono::seconds kJwksMinRefetch{60};

/// The service error an answer carried, back as the response it came in, so
/// the AuthMachine sees it like any other answer (it reacts to some, e.g. an
/// unknown DEVICE_KEY). Client::send() already turned it into an Error.
HttpResponse as_response(const Error& err) {
  HttpResponse rsp;
  rsp.status = err.http_status;
  if (!err.request_id.empty()) rsp.headers.add("x-amzn-RequestId", err.request_id);
  rsp.headers.add("Content-Type", "application/x-amz-json-1.1");
  detail::json::Encoder e("Error");
  e.begin_object();
  e.required("__type", err.service_code);
  e.required("message", err.message);
  e.end_object();
  auto body = std::move(e).finish();
  if (body) rsp.body = std::move(*body);
  return rsp;
}

std::string trim_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

/// True when `endpoint`'s host is the real service's own under another name
/// (cognito-idp[-fips].<region>.amazonaws.com[.cn], or a PrivateLink name
/// *.cognito-idp.<region>.vpce.amazonaws.com): its tokens carry the pool's
/// regional issuer. Other AWS hosts (an emulator behind a load balancer) do not.
bool cognito_hosted(std::string_view endpoint) {
  const auto scheme = endpoint.find("://");
  std::string_view authority = scheme == std::string_view::npos ? endpoint : endpoint.substr(scheme + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string h(authority.substr(0, authority.find(':')));  // no IPv6 literal is Cognito's
  for (char& c : h)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  while (!h.empty() && h.back() == '.') h.pop_back();  // a fully qualified name
  const auto ends_with = [&](std::string_view suffix) {
    return h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (!ends_with(".amazonaws.com") && !ends_with(".amazonaws.com.cn")) return false;
  // The first label (service endpoints) or the label after a VPC endpoint id.
  return h.rfind("cognito-idp.", 0) == 0 || h.rfind("cognito-idp-fips.", 0) == 0 ||
         h.find(".cognito-idp.") != std::string::npos;
}

}  // namespace

// ---- SignInProgress ------------------------------------------------------------

struct SignInProgress::Impl {
  AuthMachine machine;
  std::optional<Step> step;
  std::optional<SignedIn> result;
  bool done = false;
};

SignInProgress::SignInProgress(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SignInProgress::SignInProgress(SignInProgress&&) noexcept = default;
SignInProgress& SignInProgress::operator=(SignInProgress&&) noexcept = default;
SignInProgress::~SignInProgress() = default;

bool SignInProgress::done() const noexcept { return impl_ && impl_->done; }

const Step* SignInProgress::step() const noexcept {
  return impl_ && impl_->step ? &*impl_->step : nullptr;
}

const SignedIn* SignInProgress::result() const noexcept {
  return impl_ && impl_->result ? &*impl_->result : nullptr;
}

Result<SignedIn> SignInProgress::take_result() {
  if (!impl_ || !impl_->result) return fail(ErrorCode::InvalidState, "the sign-in has no result (not done, or taken)");
  SignedIn out = std::move(*impl_->result);
  impl_->result.reset();
  return out;
}

const std::string& SignInProgress::username() const noexcept {
  static const std::string none;
  return impl_ ? impl_->machine.username() : none;
}

// ---- the driver ----------------------------------------------------------------

std::chrono::system_clock::time_point Client::wall_now() const {
  const auto& clock = config().wall_clock;
  return clock ? clock() : std::chrono::system_clock::now();
}

Result<void> Client::drive(SignInProgress& progress) {
  SignInProgress::Impl& p = *progress.impl_;
  p.step.reset();
  const Operation operation(*this);  // one cancel flag for every request of this step

  for (int sent = 0;;) {
    AuthEvent ev = p.machine.next_event();
    if (auto* send_req = std::get_if<SendRequest>(&ev)) {
      if (++sent > kMaxRequestsPerStep)
        return fail(ErrorCode::UnexpectedResponse, "sign-in: too many requests without an outcome");
      if (operation.cancelled().load()) {  // no further request once cancelled
        p.machine.on_transport_failure(detail::cancelled_error());
        continue;
      }
      auto rsp = send(send_req->request, send_req->idempotent);
      if (rsp) {
        // A failure here also moves the machine to Failed: the next event reports it.
        (void)p.machine.on_response(*rsp, wall_now());
      } else if (rsp.error().http_status != 0 && !rsp.error().service_code.empty()) {
        (void)p.machine.on_response(as_response(rsp.error()), wall_now());
      } else {
        p.machine.on_transport_failure(std::move(rsp).error());
      }
    } else if (auto* need = std::get_if<NeedAnswer>(&ev)) {
      // A code the service rejected (CodeMismatch) is asked again: report
      // the rejection, keep the step open for another try.
      std::optional<Error> rejected = need->step.previous_error;
      p.step = std::move(need->step);
      if (rejected) return *std::move(rejected);
      return {};
    } else if (auto* signed_in = std::get_if<SignedIn>(&ev)) {
      p.result = std::move(*signed_in);
      p.done = true;
      return {};
    } else {
      return std::get<Failed>(std::move(ev)).error;
    }
  }
}

Result<SignInProgress> Client::sign_in(SignInRequest request) {
  const ClientConfig& cfg = config();
  AuthConfig ac;
  ac.user_pool_id = cfg.user_pool_id;
  ac.client_id = cfg.client_id;
  ac.client_secret = cfg.client_secret.clone();
  ac.endpoint = endpoint();
  ac.srp = cfg.srp;
  ac.remember_devices = cfg.remember_devices;
  if (!cfg.device_name.empty()) ac.device_name = cfg.device_name;
  ac.totp_issuer = cfg.totp_issuer;
  ac.log = cfg.log;
  auto machine = AuthMachine::create(std::move(ac));
  if (!machine) return std::move(machine).error();
  if (auto started = machine->start(std::move(request), wall_now()); !started) return std::move(started).error();
  SignInProgress progress(
      std::make_unique<SignInProgress::Impl>(SignInProgress::Impl{std::move(*machine), {}, {}, false}));
  if (auto r = drive(progress); !r) return std::move(r).error();
  return progress;
}

Result<void> Client::answer(SignInProgress& progress, Answer reply) {
  if (!progress.impl_ || !progress.impl_->step)
    return fail(ErrorCode::InvalidState, "the sign-in is not waiting for an answer");
  auto& p = *progress.impl_;
  if (auto r = p.machine.answer(std::move(reply), wall_now()); !r) {
    // A rejected answer (e.g. an option that was not offered) may leave the
    // question open; anything else ended the sign-in.
    AuthEvent ev = p.machine.next_event();
    if (auto* need = std::get_if<NeedAnswer>(&ev))
      p.step = std::move(need->step);
    else
      p.step.reset();
    return r;
  }
  return drive(progress);
}

Result<SignedIn> Client::refresh(std::string username, const Tokens& tokens, const DeviceCredentials* device,
                                 bool rotation) {
  if (tokens.refresh_token.empty()) return fail(ErrorCode::InvalidArgument, "refresh: no refresh token");
  SignInRequest req = SignInRequest::refresh(std::move(username), tokens.refresh_token.clone(), rotation);
  if (device != nullptr) req.device = device->clone();
  auto progress = sign_in(std::move(req));
  if (!progress) return std::move(progress).error();
  if (!progress->done())
    return fail(ErrorCode::UnexpectedResponse, "refresh: the service asked a question instead of issuing tokens");
  auto out = progress->take_result();
  if (!out) return std::move(out).error();
  if (out->tokens.refresh_token.empty()) out->tokens.refresh_token = tokens.refresh_token.clone();
  return out;
}

// ---- JWT verification ----------------------------------------------------------

namespace detail {
struct JwksCache {
  std::optional<Jwks> jwks;
  std::optional<std::chrono::system_clock::time_point> fetched_at;
};
}  // namespace detail

std::string Client::token_issuer() const {
  const ClientConfig& cfg = config();
  if (!cfg.token_issuer.empty()) return cfg.token_issuer;
  if (!cfg.endpoint.empty() && !cognito_hosted(cfg.endpoint))
    return trim_slash(cfg.endpoint) + "/" + cfg.user_pool_id;
  return default_issuer(cfg.user_pool_id);
}

Result<void> Client::fetch_jwks(detail::JwksCache& cache) {
  HttpRequest req;
  req.method = "GET";
  req.url = trim_slash(endpoint()) + "/" + config().user_pool_id + "/.well-known/jwks.json";
  req.headers.add("Accept", "application/json");
  cache.fetched_at = wall_now();  // failed fetches count for the rate limit too
  auto rsp = send(req, /*idempotent=*/true);
  if (!rsp) return std::move(rsp).error();
  auto jwks = Jwks::parse(rsp->body.reveal());
  if (!jwks) return std::move(jwks).error();
  cache.jwks = std::move(*jwks);
  return {};
}

Result<JwtClaims> Client::verify_token(std::string_view jwt, TokenUse use) {
  const ClientConfig& cfg = config();
  if (cfg.user_pool_id.empty() || cfg.client_id.empty())
    return fail(ErrorCode::InvalidArgument, "verify_token needs the user pool id and client id");
  if (!jwks_cache_) jwks_cache_ = std::make_shared<detail::JwksCache>();
  detail::JwksCache& cache = *jwks_cache_;

  // The kid decides whether the cached keys can do; a token we cannot even
  // decode never causes a fetch.
  auto claims = JwtClaims::decode(jwt);
  if (!claims) return std::move(claims).error();
  const std::string kid = claims->header("kid").value_or(std::string());
  if (kid.empty()) return fail(ErrorCode::TokenInvalid, "JWT: no key id (kid) in the header");
  const bool known = cache.jwks && cache.jwks->has_key(kid);
  if (!known) {
    const bool may_fetch = !cache.fetched_at || wall_now() - *cache.fetched_at >= kJwksMinRefetch || !cache.jwks;
    if (may_fetch) {
      auto fetched = fetch_jwks(cache);
      if (!fetched && !cache.jwks) return std::move(fetched).error();
    }
  }
  if (!cache.jwks) return fail(ErrorCode::TokenInvalid, "JWT: the pool's keys are not available");

  JwtExpectations expect;
  expect.issuer = token_issuer();
  expect.client_id = cfg.client_id;
  expect.token_use = use;
  expect.leeway = cfg.token_leeway;
  return verify_jwt(jwt, *cache.jwks, expect, wall_now());
}

}  // namespace cognito
