// A throw-away TLS server identity for the loopback server: a fresh P-256 key
// and a self-signed certificate (CA:TRUE, so it can serve as its own trust
// anchor) with the given subjectAltName, plus an SSL_CTX that serves it.
#pragma once

#include <mutex>
#include <string>
#include <vector>

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace cognito::test {

class TlsIdentity {
 public:
  /// `san` in OpenSSL config syntax, e.g. "DNS:localhost,IP:127.0.0.1".
  explicit TlsIdentity(const std::string& san);
  ~TlsIdentity();
  TlsIdentity(const TlsIdentity&) = delete;
  TlsIdentity& operator=(const TlsIdentity&) = delete;

  [[nodiscard]] ssl_ctx_st* ctx() const { return ctx_; }
  /// The certificate in PEM.
  [[nodiscard]] const std::string& cert_pem() const { return cert_pem_; }
  /// "<subject hash>.0": the file name OpenSSL looks for in a CA directory.
  [[nodiscard]] const std::string& hashed_name() const { return hashed_name_; }
  /// ALPN protocol lists the clients offered, one entry per handshake
  /// (e.g. "h2,http/1.1"). The server always selects http/1.1.
  [[nodiscard]] std::vector<std::string> alpn_offers() const;

  // internal (ALPN callback)
  void record_alpn(std::string offer) const;

 private:
  ssl_ctx_st* ctx_ = nullptr;
  std::string cert_pem_;
  std::string hashed_name_;
  mutable std::mutex mu_;
  mutable std::vector<std::string> alpn_;
};

/// A private temporary directory, removed (with its files) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  /// Writes `content` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& content);

 private:
  std::string path_;
  std::vector<std::string> files_;
};

}  // namespace cognito::test
