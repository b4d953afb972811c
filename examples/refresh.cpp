// refresh — sign in, then get fresh tokens with the refresh token, like
//
//   aws cognito-idp initiate-auth --auth-flow REFRESH_TOKEN_AUTH --client-id ID
//       --auth-parameters REFRESH_TOKEN=...[,DEVICE_KEY=...]
//   aws cognito-idp get-tokens-from-refresh-token --client-id ID --refresh-token ...   (--rotation)
//
// REFRESH_TOKEN_AUTH returns new ID and access tokens and keeps the refresh
// token. With --rotation (app clients with refresh-token rotation on),
// GetTokensFromRefreshToken also returns a new refresh token: store it, the
// old one stops working after the client's grace period. In an app,
// cognito::Session (session.hpp) does this for you when tokens are due.
//
//   refresh --username alice
//   refresh --username alice --rotation --client-id <rotation client>
#include <cognito/cognito.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("refresh", "Sign in (USER_SRP_AUTH), then refresh the tokens (REFRESH_TOKEN_AUTH, or\n"
                            "GetTokensFromRefreshToken with --rotation) and show old and new expiry.");
  args.common();
  args.flag("rotation", "use GetTokensFromRefreshToken (refresh-token rotation)");
  args.option("wait", "SECONDS", "wait this long between sign-in and refresh (default 0)");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password, then one line per sign-in challenge (MFA code, ...).");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");
  const bool rotation = args.has("rotation");
  int wait_seconds = 0;
  try {
    wait_seconds = args.has("wait") ? std::stoi(args.get("wait")) : 0;
  } catch (const std::exception&) {
    return args.usage_error("--wait wants a number of seconds");
  }

  auto client = cli::make_client(args, /*need_pool=*/true);
  if (!client) return out.fail(client.error());

  auto password = prompt.secret("Password for " + username);
  if (!password) return out.fail(cli::no_answer("Password"));

  // 1. Sign in (SRP; MFA answered as asked).
  out.step("Signing in as " + username + " with USER_SRP_AUTH");
  auto progress = client->sign_in(cognito::SignInRequest::srp(username, std::move(*password)));
  if (!progress) return out.fail(progress.error());
  auto challenges = cli::answer_steps(*client, *progress, prompt, out);
  if (!challenges) return out.fail(challenges.error());
  const cognito::SignedIn before = progress->take_result().value();
  out.detail("tokens expire at " + cli::iso8601(before.tokens.expires_at));

  if (wait_seconds > 0) {
    out.step("Waiting " + std::to_string(wait_seconds) + " s");
    std::this_thread::sleep_for(std::chrono::seconds(wait_seconds));
  }

  // 2. Refresh. The canonical username is needed for SECRET_HASH (clients
  //    with a secret); a device the pool tracks must be named (DEVICE_KEY),
  //    since the refresh token was issued to it.
  const cognito::DeviceCredentials* device = before.new_device ? &*before.new_device : nullptr;
  const char* flow = rotation ? "GetTokensFromRefreshToken" : "REFRESH_TOKEN_AUTH";
  out.step(std::string("Refreshing with ") + flow + (device ? " for device " + device->device_key : ""));
  auto after = client->refresh(before.username, before.tokens, device, rotation);
  if (!after) return out.fail(after.error());

  const bool new_access = after->tokens.access_token != before.tokens.access_token;
  const bool rotated = after->tokens.refresh_token != before.tokens.refresh_token;
  if (out.json()) {
    cli::JsonObject result;
    result.str("username", before.username).str("flow", flow).strings("challenges", *challenges);
    result.object("before", cli::tokens_json(out, before.tokens));
    result.object("after", cli::tokens_json(out, after->tokens));
    result.boolean("new_access_token", new_access).boolean("refresh_token_rotated", rotated);
    out.emit(result);
  } else {
    out.result("Refreshed the tokens of " + before.username + " with " + flow);
    out.result("  before: expires at " + cli::iso8601(before.tokens.expires_at) + ", access token " +
               out.secret(before.tokens.access_token));
    out.result("  after:  expires at " + cli::iso8601(after->tokens.expires_at) + ", access token " +
               out.secret(after->tokens.access_token) + (new_access ? " (new)" : " (same)"));
    out.result(std::string("  refresh token ") + (rotated ? "rotated: store the new one " : "unchanged ") +
               out.secret(after->tokens.refresh_token));
  }
  return 0;
}
