// CurlTransport: keep-alive, timeouts, size cap, resets, URL policy, TLS, DNS,
// headers. Every test talks only to the in-process loopback server; the DNS
// cases use names that fail inside the local resolver without a query.
// Test names must not contain ';' (doctest_discover_tests splits on it).
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cognito/curl_transport.hpp"
#include "cognito/version.hpp"
#include "loopback_server.hpp"
#include "tls_identity.hpp"

using namespace cognito;
using namespace cognito::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<CurlTransport> make_transport(CurlTransportOptions o = {}) {
  auto r = CurlTransport::create(std::move(o));
  REQUIRE(r.has_value());
  return std::move(r).value();
}

HttpRequest cognito_post(std::string url, std::string_view body = "{}") {
  HttpRequest req;
  req.method = "POST";
  req.url = std::move(url);
  req.headers.add("Content-Type", "application/x-amz-json-1.1");
  req.headers.add("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
  req.body = SecretString(body);
  return req;
}

LoopbackServer::Handler answer(int status, std::string body,
                               std::vector<std::pair<std::string, std::string>> headers = {}) {
  return [status, body = std::move(body), headers = std::move(headers)](const ReceivedRequest&, std::size_t) {
    return Reply{http_response(status, body, headers)};
  };
}

struct Stopwatch {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  [[nodiscard]] std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  }
};

std::string code_name(const Result<HttpResponse>& r) {
  return r ? std::string("ok") : std::string(error_code_name(r.error().code)) + ": " + r.error().message;
}

/// Evaluates `res` once; requires it to be an error with code `expected`.
#define REQUIRE_CODE(res, expected)                     \
  do {                                                  \
    const auto& res_once_ = (res);                      \
    const std::string res_text_ = code_name(res_once_); \
    INFO("result: " << res_text_);                      \
    REQUIRE_FALSE(res_once_.has_value());               \
    CHECK(res_once_.error().code == (expected));        \
  } while (0)

const std::string kUserAgent = std::string("libcognito/") + COGNITO_VERSION_STRING;

/// A host name that cannot be resolved and fails inside the local resolver
/// (a 64-character label is not a valid DNS name, so no query leaves the
/// machine), under the reserved .invalid TLD for good measure.
const std::string kUnresolvable = std::string(64, 'a') + ".invalid";

}  // namespace

// ---- keep-alive -------------------------------------------------------------------

TEST_CASE("keep-alive: 20 requests over one transport use one connection") {
  LoopbackServer server(answer(200, R"({"ok":true})"));
  auto t = make_transport();
  for (int i = 0; i < 20; ++i) {
    auto r = t->round_trip(cognito_post(server.url(), "{\"i\":" + std::to_string(i) + "}"), 5s);
    INFO("call " << i << ": " << code_name(r));
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->body.reveal() == R"({"ok":true})");
  }
  CHECK(server.accepts() == 1);
  CHECK(server.request_count() == 20);
  CHECK(t->connections_opened() == 1);
  const auto reqs = server.requests();
  CHECK(reqs.back().body == "{\"i\":19}");
  CHECK(reqs.back().connection == 0);
}

TEST_CASE("keep-alive: a server that closes after each answer costs one connection per call") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{http_response(200, "{}", {{"Connection", "close"}}), true};
  });
  auto t = make_transport();
  for (int i = 0; i < 3; ++i) REQUIRE(t->round_trip(cognito_post(server.url()), 5s).has_value());
  CHECK(server.accepts() == 3);
  CHECK(t->connections_opened() == 3);
}

// ---- request and response headers ---------------------------------------------------

TEST_CASE("headers: request headers, body and default User-Agent reach the server, no Expect") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url(), R"({"AuthFlow":"USER_SRP_AUTH"})"), 5s);
  REQUIRE(r.has_value());
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  const ReceivedRequest& q = reqs[0];
  CHECK(q.method == "POST");
  CHECK(q.target == "/");
  CHECK(q.version == "HTTP/1.1");
  REQUIRE(q.header("x-amz-target") != nullptr);
  CHECK(*q.header("X-Amz-Target") == "AWSCognitoIdentityProviderService.InitiateAuth");
  REQUIRE(q.header("content-type") != nullptr);
  CHECK(*q.header("Content-Type") == "application/x-amz-json-1.1");
  REQUIRE(q.header("User-Agent") != nullptr);
  CHECK(*q.header("User-Agent") == kUserAgent);
  CHECK(q.header("Expect") == nullptr);
  CHECK(q.header("Host") != nullptr);
  REQUIRE(q.header("Content-Length") != nullptr);
  CHECK(*q.header("Content-Length") == "28");
  CHECK(q.body == R"({"AuthFlow":"USER_SRP_AUTH"})");
}

TEST_CASE("headers: User-Agent carries the application suffix after a space") {
  LoopbackServer server(answer(200, "{}"));
  CurlTransportOptions o;
  o.user_agent_suffix = "myapp/1.0";
  auto t = make_transport(o);
  REQUIRE(t->round_trip(cognito_post(server.url()), 5s).has_value());
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  REQUIRE(reqs[0].header("User-Agent") != nullptr);
  CHECK(*reqs[0].header("User-Agent") == kUserAgent + " myapp/1.0");
}

TEST_CASE("headers: a 2 MiB POST body is sent whole without Expect: 100-continue") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  const std::string big(2u << 20, 'b');
  Stopwatch sw;
  auto r = t->round_trip(cognito_post(server.url(), big), 5s);
  INFO(code_name(r));
  REQUIRE(r.has_value());
  CHECK(sw.elapsed() < 900ms);  // curl would wait 1 s for a 100 Continue
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].header("Expect") == nullptr);
  CHECK(reqs[0].body.size() == big.size());
  CHECK(reqs[0].body == big);
}

TEST_CASE("headers: managed headers from the request are dropped, empty values are kept") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  HttpRequest req = cognito_post(server.url(), "{}");
  req.headers.add("Content-Length", "999");
  req.headers.add("Expect", "100-continue");
  req.headers.add("X-Empty", "");
  REQUIRE(t->round_trip(req, 5s).has_value());
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].count("Content-Length") == 1);
  CHECK(*reqs[0].header("Content-Length") == "2");
  CHECK(reqs[0].header("Expect") == nullptr);
  REQUIRE(reqs[0].header("X-Empty") != nullptr);
  CHECK(reqs[0].header("X-Empty")->empty());
}

TEST_CASE("headers: no Content-Type is invented for a request without one") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  HttpRequest req;
  req.url = server.url();
  req.body = SecretString("a=b");
  REQUIRE(t->round_trip(req, 5s).has_value());
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].method == "POST");
  CHECK(reqs[0].header("Content-Type") == nullptr);
  CHECK(reqs[0].body == "a=b");
}

TEST_CASE("headers: GET and other methods") {
  LoopbackServer server(answer(200, R"({"keys":[]})"));
  auto t = make_transport();
  HttpRequest get;
  get.method = "GET";
  get.url = server.url("/us-east-1_x/.well-known/jwks.json");
  auto r = t->round_trip(get, 5s);
  REQUIRE(r.has_value());
  CHECK(r->body.reveal() == R"({"keys":[]})");
  HttpRequest del = cognito_post(server.url("/d"), "");
  del.method = "DELETE";
  REQUIRE(t->round_trip(del, 5s).has_value());
  REQUIRE(t->round_trip(cognito_post(server.url("/p")), 5s).has_value());  // POST after GET/DELETE
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].method == "GET");
  CHECK(reqs[0].target == "/us-east-1_x/.well-known/jwks.json");
  CHECK(reqs[0].body.empty());
  CHECK(reqs[1].method == "DELETE");
  CHECK(reqs[2].method == "POST");
  CHECK(reqs[2].body == "{}");
  CHECK(server.accepts() == 1);
}

TEST_CASE("headers: response headers are readable case-insensitively, 400 and 500 are responses") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    if (i == 0)
      return Reply{http_response(400, R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})",
                                 {{"x-amzn-RequestId", "req-1"},
                                  {"X-Amzn-ErrorType", "NotAuthorizedException:"},
                                  {"Content-Type", "application/x-amz-json-1.1"}})};
    return Reply{http_response(500, R"({"__type":"InternalErrorException"})", {{"X-AMZN-REQUESTID", "req-2"}})};
  });
  auto t = make_transport();
  auto r1 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r1.has_value());
  CHECK(r1->status == 400);
  REQUIRE(r1->headers.find("X-Amzn-RequestId") != nullptr);
  CHECK(*r1->headers.find("X-Amzn-RequestId") == "req-1");
  REQUIRE(r1->headers.find("x-amzn-errortype") != nullptr);
  CHECK(*r1->headers.find("x-amzn-errortype") == "NotAuthorizedException:");
  CHECK(r1->body.reveal().find("NotAuthorizedException") != std::string_view::npos);
  auto r2 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r2.has_value());
  CHECK(r2->status == 500);
  REQUIRE(r2->headers.find("x-amzn-requestid") != nullptr);
  CHECK(*r2->headers.find("x-amzn-requestid") == "req-2");
  CHECK(r2->headers.find("X-Amzn-ErrorType") == nullptr);  // nothing left over from the first answer
}

TEST_CASE("headers: only the final header block is returned after 100 Continue") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{http_head(100, {{"X-Interim", "yes"}}) + http_response(200, "{}", {{"X-Final", "yes"}})};
  });
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  INFO(code_name(r));
  REQUIRE(r.has_value());
  CHECK(r->status == 200);
  CHECK(r->headers.find("X-Interim") == nullptr);
  REQUIRE(r->headers.find("x-final") != nullptr);
  CHECK(*r->headers.find("x-final") == "yes");
  CHECK(r->body.reveal() == "{}");
}

// ---- timeouts -------------------------------------------------------------------------

TEST_CASE("timeout: a server that never answers -> Timeout within the deadline") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) { return Reply{"", false, true}; });
  auto t = make_transport();
  Stopwatch sw;
  auto r = t->round_trip(cognito_post(server.url()), 300ms);
  const auto took = sw.elapsed();
  REQUIRE_CODE(r, ErrorCode::Timeout);
  CHECK(took >= 250ms);
  CHECK(took < 2s);
}

TEST_CASE("cancel: a transfer to a server that never answers ends with Cancelled") {
  // No timeout would end it for an hour: if the cancel flag were not
  // honoured, the test would hang until ctest's timeout.
  LoopbackServer server([](const ReceivedRequest&, std::size_t) { return Reply{"", false, true}; });
  CurlTransportOptions o;
  o.total_timeout = 0ms;
  auto t = make_transport(o);
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    while (server.request_count() == 0) std::this_thread::sleep_for(5ms);
    cancelled = true;
  });
  auto r = t->round_trip_cancellable(cognito_post(server.url()), std::chrono::hours(1), cancelled);
  canceller.join();
  REQUIRE_CODE(r, ErrorCode::Cancelled);
  // The transport stays usable.
  LoopbackServer ok(answer(200, "{}"));
  auto next = t->round_trip(cognito_post(ok.url()), 5s);
  REQUIRE(next);
  CHECK(next->status == 200);
}

TEST_CASE("cancel: a flag set before the call sends nothing") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  const std::atomic<bool> cancelled{true};
  REQUIRE_CODE(t->round_trip_cancellable(cognito_post(server.url()), 5s, cancelled), ErrorCode::Cancelled);
  CHECK(server.accepts() == 0);
}

TEST_CASE("timeout: total_timeout caps a longer caller deadline") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) { return Reply{"", false, true}; });
  CurlTransportOptions o;
  o.total_timeout = 200ms;
  auto t = make_transport(o);
  Stopwatch sw;
  auto r = t->round_trip(cognito_post(server.url()), 10s);
  REQUIRE_CODE(r, ErrorCode::Timeout);
  CHECK(sw.elapsed() < 2s);
}

TEST_CASE("timeout: a deadline already passed fails at once without traffic") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  for (auto d : {0ms, -5ms}) {
    Stopwatch sw;
    auto r = t->round_trip(cognito_post(server.url()), d);
    REQUIRE_CODE(r, ErrorCode::Timeout);
    CHECK(sw.elapsed() < 50ms);
  }
  std::this_thread::sleep_for(50ms);
  CHECK(server.accepts() == 0);
  CHECK(t->connections_opened() == 0);
}

TEST_CASE("timeout: connect timeout when the server's accept queue is full") {
  // A listener with backlog 0 that never accepts: once one connection sits in
  // its accept queue, Linux drops further SYNs, so connect() cannot finish.
  const int lfd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(lfd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(lfd, 0) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(lfd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  std::vector<int> fillers;
  for (int i = 0; i < 2; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    (void)::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    fillers.push_back(fd);
  }
  std::this_thread::sleep_for(50ms);

  CurlTransportOptions o;
  o.connect_timeout = 200ms;
  auto t = make_transport(o);
  Stopwatch sw;
  auto r = t->round_trip(cognito_post("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/"), 5s);
  const auto took = sw.elapsed();
  for (int fd : fillers) ::close(fd);
  ::close(lfd);
  REQUIRE_CODE(r, ErrorCode::Timeout);
  CHECK(took < 2s);
}

// ---- connect / DNS / TLS ----------------------------------------------------------------

TEST_CASE("connect: nobody listening -> Connect") {
  int port = 0;
  {
    // Take an ephemeral port and release it: nothing listens there afterwards.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port = ntohs(addr.sin_port);
    ::close(fd);
  }
  auto t = make_transport();
  auto r = t->round_trip(cognito_post("http://127.0.0.1:" + std::to_string(port) + "/"), 5s);
  REQUIRE_CODE(r, ErrorCode::Connect);
  CHECK(r.error().certainly_not_processed());
}

TEST_CASE("dns: an unresolvable https host -> Dns") {
  auto t = make_transport();
  Stopwatch sw;
  auto r = t->round_trip(cognito_post("https://" + kUnresolvable + "/"), 5s);
  REQUIRE_CODE(r, ErrorCode::Dns);
  CHECK(sw.elapsed() < 2s);
  CHECK(t->connections_opened() == 0);
}

TEST_CASE("tls: https to a plain-TCP loopback server -> Tls") {
  LoopbackServer server(nullptr, OnAccept::ReadSendClose,
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  auto t = make_transport();
  auto r = t->round_trip(cognito_post("https://127.0.0.1:" + std::to_string(server.port()) + "/"), 5s);
  REQUIRE_CODE(r, ErrorCode::Tls);
  CHECK(server.accepts() == 1);
}

TEST_CASE("tls: skipping verification does not make a plain-TCP server speak TLS") {
  LoopbackServer server(nullptr, OnAccept::ReadSendClose, "not tls at all\r\n");
  CurlTransportOptions o;
  o.insecure_skip_tls_verify = true;
  auto t = make_transport(o);
  auto r = t->round_trip(cognito_post("https://localhost:" + std::to_string(server.port()) + "/"), 5s);
  // localhost may try ::1 first (refused) and then 127.0.0.1 (handshake fails)
  REQUIRE_CODE(r, ErrorCode::Tls);
}

TEST_CASE("tls: a self-signed server is rejected by default (verification is on)") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  LoopbackServer server(answer(200, "{}"), OnAccept::Serve, {}, &id);
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::Tls);
  CHECK(server.request_count() == 0);
}

TEST_CASE("tls: trusted via ca_file: success, keep-alive, h2 offered by ALPN") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  TempDir dir;
  LoopbackServer server(answer(200, R"({"tls":true})", {{"x-amzn-RequestId", "tls-1"}}), OnAccept::Serve, {}, &id);
  CurlTransportOptions o;
  o.ca_file = dir.write("ca.pem", id.cert_pem());
  auto t = make_transport(o);
  for (int i = 0; i < 5; ++i) {
    auto r = t->round_trip(cognito_post(server.url()), 5s);
    INFO(code_name(r));
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->body.reveal() == R"({"tls":true})");
    CHECK(*r->headers.find("X-AMZN-REQUESTID") == "tls-1");
  }
  CHECK(server.accepts() == 1);
  CHECK(t->connections_opened() == 1);
  const auto offers = id.alpn_offers();
  REQUIRE(offers.size() == 1);
  CHECK(offers[0] == "h2,http/1.1");  // CURL_HTTP_VERSION_2TLS: HTTP/2 when the server offers it
  const auto reqs = server.requests();
  REQUIRE(reqs.size() == 5);
  CHECK(*reqs[0].header("X-Amz-Target") == "AWSCognitoIdentityProviderService.InitiateAuth");
  CHECK(reqs[0].body == "{}");
}

TEST_CASE("tls: trusted via ca_path (hashed directory)") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  TempDir dir;
  (void)dir.write(id.hashed_name(), id.cert_pem());
  LoopbackServer server(answer(200, "{}"), OnAccept::Serve, {}, &id);
  CurlTransportOptions o;
  o.ca_path = dir.path();
  auto t = make_transport(o);
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  INFO(code_name(r));
  CHECK(r.has_value());
}

TEST_CASE("tls: a trusted certificate for another host name is rejected (host verification)") {
  TlsIdentity id("DNS:other.example");
  TempDir dir;
  LoopbackServer server(answer(200, "{}"), OnAccept::Serve, {}, &id);
  CurlTransportOptions o;
  o.ca_file = dir.write("ca.pem", id.cert_pem());
  auto t = make_transport(o);
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::Tls);
  // ...but a transport that skips verification (tests only) accepts it.
  CurlTransportOptions skip;
  skip.insecure_skip_tls_verify = true;
  auto t2 = make_transport(skip);
  auto r = t2->round_trip(cognito_post(server.url()), 5s);
  INFO(code_name(r));
  CHECK(r.has_value());
}

TEST_CASE("tls: a missing ca_file is a Tls error") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  LoopbackServer server(answer(200, "{}"), OnAccept::Serve, {}, &id);
  CurlTransportOptions o;
  o.ca_file = "/nonexistent/ca.pem";
  auto t = make_transport(o);
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::Tls);
}

TEST_CASE("tls: size cap and timeout behave the same over TLS") {
  TlsIdentity id("DNS:localhost,IP:127.0.0.1");
  TempDir dir;
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    if (i == 0) return Reply{chunked_response(200, 2u << 20, 64u << 10), true};
    if (i == 1) return Reply{"", false, true};
    return Reply{http_response(200, "{}")};
  }, OnAccept::Serve, {}, &id);
  CurlTransportOptions o;
  o.ca_file = dir.write("ca.pem", id.cert_pem());
  auto t = make_transport(o);
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::BodyTooLarge);
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 300ms), ErrorCode::Timeout);
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  INFO(code_name(r));
  CHECK(r.has_value());
}

// ---- size cap ---------------------------------------------------------------------------

TEST_CASE("size cap: a 2 MiB body with Content-Length over a 1 MiB cap -> BodyTooLarge") {
  LoopbackServer server(answer(200, std::string(2u << 20, 'x')));
  auto t = make_transport();  // default cap: 1 MiB
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::BodyTooLarge);
}

TEST_CASE("size cap: a body exactly at the cap and just under it succeed") {
  constexpr std::size_t cap = 1u << 20;  // a constant: the lambda needs no capture
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    return Reply{http_response(200, std::string(i == 0 ? cap : cap - 1, 'y'))};
  });
  auto t = make_transport();
  auto r1 = t->round_trip(cognito_post(server.url()), 5s);
  INFO(code_name(r1));
  REQUIRE(r1.has_value());
  CHECK(r1->body.size() == cap);
  auto r2 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r2.has_value());
  CHECK(r2->body.size() == cap - 1);
  CHECK(server.accepts() == 1);
}

TEST_CASE("size cap: a chunked body without Content-Length over the cap -> BodyTooLarge") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{chunked_response(200, 2u << 20, 64u << 10), true};
  });
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::BodyTooLarge);
}

TEST_CASE("size cap: a chunked body under a small custom cap succeeds, one byte more fails") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    return Reply{chunked_response(200, i == 0 ? 1000 : 1001, 100)};
  });
  CurlTransportOptions o;
  o.max_response_bytes = 1000;
  auto t = make_transport(o);
  auto r1 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r1.has_value());
  CHECK(r1->body.size() == 1000);
  auto r2 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r2, ErrorCode::BodyTooLarge);
}

TEST_CASE("size cap: a too large Content-Length fails early, before the body arrives") {
  // The server announces 10 MiB, sends one byte and then stalls: the cap must
  // trip on the announcement, not after a timeout.
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{http_head(200, {{"Content-Length", std::to_string(10u << 20)}}) + "x", false, true};
  });
  auto t = make_transport();
  Stopwatch sw;
  auto r = t->round_trip(cognito_post(server.url()), 3s);
  REQUIRE_CODE(r, ErrorCode::BodyTooLarge);
  CHECK(sw.elapsed() < 1s);
}

TEST_CASE("size cap: oversized response headers -> BodyTooLarge") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i < 280; ++i) many.emplace_back("X-Filler-" + std::to_string(i), std::string(1024, 'h'));
    return Reply{http_response(200, "{}", many), true};
  });
  auto t = make_transport();
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::BodyTooLarge);
}

// ---- connection reset -------------------------------------------------------------------

TEST_CASE("reset: the server closes mid-body -> ConnectionReset") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) {
    return Reply{http_head(200, {{"Content-Length", "1000"}}) + std::string(10, 'z'), true};
  });
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::ConnectionReset);
}

TEST_CASE("reset: the server closes after reading the request -> ConnectionReset") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t) { return Reply{"", true}; });
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::ConnectionReset);
  CHECK(server.request_count() == 1);
}

TEST_CASE("reset: the server closes right after accept -> ConnectionReset") {
  LoopbackServer server(nullptr, OnAccept::Close);
  auto t = make_transport();
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::ConnectionReset);
  CHECK(server.accepts() >= 1);
}

// ---- the handle stays usable ------------------------------------------------------------

TEST_CASE("reuse: the transport works again after a timeout") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    if (i == 0) return Reply{"", false, true};
    return Reply{http_response(200, "{\"after\":\"timeout\"}")};
  });
  auto t = make_transport();
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 300ms), ErrorCode::Timeout);
  for (int i = 0; i < 3; ++i) {
    auto r = t->round_trip(cognito_post(server.url()), 5s);
    INFO(code_name(r));
    REQUIRE(r.has_value());
    CHECK(r->body.reveal() == "{\"after\":\"timeout\"}");
  }
  CHECK(server.accepts() == 2);  // the timed-out connection is not reused
  CHECK(t->connections_opened() == 2);
}

TEST_CASE("reuse: the transport works again after a reset and after BodyTooLarge") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    if (i == 0) return Reply{http_head(200, {{"Content-Length", "100"}}) + "partial", true};
    if (i == 2) return Reply{chunked_response(200, 4096, 1024)};
    return Reply{http_response(200, "{}", {{"X-Call", std::to_string(i)}})};
  });
  CurlTransportOptions o;
  o.max_response_bytes = 1024;
  auto t = make_transport(o);
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::ConnectionReset);
  auto r1 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r1.has_value());
  CHECK(*r1->headers.find("x-call") == "1");
  REQUIRE_CODE(t->round_trip(cognito_post(server.url()), 5s), ErrorCode::BodyTooLarge);
  auto r3 = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE(r3.has_value());
  CHECK(*r3->headers.find("x-call") == "3");
  CHECK(r3->body.reveal() == "{}");
}

// ---- URL policy ------------------------------------------------------------------------

TEST_CASE("url policy: plain http to a non-loopback host -> InsecureUrl, instantly, no traffic") {
  auto t = make_transport();
  for (const std::string url : {"http://example.com/", "http://10.1.2.3/", "HTTP://EXAMPLE.COM/",
                                "http://167837955/",  // 10.1.2.3 as a single number
                                "http://localhost.example.com/", "http://127.0.0.1.nip.io/", "http://[::2]/",
                                "http://[2001:db8::1]:8080/", "http://user:pw@example.com/",
                                "http:///path",  // curl reads the host "path"
                                "http://nonexistent.invalid/"}) {
    Stopwatch sw;
    auto r = t->round_trip(cognito_post(url), 5s);
    INFO("url " << url);
    REQUIRE_CODE(r, ErrorCode::InsecureUrl);  // not Dns/Connect: nothing was attempted
    CHECK(sw.elapsed() < 50ms);
  }
  CHECK(t->connections_opened() == 0);
}

TEST_CASE("url policy: allow_insecure_http lets http through to the resolver") {
  CurlTransportOptions o;
  o.allow_insecure_http = true;
  auto t = make_transport(o);
  auto r = t->round_trip(cognito_post("http://" + kUnresolvable + "/"), 5s);
  REQUIRE_CODE(r, ErrorCode::Dns);
}

TEST_CASE("url policy: plain http to loopback hosts is allowed") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  const std::string port = std::to_string(server.port());
  for (const std::string& url : {"http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/",
                                 "http://LOCALHOST:" + port + "/", "http://127.1:" + port + "/",
                                 "http://2130706433:" + port + "/"}) {
    auto r = t->round_trip(cognito_post(url), 5s);
    INFO("url " << url << ": " << code_name(r));
    CHECK(r.has_value());
  }
  // [::1] and another 127/8 address: allowed (nobody listens there: Connect, not InsecureUrl)
  for (const std::string& url : {"http://[::1]:" + port + "/", std::string("http://127.0.0.2:1/")}) {
    auto r = t->round_trip(cognito_post(url), 5s);
    INFO("url " << url << ": " << code_name(r));
    CHECK((r.has_value() || r.error().code != ErrorCode::InsecureUrl));
  }
}

TEST_CASE("url policy: schemes other than http/https and malformed URLs -> InvalidArgument") {
  auto t = make_transport();
  for (const std::string url : {"ftp://127.0.0.1/", "file:///etc/passwd", "gopher://127.0.0.1/", "example.com/",
                                "", "https://", "https:///", "https://exa mple.com/", "mailto:a@b.c",
                                "https://[::1/", "https://127.0.0.1:99999/"}) {
    auto r = t->round_trip(cognito_post(url), 5s);
    INFO("url '" << url << "'");
    REQUIRE_CODE(r, ErrorCode::InvalidArgument);
  }
  CHECK(t->connections_opened() == 0);
}

TEST_CASE("request validation: bad methods and header injection -> InvalidArgument, nothing sent") {
  LoopbackServer server(answer(200, "{}"));
  auto t = make_transport();
  HttpRequest bad_method = cognito_post(server.url());
  bad_method.method = "PO ST";
  REQUIRE_CODE(t->round_trip(bad_method, 5s), ErrorCode::InvalidArgument);
  bad_method.method = "";
  REQUIRE_CODE(t->round_trip(bad_method, 5s), ErrorCode::InvalidArgument);
  HttpRequest inject = cognito_post(server.url());
  inject.headers.add("X-Evil", "a\r\nX-Injected: 1");
  REQUIRE_CODE(t->round_trip(inject, 5s), ErrorCode::InvalidArgument);
  HttpRequest bad_name = cognito_post(server.url());
  bad_name.headers.add("Bad Name", "v");
  REQUIRE_CODE(t->round_trip(bad_name, 5s), ErrorCode::InvalidArgument);
  HttpRequest get_body = cognito_post(server.url(), "{}");
  get_body.method = "GET";
  REQUIRE_CODE(t->round_trip(get_body, 5s), ErrorCode::InvalidArgument);
  std::this_thread::sleep_for(50ms);
  CHECK(server.accepts() == 0);
}

// ---- options and threading ---------------------------------------------------------------

TEST_CASE("create: invalid options are refused") {
  CurlTransportOptions zero_cap;
  zero_cap.max_response_bytes = 0;
  CHECK(CurlTransport::create(zero_cap).error().code == ErrorCode::InvalidArgument);
  CurlTransportOptions bad_suffix;
  bad_suffix.user_agent_suffix = "app/1\r\nX-Injected: 1";
  CHECK(CurlTransport::create(bad_suffix).error().code == ErrorCode::InvalidArgument);
  CurlTransportOptions negative;
  negative.connect_timeout = -1ms;
  CHECK(CurlTransport::create(negative).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("create: many transports from many threads (curl_global_init once)") {
  LoopbackServer server(answer(200, "{}"));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = CurlTransport::create();
      if (!r) return;
      auto& t = *r;
      for (int k = 0; k < 5; ++k)
        if (t->round_trip(cognito_post(server.url()), 5s).has_value()) ++ok;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(ok == 20);
  CHECK(server.accepts() == 4);
}

TEST_CASE("threading: a second concurrent call on the same transport is refused") {
  LoopbackServer server([](const ReceivedRequest&, std::size_t i) {
    if (i == 0) return Reply{http_response(200, "{}"), false, false, 400ms};
    return Reply{http_response(200, "{}")};
  });
  auto t = make_transport();
  std::thread first([&] { CHECK(t->round_trip(cognito_post(server.url()), 5s).has_value()); });
  Stopwatch sw;
  while (server.request_count() == 0 && sw.elapsed() < 2s) std::this_thread::sleep_for(5ms);
  REQUIRE(server.request_count() == 1);
  auto r = t->round_trip(cognito_post(server.url()), 5s);
  REQUIRE_CODE(r, ErrorCode::InvalidState);
  first.join();
  CHECK(t->round_trip(cognito_post(server.url()), 5s).has_value());
}
