// sign_in_password — sign in with USER_PASSWORD_AUTH: the password is sent
// (over TLS) to Cognito, like
//
//   aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH
//       --client-id ID --auth-parameters USERNAME=alice,PASSWORD=...
//   aws cognito-idp respond-to-auth-challenge --challenge-name SMS_MFA
//       --session "<pasted Session>" --challenge-responses USERNAME=alice,SMS_MFA_CODE=123456
//
// but without pasting Session strings: sign_in() keeps them. The app client
// must allow ALLOW_USER_PASSWORD_AUTH. Prefer sign_in_srp (USER_SRP_AUTH)
// unless you migrate users with a Lambda trigger, which needs the password.
//
// Challenges answered as they come: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP,
// SELECT_MFA_TYPE, MFA_SETUP, NEW_PASSWORD_REQUIRED.
//
//   sign_in_password --username alice
//   printf '%s\n' "$PASSWORD" "$CODE" | sign_in_password --username alice --json
#include <cognito/cognito.hpp>

#include <string>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("sign_in_password",
                 "Sign in with USER_PASSWORD_AUTH and answer MFA, new-password and other\n"
                 "challenges as they come.");
  args.common();
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password, then one line per challenge (a code, a choice such as\n"
            "SMS_MFA, or a new password followed by values of missing required attributes).");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");

  auto client = cli::make_client(args, /*need_pool=*/true);
  if (!client) return out.fail(client.error());

  auto password = prompt.secret("Password for " + username);
  if (!password) return out.fail(cli::no_answer("Password"));

  // 1. InitiateAuth(USER_PASSWORD_AUTH): signed in, or the first challenge.
  out.step("Signing in as " + username + " with USER_PASSWORD_AUTH");
  auto progress = client->sign_in(cognito::SignInRequest::user_password(username, std::move(*password)));
  if (!progress) return out.fail(progress.error());

  // 2. RespondToAuthChallenge for each question, the Session carried along.
  auto challenges = cli::answer_steps(*client, *progress, prompt, out);
  if (!challenges) return out.fail(challenges.error());
  const cognito::SignedIn signed_in = progress->take_result().value();

  if (out.json()) out.emit(cli::signed_in_json(out, signed_in, "USER_PASSWORD_AUTH", *challenges));
  else cli::print_signed_in(out, signed_in);
  return 0;
}
