// sign_in_passwordless — choice-based sign-in (USER_AUTH, the Essentials
// tier's passwordless sign-in): Cognito offers the first factors the user may
// use (SELECT_CHALLENGE: EMAIL_OTP, SMS_OTP, PASSWORD, ...), the user picks
// one, and answers the code sent by email or SMS. The shell version:
//
//   aws cognito-idp initiate-auth --auth-flow USER_AUTH --client-id ID
//       --auth-parameters USERNAME=alice[,PREFERRED_CHALLENGE=EMAIL_OTP]
//   aws cognito-idp respond-to-auth-challenge --challenge-name SELECT_CHALLENGE
//       --session "<Session>" --challenge-responses USERNAME=alice,ANSWER=EMAIL_OTP
//   aws cognito-idp respond-to-auth-challenge --challenge-name EMAIL_OTP
//       --session "<Session>" --challenge-responses USERNAME=alice,EMAIL_OTP_CODE=12345678
//
// --challenge EMAIL_OTP|SMS_OTP asks for that factor up front
// (PREFERRED_CHALLENGE); Cognito then skips SELECT_CHALLENGE when the user
// can use it.
//
//   sign_in_passwordless --username alice
//   sign_in_passwordless --username alice --challenge SMS_OTP
#include <cognito/cognito.hpp>

#include <string>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("sign_in_passwordless",
                 "Passwordless sign-in with USER_AUTH: pick EMAIL_OTP or SMS_OTP at SELECT_CHALLENGE\n"
                 "(or up front with --challenge) and answer the code.");
  args.common();
  args.option("challenge", "EMAIL_OTP|SMS_OTP", "the first factor to use (PREFERRED_CHALLENGE)");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the choice at SELECT_CHALLENGE (not asked with --challenge; an empty\n"
            "line takes the first offered), then the code (a password if PASSWORD was chosen).");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");
  const std::string preferred = args.get("challenge");
  if (!preferred.empty() && preferred != "EMAIL_OTP" && preferred != "SMS_OTP")
    return args.usage_error("--challenge must be EMAIL_OTP or SMS_OTP");

  auto client = cli::make_client(args, /*need_pool=*/true);
  if (!client) return out.fail(client.error());

  // 1. InitiateAuth(USER_AUTH), with PREFERRED_CHALLENGE when given.
  out.step("Signing in as " + username + " with USER_AUTH" +
           (preferred.empty() ? "" : " (preferred challenge " + preferred + ")"));
  auto progress = client->sign_in(cognito::SignInRequest::user_auth(username, preferred));
  if (!progress) return out.fail(progress.error());

  // 2. SELECT_CHALLENGE (asked unless --challenge settles it), then the code.
  cli::Choices choices;
  choices.select_challenge = preferred;
  auto challenges = cli::answer_steps(*client, *progress, prompt, out, choices);
  if (!challenges) return out.fail(challenges.error());
  const cognito::SignedIn signed_in = progress->take_result().value();

  if (out.json()) out.emit(cli::signed_in_json(out, signed_in, "USER_AUTH", *challenges));
  else cli::print_signed_in(out, signed_in);
  return 0;
}
