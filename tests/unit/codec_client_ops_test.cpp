// The generated Client operation methods (lib/wire/client_ops.cpp) over a
// scripted transport: target header, body with the Client's defaults, typed
// responses, empty bodies, decode errors, retries by idempotency.
#include <doctest/doctest.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "cognito/client.hpp"
#include "cognito/model.hpp"

namespace cognito {
namespace {

struct Exchange {
  std::string target;
  std::string body;
};

/// Answers with scripted responses (or transport errors) and records requests.
class ScriptedTransport final : public Transport {
 public:
  struct Shared {
    std::deque<Result<HttpResponse>> answers;
    std::vector<Exchange> seen;
  };
  explicit ScriptedTransport(std::shared_ptr<Shared> s) : s_(std::move(s)) {}

  Result<HttpResponse> round_trip(const HttpRequest& req, std::chrono::milliseconds) override {
    const std::string* target = req.headers.find("X-Amz-Target");
    s_->seen.push_back(Exchange{target ? *target : "", std::string(req.body.reveal())});
    if (s_->answers.empty()) return fail(ErrorCode::Internal, "no scripted answer");
    auto a = std::move(s_->answers.front());
    s_->answers.pop_front();
    return a;
  }

 private:
  std::shared_ptr<Shared> s_;
};

HttpResponse ok(std::string_view body) {
  HttpResponse r;
  r.status = 200;
  r.headers.add("x-amzn-RequestId", "req-1");
  r.body = SecretString(body);
  return r;
}

struct Fixture {
  std::shared_ptr<ScriptedTransport::Shared> shared = std::make_shared<ScriptedTransport::Shared>();
  std::optional<Client> client;

  explicit Fixture(std::string_view secret = "") {
    ClientConfig cfg;
    cfg.user_pool_id = "us-east-1_Pool";
    cfg.client_id = "age";
    cfg.client_secret = SecretString(secret);
    cfg.endpoint = "http://127.0.0.1:9/";
    ClientHooks hooks;
    hooks.sleep = [](std::chrono::milliseconds) {};
    hooks.random_unit = [] { return 0.0; };
    auto c = Client::create(std::move(cfg), std::make_unique<ScriptedTransport>(shared), std::move(hooks));
    REQUIRE(c.has_value());
    client.emplace(std::move(*c));
  }
};

}  // namespace

TEST_CASE("codec client op: sign_up fills defaults and decodes the answer") {
  Fixture f("secret");
  f.shared->answers.push_back(
      ok(R"({"UserConfirmed":false,"UserSub":"1234-abcd","CodeDeliveryDetails":{"Destination":"m***@e***",)"
         R"("DeliveryMedium":"EMAIL","AttributeName":"email"},"Session":"sess","Future":1})"));
  SignUpRequest req;
  req.username = "Mess";
  req.password = SecretString("Passw0rd!");
  auto rsp = f.client->sign_up(req);
  REQUIRE_MESSAGE(rsp.has_value(), rsp.error().to_string());
  REQUIRE(f.shared->seen.size() == 1);
  CHECK(f.shared->seen[0].target == "AWSCognitoIdentityProviderService.SignUp");
  CHECK(f.shared->seen[0].body ==
        R"({"ClientId":"age","SecretHash":"qnR8UCqJggD55PohusaBNviGoOJ67HC6Btry4qXLVZc=","Username":"Mess",)"
        R"("Password":"Passw0rd!"})");
  CHECK_FALSE(rsp->user_confirmed);
  CHECK(rsp->user_sub == "1234-abcd");
  REQUIRE(rsp->code_delivery_details.has_value());
  CHECK(rsp->code_delivery_details->delivery_medium == delivery_medium::email);
  CHECK(rsp->session == SecretString("sess"));
}

TEST_CASE("codec client op: empty answers of operations without output") {
  Fixture f;
  f.shared->answers.push_back(ok(""));
  f.shared->answers.push_back(ok("{}"));
  f.shared->answers.push_back(ok(""));
  DeleteUserRequest del;
  del.access_token = SecretString("at");
  CHECK(f.client->delete_user(del).has_value());
  ForgetDeviceRequest fd;
  fd.device_key = "us-east-1_dev";
  CHECK(f.client->forget_device(fd).has_value());
  CHECK(f.shared->seen[1].body == R"({"DeviceKey":"us-east-1_dev"})");
  // An operation with output members needs a JSON object.
  auto r = f.client->get_user(GetUserRequest{SecretString("at")});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::MalformedResponse);
}

TEST_CASE("codec client op: decode errors carry status and request id") {
  Fixture f;
  f.shared->answers.push_back(ok(R"({"Username":"u"})"));
  auto r = f.client->get_user(GetUserRequest{SecretString("at")});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::MissingField);
  CHECK(r.error().message == "GetUserResponse.UserAttributes is missing");
  CHECK(r.error().http_status == 200);
  CHECK(r.error().request_id == "req-1");

  // A request id that is not UTF-8 reaches Error repaired.
  HttpResponse odd = ok(R"({"Username":"u"})");
  odd.headers = Headers{};
  odd.headers.add("x-amzn-RequestId", "req-\xC3");
  f.shared->answers.push_back(std::move(odd));
  r = f.client->get_user(GetUserRequest{SecretString("at")});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().request_id == "req-\xEF\xBF\xBD");
}

TEST_CASE("codec client op: encode errors send nothing") {
  Fixture f;
  CompleteWebAuthnRegistrationRequest req;
  req.access_token = SecretString("at");
  req.credential.json = "{not json";
  auto r = f.client->complete_web_authn_registration(req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::InvalidArgument);
  CHECK(f.shared->seen.empty());
}

TEST_CASE("codec client op: idempotent operations are retried, others are not") {
  // A timeout is ambiguous: the service may have acted on the request.
  auto timeout = [] { return Result<HttpResponse>(fail(ErrorCode::Timeout, "timed out")); };
  {
    Fixture f;
    f.shared->answers.push_back(timeout());
    f.shared->answers.push_back(ok(R"({"Devices":[]})"));
    ListDevicesRequest req;
    req.access_token = SecretString("at");
    auto r = f.client->list_devices(req);
    CHECK_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
    CHECK(f.shared->seen.size() == 2);
  }
  {
    Fixture f;
    f.shared->answers.push_back(timeout());
    f.shared->answers.push_back(ok(R"({"Session":"s"})"));
    ConfirmSignUpRequest req;
    req.username = "u";
    req.confirmation_code = SecretString("123456");
    auto r = f.client->confirm_sign_up(req);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::Timeout);
    CHECK(f.shared->seen.size() == 1);
  }
}

TEST_CASE("codec client op: every operation sends its own target") {
  Fixture f;
  for (int i = 0; i < 40; ++i) f.shared->answers.push_back(ok("{}"));
  // Responses with required members fail to decode from {}; the target is what matters here.
  (void)f.client->associate_software_token({});
  (void)f.client->change_password({});
  (void)f.client->complete_web_authn_registration({});
  (void)f.client->confirm_device({});
  (void)f.client->confirm_forgot_password({});
  (void)f.client->confirm_sign_up({});
  (void)f.client->delete_user({});
  (void)f.client->delete_user_attributes({});
  (void)f.client->delete_web_authn_credential({});
  (void)f.client->forget_device({});
  (void)f.client->forgot_password({});
  (void)f.client->get_device({});
  (void)f.client->get_tokens_from_refresh_token({});
  (void)f.client->get_user({});
  (void)f.client->get_user_attribute_verification_code({});
  (void)f.client->get_user_auth_factors({});
  (void)f.client->global_sign_out({});
  (void)f.client->initiate_auth({});
  (void)f.client->list_devices({});
  (void)f.client->list_web_authn_credentials({});
  (void)f.client->resend_confirmation_code({});
  (void)f.client->respond_to_auth_challenge({});
  (void)f.client->revoke_token({});
  (void)f.client->set_user_mfa_preference({});
  (void)f.client->set_user_settings({});
  (void)f.client->sign_up({});
  (void)f.client->start_web_authn_registration({});
  (void)f.client->update_auth_event_feedback({});
  (void)f.client->update_device_status({});
  (void)f.client->update_user_attributes({});
  (void)f.client->verify_software_token({});
  (void)f.client->verify_user_attribute({});
  // complete_web_authn_registration({}) has no valid Credential, so it sends nothing.
  REQUIRE(f.shared->seen.size() == operation_names.size() - 1);
  std::size_t seen = 0;
  for (std::string_view op : operation_names) {
    if (op == "CompleteWebAuthnRegistration") continue;
    CHECK(f.shared->seen[seen++].target == "AWSCognitoIdentityProviderService." + std::string(op));
  }
}

}  // namespace cognito
