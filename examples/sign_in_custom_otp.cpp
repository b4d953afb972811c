// sign_in_custom_otp — passwordless sign-in with CUSTOM_AUTH: a Lambda
// trigger (Define/Create/VerifyAuthChallenge) sends a one-time code by email
// or SMS, and the user answers the CUSTOM_CHALLENGE with it. The shell version:
//
//   aws cognito-idp initiate-auth --auth-flow CUSTOM_AUTH --client-id ID
//       --auth-parameters USERNAME=alice
//   aws cognito-idp respond-to-auth-challenge --challenge-name CUSTOM_CHALLENGE
//       --session "<pasted Session>" --challenge-responses USERNAME=alice,ANSWER=123456
//
// With --srp the password is checked first with SRP (CUSTOM_AUTH with
// CHALLENGE_NAME=SRP_A), then the trigger's challenge follows: password + OTP.
// A wrong code gets the trigger's next challenge (it decides how many tries).
//
//   sign_in_custom_otp --username alice
//   sign_in_custom_otp --username alice --srp
#include <cognito/cognito.hpp>

#include <string>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("sign_in_custom_otp",
                 "Passwordless sign-in with CUSTOM_AUTH: answer the one-time code your Lambda\n"
                 "trigger sends. With --srp, the password (SRP) comes first.");
  args.common();
  args.flag("srp", "check the password with SRP first (CUSTOM_AUTH with SRP_A), then the code");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: (with --srp the password, then) the one-time code, and another code\n"
            "for each further challenge.");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");

  auto client = cli::make_client(args, /*need_pool=*/true);
  if (!client) return out.fail(client.error());

  // 1. The request: CUSTOM_AUTH alone, or SRP first.
  cognito::SignInRequest request = cognito::SignInRequest::custom(username);
  std::string flow = "CUSTOM_AUTH";
  if (args.has("srp")) {
    auto password = prompt.secret("Password for " + username);
    if (!password) return out.fail(cli::no_answer("Password"));
    request = cognito::SignInRequest::custom_with_srp(username, std::move(*password));
    flow = "CUSTOM_AUTH (SRP_A)";
  }

  // 2. InitiateAuth: the trigger creates the challenge and sends the code.
  out.step("Signing in as " + username + " with " + flow);
  auto progress = client->sign_in(std::move(request));
  if (!progress) return out.fail(progress.error());

  // 3. Answer CUSTOM_CHALLENGE (the loop also handles MFA should it follow).
  auto challenges = cli::answer_steps(*client, *progress, prompt, out);
  if (!challenges) return out.fail(challenges.error());
  const cognito::SignedIn signed_in = progress->take_result().value();

  if (out.json()) out.emit(cli::signed_in_json(out, signed_in, flow, *challenges));
  else cli::print_signed_in(out, signed_in);
  return 0;
}
