// Shared plumbing of the libcognito examples (see cli.hpp).
#include "cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <utility>

#if CLI_HAVE_QRENCODE
#include <qrencode.h>
#endif

namespace cli {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

}  // namespace

// ---- Args ------------------------------------------------------------------------

Args::Args(std::string program, std::string about) : program_(std::move(program)), about_(std::move(about)) {}

void Args::flag(const std::string& name, const std::string& help) { specs_.push_back({name, "", help, "", Spec::Flag}); }

void Args::option(const std::string& name, const std::string& metavar, const std::string& help,
                  const std::string& env) {
  specs_.push_back({name, metavar, help, env, Spec::Option});
}

void Args::repeated(const std::string& name, const std::string& metavar, const std::string& help) {
  specs_.push_back({name, metavar, help, "", Spec::Repeated});
}

void Args::common() {
  option("username", "NAME", "the user: username, or an email/phone alias");
  option("pool-id", "ID", "user pool id, e.g. us-east-1_AbCdEfGhI", "COGNITO_USER_POOL_ID");
  option("client-id", "ID", "app client id", "COGNITO_CLIENT_ID");
  option("client-secret", "SECRET", "app client secret, for clients that have one (prefer the variable:\n"
         "                             command lines are visible to other users)", "COGNITO_CLIENT_SECRET");
  option("region", "REGION", "AWS region (default: the pool id's prefix)", "COGNITO_REGION");
  option("endpoint", "URL", "service URL override, e.g. a local emulator's http://127.0.0.1:PORT/",
         "COGNITO_ENDPOINT");
  flag("json", "print the result as one JSON object on stdout");
  flag("show-tokens", "print tokens and device passwords in full (default: abbreviated)");
  flag("trace", "print every request sent to Cognito (operation and challenge only) on stderr");
  option("log", "LEVEL", "print the library's log on stderr: error, warn, info, debug or trace\n"
         "                             (structure only: never passwords, codes or tokens)");
}

void Args::note(const std::string& text) { notes_.push_back(text); }

const Args::Spec* Args::find(const std::string& name) const {
  for (const auto& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

void Args::print_help() const {
  std::printf("usage: %s [options]\n\n%s\n\noptions:\n", program_.c_str(), about_.c_str());
  for (const auto& s : specs_) {
    std::string left = "--" + s.name + (s.metavar.empty() ? "" : " " + s.metavar);
    std::string help = s.help;
    if (!s.env.empty()) help += " [$" + s.env + "]";
    if (s.kind == Spec::Repeated) help += " (repeatable)";
    std::printf("  %-26s %s\n", left.c_str(), help.c_str());
  }
  std::printf("  %-26s %s\n", "--help", "show this help");
  for (const auto& n : notes_) std::printf("\n%s\n", n.c_str());
}

int Args::usage_error(const std::string& message) const {
  std::fprintf(stderr, "%s: %s\n(see %s --help)\n", program_.c_str(), message.c_str(), program_.c_str());
  return 2;
}

bool Args::parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      print_help();
      exit_code_ = 0;
      return false;
    }
    std::string value;
    bool inline_value = false;
    if (a.rfind("--", 0) == 0) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        value = a.substr(eq + 1);
        a.resize(eq);
        inline_value = true;
      }
    }
    const Spec* spec = a.rfind("--", 0) == 0 ? find(a.substr(2)) : nullptr;
    if (!spec) {
      exit_code_ = usage_error("unknown argument '" + a + "'");
      return false;
    }
    if (spec->kind == Spec::Flag) {
      if (inline_value) {
        exit_code_ = usage_error(a + " takes no value");
        return false;
      }
      values_[spec->name].push_back("1");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) {
        exit_code_ = usage_error(a + " needs a value (" + spec->metavar + ")");
        return false;
      }
      value = argv[++i];
    }
    auto& slot = values_[spec->name];
    if (spec->kind == Spec::Option) slot.clear();
    slot.push_back(value);
  }
  // Environment defaults for options not given on the command line.
  for (const auto& s : specs_) {
    if (s.env.empty() || values_.count(s.name)) continue;
    if (const char* v = std::getenv(s.env.c_str()); v && *v) values_[s.name].push_back(v);
  }
  return true;
}

bool Args::has(const std::string& name) const {
  auto it = values_.find(name);
  return it != values_.end() && !it->second.empty();
}

std::string Args::get(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? std::string() : it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>() : it->second;
}

// ---- Prompter ----------------------------------------------------------------------

namespace {

// Echo is switched off while a password is typed; Ctrl-C must not leave the
// terminal that way.
struct termios g_saved_termios;
volatile std::sig_atomic_t g_echo_off = 0;

extern "C" void restore_echo_and_die(int sig) {
  if (g_echo_off) tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_termios);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

/// One line from stdin without its line end; nullopt at end of input.
std::optional<std::string> read_line() {
  std::string s;
  if (!std::getline(std::cin, s)) return std::nullopt;
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

void ask(std::string_view question) {
  std::fprintf(stderr, "? %.*s: ", static_cast<int>(question.size()), question.data());
  std::fflush(stderr);
}

}  // namespace

Prompter::Prompter() : interactive_(isatty(STDIN_FILENO) != 0) {}

std::optional<std::string> Prompter::line(std::string_view question) {
  std::fflush(stdout);
  ask(question);
  auto answer = read_line();
  if (!answer) {
    std::fputs("(no answer: stdin ended)\n", stderr);
    return std::nullopt;
  }
  std::string value = trim(*answer);
  if (!interactive_) std::fprintf(stderr, "%s\n", value.c_str());  // transcript
  return value;
}

std::optional<cognito::SecretString> Prompter::secret(std::string_view question) {
  std::fflush(stdout);
  ask(question);
  std::optional<std::string> answer;
  if (interactive_ && tcgetattr(STDIN_FILENO, &g_saved_termios) == 0) {
    struct termios quiet = g_saved_termios;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    auto old_int = std::signal(SIGINT, restore_echo_and_die);
    auto old_term = std::signal(SIGTERM, restore_echo_and_die);
    g_echo_off = 1;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    answer = read_line();
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_termios);
    g_echo_off = 0;
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    std::fputc('\n', stderr);
  } else {
    answer = read_line();
    if (answer) std::fputs("********\n", stderr);  // transcript, never the secret
  }
  if (!answer) {
    std::fputs("(no answer: stdin ended)\n", stderr);
    return std::nullopt;
  }
  return cognito::SecretString::take(*answer);  // wipes *answer
}

std::optional<cognito::SecretString> Prompter::new_password(std::string_view question) {
  if (!interactive_) return secret(question);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto first = secret(question);
    if (!first) return std::nullopt;
    auto again = secret("Repeat it");
    if (!again) return std::nullopt;
    if (*first == *again) return first;
    std::fputs("    the two passwords differ; once more\n", stderr);
  }
  return std::nullopt;
}

std::optional<std::string> Prompter::choose(std::string_view question, const std::vector<std::string>& options) {
  std::string q(question);
  q += " (";
  for (std::size_t i = 0; i < options.size(); ++i) q += (i ? ", " : "") + std::to_string(i + 1) + " = " + options[i];
  q += ") [" + (options.empty() ? std::string() : options.front()) + "]";
  for (;;) {
    auto answer = line(q);
    if (!answer) return std::nullopt;
    if (answer->empty() && !options.empty()) return options.front();
    for (std::size_t i = 0; i < options.size(); ++i)
      if (lower(*answer) == lower(options[i]) || *answer == std::to_string(i + 1)) return options[i];
    std::fprintf(stderr, "    '%s' is not one of the choices\n", answer->c_str());
  }
}

cognito::Error no_answer(std::string_view question) {
  return cognito::fail(cognito::ErrorCode::InvalidArgument,
                       "no answer for '" + std::string(question) + "': stdin ended");
}

// ---- JSON --------------------------------------------------------------------------

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

void JsonObject::key(std::string_view k) {
  if (!body_.empty()) body_ += ',';
  body_ += json_quote(k) + ":";
}
JsonObject& JsonObject::str(std::string_view k, std::string_view value) {
  key(k);
  body_ += json_quote(value);
  return *this;
}
JsonObject& JsonObject::num(std::string_view k, std::int64_t value) {
  key(k);
  body_ += std::to_string(value);
  return *this;
}
JsonObject& JsonObject::boolean(std::string_view k, bool value) {
  key(k);
  body_ += value ? "true" : "false";
  return *this;
}
JsonObject& JsonObject::null(std::string_view k) {
  key(k);
  body_ += "null";
  return *this;
}
JsonObject& JsonObject::strings(std::string_view k, const std::vector<std::string>& values) {
  key(k);
  body_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) body_ += (i ? "," : "") + json_quote(values[i]);
  body_ += ']';
  return *this;
}
JsonObject& JsonObject::object(std::string_view k, const JsonObject& value) {
  key(k);
  body_ += value.text();
  return *this;
}

namespace {

void skip_ws(std::string_view t, std::size_t& i) {
  while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<unsigned> hex4(std::string_view t, std::size_t i) {
  if (i + 4 > t.size()) return std::nullopt;
  unsigned v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const char c = t[k];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
  }
  return v;
}

std::optional<std::string> parse_string(std::string_view t, std::size_t& i) {
  if (i >= t.size() || t[i] != '"') return std::nullopt;
  std::string out;
  for (++i; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"') {
      ++i;
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= t.size()) return std::nullopt;
    switch (t[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto cp = hex4(t, i + 1);
        if (!cp) return std::nullopt;
        i += 4;
        if (*cp >= 0xD800 && *cp < 0xDC00 && i + 6 < t.size() && t[i + 1] == '\\' && t[i + 2] == 'u') {
          auto lo = hex4(t, i + 3);
          if (lo && *lo >= 0xDC00 && *lo < 0xE000) {
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, *cp);
        break;
      }
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_flat_json(std::string_view t) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  skip_ws(t, i);
  if (i >= t.size() || t[i++] != '{') return std::nullopt;
  skip_ws(t, i);
  if (i < t.size() && t[i] == '}') {
    ++i;
  } else {
    for (;;) {
      skip_ws(t, i);
      auto k = parse_string(t, i);
      if (!k) return std::nullopt;
      skip_ws(t, i);
      if (i >= t.size() || t[i++] != ':') return std::nullopt;
      skip_ws(t, i);
      auto v = parse_string(t, i);
      if (!v) return std::nullopt;
      out[*k] = std::move(*v);
      skip_ws(t, i);
      if (i < t.size() && t[i] == ',') {
        ++i;
        continue;
      }
      if (i < t.size() && t[i] == '}') {
        ++i;
        break;
      }
      return std::nullopt;
    }
  }
  skip_ws(t, i);
  if (i != t.size()) return std::nullopt;
  return out;
}

// ---- Output ------------------------------------------------------------------------

Output::Output(const Args& args) : json_(args.has("json")), show_tokens_(args.has("show-tokens")) {}

void Output::step(std::string_view text) const {
  std::fflush(stdout);
  std::fprintf(stderr, "==> %.*s\n", static_cast<int>(text.size()), text.data());
}

void Output::detail(std::string_view text) const {
  std::fflush(stdout);
  std::fprintf(stderr, "    %.*s\n", static_cast<int>(text.size()), text.data());
}

void Output::result(std::string_view text) const {
  if (json_) return;
  std::fprintf(stdout, "%.*s\n", static_cast<int>(text.size()), text.data());
  std::fflush(stdout);
}

void Output::emit(const JsonObject& obj) const {
  std::fprintf(stdout, "%s\n", obj.text().c_str());
  std::fflush(stdout);
}

std::string Output::secret(const cognito::SecretString& s) const {
  if (show_tokens_ || s.empty()) return std::string(s.reveal());
  const std::size_t keep = std::min<std::size_t>(5, s.size() / 4);
  return std::string(s.reveal().substr(0, keep)) + "\u2026(" + std::to_string(s.size()) + " chars)";
}

int Output::fail(const cognito::Error& error) const {
  std::fflush(stdout);
  std::fprintf(stderr, "error: %s\n", error.to_string().c_str());
  return 1;
}

std::string iso8601(cognito::SystemTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

JsonObject tokens_json(const Output& out, const cognito::Tokens& tokens) {
  JsonObject j;
  j.str("id_token", out.secret(tokens.id_token))
      .str("access_token", out.secret(tokens.access_token))
      .str("refresh_token", out.secret(tokens.refresh_token))
      .str("token_type", tokens.token_type)
      .num("expires_in", tokens.expires_in)
      .str("issued_at", iso8601(tokens.issued_at))
      .str("expires_at", iso8601(tokens.expires_at));
  return j;
}

JsonObject device_json(const Output& out, const cognito::DeviceCredentials& device, bool full) {
  JsonObject j;
  j.str("device_key", device.device_key)
      .str("device_group_key", device.device_group_key)
      .str("device_password", full ? std::string(device.device_password.reveal()) : out.secret(device.device_password));
  return j;
}

JsonObject signed_in_json(const Output& out, const cognito::SignedIn& s, std::string_view flow,
                          const std::vector<std::string>& challenges) {
  JsonObject j;
  j.str("username", s.username).str("flow", flow).strings("challenges", challenges);
  j.object("tokens", tokens_json(out, s.tokens));
  if (s.new_device) {
    j.object("new_device", device_json(out, *s.new_device));
    j.boolean("device_needs_user_confirmation", s.device_needs_user_confirmation);
  } else {
    j.null("new_device");
  }
  return j;
}

void print_signed_in(const Output& out, const cognito::SignedIn& s) {
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(s.tokens.expires_at - s.tokens.issued_at);
  out.result("Signed in as " + s.username);
  out.result("  id token       " + out.secret(s.tokens.id_token));
  out.result("  access token   " + out.secret(s.tokens.access_token));
  out.result("  refresh token  " + out.secret(s.tokens.refresh_token));
  out.result("  expires at     " + iso8601(s.tokens.expires_at) + " (valid for " + std::to_string(left.count()) +
             " s)");
  if (s.new_device) {
    out.result("  new device     " + s.new_device->device_key +
               (s.device_needs_user_confirmation ? " (confirmed; remembered only after UpdateDeviceStatus)"
                                                 : " (confirmed and remembered)"));
  }
  if (s.device_error) out.result("  device         not confirmed: " + s.device_error->to_string());
}

// ---- the client ----------------------------------------------------------------------

namespace {

/// The string value of "name" in a JSON body, for enum-like members only.
std::string json_member(std::string_view body, std::string_view name) {
  const std::string needle = "\"" + std::string(name) + "\"";
  auto at = body.find(needle);
  if (at == std::string_view::npos) return {};
  std::size_t i = at + needle.size();
  skip_ws(body, i);
  if (i >= body.size() || body[i] != ':') return {};
  ++i;
  skip_ws(body, i);
  if (i >= body.size() || body[i] != '"') return {};
  const auto end = body.find('"', i + 1);
  if (end == std::string_view::npos) return {};
  return std::string(body.substr(i + 1, end - i - 1));
}

/// A Transport that records what each request was for, then hands it on.
class RecordingTransport final : public cognito::Transport {
 public:
  /// `log`: where to record (nullptr: a log of its own); `print`: also trace to stderr.
  RecordingTransport(std::unique_ptr<cognito::Transport> inner, RequestLog* log, bool print)
      : inner_(std::move(inner)), log_(log ? log : &own_) {
    log_->print = log_->print || print;
  }

  cognito::Result<cognito::HttpResponse> round_trip(const cognito::HttpRequest& req,
                                                    std::chrono::milliseconds timeout) override {
    std::string what;
    if (const std::string* target = req.headers.find("X-Amz-Target")) {
      what = target->substr(target->rfind('.') + 1);
      for (const char* member : {"AuthFlow", "ChallengeName"}) {
        std::string v = json_member(req.body.reveal(), member);
        if (!v.empty()) what += " " + v;
      }
    } else {
      what = req.method + " " + req.url;
    }
    auto rsp = inner_->round_trip(req, timeout);
    log_->requests.push_back(what);
    if (log_->print) {
      std::string outcome;
      if (!rsp) {
        outcome = "failed: " + rsp.error().to_string();
      } else {
        outcome = "HTTP " + std::to_string(rsp->status);
        const std::string type = json_member(rsp->body.reveal(), "__type");
        const std::string challenge = json_member(rsp->body.reveal(), "ChallengeName");
        if (!type.empty()) outcome += " " + type;
        if (!challenge.empty()) outcome += ", challenge " + challenge;
        if (rsp->body.reveal().find("\"AuthenticationResult\"") != std::string_view::npos) outcome += ", tokens";
      }
      std::fprintf(stderr, "    [trace] %s -> %s\n", what.c_str(), outcome.c_str());
    }
    return rsp;
  }

 private:
  std::unique_ptr<cognito::Transport> inner_;
  RequestLog own_;
  RequestLog* log_;
};

}  // namespace

cognito::Result<cognito::Client> make_client(const Args& args, bool need_pool, cognito::ClientConfig base,
                                             RequestLog* log) {
  cognito::ClientConfig cfg = std::move(base);
  cfg.user_pool_id = args.get("pool-id");
  cfg.client_id = args.get("client-id");
  cfg.client_secret = cognito::SecretString(args.get("client-secret"));
  cfg.region = args.get("region");
  cfg.endpoint = args.get("endpoint");
  if (cfg.client_id.empty())
    return cognito::fail(cognito::ErrorCode::InvalidArgument,
                         "no app client id: pass --client-id or set COGNITO_CLIENT_ID");
  if (need_pool && cfg.user_pool_id.empty())
    return cognito::fail(cognito::ErrorCode::InvalidArgument,
                         "no user pool id: pass --pool-id or set COGNITO_USER_POOL_ID");
  if (const std::string level = args.get("log"); !level.empty()) {
    const std::pair<const char*, cognito::LogLevel> levels[] = {
        {"error", cognito::LogLevel::Error}, {"warn", cognito::LogLevel::Warn}, {"info", cognito::LogLevel::Info},
        {"debug", cognito::LogLevel::Debug}, {"trace", cognito::LogLevel::Trace}};
    for (const auto& [name, value] : levels)
      if (level == name) cfg.log.level = value;
    if (cfg.log.level == cognito::LogLevel::None)
      return cognito::fail(cognito::ErrorCode::InvalidArgument,
                           "--log takes error, warn, info, debug or trace, not '" + level + "'");
    cfg.log.fn = [](cognito::LogLevel l, std::string_view line) {
      std::fprintf(stderr, "    [cognito %s] %.*s\n", std::string(cognito::log_level_name(l)).c_str(),
                   static_cast<int>(line.size()), line.data());
    };
  }
  auto curl = cognito::CurlTransport::create();
  if (!curl) return curl.error();
  auto recording = std::make_unique<RecordingTransport>(std::move(*curl), log, args.has("trace"));
  return cognito::Client::create(std::move(cfg), std::move(recording));
}

// ---- sign-in challenges ------------------------------------------------------------

namespace {

std::string sent_to(const cognito::Step& step) {
  std::string medium = step.delivery_medium.empty() ? std::string("a message") : step.delivery_medium;
  return step.destination.empty() ? "by " + medium : "by " + medium + " to " + step.destination;
}

std::string param(const cognito::Step& step, const std::string& name) {
  auto it = step.parameters.find(name);
  return it == step.parameters.end() ? std::string() : it->second;
}

cognito::Result<cognito::Answer> code_answer(Prompter& prompt, const std::string& question) {
  auto code = prompt.line(question);
  if (!code) return no_answer(question);
  return cognito::Answer::code(*code);
}

}  // namespace

cognito::Result<cognito::Answer> ask_answer(const cognito::Step& step, Prompter& prompt, const Output& out,
                                            const Choices& choices) {
  using cognito::Answer;
  using cognito::StepKind;
  switch (step.kind) {
    case StepKind::SmsMfaCode:
      out.step("SMS_MFA: a code was sent " + sent_to(step));
      return code_answer(prompt, "SMS code");
    case StepKind::EmailOtpCode:
      out.step(step.challenge_name + ": a code was sent " + sent_to(step));
      return code_answer(prompt, "Email code");
    case StepKind::SmsOtpCode:
      out.step("SMS_OTP: a code was sent " + sent_to(step));
      return code_answer(prompt, "SMS code");
    case StepKind::SoftwareTokenMfaCode: {
      const std::string app = param(step, "FRIENDLY_DEVICE_NAME");
      out.step("SOFTWARE_TOKEN_MFA: the code of your authenticator app" + (app.empty() ? "" : " (" + app + ")"));
      return code_answer(prompt, "Authenticator code");
    }
    case StepKind::SelectMfaType: {
      out.step("SELECT_MFA_TYPE: choose how to receive the second factor");
      auto choice = prompt.choose("MFA method", step.options);
      if (!choice) return no_answer("MFA method");
      return Answer::select(*choice);
    }
    case StepKind::MfaSetup: {
      out.step("MFA_SETUP: the pool requires MFA; set up one of: " + join(step.options, ", "));
      std::string choice = choices.mfa_setup;
      if (std::find(step.options.begin(), step.options.end(), choice) == step.options.end()) {
        auto picked = prompt.choose("MFA to set up", step.options);
        if (!picked) return no_answer("MFA to set up");
        choice = *picked;
      }
      if (choice == "EMAIL_OTP") {
        auto email = prompt.line("Email address for MFA codes");
        if (!email) return no_answer("Email address for MFA codes");
        return Answer::setup_email(*email);
      }
      out.detail("setting up an authenticator app (" + choice + ")");
      return Answer::setup_totp(choices.totp_device_name);
    }
    case StepKind::TotpSetupCode:
      out.step("Add this account to your authenticator app, then enter its current code");
      show_totp(out, step.totp_uri, step.totp_secret);
      return code_answer(prompt, "Authenticator code");
    case StepKind::NewPasswordRequired: {
      out.step("NEW_PASSWORD_REQUIRED: the password is temporary; choose a new one");
      auto password = prompt.new_password("New password");
      if (!password) return no_answer("New password");
      std::map<std::string, std::string> attributes;
      for (const auto& name : step.required_attributes) {
        if (step.user_attributes.count(name)) continue;  // already set
        auto value = prompt.line("Value for the required attribute " + name);
        if (!value) return no_answer(name);
        attributes[name] = *value;
      }
      return Answer::new_password(std::move(*password), std::move(attributes));
    }
    case StepKind::CustomChallenge: {
      const std::string medium = param(step, "CODE_DELIVERY_DELIVERY_MEDIUM");
      const std::string destination = param(step, "CODE_DELIVERY_DESTINATION");
      const std::string attempts = param(step, "ATTEMPTS_LEFT");
      if (!medium.empty()) {
        out.step("CUSTOM_CHALLENGE: a one-time code was sent by " + medium +
                 (destination.empty() ? "" : " to " + destination) +
                 (attempts.empty() ? "" : " (" + attempts + " attempts left)"));
      } else {
        out.step("CUSTOM_CHALLENGE from your Lambda trigger");
        for (const auto& [k, v] : step.parameters) out.detail(k + " = " + v);
      }
      auto answer = prompt.line("One-time code");
      if (!answer) return no_answer("One-time code");
      return Answer::custom(*answer);
    }
    case StepKind::SelectChallenge: {
      out.step("SELECT_CHALLENGE: choose how to sign in: " + join(step.options, ", "));
      std::string choice = choices.select_challenge;
      if (std::find(step.options.begin(), step.options.end(), choice) == step.options.end()) {
        // One-time codes first, so that the default (an empty answer) is passwordless.
        std::vector<std::string> options = step.options;
        std::stable_partition(options.begin(), options.end(),
                              [](const std::string& o) { return o == "EMAIL_OTP" || o == "SMS_OTP"; });
        auto picked = prompt.choose("Sign in with", options);
        if (!picked) return no_answer("Sign in with");
        choice = *picked;
      }
      if (choice == "PASSWORD" || choice == "PASSWORD_SRP") {
        auto password = prompt.secret("Password");
        if (!password) return no_answer("Password");
        return Answer::password(std::move(*password), choice);
      }
      return Answer::select(choice);
    }
    case StepKind::Password: {
      out.step(step.challenge_name + ": the password");
      auto password = prompt.secret("Password");
      if (!password) return no_answer("Password");
      return Answer::password(std::move(*password), step.challenge_name);
    }
    case StepKind::WebAuthn:
      return cognito::fail(cognito::ErrorCode::Unsupported,
                           "WEB_AUTHN: a passkey needs a browser or platform authenticator; "
                           "this example cannot answer it");
    case StepKind::UnknownChallenge:
      break;
  }
  out.step("unknown challenge " + step.challenge_name);
  for (const auto& [k, v] : step.parameters) out.detail(k + " = " + v);
  return cognito::fail(cognito::ErrorCode::Unsupported, "challenge " + step.challenge_name +
                                                            " is not handled by this example");
}

cognito::Result<std::vector<std::string>> answer_steps(cognito::Client& client, cognito::SignInProgress& progress,
                                                       Prompter& prompt, const Output& out,
                                                       const Choices& choices) {
  std::vector<std::string> answered;
  while (!progress.done()) {
    const cognito::Step* step = progress.step();
    if (!step) return cognito::fail(cognito::ErrorCode::InvalidState, "the sign-in stopped without a question");
    auto reply = ask_answer(*step, prompt, out, choices);
    if (!reply) return reply.error();
    answered.push_back(step->challenge_name);
    if (auto r = client.answer(progress, std::move(*reply)); !r) {
      if (!progress.step()) return r.error();  // the sign-in is over
      // Refused, but the same question may be answered again (e.g. a mistyped code).
      out.detail("not accepted: " + r.error().to_string());
    }
  }
  return answered;
}

// ---- TOTP ------------------------------------------------------------------------

namespace {

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

#if CLI_HAVE_QRENCODE
/// Two QR rows per text line with half blocks, black on white whatever the
/// terminal's colours, with a quiet zone around.
void draw_qr(std::string_view text) {
  const std::string s(text);
  QRcode* qr = QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_L, QR_MODE_8, 1);
  if (!qr) return;
  const int w = qr->width, margin = 2;
  auto dark = [&](int x, int y) {
    return x >= 0 && y >= 0 && x < w && y < w && (qr->data[y * w + x] & 1) != 0;
  };
  for (int y = -margin; y < w + margin; y += 2) {
    std::string row = "\x1b[30;107m";
    for (int x = -margin; x < w + margin; ++x) {
      const bool top = dark(x, y), bottom = dark(x, y + 1);
      row += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    row += "\x1b[0m";
    std::fprintf(stderr, "    %s\n", row.c_str());
  }
  QRcode_free(qr);
}
#endif

}  // namespace

cognito::SecretString totp_uri(std::string_view issuer, std::string_view account, const cognito::SecretString& secret) {
  cognito::SecretString uri("otpauth://totp/");
  uri.append(percent_encode(issuer) + ":" + percent_encode(account) + "?secret=");
  uri.append(secret.reveal());
  uri.append("&issuer=" + percent_encode(issuer));
  return uri;
}

void show_totp(const Output& out, const cognito::SecretString& uri, const cognito::SecretString& secret) {
#if CLI_HAVE_QRENCODE
  if (isatty(STDERR_FILENO)) draw_qr(uri.reveal());
#endif
  // The secret is what the user types into an authenticator app by hand, so it
  // is shown in full (on stderr, never in the --json result).
  out.detail("URI:    " + std::string(uri.reveal()));
  out.detail("secret: " + std::string(secret.reveal()));
}

// ---- files ---------------------------------------------------------------------------

cognito::Result<void> write_private_file(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return cognito::fail(cognito::ErrorCode::InvalidArgument, "cannot write " + path);
  bool ok = ::fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) ok = false;
  if (!ok) return cognito::fail(cognito::ErrorCode::InvalidArgument, "cannot write " + path);
  return {};
}

cognito::Result<std::string> read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return cognito::fail(cognito::ErrorCode::InvalidArgument, "cannot read " + path);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}

}  // namespace cli
