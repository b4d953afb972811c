// sign_up — register a user and confirm the account with the code Cognito
// sends, like
//
//   aws cognito-idp sign-up --client-id ID --username alice --password ...
//       --user-attributes Name=email,Value=alice@example.com
//   aws cognito-idp confirm-sign-up --client-id ID --username alice --confirmation-code 123456
//   aws cognito-idp resend-confirmation-code --client-id ID --username alice
//
// Answer "resend" at the code prompt to have the code sent again. With
// --sign-in the new user is signed in right away with the Session of
// ConfirmSignUp (USER_AUTH, no password asked again). --confirm-only skips
// SignUp, to confirm an account registered earlier.
//
//   sign_up --username alice --email alice@example.com --attr name="Alice Liddell"
//   printf '%s\n' "$PASSWORD" "$CODE" | sign_up --username alice --email alice@example.com --json
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
  cli::Args args("sign_up", "Register a user (SignUp), then confirm the account with the code sent to\n"
                            "them (ConfirmSignUp); \"resend\" at the code prompt sends a new code.");
  args.common();
  args.option("email", "ADDRESS", "the email attribute");
  args.option("phone", "+NUMBER", "the phone_number attribute, E.164 (e.g. +15555550123)");
  args.repeated("attr", "NAME=VALUE", "another attribute, e.g. name=Alice or custom:plan=pro");
  args.flag("confirm-only", "skip SignUp: confirm a user registered earlier");
  args.flag("sign-in", "after confirming, sign in with the sign-up session (USER_AUTH)");
  args.note("When stdin is not a terminal the answers are read from it, one per line, in the\n"
            "order asked: the password (not with --confirm-only), then the confirmation code;\n"
            "a line \"resend\" instead of a code sends a new one and the next line is the code.");
  if (!args.parse(argc, argv)) return args.exit_code();
  const cli::Output out(args);
  cli::Prompter prompt;
  const std::string username = args.get("username");
  if (username.empty()) return args.usage_error("--username is required");
  if (args.has("confirm-only") && args.has("sign-in"))
    return args.usage_error("--sign-in needs the session of SignUp: not with --confirm-only");

  // The attributes: --email, --phone and every --attr NAME=VALUE.
  std::vector<cognito::Attribute> attributes;
  if (args.has("email")) attributes.push_back({"email", args.get("email")});
  if (args.has("phone")) attributes.push_back({"phone_number", args.get("phone")});
  for (const std::string& a : args.all("attr")) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) return args.usage_error("--attr wants NAME=VALUE, not '" + a + "'");
    attributes.push_back({a.substr(0, eq), a.substr(eq + 1)});
  }

  auto client = cli::make_client(args, /*need_pool=*/args.has("sign-in"));
  if (!client) return out.fail(client.error());

  // 1. SignUp: the password and attributes; Cognito answers with the user's
  //    sub and where it sent the confirmation code.
  std::optional<cognito::SecretString> session;
  std::string user_sub;
  bool confirmed = false;
  std::optional<cognito::CodeDeliveryDetails> sent;
  if (!args.has("confirm-only")) {
    auto password = prompt.new_password("Password for the new user " + username);
    if (!password) return out.fail(cli::no_answer("Password"));
    cognito::SignUpRequest request;
    request.username = username;
    request.password = std::move(*password);
    request.user_attributes = attributes;
    out.step("SignUp " + username);
    auto signed_up = client->sign_up(request);
    if (!signed_up) return out.fail(signed_up.error());
    user_sub = signed_up->user_sub;
    confirmed = signed_up->user_confirmed;
    session = std::move(signed_up->session);
    sent = signed_up->code_delivery_details;
    out.detail("user sub " + user_sub + (confirmed ? ", confirmed already" : ", " + delivery(sent)));
  }

  // 2. ConfirmSignUp with the code ("resend" = ResendConfirmationCode). A
  //    wrong or expired code is reported and asked again.
  for (int tries = 0; !confirmed; ++tries) {
    if (tries == 5) return out.fail(cognito::fail(cognito::ErrorCode::InvalidArgument, "giving up after 5 answers"));
    auto code = prompt.line("Confirmation code (or \"resend\")");
    if (!code) return out.fail(cli::no_answer("Confirmation code"));
    if (*code == "resend") {
      cognito::ResendConfirmationCodeRequest resend;
      resend.username = username;
      out.step("ResendConfirmationCode " + username);
      auto resent = client->resend_confirmation_code(resend);
      if (!resent) return out.fail(resent.error());
      sent = resent->code_delivery_details;
      out.detail(delivery(sent));
      continue;
    }
    cognito::ConfirmSignUpRequest confirm;
    confirm.username = username;
    confirm.confirmation_code = cognito::SecretString(*code);
    if (session) confirm.session = session->clone();
    out.step("ConfirmSignUp " + username);
    auto done = client->confirm_sign_up(confirm);
    if (!done) {
      const auto c = done.error().code;
      if (c != cognito::ErrorCode::CodeMismatch && c != cognito::ErrorCode::ExpiredCode) return out.fail(done.error());
      out.detail("not accepted: " + done.error().to_string());
      continue;
    }
    confirmed = true;
    if (done->session) session = std::move(done->session);
    out.detail("the account is confirmed");
  }

  // 3. Optionally sign in with the Session ConfirmSignUp returned.
  std::optional<cognito::SignedIn> signed_in;
  std::vector<std::string> challenges;
  if (args.has("sign-in")) {
    if (!session || session->empty())
      return out.fail(cognito::fail(cognito::ErrorCode::UnexpectedResponse,
                                    "Cognito returned no sign-up session (the app client needs "
                                    "ALLOW_USER_AUTH); sign in with sign_in_srp instead"));
    out.step("Signing in as " + username + " with the sign-up session (USER_AUTH)");
    auto progress = client->sign_in(cognito::SignInRequest::auto_sign_in(username, std::move(*session)));
    if (!progress) return out.fail(progress.error());
    auto answered = cli::answer_steps(*client, *progress, prompt, out);
    if (!answered) return out.fail(answered.error());
    challenges = std::move(*answered);
    signed_in = progress->take_result().value();
  }

  if (out.json()) {
    cli::JsonObject result;
    result.str("username", username).boolean("confirmed", confirmed);
    if (user_sub.empty()) result.null("user_sub");
    else result.str("user_sub", user_sub);
    if (sent) {
      result.object("code_delivery", cli::JsonObject()
                                         .str("medium", sent->delivery_medium.value_or(""))
                                         .str("destination", sent->destination.value_or("")));
    }
    if (signed_in) result.object("sign_in", cli::signed_in_json(out, *signed_in, "USER_AUTH", challenges));
    out.emit(result);
  } else {
    out.result("User " + username + " is confirmed" + (user_sub.empty() ? "" : " (sub " + user_sub + ")"));
    if (signed_in) cli::print_signed_in(out, *signed_in);
  }
  return 0;
}
