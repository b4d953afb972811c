// remember_device — sign in once with MFA, have Cognito remember this device,
// and sign in again without MFA: the device proves itself with its own SRP
// secret (DEVICE_SRP_AUTH + DEVICE_PASSWORD_VERIFIER, answered inside the
// library) and Cognito skips the MFA question.
//
// What happens:
//  1. sign-in with the password and the MFA code; Cognito returns
//     NewDeviceMetadata and the library confirms the device (ConfirmDevice)
//     with a random device password: SignedIn::new_device;
//  2. in pools where remembering is the user's choice ("user opt-in"),
//     UpdateDeviceStatus marks it remembered;
//  3. a second sign-in with SignInRequest::device set: no MFA.
//
// The library writes no files: this example prints the device credentials as
// JSON, or saves them with --save FILE (mode 0600; they let this device skip
// MFA, keep them like a password) and signs in with them later with --device FILE.
//
//   remember_device --username alice --save alice.device
//   remember_device --username alice --device alice.device      (no MFA asked)
#include <cognito/cognito.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "common/cli.hpp"

namespace {

/// Signs in with SRP (and `device`, if any), answering what is asked.
struct Attempt {
  std::optional<cognito::SignedIn> signed_in;
  std::vector<std::string> challenges;  ///< what the user had to answer
  std::vector<std::string> requests;    ///< what was sent ("RespondToAuthChallenge DEVICE_SRP_AUTH", ...)
};

cognito::Result<Attempt> sign_in(cognito::Client& client, cli::RequestLog& log, cli::Prompter& prompt,
                                 const cli::Output& out, const std::string& username,
                                 const cognito::SecretString& password,
                                 const std::optional<cognito::DeviceCredentials>& device) {
  cognito::SignInRequest request = cognito::SignInRequest::srp(username, password.clone());
  if (device) request.device = device->clone();
  const std::size_t first_request = log.requests.size();
  auto progress = client.sign_in(std::move(request));
  if (!progress) return progress.error();
  auto challenges = cli::answer_steps(client, *progress, prompt, out);
  if (!challenges) return challenges.error();
  Attempt a;
  a.signed_in = progress->take_result().value();
  a.challenges = std::move(*challenges);
  a.requests.assign(log.requests.begin() + static_cast<std::ptrdiff_t>(first_request), log.requests.end());
  return a;
}

bool used_device_srp(const Attempt& a) {
  return std::find(a.requests.begin(), a.requests.end(), "RespondToAuthChallenge DEVICE_SRP_AUTH") != a.requests.end();
}

cli::JsonObject attempt_json(const Attempt& a) {
  cli::JsonObject j;
  j.strings("challenges", a.challenges).strings("requests", a.requests).boolean("device_srp", used_device_srp(a));
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Args args("remember_device", "Sign in with MFA, remember this device, then sign in again with it:\n"
                                    "DEVICE_SRP_AUTH instead of an MFA code.");
  args.common();
  args.option("save", "FILE", "save the device credentials to FILE (mode 0600)");
  args.option("device", "FILE", "sign in as the device saved in FILE (by --save) and stop");
  args.option("device-name", "NAME", "the device's name in Cognito (default \"libcognito example\")");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password, then the MFA code(s) of the first sign-in (and of the\n"
            "second one, should Cognito still ask).");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");

  cognito::ClientConfig base;
  base.remember_devices = true;  // confirm new devices during sign-in (the default)
  base.device_name = args.has("device-name") ? args.get("device-name") : "libcognito example";
  cli::RequestLog log;  // records what is sent: shows DEVICE_SRP_AUTH
  auto client = cli::make_client(args, /*need_pool=*/true, std::move(base), &log);
  if (!client) return out.fail(client.error());

  // A device saved earlier (--device FILE).
  std::optional<cognito::DeviceCredentials> device;
  if (args.has("device")) {
    auto text = cli::read_file(args.get("device"));
    if (!text) return out.fail(text.error());
    auto fields = cli::parse_flat_json(*text);
    if (!fields || !fields->count("device_key") || !fields->count("device_group_key") ||
        !fields->count("device_password"))
      return out.fail(cognito::fail(cognito::ErrorCode::InvalidArgument,
                                    args.get("device") + " holds no device credentials"));
    device = cognito::DeviceCredentials{(*fields)["device_key"], (*fields)["device_group_key"],
                                        cognito::SecretString((*fields)["device_password"])};
    cognito::secure_wipe((*fields)["device_password"]);
    cognito::secure_wipe(*text);
  }
  const auto save = [&](const cognito::DeviceCredentials& d) -> cognito::Result<void> {
    if (!args.has("save")) return {};
    cli::JsonObject file = cli::device_json(out, d, /*full=*/true);
    file.str("username", username).str("user_pool_id", client->config().user_pool_id);
    std::string text = file.text() + "\n";
    auto written = cli::write_private_file(args.get("save"), text);
    cognito::secure_wipe(text);
    if (written) out.detail("device credentials saved to " + args.get("save"));
    return written;
  };

  auto password = prompt.secret("Password for " + username);
  if (!password) return out.fail(cli::no_answer("Password"));

  // 1. The first sign-in (or the only one, with --device): MFA as asked.
  out.step("Signing in as " + username + (device ? " with the saved device " + device->device_key : std::string()));
  auto first = sign_in(*client, log, prompt, out, username, *password, device);
  if (!first) return out.fail(first.error());
  const cognito::SignedIn& s1 = *first->signed_in;
  if (device && s1.dropped_device) out.detail("Cognito no longer knows the saved device: signed in without it");
  if (s1.device_error) out.detail("the new device was not confirmed: " + s1.device_error->to_string());
  if (device && used_device_srp(*first)) out.detail("the device answered DEVICE_SRP_AUTH");

  std::optional<Attempt> second;
  if (!device || s1.new_device) {
    if (!s1.new_device)
      return out.fail(cognito::fail(cognito::ErrorCode::Unsupported,
                                    "Cognito did not offer to remember this device: device tracking is off "
                                    "in this user pool"));
    device = s1.new_device->clone();
    out.detail("device " + device->device_key + " confirmed (ConfirmDevice)");

    // 2. User opt-in pools: remembering is a separate, explicit step.
    if (s1.device_needs_user_confirmation) {
      cognito::UpdateDeviceStatusRequest remember;
      remember.access_token = s1.tokens.access_token.clone();
      remember.device_key = device->device_key;
      remember.device_remembered_status = std::string(cognito::device_remembered_status::remembered);
      out.step("UpdateDeviceStatus " + device->device_key + " remembered");
      if (auto r = client->update_device_status(remember); !r) return out.fail(r.error());
    }
    if (auto r = save(*device); !r) return out.fail(r.error());

    // 3. Sign in again as the remembered device: no MFA this time.
    if (!args.has("device")) {
      out.step("Signing in again as " + username + " with the remembered device");
      auto again = sign_in(*client, log, prompt, out, username, *password, device);
      if (!again) return out.fail(again.error());
      second = std::move(*again);
      out.detail(used_device_srp(*second) ? "the device answered DEVICE_SRP_AUTH" : "no DEVICE_SRP_AUTH");
      out.detail(second->challenges.empty() ? "no MFA asked" : "MFA was still asked");
    }
  }

  const Attempt& last = second ? *second : *first;
  const bool mfa_skipped = last.challenges.empty();
  if (out.json()) {
    cli::JsonObject result;
    result.str("username", last.signed_in->username).object("device", cli::device_json(out, *device));
    if (args.has("save")) result.str("saved_to", args.get("save"));
    else result.null("saved_to");
    result.object("first_sign_in", attempt_json(*first));
    if (second) result.object("second_sign_in", attempt_json(*second));
    result.boolean("mfa_skipped", mfa_skipped).object("tokens", cli::tokens_json(out, last.signed_in->tokens));
    out.emit(result);
  } else {
    out.result("Device " + device->device_key + " is remembered for " + last.signed_in->username);
    out.result("  device group   " + device->device_group_key);
    out.result("  device secret  " + out.secret(device->device_password) +
               (args.has("save") ? " (saved to " + args.get("save") + ")" : " (use --save FILE to keep it)"));
    out.result(std::string("  last sign-in   ") + (used_device_srp(last) ? "DEVICE_SRP_AUTH, " : "") +
               (mfa_skipped ? "no MFA asked" : "MFA asked: " + last.challenges.front()));
    out.result("  access token   " + out.secret(last.signed_in->tokens.access_token));
  }
  return 0;
}
