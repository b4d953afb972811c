// libcognito C API — version, status codes, owned strings, attribute lists,
// HTTP request/response objects, and the helpers shared by every file.
#include <array>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "capi_internal.hpp"
#include "util/utf8.hpp"

namespace capi {

// ---- error slots -----------------------------------------------------------------

int ErrorSlot::set(const Error& e) noexcept {
  try {
    clear();
    code = code_of(e.code);
    message = e.message;
    service = e.service_code;
    request_id = e.request_id;
    http_status = e.http_status;
  } catch (...) {
    set_static(code_of(e.code), "out of memory while recording the error");
  }
  if (code == COGNITO_OK) code = COGNITO_E_INTERNAL;  // an Error always means failure
  return code;
}

int ErrorSlot::set(int c, std::string_view msg) noexcept {
  try {
    clear();
    code = c;
    message.assign(msg);
  } catch (...) {
    set_static(c, "out of memory while recording the error");
  }
  return c;
}

const char* ErrorSlot::msg() const noexcept {
  if (fixed != nullptr) return fixed;
  if (!message.empty()) return message.c_str();
  return code == COGNITO_OK ? "" : cognito_strerror(code);
}

cognito::LogSink log_sink(int min_level, cognito_log_fn fn, void* user_data) {
  cognito::LogSink sink;
  if (fn == nullptr || min_level <= COGNITO_LOG_NONE) return sink;
  sink.level = static_cast<cognito::LogLevel>(min_level);
  sink.fn = [fn, user_data](cognito::LogLevel level, std::string_view line) {
    const std::string text(line);  // the C sink is promised a NUL-terminated string
    fn(static_cast<int>(level), text.c_str(), text.size(), user_data);
  };
  return sink;
}

ErrorCode transport_code(int rc) noexcept {
  const auto code = static_cast<ErrorCode>(rc);
  if (rc > -200 || rc <= -300 || cognito::error_code_name(code) == "Unknown") return ErrorCode::Transport;
  return code;
}

// ---- strings -------------------------------------------------------------------

bool valid_utf8(const char* p, std::size_t n) noexcept {
  if (p == nullptr) return n == 0;
  return cognito::detail::valid_utf8(std::string_view(p, n));
}

bool valid_text(const char* s) noexcept {
  if (s == nullptr) return false;
  const std::size_t n = std::strlen(s);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
  }
  return valid_utf8(s, n);
}

void terminate(SecretString& s) {
  if (s.empty()) return;  // data() is then "" already
  s.reserve(s.size() + 1);
  s.mutable_data()[s.size()] = '\0';
}

namespace {
// Owned strings carry a header so cognito_string_free can wipe them whole
// and recognise foreign pointers.
constexpr std::uint64_t kStringMagic = 0x636f676e69746f53ULL;  // "cognitoS"
struct StringHeader {
  std::uint64_t magic;
  std::uint64_t size;  // bytes after the header, NUL included
};
static_assert(sizeof(StringHeader) == 16, "header keeps the string 16-byte aligned");
}  // namespace

char* dup_owned(std::string_view s) {
  const std::size_t total = sizeof(StringHeader) + s.size() + 1;
  auto* block = static_cast<unsigned char*>(std::malloc(total));
  if (block == nullptr) throw std::bad_alloc();
  StringHeader h{kStringMagic, static_cast<std::uint64_t>(s.size() + 1)};
  std::memcpy(block, &h, sizeof h);
  char* out = reinterpret_cast<char*>(block + sizeof h);
  if (!s.empty()) std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

int give(std::string_view s, char** out, std::size_t* len) {
  if (out != nullptr) *out = dup_owned(s);
  if (len != nullptr) *len = s.size();
  return COGNITO_OK;
}

std::optional<cognito::SystemTime> time_arg(std::int64_t now_unix_ms) noexcept {
  // Up to the year 2100. system_clock counts nanoseconds in an int64 (it
  // overflows after 2262), and the token arithmetic adds and subtracts
  // durations of the same size, so the bound keeps well inside that range.
  constexpr std::int64_t kMaxMs = 4102444800000;
  if (now_unix_ms < 0 || now_unix_ms > kMaxMs) return std::nullopt;
  if (now_unix_ms == 0) return std::chrono::system_clock::now();
  return cognito::SystemTime(std::chrono::duration_cast<cognito::SystemTime::duration>(
      std::chrono::milliseconds(now_unix_ms)));
}

std::int64_t unix_seconds(cognito::SystemTime t) noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// ---- clones of move-only values ---------------------------------------------------

cognito::ClientConfig clone_config(const cognito::ClientConfig& c) { return c.clone(); }

cognito::SignInRequest clone_request(const cognito::SignInRequest& r) {
  cognito::SignInRequest o;
  o.flow = r.flow;
  o.username = r.username;
  o.password = r.password.clone();
  o.preferred_challenge = r.preferred_challenge;
  o.session = r.session.clone();
  o.refresh_token = r.refresh_token.clone();
  if (r.device) o.device = r.device->clone();
  o.client_metadata = r.client_metadata;
  return o;
}

cognito::Answer clone_answer(const cognito::Answer& a) {
  cognito::Answer o;
  o.kind = a.kind;
  o.secret = a.secret.clone();
  o.text = a.text;
  o.attributes = a.attributes;
  return o;
}

}  // namespace capi

// ---- handle helpers ------------------------------------------------------------------

void cognito_attributes::set(std::string name, std::string value) {
  for (auto& kv : items)
    if (kv.first == name) {
      kv.second = std::move(value);
      return;
    }
  items.emplace_back(std::move(name), std::move(value));
}

const std::string* cognito_attributes::get(std::string_view name) const noexcept {
  for (const auto& kv : items)
    if (kv.first == name) return &kv.second;
  return nullptr;
}

void cognito_attributes::load(const std::map<std::string, std::string>& m) {
  items.assign(m.begin(), m.end());
}

void cognito_attributes::load(const std::vector<cognito::Attribute>& v) {
  items.clear();
  for (const auto& a : v) set(a.name, a.value.value_or(std::string()));
}

std::map<std::string, std::string> cognito_attributes::to_map() const { return {items.begin(), items.end()}; }

std::vector<cognito::Attribute> cognito_attributes::to_list() const {
  std::vector<cognito::Attribute> out;
  out.reserve(items.size());
  for (const auto& kv : items) out.push_back(cognito::Attribute{kv.first, kv.second});
  return out;
}

// ==================================================================================
//  extern "C"
// ==================================================================================

using capi::guard;
using capi::guard_get;

extern "C" {

// ---- version -------------------------------------------------------------------

unsigned cognito_version_num(void) { return static_cast<unsigned>(COGNITO_VERSION_NUM); }

const char* cognito_version_string(void) { return COGNITO_VERSION_STRING; }

unsigned cognito_abi_version(void) { return static_cast<unsigned>(COGNITO_ABI_VERSION); }

int cognito_check_version(unsigned header_version) {
  const unsigned lib = cognito_version_num();
  if ((header_version >> 16) != (lib >> 16) || header_version > lib) return COGNITO_E_UNSUPPORTED;
  return COGNITO_OK;
}

// ---- status codes ----------------------------------------------------------------

const char* cognito_strerror(int code) {
  using cognito::ErrorCode;
  switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::Ok: return "no error";
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::InvalidState: return "not allowed in the current state";
    case ErrorCode::BufferTooSmall: return "output buffer too small";
    case ErrorCode::Unsupported: return "not supported";
    case ErrorCode::InsecureUrl: return "refusing plain http:// to a non-loopback host";
    case ErrorCode::Transport: return "transport failure";
    case ErrorCode::Dns: return "host name could not be resolved";
    case ErrorCode::Connect: return "could not connect";
    case ErrorCode::Tls: return "TLS handshake or certificate verification failed";
    case ErrorCode::Timeout: return "timed out";
    case ErrorCode::ConnectionReset: return "connection reset";
    case ErrorCode::BodyTooLarge: return "response body exceeds the size cap";
    case ErrorCode::HttpStatus: return "unexpected HTTP status";
    case ErrorCode::Cancelled: return "the call was cancelled";
    case ErrorCode::ServiceUnknown: return "Cognito service error (unknown exception)";
    case ErrorCode::MalformedResponse: return "malformed response (not a JSON object)";
    case ErrorCode::MissingField: return "response lacks a required member";
    case ErrorCode::WrongType: return "response member has the wrong type";
    case ErrorCode::UnexpectedResponse: return "unexpected response";
    case ErrorCode::Crypto: return "cryptographic operation failed";
    case ErrorCode::Random: return "random number generator failed";
    case ErrorCode::SrpBadServerValue: return "malformed or unsafe SRP value from the server";
    case ErrorCode::TokenInvalid: return "invalid token";
    case ErrorCode::Callback: return "a callback reported failure";
    case ErrorCode::OutOfMemory: return "out of memory";
    case ErrorCode::Internal: return "internal error";
    default: break;
  }
  if (code <= -300 && code > -600) {
    // Known service exceptions: "Cognito service error: NotAuthorizedException".
    static const auto* texts = guard_get<const std::vector<std::string>*>(nullptr, [] {
      auto* v = new std::vector<std::string>(300);
      for (int i = 0; i < 300; ++i) {
        const auto name = cognito::service_exception_name(static_cast<cognito::ErrorCode>(-300 - i));
        if (!name.empty()) (*v)[static_cast<std::size_t>(i)] = "Cognito service error: " + std::string(name);
      }
      return v;
    });
    if (texts != nullptr && !(*texts)[static_cast<std::size_t>(-300 - code)].empty())
      return (*texts)[static_cast<std::size_t>(-300 - code)].c_str();
    return "Cognito service error";
  }
  if (code > 0) return "not a status code";
  switch (code / 100) {
    case -1: return "usage error";
    case -2: return "transport error";
    case -6: return "protocol error";
    case -7: return "cryptographic error";
    case -8: return "callback error";
    case -9: return "fatal error";
    default: return "unknown error";
  }
}

const char* cognito_error_name(int code) {
  // error_code_name() views string literals: NUL-terminated.
  return cognito::error_code_name(static_cast<cognito::ErrorCode>(code)).data();
}

int cognito_is_fatal(int code) { return code <= COGNITO_E_NOMEM ? 1 : 0; }

void cognito_string_free(char* str) {
  if (str == nullptr) return;
  unsigned char* block = reinterpret_cast<unsigned char*>(str) - sizeof(capi::StringHeader);
  capi::StringHeader h;
  std::memcpy(&h, block, sizeof h);
  if (h.magic != capi::kStringMagic) return;  // not ours: leak rather than corrupt
  cognito::secure_wipe(block, sizeof h + static_cast<std::size_t>(h.size));
  std::free(block);
}

// ---- attribute lists ------------------------------------------------------------------

int cognito_attributes_new(cognito_attributes** out) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  return guard(nullptr, [&]() -> int {
    *out = new cognito_attributes();
    return COGNITO_OK;
  });
}

void cognito_attributes_free(cognito_attributes* attributes) { delete attributes; }

int cognito_attributes_set(cognito_attributes* attributes, const char* name, const char* value) {
  if (attributes == nullptr || !capi::valid_text(name) || name[0] == '\0' || value == nullptr ||
      !capi::valid_utf8(value, std::strlen(value)))
    return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    attributes->set(name, value);
    return COGNITO_OK;
  });
}

size_t cognito_attributes_count(const cognito_attributes* attributes) {
  return attributes == nullptr ? 0 : attributes->items.size();
}

const char* cognito_attributes_name(const cognito_attributes* attributes, size_t index) {
  if (attributes == nullptr || index >= attributes->items.size()) return nullptr;
  return attributes->items[index].first.c_str();
}

const char* cognito_attributes_value(const cognito_attributes* attributes, size_t index) {
  if (attributes == nullptr || index >= attributes->items.size()) return nullptr;
  return attributes->items[index].second.c_str();
}

const char* cognito_attributes_get(const cognito_attributes* attributes, const char* name) {
  if (attributes == nullptr || name == nullptr) return nullptr;
  const std::string* v = attributes->get(name);
  return v == nullptr ? nullptr : v->c_str();
}

// ---- HTTP requests (borrowed views) ----------------------------------------------------

const char* cognito_http_request_method(const cognito_http_request* request) {
  if (request == nullptr || request->request == nullptr) return nullptr;
  return request->request->method.c_str();
}

const char* cognito_http_request_url(const cognito_http_request* request) {
  if (request == nullptr || request->request == nullptr) return nullptr;
  return request->request->url.c_str();
}

size_t cognito_http_request_header_count(const cognito_http_request* request) {
  if (request == nullptr || request->request == nullptr) return 0;
  return request->request->headers.items.size();
}

const char* cognito_http_request_header_name(const cognito_http_request* request, size_t index) {
  if (request == nullptr || request->request == nullptr || index >= request->request->headers.items.size())
    return nullptr;
  return request->request->headers.items[index].first.c_str();
}

const char* cognito_http_request_header_value(const cognito_http_request* request, size_t index) {
  if (request == nullptr || request->request == nullptr || index >= request->request->headers.items.size())
    return nullptr;
  return request->request->headers.items[index].second.c_str();
}

const char* cognito_http_request_header(const cognito_http_request* request, const char* name) {
  if (request == nullptr || request->request == nullptr || name == nullptr) return nullptr;
  const std::string* v = request->request->headers.find(name);
  return v == nullptr ? nullptr : v->c_str();
}

int cognito_http_request_body(const cognito_http_request* request, const uint8_t** body, size_t* body_len) {
  if (body != nullptr) *body = nullptr;
  if (body_len != nullptr) *body_len = 0;
  if (request == nullptr || request->request == nullptr || body == nullptr || body_len == nullptr)
    return COGNITO_E_INVALID_ARG;
  *body = reinterpret_cast<const uint8_t*>(request->request->body.data());
  *body_len = request->request->body.size();
  return COGNITO_OK;
}

int64_t cognito_http_request_timeout_ms(const cognito_http_request* request) {
  return request == nullptr ? 0 : request->timeout_ms;
}

int cognito_http_request_cancelled(const cognito_http_request* request) {
  if (request == nullptr) return COGNITO_E_INVALID_ARG;
  return request->cancelled != nullptr && request->cancelled->load() ? 1 : 0;
}

// ---- HTTP responses --------------------------------------------------------------------

int cognito_http_response_new(cognito_http_response** out) {
  if (out == nullptr) return COGNITO_E_INVALID_ARG;
  *out = nullptr;
  return guard(nullptr, [&]() -> int {
    *out = new cognito_http_response();
    return COGNITO_OK;
  });
}

void cognito_http_response_free(cognito_http_response* response) { delete response; }

int cognito_http_response_reset(cognito_http_response* response) {
  if (response == nullptr) return COGNITO_E_INVALID_ARG;
  response->response.status = 0;
  response->response.headers.items.clear();
  response->response.body.clear();
  return COGNITO_OK;
}

int cognito_http_response_set_status(cognito_http_response* response, int status) {
  if (response == nullptr || status < 100 || status > 599) return COGNITO_E_INVALID_ARG;
  response->response.status = status;
  return COGNITO_OK;
}

int cognito_http_response_add_header(cognito_http_response* response, const char* name, const char* value) {
  if (response == nullptr || !capi::valid_text(name) || name[0] == '\0' || value == nullptr) return COGNITO_E_INVALID_ARG;
  for (const char* p = value; *p != '\0'; ++p)
    if (*p == '\r' || *p == '\n') return COGNITO_E_INVALID_ARG;
  return guard(nullptr, [&]() -> int {
    response->response.headers.add(name, value);
    return COGNITO_OK;
  });
}

int cognito_http_response_append_body(cognito_http_response* response, const void* data, size_t data_len) {
  if (response == nullptr || (data == nullptr && data_len != 0)) return COGNITO_E_INVALID_ARG;
  if (response->body_too_large || data_len > response->max_body - response->response.body.size()) {
    response->body_too_large = true;
    response->response.body.clear();  // wiped: the answer is refused as a whole
    return COGNITO_E_BODY_TOO_LARGE;
  }
  return guard(nullptr, [&]() -> int {
    response->response.body.append(data, data_len);
    return COGNITO_OK;
  });
}

}  // extern "C"
