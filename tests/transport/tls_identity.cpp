#include "tls_identity.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace cognito::test {

namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { F(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("TlsIdentity: ") + what + " failed");
}

void add_ext(X509* cert, int nid, const std::string& value) {
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(ok == 1, "X509_add_ext");
}

int alpn_select(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in, unsigned int inlen,
                void* arg) {
  std::string offer;
  bool has_http11 = false;
  for (unsigned int i = 0; i < inlen;) {
    const unsigned int n = in[i];
    if (i + 1 + n > inlen) break;
    const std::string proto(reinterpret_cast<const char*>(in + i + 1), n);
    if (!offer.empty()) offer += ',';
    offer += proto;
    if (proto == "http/1.1") {
      has_http11 = true;
      *out = in + i + 1;
      *outlen = static_cast<unsigned char>(n);
    }
    i += 1 + n;
  }
  static_cast<const TlsIdentity*>(arg)->record_alpn(offer);
  return has_http11 ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

TlsIdentity::TlsIdentity(const std::string& san) {
  Key key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EVP_EC_gen");
  Cert cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  unsigned char serial[8];
  check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  check(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr, "serial");
  BN_free(bn);
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), key.get()) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("libcognito transport test"), -1, -1,
                                   0) == 1,
        "subject");
  check(X509_set_issuer_name(cert.get(), name) == 1, "issuer");
  add_ext(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_ext(cert.get(), NID_subject_key_identifier, "hash");
  add_ext(cert.get(), NID_subject_alt_name, san);
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "X509_sign");

  Bio mem(BIO_new(BIO_s_mem()));
  check(mem != nullptr && PEM_write_bio_X509(mem.get(), cert.get()) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  const long len = BIO_get_mem_data(mem.get(), &data);
  cert_pem_.assign(data, static_cast<std::size_t>(len));
  char hash[16];
  std::snprintf(hash, sizeof hash, "%08lx.0", X509_subject_name_hash(cert.get()));
  hashed_name_ = hash;

  ctx_ = SSL_CTX_new(TLS_server_method());
  check(ctx_ != nullptr, "SSL_CTX_new");
  check(SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION) == 1, "min proto");
  check(SSL_CTX_use_certificate(ctx_, cert.get()) == 1, "SSL_CTX_use_certificate");
  check(SSL_CTX_use_PrivateKey(ctx_, key.get()) == 1, "SSL_CTX_use_PrivateKey");
  SSL_CTX_set_alpn_select_cb(ctx_, &alpn_select, const_cast<TlsIdentity*>(this));
}

TlsIdentity::~TlsIdentity() { SSL_CTX_free(ctx_); }

std::vector<std::string> TlsIdentity::alpn_offers() const {
  std::lock_guard<std::mutex> lock(mu_);
  return alpn_;
}

void TlsIdentity::record_alpn(std::string offer) const {
  std::lock_guard<std::mutex> lock(mu_);
  alpn_.push_back(std::move(offer));
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/cognito-transport-XXXXXX";
  char* p = ::mkdtemp(tmpl);
  if (p == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = p;
}

TempDir::~TempDir() {
  for (const auto& f : files_) ::unlink(f.c_str());
  ::rmdir(path_.c_str());
}

std::string TempDir::write(const std::string& name, const std::string& content) {
  const std::string full = path_ + "/" + name;
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + full);
  files_.push_back(full);
  return full;
}

}  // namespace cognito::test
