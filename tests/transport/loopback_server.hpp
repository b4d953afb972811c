// A scripted in-process HTTP/1.1 server on 127.0.0.1 for the transport tests.
//
// It listens on an ephemeral port, accepts on its own thread and serves every
// connection on a thread of its own, so a connection the script leaves hanging
// does not block the next one. Each parsed request is recorded and handed to
// the script, which answers with raw bytes plus what to do afterwards (keep
// the connection, close it, or hang). Everything stops in the destructor.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace cognito::test {

class TlsIdentity;

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::size_t connection = 0;  ///< accept order of the connection it came on (0-based)

  /// First header named `name` (case-insensitive), or nullptr.
  [[nodiscard]] const std::string* header(std::string_view name) const;
  /// How many headers are named `name` (case-insensitive).
  [[nodiscard]] std::size_t count(std::string_view name) const;
};

struct Reply {
  std::string bytes;                  ///< written as they are (status line, headers, body)
  bool close = false;                 ///< close the connection after writing
  bool hang = false;                  ///< after writing, read and discard until the peer closes
  std::chrono::milliseconds delay{0}; ///< wait this long before writing
};

/// What to do with a freshly accepted connection.
enum class OnAccept {
  Serve,          ///< parse requests and ask the handler
  Close,          ///< close at once without reading
  ReadSendClose,  ///< wait for the first bytes, write `accept_bytes`, close
};

class LoopbackServer {
 public:
  /// Called for every request; `index` counts requests over all connections.
  using Handler = std::function<Reply(const ReceivedRequest&, std::size_t index)>;

  /// With `tls`, every connection is TLS (HTTP/1.1) with that identity; the
  /// identity must outlive the server.
  explicit LoopbackServer(Handler handler, OnAccept on_accept = OnAccept::Serve, std::string accept_bytes = {},
                          const TlsIdentity* tls = nullptr);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  /// "http://127.0.0.1:<port><path>" ("https://" with TLS)
  [[nodiscard]] std::string url(std::string_view path = "/") const;
  /// Connections accepted so far.
  [[nodiscard]] std::size_t accepts() const { return accepts_.load(); }
  /// Requests parsed so far (copies).
  [[nodiscard]] std::vector<ReceivedRequest> requests() const;
  [[nodiscard]] std::size_t request_count() const;

 private:
  void accept_loop();
  struct Conn;
  void serve(Conn& c, std::size_t conn_index);
  bool wait_readable(int fd) const;  // false when stopping
  bool send_all(Conn& c, std::string_view bytes) const;
  long recv_some(Conn& c, char* buf, std::size_t n) const;  // <= 0: closed or failed

  Handler handler_;
  OnAccept on_accept_;
  std::string accept_bytes_;
  const TlsIdentity* tls_ = nullptr;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> accepts_{0};
  mutable std::mutex mu_;
  std::vector<ReceivedRequest> requests_;
  std::size_t next_index_ = 0;
  std::vector<std::thread> conn_threads_;
  std::thread accept_thread_;
};

/// A complete HTTP/1.1 response with Content-Length.
std::string http_response(int status, std::string_view body,
                          const std::vector<std::pair<std::string, std::string>>& headers = {});
/// Only the head of a response (status line, headers, blank line).
std::string http_head(int status, const std::vector<std::pair<std::string, std::string>>& headers);
/// A chunked response of `total` bytes of 'x' in chunks of `chunk` bytes.
std::string chunked_response(int status, std::size_t total, std::size_t chunk);

}  // namespace cognito::test
