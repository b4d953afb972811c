// forgot_password — reset a forgotten password with the code Cognito sends:
//
//   aws cognito-idp forgot-password --client-id ID --username alice
//   aws cognito-idp confirm-forgot-password --client-id ID --username alice
//       --confirmation-code 123456 --password 'N3w#password'
//
// "resend" at the code prompt asks for a new code. A wrong code or a password
// the pool's policy refuses is reported and asked again. With --sign-in the
// new password is tried right away (USER_SRP_AUTH).
//
//   forgot_password --username alice
//   printf '%s\n' "$CODE" "$NEW_PASSWORD" | forgot_password --username alice --json
#include <cognito/cognito.hpp>

#include <string>
#include <utility>

#include "common/cli.hpp"

namespace {

std::string delivery(const std::optional<cognito::CodeDeliveryDetails>& d) {
  if (!d) return "a code was sent";
  return "a code was sent by " + d->delivery_medium.value_or("?") + " to " + d->destination.value_or("?");
}

}  // namespace

int main(int argc, char** argv) {
  cli::Args args("forgot_password", "Reset a password: ForgotPassword sends a code, ConfirmForgotPassword sets\n"
                                    "the new password with it.");
  args.common();
  args.flag("sign-in", "sign in with the new password afterwards (USER_SRP_AUTH)");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the code (or \"resend\"), then the new password; after a refused code\n"
            "the next line is a code again, after a refused password a password again. With\n"
            "--sign-in, one more line per MFA challenge.");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");

  auto client = cli::make_client(args, /*need_pool=*/args.has("sign-in"));
  if (!client) return out.fail(client.error());

  // 1. ForgotPassword: Cognito sends a code to the verified email or phone.
  cognito::ForgotPasswordRequest forgot;
  forgot.username = username;
  out.step("ForgotPassword " + username);
  auto sent = client->forgot_password(forgot);
  if (!sent) return out.fail(sent.error());
  out.detail(delivery(sent->code_delivery_details));

  // 2. The code and a new password, until ConfirmForgotPassword accepts them.
  std::optional<cognito::SecretString> code, password;
  for (int tries = 0;; ++tries) {
    if (tries == 5) return out.fail(cognito::fail(cognito::ErrorCode::InvalidArgument, "giving up after 5 answers"));
    if (!code) {
      auto line = prompt.line("Code (or \"resend\")");
      if (!line) return out.fail(cli::no_answer("Code"));
      if (*line == "resend") {
        out.step("ForgotPassword " + username + " (a new code)");
        sent = client->forgot_password(forgot);
        if (!sent) return out.fail(sent.error());
        out.detail(delivery(sent->code_delivery_details));
        continue;
      }
      code = cognito::SecretString(*line);
    }
    if (!password) {
      password = prompt.new_password("New password");
      if (!password) return out.fail(cli::no_answer("New password"));
    }
    cognito::ConfirmForgotPasswordRequest confirm;
    confirm.username = username;
    confirm.confirmation_code = code->clone();
    confirm.password = password->clone();
    out.step("ConfirmForgotPassword " + username);
    auto done = client->confirm_forgot_password(confirm);
    if (done) break;
    switch (done.error().code) {
      case cognito::ErrorCode::CodeMismatch:
      case cognito::ErrorCode::ExpiredCode: code.reset(); break;
      case cognito::ErrorCode::InvalidPassword:
      case cognito::ErrorCode::PasswordHistoryPolicyViolation: password.reset(); break;
      default: return out.fail(done.error());
    }
    out.detail("not accepted: " + done.error().to_string());
  }
  out.detail("the password is changed");

  // 3. Optionally prove it: sign in with the new password.
  std::optional<cognito::SignedIn> signed_in;
  std::vector<std::string> challenges;
  if (args.has("sign-in")) {
    out.step("Signing in as " + username + " with the new password (USER_SRP_AUTH)");
    auto progress = client->sign_in(cognito::SignInRequest::srp(username, std::move(*password)));
    if (!progress) return out.fail(progress.error());
    auto answered = cli::answer_steps(*client, *progress, prompt, out);
    if (!answered) return out.fail(answered.error());
    challenges = std::move(*answered);
    signed_in = progress->take_result().value();
  }

  if (out.json()) {
    cli::JsonObject result;
    result.str("username", username).boolean("password_reset", true);
    if (signed_in) result.object("sign_in", cli::signed_in_json(out, *signed_in, "USER_SRP_AUTH", challenges));
    out.emit(result);
  } else {
    out.result("The password of " + username + " is reset");
    if (signed_in) cli::print_signed_in(out, *signed_in);
  }
  return 0;
}
