// sign_in_srp — sign in with USER_SRP_AUTH, the recommended default: the
// password never leaves this machine (Secure Remote Password), so it cannot
// leak from logs or proxies on the way. The AWS CLI cannot do this flow (SRP
// needs client-side math); this is what `aws cognito-idp initiate-auth
// --auth-flow USER_SRP_AUTH` + `respond-to-auth-challenge` would be.
//
// After the password, Cognito may ask more: SMS_MFA, SOFTWARE_TOKEN_MFA,
// EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP or NEW_PASSWORD_REQUIRED. Each is
// asked on the terminal (or read from stdin) as it comes.
//
//   sign_in_srp --username alice
//   printf '%s\n' "$PASSWORD" "$SMS_CODE" | sign_in_srp --username alice --json | jq -r .tokens.expires_at
#include <cognito/cognito.hpp>

#include <string>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("sign_in_srp", "Sign in with USER_SRP_AUTH (SRP: the password is never sent) and answer MFA,\n"
                                "new-password and other challenges as they come. Then verify the ID token.");
  args.common();
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password, then one line per challenge (a code, a choice such as\n"
            "EMAIL_OTP, or a new password followed by values of missing required attributes).");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");

  auto client = cli::make_client(args, /*need_pool=*/true);
  if (!client) return out.fail(client.error());

  auto password = prompt.secret("Password for " + username);
  if (!password) return out.fail(cli::no_answer("Password"));

  // 1. InitiateAuth(USER_SRP_AUTH) and the PASSWORD_VERIFIER answer happen
  //    inside sign_in(); it stops at the first question for the user.
  out.step("Signing in as " + username + " with USER_SRP_AUTH");
  auto progress = client->sign_in(cognito::SignInRequest::srp(username, std::move(*password)));
  if (!progress) return out.fail(progress.error());

  // 2. Answer Cognito's questions (MFA codes, new password, ...) until signed in.
  auto challenges = cli::answer_steps(*client, *progress, prompt, out);
  if (!challenges) return out.fail(challenges.error());
  cognito::SignedIn signed_in = progress->take_result().value();

  // 3. Check the ID token as a backend would: signature against the pool's
  //    JWKS, issuer, audience (this app client), token_use and expiry.
  auto claims = client->verify_token(signed_in.tokens.id_token.reveal(), cognito::TokenUse::Id);
  if (!claims) return out.fail(claims.error());
  const std::string sub = claims->string_claim("sub").value_or("");
  const std::string email = claims->string_claim("email").value_or("");

  if (out.json()) {
    cli::JsonObject result = cli::signed_in_json(out, signed_in, "USER_SRP_AUTH", *challenges);
    result.object("id_token_claims", cli::JsonObject().str("sub", sub).str("email", email));
    out.emit(result);
  } else {
    cli::print_signed_in(out, signed_in);
    out.result("  ID token       verified: sub " + sub + (email.empty() ? "" : ", email " + email));
  }
  return 0;
}
