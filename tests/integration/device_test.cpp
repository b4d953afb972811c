// Remembered devices: ConfirmDevice during sign-in, DEVICE_SRP_AUTH that skips
// MFA, refresh with the device key, the device operations, and a stale device.
#include <doctest/doctest.h>

#include "emulator_env.hpp"

using namespace cognito;
using namespace itest;

namespace {

std::string sms_user(const TestPool& pool, std::string_view prefix) {
  const std::string user = unique(prefix);
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":)" + quote(user + "@example.com") +
                R"(,"phone_number":"+15555550188"},"mfa":{"sms":true,"preferred":"SMS_MFA"}})");
  return user;
}

/// SRP sign-in answering the SMS code.
SignedIn sign_in_with_sms(Client& client, const TestPool& pool, const std::string& user) {
  auto p = client.sign_in(SignInRequest::srp(user, password()));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::SmsMfaCode);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "SMS_MFA")));
  REQUIRE(p->done());
  return std::move(p->take_result().value());
}

std::string device_attr(const cognito::Device& d, const std::string& name) {
  for (const auto& a : d.device_attributes)
    if (a.name == name) return a.value.value_or("");
  return {};
}

}  // namespace

TEST_CASE("devices: remembered device (ALWAYS) skips MFA with DEVICE_SRP_AUTH") {
  TestPool pool(R"("mfa":"ON","device_tracking":"ALWAYS","device_mfa_bypass":true)");
  const std::string user = sms_user(pool, "dev");
  Client client = pool.client("secret");

  SignedIn first = sign_in_with_sms(client, pool, user);
  REQUIRE(first.new_device);
  CHECK_FALSE(first.device_needs_user_confirmation);
  const DeviceCredentials device = first.new_device->clone();
  CHECK(device.device_key.rfind(pool.id().substr(0, pool.id().find('_')) + "_", 0) == 0);
  CHECK_FALSE(device.device_password.empty());

  // Sign in again as the remembered device: no MFA question.
  const std::size_t codes = pool.outbox_size(user);
  SignInRequest req = SignInRequest::srp(user, password());
  req.device = device.clone();
  SignedIn second = sign_in_done(client, std::move(req));
  CHECK_FALSE(second.new_device);
  CHECK_FALSE(second.dropped_device);
  CHECK(pool.outbox_size(user) == codes);
  auto claims = client.verify_token(second.tokens.access_token.reveal(), TokenUse::Access);
  REQUIRE(claims);
  CHECK(claims->string_claim("device_key") == device.device_key);

  // Refresh with the device key.
  auto refreshed = client.refresh(user, second.tokens, &device);
  REQUIRE_MESSAGE(refreshed, refreshed.error().to_string());
  CHECK(refreshed->tokens.refresh_token == second.tokens.refresh_token);
}

TEST_CASE("devices: USER_OPT_IN needs UpdateDeviceStatus before MFA is skipped") {
  TestPool pool(R"("mfa":"ON","device_tracking":"USER_OPT_IN","device_mfa_bypass":true)");
  const std::string user = sms_user(pool, "optin");
  Client client = pool.client();
  SignedIn first = sign_in_with_sms(client, pool, user);
  REQUIRE(first.new_device);
  CHECK(first.device_needs_user_confirmation);
  const DeviceCredentials device = first.new_device->clone();

  // Not remembered yet: the device signs in, but MFA is still asked.
  SignInRequest req = SignInRequest::srp(user, password());
  req.device = device.clone();
  auto p = client.sign_in(std::move(req));
  REQUIRE(p);
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsMfaCode);

  UpdateDeviceStatusRequest status;
  status.access_token = first.tokens.access_token.clone();
  status.device_key = device.device_key;
  status.device_remembered_status = "remembered";
  auto updated = client.update_device_status(status);
  REQUIRE_MESSAGE(updated, updated.error().to_string());

  SignInRequest again = SignInRequest::srp(user, password());
  again.device = device.clone();
  sign_in_done(client, std::move(again));
}

TEST_CASE("devices: list, get, forget - a forgotten device is dropped at sign-in") {
  TestPool pool(R"("mfa":"ON","device_tracking":"ALWAYS")");
  const std::string user = sms_user(pool, "devops");
  Client client = pool.client();
  SignedIn s = sign_in_with_sms(client, pool, user);
  REQUIRE(s.new_device);
  const DeviceCredentials device = s.new_device->clone();

  ListDevicesRequest list;
  list.access_token = s.tokens.access_token.clone();
  auto listed = client.list_devices(list);
  REQUIRE_MESSAGE(listed, listed.error().to_string());
  REQUIRE(listed->devices.size() == 1);
  CHECK(listed->devices[0].device_key == device.device_key);
  CHECK(device_attr(listed->devices[0], "device_name") == "libcognito");

  GetDeviceRequest get;
  get.access_token = s.tokens.access_token.clone();
  get.device_key = device.device_key;
  auto got = client.get_device(get);
  REQUIRE_MESSAGE(got, got.error().to_string());
  CHECK(device_attr(got->device, "dev:device_remembered_status") == "remembered");

  UpdateDeviceStatusRequest status;
  status.access_token = s.tokens.access_token.clone();
  status.device_key = device.device_key;
  status.device_remembered_status = "not_remembered";
  REQUIRE(client.update_device_status(status));
  CHECK(device_attr(client.get_device(get)->device, "dev:device_remembered_status") == "not_remembered");

  ForgetDeviceRequest forget;
  forget.access_token = s.tokens.access_token.clone();
  forget.device_key = device.device_key;
  REQUIRE(client.forget_device(forget));
  auto gone = client.get_device(get);
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == ErrorCode::ResourceNotFound);

  // Signing in with the forgotten device: the sign-in is redone without it
  // (MFA again) and a new device is confirmed.
  SignInRequest req = SignInRequest::srp(user, password());
  req.device = device.clone();
  auto p = client.sign_in(std::move(req));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  CHECK(p->step()->kind == StepKind::SmsMfaCode);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "SMS_MFA")));
  REQUIRE(p->done());
  CHECK(p->result()->dropped_device);
  REQUIRE(p->result()->new_device);
  CHECK(p->result()->new_device->device_key != device.device_key);
}

TEST_CASE("devices: a forgotten device at an EMAIL_OTP answer costs no second code") {
  TestPool pool(R"("device_tracking":"ALWAYS")");
  const std::string user = unique("devotp");
  pool.add_user(R"({"username":)" + quote(user) + R"(,"password":)" + quote(kPassword) +
                R"(,"attributes":{"email":)" + quote(user + "@example.com") + R"(}})");
  Client client = pool.client();
  SignedIn first = sign_in_done(client, SignInRequest::srp(user, password()));
  REQUIRE(first.new_device);
  const DeviceCredentials device = first.new_device->clone();
  ForgetDeviceRequest forget;
  forget.access_token = first.tokens.access_token.clone();
  forget.device_key = device.device_key;
  REQUIRE(client.forget_device(forget));

  // Passwordless with the forgotten device: the code is asked once; the
  // answer is refused for the device and sent again without it.
  SignInRequest req = SignInRequest::user_auth(user, "EMAIL_OTP");
  req.device = device.clone();
  auto p = client.sign_in(std::move(req));
  REQUIRE_MESSAGE(p, p.error().to_string());
  REQUIRE(p->step());
  REQUIRE(p->step()->kind == StepKind::EmailOtpCode);
  const std::size_t codes = pool.outbox_size(user);
  answer_ok(client, *p, Answer::code(pool.last_code(user, "EMAIL_OTP")));
  REQUIRE(p->done());
  CHECK(p->result()->dropped_device);
  CHECK(pool.outbox_size(user) == codes);
  REQUIRE(p->result()->new_device);
  CHECK(p->result()->new_device->device_key != device.device_key);
}

TEST_CASE("devices: a device name from ClientConfig") {
  TestPool pool(R"("device_tracking":"ALWAYS")");
  const std::string user = unique("devname");
  pool.add_simple_user(user);
  ClientConfig cfg;
  cfg.user_pool_id = pool.id();
  cfg.client_id = pool.app_client("public").id;
  cfg.endpoint = emulator().endpoint;
  cfg.device_name = "integration laptop";
  auto client = Client::create(std::move(cfg));
  REQUIRE(client);
  SignedIn s = sign_in_done(*client, SignInRequest::user_password(user, password()));
  REQUIRE(s.new_device);
  GetDeviceRequest get;
  get.access_token = s.tokens.access_token.clone();
  get.device_key = s.new_device->device_key;
  auto got = client->get_device(get);
  REQUIRE(got);
  CHECK(device_attr(got->device, "device_name") == "integration laptop");

  // remember_devices = false: no ConfirmDevice, no credentials.
  ClientConfig off;
  off.user_pool_id = pool.id();
  off.client_id = pool.app_client("public").id;
  off.endpoint = emulator().endpoint;
  off.remember_devices = false;
  auto plain = Client::create(std::move(off));
  REQUIRE(plain);
  SignedIn s2 = sign_in_done(*plain, SignInRequest::srp(user, password()));
  CHECK_FALSE(s2.new_device);
}
