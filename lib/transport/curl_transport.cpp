// libcognito — the libcurl Transport.
//
// This is the only file of the project that includes <curl/curl.h>.
//
// Design
//  * One easy handle per transport, reused for every request: libcurl keeps
//    the connection (and its TLS session) in the handle's connection cache,
//    so consecutive requests to the same host travel over one keep-alive
//    connection (HTTP/1.1) or one HTTP/2 connection when the server offers h2
//    over TLS. connections_opened() sums CURLINFO_NUM_CONNECTS per transfer.
//  * Options that never change are set once in create(); the per-request ones
//    (URL, method, body, headers, timeout, proxy) are set on every call and
//    the pointers into the caller's request are cleared afterwards.
//  * The URL is parsed with curl's URL API before anything is sent; the same
//    parsed handle is then given to curl (CURLOPT_CURLU), so the policy check
//    and the transfer cannot disagree about the host. Plain http:// to a host
//    that is not loopback is refused here, before DNS or any other traffic.
//  * The response body is written straight into a SecretString; the write
//    callback aborts the transfer as soon as the size cap would be exceeded
//    (and CURLOPT_MAXFILESIZE_LARGE rejects a too large Content-Length before
//    the first body byte). Response headers are collected per header block:
//    every status line (1xx, proxy CONNECT, final) starts a new block, so
//    only the final response's headers are returned.
//  * No retries, no redirects, no verbose/debug output (bodies carry secrets).
//  * Cancellation (round_trip_cancellable): the progress callback returns
//    non-zero once the caller's flag is set, and curl aborts the transfer.
#include "cognito/curl_transport.hpp"

#include <curl/curl.h>

#if defined(_WIN32)
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#endif

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "cognito/version.hpp"

namespace cognito {

namespace {

/// Total bytes of response header lines accepted per transfer (all header
/// blocks together); more fails with BodyTooLarge.
constexpr std::size_t kMaxHeaderBytes = 256u * 1024u;

// ---- process-wide initialisation -------------------------------------------

std::once_flag g_init_once;
CURLcode g_init_rc = CURLE_OK;

/// curl_global_init exactly once, thread-safely. Never cleaned up: other code
/// in the process (or static destructors) may still use libcurl at exit.
CURLcode global_init() {
  std::call_once(g_init_once, [] { g_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return g_init_rc;
}

// ---- small helpers -----------------------------------------------------------

struct CurlFree {
  void operator()(char* p) const noexcept { curl_free(p); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

struct UrlFree {
  void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlFree>;

struct SlistFree {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// RFC 9110 token characters (header names).
bool is_token_char(char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool valid_header_name(std::string_view n) noexcept {
  return !n.empty() && std::all_of(n.begin(), n.end(), is_token_char);
}

/// Header values and the User-Agent suffix: no CR, LF, NUL (header injection).
bool valid_header_value(std::string_view v) noexcept {
  return v.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool valid_method(std::string_view m) noexcept {
  return !m.empty() && m.size() <= 32 &&
         std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

/// Headers the transport manages itself; the caller's values are dropped.
/// (Content-Length/Transfer-Encoding come from the body, Expect is never sent,
/// Connection is connection-specific and forbidden in HTTP/2.)
bool managed_header(std::string_view n) noexcept {
  return iequals(n, "Content-Length") || iequals(n, "Transfer-Encoding") || iequals(n, "Expect") ||
         iequals(n, "Connection");
}

/// True for hosts that are loopback: localhost, 127.0.0.0/8, ::1 (and the
/// IPv4-mapped ::ffff:127.0.0.0/104). `host` is as curl_url returns it:
/// IPv4 literals normalised to dotted quad, IPv6 literals in brackets.
bool is_loopback_host(std::string_view host) {
  if (iequals(host, "localhost")) return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    std::string inner(host.substr(1, host.size() - 2));
    in6_addr a6{};
    if (inet_pton(AF_INET6, inner.c_str(), &a6) != 1) return false;
    static const unsigned char loop6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    const auto* b = reinterpret_cast<const unsigned char*>(&a6);
    if (std::memcmp(b, loop6, 16) == 0) return true;
    return std::memcmp(b, mapped_prefix, 12) == 0 && b[12] == 127;
  }
  std::string h(host);
  in_addr a4{};
  if (inet_pton(AF_INET, h.c_str(), &a4) != 1) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(&a4);
  return b[0] == 127;
}

long clamp_ms(std::chrono::milliseconds ms) noexcept {
  const std::int64_t c = ms.count();
  if (c <= 0) return 0;
  if (c > static_cast<std::int64_t>(LONG_MAX)) return LONG_MAX;
  return static_cast<long>(c);
}

}  // namespace

// ---- Impl ----------------------------------------------------------------------

struct CurlTransport::Impl {
  CurlTransportOptions opts;
  std::string user_agent;
  CURL* easy = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
  std::atomic<long> connections{0};
  std::atomic<bool> busy{false};

  // State of the transfer in progress (reset by every round_trip).
  HttpResponse resp;
  std::size_t header_bytes = 0;
  bool body_started = false;
  bool cap_exceeded = false;
  bool headers_exceeded = false;
  bool out_of_memory = false;  // a callback could not allocate
  const std::atomic<bool>* cancelled = nullptr;  // the caller's cancel flag, during a transfer

  ~Impl() {
    if (easy != nullptr) curl_easy_cleanup(easy);
  }

  void reset_transfer() {
    resp = HttpResponse{};
    header_bytes = 0;
    body_started = false;
    cap_exceeded = false;
    headers_exceeded = false;
    out_of_memory = false;
    errbuf[0] = '\0';
  }

  // The callbacks run inside libcurl's C frames: nothing may propagate out.
  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self_p) noexcept {
    auto* self = static_cast<Impl*>(self_p);
    try {
      return self->header_line(std::string_view(data, size * n));
    } catch (...) {
      self->out_of_memory = true;
      return CURL_WRITEFUNC_ERROR;
    }
  }

  /// libcurl's progress callback: non-zero aborts the transfer
  /// (CURLE_ABORTED_BY_CALLBACK) once the caller cancelled.
  static int on_progress(void* self_p, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
    const auto* self = static_cast<const Impl*>(self_p);
    return self->cancelled != nullptr && self->cancelled->load() ? 1 : 0;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self_p) noexcept {
    auto* self = static_cast<Impl*>(self_p);
    try {
      return self->body_bytes(data, size * n);
    } catch (...) {
      self->out_of_memory = true;
      return CURL_WRITEFUNC_ERROR;
    }
  }

  std::size_t header_line(std::string_view line) {
    const std::size_t len = line.size();
    header_bytes += len;
    if (header_bytes > kMaxHeaderBytes) {
      headers_exceeded = true;
      return CURL_WRITEFUNC_ERROR;
    }
    if (line.size() >= 5 && line.compare(0, 5, "HTTP/") == 0) {
      // A new header block (1xx, proxy CONNECT answer, or the final response):
      // forget everything seen so far.
      resp.headers.items.clear();
      resp.body.clear();
      body_started = false;
      return len;
    }
    if (body_started) return len;  // trailers: not part of the headers
    const std::string_view t = trim(line);
    if (t.empty()) return len;  // end of a header block
    auto& items = resp.headers.items;
    if ((line.front() == ' ' || line.front() == '\t') && !items.empty()) {
      // obsolete line folding: continuation of the previous value
      items.back().second.push_back(' ');
      items.back().second.append(t);
      return len;
    }
    const auto colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0) return len;  // not a header: ignore
    resp.headers.add(std::string(trim(t.substr(0, colon))), std::string(trim(t.substr(colon + 1))));
    return len;
  }

  std::size_t body_bytes(const char* data, std::size_t len) {
    const std::size_t cap = opts.max_response_bytes;
    if (!body_started) {
      body_started = true;
      curl_off_t cl = -1;
      if (curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK && cl > 0) {
        if (static_cast<std::uint64_t>(cl) > cap) {
          cap_exceeded = true;
          return CURL_WRITEFUNC_ERROR;
        }
        resp.body.reserve(static_cast<std::size_t>(cl));
      }
    }
    if (len > cap - resp.body.size()) {  // body.size() <= cap always holds here
      cap_exceeded = true;
      return CURL_WRITEFUNC_ERROR;
    }
    resp.body.append(data, len);
    return len;
  }

  Error curl_error(CURLcode rc) const {
    std::string text = errbuf[0] != '\0' ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    ErrorCode code = ErrorCode::Transport;
    switch (rc) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        code = ErrorCode::Dns;
        break;
      case CURLE_COULDNT_CONNECT:
        code = ErrorCode::Connect;
        break;
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_ENGINE_NOTFOUND:
      case CURLE_SSL_ENGINE_SETFAILED:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_USE_SSL_FAILED:
      case CURLE_SSL_ENGINE_INITFAILED:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_SHUTDOWN_FAILED:
      case CURLE_SSL_CRL_BADFILE:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      case CURLE_SSL_INVALIDCERTSTATUS:
      case CURLE_SSL_CLIENTCERT:
        code = ErrorCode::Tls;
        break;
      case CURLE_OPERATION_TIMEDOUT:
        code = ErrorCode::Timeout;
        break;
      case CURLE_RECV_ERROR:
      case CURLE_SEND_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
      case CURLE_HTTP2:
      case CURLE_HTTP2_STREAM:
      case CURLE_HTTP3:
        code = ErrorCode::ConnectionReset;
        break;
      case CURLE_FILESIZE_EXCEEDED:
        code = ErrorCode::BodyTooLarge;
        text = "response body exceeds " + std::to_string(opts.max_response_bytes) + " bytes";
        break;
      case CURLE_WRITE_ERROR:
        if (cap_exceeded) {
          code = ErrorCode::BodyTooLarge;
          text = "response body exceeds " + std::to_string(opts.max_response_bytes) + " bytes";
        } else if (headers_exceeded) {
          code = ErrorCode::BodyTooLarge;
          text = "response headers exceed " + std::to_string(kMaxHeaderBytes) + " bytes";
        } else if (out_of_memory) {
          code = ErrorCode::OutOfMemory;
          text = "out of memory while receiving the response";
        }
        break;
      case CURLE_URL_MALFORMAT:
        code = ErrorCode::InvalidArgument;
        break;
      case CURLE_ABORTED_BY_CALLBACK:
        code = ErrorCode::Cancelled;
        text = "the call was cancelled";
        break;
      default:
        break;
    }
    return Error(code, "curl: " + text);
  }
};

// ---- CurlTransport -------------------------------------------------------------

Result<std::unique_ptr<CurlTransport>> CurlTransport::create(CurlTransportOptions opts) {
  if (opts.max_response_bytes == 0) return fail(ErrorCode::InvalidArgument, "max_response_bytes must be > 0");
  if (opts.connect_timeout.count() < 0 || opts.total_timeout.count() < 0)
    return fail(ErrorCode::InvalidArgument, "timeouts must not be negative");
  if (!valid_header_value(opts.user_agent_suffix))
    return fail(ErrorCode::InvalidArgument, "user_agent_suffix contains a line break");
  for (const std::string* s : {&opts.ca_file, &opts.ca_path, &opts.proxy})
    if (s->find('\0') != std::string::npos) return fail(ErrorCode::InvalidArgument, "option contains a NUL byte");

  if (const CURLcode rc = global_init(); rc != CURLE_OK)
    return fail(ErrorCode::Transport, std::string("curl_global_init failed: ") + curl_easy_strerror(rc));

  auto impl = std::make_unique<Impl>();
  impl->opts = std::move(opts);
  impl->user_agent = std::string("libcognito/") + COGNITO_VERSION_STRING;
  if (!impl->opts.user_agent_suffix.empty()) impl->user_agent += " " + impl->opts.user_agent_suffix;

  impl->easy = curl_easy_init();
  if (impl->easy == nullptr) return fail(ErrorCode::Transport, "curl_easy_init failed");
  CURL* e = impl->easy;
  Impl* raw = impl.get();

  // Options whose failure would weaken security or break the contract.
  struct Must {
    CURLcode rc;
    const char* what;
  };
  const Must musts[] = {
      {curl_easy_setopt(e, CURLOPT_ERRORBUFFER, raw->errbuf), "CURLOPT_ERRORBUFFER"},
      {curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::on_body), "CURLOPT_WRITEFUNCTION"},
      {curl_easy_setopt(e, CURLOPT_WRITEDATA, raw), "CURLOPT_WRITEDATA"},
      {curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::on_header), "CURLOPT_HEADERFUNCTION"},
      {curl_easy_setopt(e, CURLOPT_HEADERDATA, raw), "CURLOPT_HEADERDATA"},
      {curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"), "CURLOPT_PROTOCOLS_STR"},
      {curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "CURLOPT_REDIR_PROTOCOLS_STR"},
      {curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L), "CURLOPT_FOLLOWLOCATION"},
      {curl_easy_setopt(e, CURLOPT_VERBOSE, 0L), "CURLOPT_VERBOSE"},
      {curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L), "CURLOPT_NOSIGNAL"},
      {curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &Impl::on_progress), "CURLOPT_XFERINFOFUNCTION"},
      {curl_easy_setopt(e, CURLOPT_XFERINFODATA, raw), "CURLOPT_XFERINFODATA"},
      {curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L), "CURLOPT_NOPROGRESS"},  // for cancellation
      {curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, raw->opts.insecure_skip_tls_verify ? 0L : 1L),
       "CURLOPT_SSL_VERIFYPEER"},
      {curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, raw->opts.insecure_skip_tls_verify ? 0L : 2L),
       "CURLOPT_SSL_VERIFYHOST"},
      {curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYPEER, 1L), "CURLOPT_PROXY_SSL_VERIFYPEER"},
      {curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYHOST, 2L), "CURLOPT_PROXY_SSL_VERIFYHOST"},
      {curl_easy_setopt(e, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)), "CURLOPT_SSLVERSION"},
      {curl_easy_setopt(e, CURLOPT_USERAGENT, raw->user_agent.c_str()), "CURLOPT_USERAGENT"},
      {curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(std::min<std::uint64_t>(
                                                          raw->opts.max_response_bytes, INT64_MAX))),
       "CURLOPT_MAXFILESIZE_LARGE"},
      {curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L), "CURLOPT_SUPPRESS_CONNECT_HEADERS"},
      {curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, clamp_ms(raw->opts.connect_timeout)),
       "CURLOPT_CONNECTTIMEOUT_MS"},
      {raw->opts.ca_file.empty() ? CURLE_OK : curl_easy_setopt(e, CURLOPT_CAINFO, raw->opts.ca_file.c_str()),
       "CURLOPT_CAINFO"},
      {raw->opts.ca_path.empty() ? CURLE_OK : curl_easy_setopt(e, CURLOPT_CAPATH, raw->opts.ca_path.c_str()),
       "CURLOPT_CAPATH"},
  };
  for (const Must& m : musts) {
    if (m.rc != CURLE_OK)
      return fail(ErrorCode::Unsupported,
                  std::string("libcurl refused ") + m.what + ": " + curl_easy_strerror(m.rc));
  }
  // Best effort: HTTP/2 needs a libcurl built with nghttp2; HTTP/1.1 otherwise.
  (void)curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  (void)curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);

  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(impl)));
}

CurlTransport::CurlTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CurlTransport::~CurlTransport() = default;

long CurlTransport::connections_opened() const noexcept { return impl_->connections.load(); }

Result<HttpResponse> CurlTransport::round_trip(const HttpRequest& req, std::chrono::milliseconds timeout) {
  static const std::atomic<bool> never{false};
  return round_trip_cancellable(req, timeout, never);
}

Result<HttpResponse> CurlTransport::round_trip_cancellable(const HttpRequest& req, std::chrono::milliseconds timeout,
                                                           const std::atomic<bool>& cancelled) {
  Impl& im = *impl_;
  if (im.busy.exchange(true)) return fail(ErrorCode::InvalidState, "CurlTransport used by two threads at once");
  struct Release {
    std::atomic<bool>& flag;
    ~Release() { flag.store(false); }
  } release{im.busy};

  // ---- validate everything before any traffic --------------------------------
  if (req.url.find('\0') != std::string::npos) return fail(ErrorCode::InvalidArgument, "URL contains a NUL byte");
  UrlHandle url(curl_url());
  if (!url) return fail(ErrorCode::OutOfMemory, "curl_url failed");
  if (const CURLUcode uc = curl_url_set(url.get(), CURLUPART_URL, req.url.c_str(), 0); uc != CURLUE_OK)
    return fail(ErrorCode::InvalidArgument, std::string("invalid URL: ") + curl_url_strerror(uc));
  std::string scheme;
  {
    char* p = nullptr;
    if (curl_url_get(url.get(), CURLUPART_SCHEME, &p, 0) != CURLUE_OK || p == nullptr)
      return fail(ErrorCode::InvalidArgument, "invalid URL: no scheme");
    scheme.assign(CurlString(p).get());
  }
  const bool https = iequals(scheme, "https");
  if (!https && !iequals(scheme, "http"))
    return fail(ErrorCode::InvalidArgument, "unsupported URL scheme '" + scheme + "' (only http and https)");
  std::string host;
  {
    char* p = nullptr;
    if (curl_url_get(url.get(), CURLUPART_HOST, &p, 0) != CURLUE_OK || p == nullptr)
      return fail(ErrorCode::InvalidArgument, "invalid URL: no host");
    host.assign(CurlString(p).get());
  }
  if (host.empty()) return fail(ErrorCode::InvalidArgument, "invalid URL: empty host");
  const bool loopback = is_loopback_host(host);
  if (!https && !loopback && !im.opts.allow_insecure_http)
    return fail(ErrorCode::InsecureUrl,
                "refusing plain http:// to non-loopback host " + host + " (use https, or set allow_insecure_http)");

  if (!valid_method(req.method)) return fail(ErrorCode::InvalidArgument, "invalid HTTP method");
  const bool is_get = req.method == "GET";
  const bool is_head = req.method == "HEAD";
  if ((is_get || is_head) && !req.body.empty())
    return fail(ErrorCode::InvalidArgument, req.method + " request with a body");

  Slist headers;
  {
    curl_slist* list = curl_slist_append(nullptr, "Expect:");  // never Expect: 100-continue
    if (list == nullptr) return fail(ErrorCode::OutOfMemory, "curl_slist_append failed");
    headers.reset(list);
  }
  bool has_content_type = false;
  for (const Header& h : req.headers.items) {
    if (!valid_header_name(h.first) || !valid_header_value(h.second))
      return fail(ErrorCode::InvalidArgument, "invalid request header '" + h.first + "'");
    if (managed_header(h.first)) continue;
    has_content_type = has_content_type || iequals(h.first, "Content-Type");
    // "Name;" is curl's way to send a header with an empty value ("Name:" would remove it).
    std::string line = h.second.empty() ? h.first + ";" : h.first + ": " + h.second;
    if (curl_slist_append(headers.get(), line.c_str()) == nullptr)
      return fail(ErrorCode::OutOfMemory, "curl_slist_append failed");
  }

  // Without this curl would label a body application/x-www-form-urlencoded.
  if (!has_content_type && curl_slist_append(headers.get(), "Content-Type:") == nullptr)
    return fail(ErrorCode::OutOfMemory, "curl_slist_append failed");

  if (timeout.count() <= 0) return fail(ErrorCode::Timeout, "deadline passed before the request was sent");
  std::chrono::milliseconds total = timeout;
  if (im.opts.total_timeout.count() > 0) total = std::min(total, im.opts.total_timeout);

  // ---- per-request options --------------------------------------------------------
  CURL* e = im.easy;
  im.reset_transfer();
  CURLcode rc = curl_easy_setopt(e, CURLOPT_CURLU, url.get());
  if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr));
  if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_NOBODY, 0L);
  if (is_get) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else if (is_head) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else {
    // The body is sent straight from the request's SecretString (no copy).
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_POST, 1L);
    if (rc == CURLE_OK)
      rc = curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_POSTFIELDS, req.body.data());
    if (rc == CURLE_OK && req.method != "POST") rc = curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  if (rc == CURLE_OK) rc = curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, clamp_ms(total));
  if (rc == CURLE_OK) {
    // A loopback host is never reached through a proxy (the proxy's loopback
    // is another machine's); "" disables the environment's proxy too.
    const char* proxy = loopback ? "" : (im.opts.proxy.empty() ? nullptr : im.opts.proxy.c_str());
    rc = curl_easy_setopt(e, CURLOPT_PROXY, proxy);
  }

  im.cancelled = &cancelled;
  if (rc == CURLE_OK && cancelled.load()) rc = CURLE_ABORTED_BY_CALLBACK;  // nothing sent
  if (rc == CURLE_OK) rc = curl_easy_perform(e);
  im.cancelled = nullptr;

  long conns = 0;
  if (curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &conns) == CURLE_OK && conns > 0) im.connections += conns;
  long status = 0;
  (void)curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);

  // Drop every pointer into `req` and the locals before they go away.
  (void)curl_easy_setopt(e, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  (void)curl_easy_setopt(e, CURLOPT_CURLU, static_cast<CURLU*>(nullptr));
  (void)curl_easy_setopt(e, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
  (void)curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr));

  if (rc != CURLE_OK) {
    Error err = im.curl_error(rc);
    im.resp = HttpResponse{};  // wipes a partial body
    return err;
  }
  if (status <= 0) {
    im.resp = HttpResponse{};
    return fail(ErrorCode::Transport, "no HTTP status in the response");
  }
  HttpResponse out = std::move(im.resp);
  im.resp = HttpResponse{};
  out.status = static_cast<int>(status);
  return out;
}

}  // namespace cognito
