// Shared plumbing of the libcognito examples: command-line flags and the
// COGNITO_* environment, terminal prompts (no echo for passwords) that fall
// back to reading answers line by line from stdin, human-readable and JSON
// output, and the loop that answers Cognito's sign-in challenges.
//
// None of this is library API: it is what every command-line program around
// Cognito needs, written once so each example reads top to bottom.
#pragma once

#include <cognito/cognito.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

// ---- command line ------------------------------------------------------------

/// Flags of one example. Declare them, then parse(). "--name VALUE" and
/// "--name=VALUE" both work; every example has --help.
class Args {
 public:
  /// `program`: the name shown in "usage: <program> [options]"; `about`: what the example does.
  Args(std::string program, std::string about);

  /// --name (a switch).
  void flag(const std::string& name, const std::string& help);
  /// --name VALUE; `env`: an environment variable that supplies the default.
  void option(const std::string& name, const std::string& metavar, const std::string& help,
              const std::string& env = {});
  /// --name VALUE, repeatable.
  void repeated(const std::string& name, const std::string& metavar, const std::string& help);
  /// The settings every example takes: --pool-id --client-id --client-secret
  /// --region --endpoint (and their COGNITO_* variables), --username, --json,
  /// --show-tokens, --trace.
  void common();
  /// A paragraph printed at the end of --help (e.g. what is read from stdin).
  void note(const std::string& text);

  /// False when the program should exit now with exit_code(): 0 after
  /// --help, 2 after a usage error (already reported on stderr).
  bool parse(int argc, char** argv);
  [[nodiscard]] int exit_code() const { return exit_code_; }

  [[nodiscard]] bool has(const std::string& name) const;            ///< switch given, or option set
  [[nodiscard]] std::string get(const std::string& name) const;     ///< "" when not set
  [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
  [[nodiscard]] const std::string& program() const { return program_; }

  /// Reports a usage error on stderr ("<program>: <message>" + a hint) and returns 2.
  int usage_error(const std::string& message) const;

 private:
  struct Spec {
    std::string name, metavar, help, env;
    enum Kind { Flag, Option, Repeated } kind = Flag;
  };
  const Spec* find(const std::string& name) const;
  void print_help() const;

  std::string program_, about_;
  std::vector<std::string> notes_;
  std::vector<Spec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  int exit_code_ = 0;
};

// ---- prompts -----------------------------------------------------------------

/// Asks the user. On a terminal: the question on stderr, the answer typed
/// (without echo for secrets). Otherwise (a pipe or file): one answer per
/// line from stdin, in the order asked, so runs can be scripted; the question
/// and the answer ("********" for secrets) are still written to stderr as a
/// transcript. Every question line starts with "? ".
class Prompter {
 public:
  Prompter();
  [[nodiscard]] bool interactive() const { return interactive_; }

  /// A visible answer (codes, choices). nullopt when stdin has ended.
  std::optional<std::string> line(std::string_view question);
  /// A secret answer (passwords): no echo on a terminal.
  std::optional<cognito::SecretString> secret(std::string_view question);
  /// A new password; on a terminal it is asked twice and must match.
  std::optional<cognito::SecretString> new_password(std::string_view question);
  /// One of `options` by name or number (1..n); an empty answer takes the first.
  std::optional<std::string> choose(std::string_view question, const std::vector<std::string>& options);

 private:
  bool interactive_;
};

/// The error for an answer that never came (stdin ended).
cognito::Error no_answer(std::string_view question);

// ---- output ------------------------------------------------------------------

/// A JSON object built member by member (values are escaped).
class JsonObject {
 public:
  JsonObject& str(std::string_view key, std::string_view value);
  JsonObject& num(std::string_view key, std::int64_t value);
  JsonObject& boolean(std::string_view key, bool value);
  JsonObject& null(std::string_view key);
  JsonObject& strings(std::string_view key, const std::vector<std::string>& values);
  JsonObject& object(std::string_view key, const JsonObject& value);
  [[nodiscard]] std::string text() const { return "{" + body_ + "}"; }

 private:
  void key(std::string_view k);
  std::string body_;
};

/// JSON string literal of `s`, quotes included.
std::string json_quote(std::string_view s);
/// A flat JSON object of string members ({"a":"b",...}); nullopt if malformed.
std::optional<std::map<std::string, std::string>> parse_flat_json(std::string_view text);

/// Where the example writes: steps and prompts go to stderr; the result goes
/// to stdout, as text, or with --json as one JSON object.
class Output {
 public:
  explicit Output(const Args& args);
  [[nodiscard]] bool json() const { return json_; }
  [[nodiscard]] bool show_tokens() const { return show_tokens_; }

  /// "==> text" on stderr: what the example does now.
  void step(std::string_view text) const;
  /// "    text" on stderr: detail of the last step.
  void detail(std::string_view text) const;
  /// A line of the human-readable result on stdout (nothing with --json).
  void result(std::string_view text) const;
  /// The --json result: one line on stdout.
  void emit(const JsonObject& obj) const;

  /// A token or password as shown: "eyJra…(1234 chars)", or in full with --show-tokens.
  [[nodiscard]] std::string secret(const cognito::SecretString& s) const;

  /// Reports a failure on stderr ("error: NotAuthorizedException: ...") and returns 1.
  int fail(const cognito::Error& error) const;

 private:
  bool json_, show_tokens_;
};

/// "2025-06-01T12:00:00Z".
std::string iso8601(cognito::SystemTime t);

/// The tokens as JSON: abbreviated (see Output::secret), expires_in, issued_at, expires_at.
JsonObject tokens_json(const Output& out, const cognito::Tokens& tokens);
/// Device credentials as JSON; `full`: the device password in clear (for files).
JsonObject device_json(const Output& out, const cognito::DeviceCredentials& device, bool full = false);
/// The usual result of a sign-in: username, flow, challenges answered, tokens, new device.
JsonObject signed_in_json(const Output& out, const cognito::SignedIn& s, std::string_view flow,
                          const std::vector<std::string>& challenges);
/// The human-readable lines of a sign-in result (to stdout).
void print_signed_in(const Output& out, const cognito::SignedIn& s);

// ---- the client ----------------------------------------------------------------

/// Every request the client sends, as "InitiateAuth USER_SRP_AUTH" or
/// "RespondToAuthChallenge DEVICE_SRP_AUTH" (operation + AuthFlow/ChallengeName;
/// no other part of the body), with the answer's status.
struct RequestLog {
  std::vector<std::string> requests;
  bool print = false;  ///< --trace: also write each exchange to stderr
};

/// A Client over libcurl for the flags and COGNITO_* environment. `need_pool`:
/// the user pool id is required (sign-in: SRP and token checks need it).
/// `base` supplies settings the flags do not cover (remember_devices, ...).
/// `log`, if given, records every request (it must outlive the client).
cognito::Result<cognito::Client> make_client(const Args& args, bool need_pool, cognito::ClientConfig base = {},
                                             RequestLog* log = nullptr);

// ---- sign-in challenges ------------------------------------------------------------

/// Answers chosen up front instead of asking.
struct Choices {
  std::string select_challenge;  ///< SELECT_CHALLENGE (USER_AUTH): e.g. "EMAIL_OTP"
  std::string mfa_setup;         ///< MFA_SETUP: "SOFTWARE_TOKEN_MFA" or "EMAIL_OTP"
  std::string totp_device_name;  ///< friendly name of an authenticator app set up at MFA_SETUP
};

/// The answer to one step, asked from the user: codes for SMS_MFA,
/// SOFTWARE_TOKEN_MFA, EMAIL_OTP, SMS_OTP; a choice for SELECT_MFA_TYPE,
/// SELECT_CHALLENGE and MFA_SETUP; a new password (and the required
/// attributes) for NEW_PASSWORD_REQUIRED; the authenticator code after
/// showing the otpauth:// URI for a TOTP set-up; the custom challenge answer.
cognito::Result<cognito::Answer> ask_answer(const cognito::Step& step, Prompter& prompt, const Output& out,
                                            const Choices& choices = {});

/// Answers the steps of `progress` until the user is signed in. A code the
/// service rejects (CodeMismatch) is reported and asked again. Returns the
/// challenge names answered, in order.
cognito::Result<std::vector<std::string>> answer_steps(cognito::Client& client, cognito::SignInProgress& progress,
                                                       Prompter& prompt, const Output& out,
                                                       const Choices& choices = {});

/// otpauth://totp/<issuer>:<account>?secret=...&issuer=<issuer> (percent-encoded).
cognito::SecretString totp_uri(std::string_view issuer, std::string_view account, const cognito::SecretString& secret);
/// Shows an otpauth:// URI: as a QR code when stderr is a terminal and the
/// examples were built with libqrencode, and always as text with its secret.
void show_totp(const Output& out, const cognito::SecretString& uri, const cognito::SecretString& secret);

// ---- files -------------------------------------------------------------------------

/// Writes `text` to `path` readable by the owner only (0600). Error on failure.
cognito::Result<void> write_private_file(const std::string& path, std::string_view text);
/// The whole file. Error on failure.
cognito::Result<std::string> read_file(const std::string& path);

}  // namespace cli
