// totp_setup — turn on authenticator-app (TOTP) MFA, in either of the two
// ways Cognito offers:
//
//  * during sign-in, when the pool requires MFA and the user has none yet:
//    Cognito answers with MFA_SETUP; the library calls AssociateSoftwareToken
//    and VerifySoftwareToken with the sign-in session (the default here);
//  * when signed in (--signed-in), with the access token:
//
//      aws cognito-idp associate-software-token --access-token ...
//      aws cognito-idp verify-software-token --access-token ... --user-code 123456
//      aws cognito-idp set-user-mfa-preference --access-token ...
//          --software-token-mfa-settings Enabled=true,PreferredMfa=true
//
// Either way the otpauth:// URI is shown (as a QR code in the terminal when
// the examples were built with libqrencode) for the user's authenticator app,
// and its first code is asked.
//
//   totp_setup --username alice                 (pool with MFA required)
//   totp_setup --username alice --signed-in     (pool with optional MFA)
#include <cognito/cognito.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "common/cli.hpp"

int main(int argc, char** argv) {
  cli::Args args("totp_setup", "Set up authenticator-app (TOTP) MFA: at MFA_SETUP during sign-in, or with\n"
                               "--signed-in as a signed-in user (AssociateSoftwareToken, VerifySoftwareToken,\n"
                               "SetUserMFAPreference).");
  args.common();
  args.flag("signed-in", "sign in first, then set up TOTP with the access token");
  args.option("issuer", "NAME", "the issuer shown by the authenticator app (default \"Cognito\")");
  args.option("device-name", "NAME", "a name for the authenticator (FriendlyDeviceName)");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password, any MFA code the sign-in asks for (--signed-in with\n"
            "MFA already on), then the authenticator app's current code.");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");
  const std::string issuer = args.has("issuer") ? args.get("issuer") : "Cognito";
  const bool signed_in_mode = args.has("signed-in");

  cognito::ClientConfig base;
  base.totp_issuer = issuer;  // the issuer of the URI the library builds at MFA_SETUP
  auto client = cli::make_client(args, /*need_pool=*/true, std::move(base));
  if (!client) return out.fail(client.error());

  auto password = prompt.secret("Password for " + username);
  if (!password) return out.fail(cli::no_answer("Password"));

  // 1. Sign in. At MFA_SETUP the helper picks SOFTWARE_TOKEN_MFA, shows the
  //    URI and asks the app's code (Answer::setup_totp, then Answer::code).
  out.step("Signing in as " + username + " with USER_SRP_AUTH");
  auto progress = client->sign_in(cognito::SignInRequest::srp(username, std::move(*password)));
  if (!progress) return out.fail(progress.error());
  cli::Choices choices;
  choices.mfa_setup = "SOFTWARE_TOKEN_MFA";
  choices.totp_device_name = args.get("device-name");
  auto challenges = cli::answer_steps(*client, *progress, prompt, out, choices);
  if (!challenges) return out.fail(challenges.error());
  const cognito::SignedIn signed_in = progress->take_result().value();
  const bool set_up_at_sign_in =
      std::find(challenges->begin(), challenges->end(), "MFA_SETUP") != challenges->end();

  if (!signed_in_mode && !set_up_at_sign_in) {
    return out.fail(cognito::fail(cognito::ErrorCode::InvalidState,
                                  "signed in, but Cognito did not ask for MFA_SETUP (MFA is optional in "
                                  "this pool, or the user has MFA already): run with --signed-in"));
  }

  // 2. (--signed-in) Associate a new secret with the user, show it, verify
  //    the app's first code, and make TOTP the preferred MFA.
  if (signed_in_mode && !set_up_at_sign_in) {
    cognito::AssociateSoftwareTokenRequest associate;
    associate.access_token = signed_in.tokens.access_token.clone();
    out.step("AssociateSoftwareToken");
    auto secret = client->associate_software_token(associate);
    if (!secret) return out.fail(secret.error());
    if (!secret->secret_code) {
      return out.fail(cognito::fail(cognito::ErrorCode::MissingField, "AssociateSoftwareToken returned no SecretCode"));
    }

    out.step("Add this account to your authenticator app, then enter its current code");
    cli::show_totp(out, cli::totp_uri(issuer, signed_in.username, *secret->secret_code), *secret->secret_code);
    for (int tries = 0;; ++tries) {
      auto code = prompt.line("Authenticator code");
      if (!code) return out.fail(cli::no_answer("Authenticator code"));
      cognito::VerifySoftwareTokenRequest verify;
      verify.access_token = signed_in.tokens.access_token.clone();
      verify.user_code = cognito::SecretString(*code);
      if (args.has("device-name")) verify.friendly_device_name = args.get("device-name");
      out.step("VerifySoftwareToken");
      auto verified = client->verify_software_token(verify);
      if (verified && verified->status.value_or("SUCCESS") == "SUCCESS") break;
      const cognito::Error why = verified ? cognito::fail(cognito::ErrorCode::CodeMismatch, "status ERROR")
                                          : verified.error();
      const bool retry = why.code == cognito::ErrorCode::CodeMismatch ||
                         why.code == cognito::ErrorCode::EnableSoftwareTokenMfa;
      if (!retry || tries == 2) return out.fail(why);
      out.detail("not accepted: " + why.to_string());
    }

    cognito::SetUserMFAPreferenceRequest preference;
    preference.access_token = signed_in.tokens.access_token.clone();
    preference.software_token_mfa_settings = cognito::SoftwareTokenMfaSettings{true, true};
    out.step("SetUserMFAPreference: SOFTWARE_TOKEN_MFA enabled and preferred");
    if (auto set = client->set_user_mfa_preference(preference); !set) return out.fail(set.error());
  }

  const char* how = set_up_at_sign_in ? "MFA_SETUP" : "signed-in";
  if (out.json()) {
    cli::JsonObject result = cli::signed_in_json(out, signed_in, "USER_SRP_AUTH", *challenges);
    result.str("totp_setup", how).str("mfa", "SOFTWARE_TOKEN_MFA");
    out.emit(result);
  } else {
    cli::print_signed_in(out, signed_in);
    out.result(std::string("Authenticator-app MFA is on (set up ") +
               (set_up_at_sign_in ? "at MFA_SETUP during sign-in" : "as a signed-in user") +
               "): the next sign-in asks for its code");
  }
  return 0;
}
