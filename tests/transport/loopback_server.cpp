#include "loopback_server.hpp"

#include <openssl/ssl.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "tls_identity.hpp"

namespace cognito::test {

namespace {

constexpr int kPollSliceMs = 20;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

const char* reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

struct LoopbackServer::Conn {
  int fd = -1;
  SSL* ssl = nullptr;
};

const std::string* ReceivedRequest::header(std::string_view name) const {
  for (const auto& h : headers)
    if (iequals(h.first, name)) return &h.second;
  return nullptr;
}

std::size_t ReceivedRequest::count(std::string_view name) const {
  std::size_t n = 0;
  for (const auto& h : headers)
    if (iequals(h.first, name)) ++n;
  return n;
}

std::string http_head(int status, const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
  for (const auto& h : headers) out += h.first + ": " + h.second + "\r\n";
  out += "\r\n";
  return out;
}

std::string http_response(int status, std::string_view body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
  auto all = headers;
  all.emplace_back("Content-Length", std::to_string(body.size()));
  std::string out = http_head(status, all);
  out.append(body);
  return out;
}

std::string chunked_response(int status, std::size_t total, std::size_t chunk) {
  std::string out = http_head(status, {{"Transfer-Encoding", "chunked"}});
  char size_hex[32];
  while (total > 0) {
    const std::size_t n = total < chunk ? total : chunk;
    std::snprintf(size_hex, sizeof size_hex, "%zx\r\n", n);
    out += size_hex;
    out.append(n, 'x');
    out += "\r\n";
    total -= n;
  }
  out += "0\r\n\r\n";
  return out;
}

LoopbackServer::LoopbackServer(Handler handler, OnAccept on_accept, std::string accept_bytes,
                               const TlsIdentity* tls)
    : handler_(std::move(handler)), on_accept_(on_accept), accept_bytes_(std::move(accept_bytes)), tls_(tls) {
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });  // TLS writes to a closed peer
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket failed");
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("bind/listen failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
  stop_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(conn_threads_);
  }
  for (auto& t : threads) t.join();
  ::close(listen_fd_);
}

std::string LoopbackServer::url(std::string_view path) const {
  return (tls_ != nullptr ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) + std::string(path);
}

std::vector<ReceivedRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::size_t LoopbackServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

bool LoopbackServer::wait_readable(int fd) const {
  while (!stop_) {
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, kPollSliceMs);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
  return false;
}

long LoopbackServer::recv_some(Conn& c, char* buf, std::size_t n) const {
  if (c.ssl != nullptr) {
    if (SSL_pending(c.ssl) <= 0 && !wait_readable(c.fd)) return -1;
    return SSL_read(c.ssl, buf, static_cast<int>(n));
  }
  if (!wait_readable(c.fd)) return -1;
  return static_cast<long>(::recv(c.fd, buf, n, 0));
}

bool LoopbackServer::send_all(Conn& c, std::string_view bytes) const {
  if (c.ssl != nullptr) {
    // Blocking writes (SO_SNDTIMEO bounds them); SIGPIPE is ignored.
    while (!bytes.empty() && !stop_) {
      const int n = SSL_write(c.ssl, bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), 1 << 20)));
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return bytes.empty();
  }
  const int fd = c.fd;
  while (!bytes.empty()) {
    if (stop_) return false;
    pollfd p{fd, POLLOUT, 0};
    const int r = ::poll(&p, 1, kPollSliceMs);
    if (r < 0 && errno != EINTR) return false;
    if (r <= 0) continue;
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return false;  // the peer went away (EPIPE / ECONNRESET)
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void LoopbackServer::accept_loop() {
  while (!stop_) {
    if (!wait_readable(listen_fd_)) break;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const std::size_t index = accepts_++;
    std::lock_guard<std::mutex> lock(mu_);
    conn_threads_.emplace_back([this, fd, index] {
      Conn c;
      c.fd = fd;
      if (tls_ != nullptr && on_accept_ == OnAccept::Serve) {
        timeval tv{3, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        c.ssl = SSL_new(tls_->ctx());
        if (c.ssl != nullptr && SSL_set_fd(c.ssl, fd) == 1 && SSL_accept(c.ssl) == 1) {
          serve(c, index);
          (void)SSL_shutdown(c.ssl);
        }
        SSL_free(c.ssl);
      } else {
        serve(c, index);
      }
      ::close(fd);
    });
  }
}

void LoopbackServer::serve(Conn& c, std::size_t conn_index) {
  if (on_accept_ == OnAccept::Close) return;
  char buf[64 * 1024];
  if (on_accept_ == OnAccept::ReadSendClose) {
    if (recv_some(c, buf, sizeof buf) > 0) (void)send_all(c, accept_bytes_);
    return;
  }

  std::string in;
  for (;;) {
    // ---- read one request head ----
    std::size_t head_end;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
      const long n = recv_some(c, buf, sizeof buf);
      if (n <= 0) return;  // peer closed, error or stopping
      in.append(buf, static_cast<std::size_t>(n));
    }
    ReceivedRequest req;
    req.connection = conn_index;
    std::string_view head(in.data(), head_end);
    std::size_t pos = head.find("\r\n");
    const std::string_view request_line = head.substr(0, pos);
    {
      const auto sp1 = request_line.find(' ');
      const auto sp2 = request_line.find(' ', sp1 + 1);
      req.method = std::string(request_line.substr(0, sp1));
      req.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
      req.version = std::string(request_line.substr(sp2 + 1));
    }
    while (pos != std::string_view::npos && pos < head.size()) {
      const std::size_t start = pos + 2;
      const std::size_t next = head.find("\r\n", start);
      const std::string_view line = head.substr(start, next == std::string_view::npos ? head.npos : next - start);
      const auto colon = line.find(':');
      if (colon != std::string_view::npos)
        req.headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
      pos = next;
    }
    in.erase(0, head_end + 4);

    // ---- read the body (Content-Length only; curl sends nothing else here) ----
    std::size_t body_len = 0;
    if (const std::string* cl = req.header("Content-Length")) body_len = std::strtoull(cl->c_str(), nullptr, 10);
    while (in.size() < body_len) {
      const long n = recv_some(c, buf, sizeof buf);
      if (n <= 0) return;
      in.append(buf, static_cast<std::size_t>(n));
    }
    req.body = in.substr(0, body_len);
    in.erase(0, body_len);

    std::size_t index;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(req);
      index = next_index_++;
    }
    const Reply reply = handler_(req, index);
    if (reply.delay.count() > 0) {
      const auto until = std::chrono::steady_clock::now() + reply.delay;
      while (!stop_ && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(kPollSliceMs));
    }
    if (!send_all(c, reply.bytes)) return;
    if (reply.close) return;
    if (reply.hang) {
      while (recv_some(c, buf, sizeof buf) > 0) {
      }
      return;
    }
  }
}

}  // namespace cognito::test
