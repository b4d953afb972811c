// libcognito (internal) — SHA-256, HMAC, HKDF, Base64, RAND_bytes over OpenSSL.
#include "crypto/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "crypto/ossl.hpp"

namespace cognito::crypto {

namespace {

const unsigned char* uc(std::string_view s) noexcept {
  return reinterpret_cast<const unsigned char*>(s.data());
}

EVP_MAC* hmac_mac() noexcept {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

// Largest chunk handed to an OpenSSL call taking an int length; a multiple of
// 3 and of 4 so Base64 chunks never need padding in the middle.
constexpr std::size_t kChunk = std::size_t{3} * 4 * (1u << 20);

bool is_b64_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

const EVP_MD* sha256_md() noexcept {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

Error ossl_error(const char* what) {
  std::string msg = "OpenSSL: ";
  msg += what;
  msg += " failed";
  if (unsigned long e = ERR_peek_last_error(); e != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    msg += " (";
    msg += buf;
    msg += ')';
  }
  ERR_clear_error();
  return Error(ErrorCode::Crypto, std::move(msg));
}

// ---- hashing -----------------------------------------------------------------

Result<Digest> sha256(std::string_view data) { return sha256({data}); }

Result<Digest> sha256(std::initializer_list<std::string_view> parts) {
  const EVP_MD* md = sha256_md();
  if (md == nullptr) return ossl_error("EVP_MD_fetch(SHA256)");
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return ossl_error("EVP_DigestInit_ex");
  for (std::string_view p : parts) {
    if (!p.empty() && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) != 1)
      return ossl_error("EVP_DigestUpdate");
  }
  Digest out;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.bytes.data(), &len) != 1 || len != kSha256Size)
    return ossl_error("EVP_DigestFinal_ex");
  return out;
}

Result<Digest> hmac_sha256(std::string_view key, std::string_view data) {
  return hmac_sha256(key, {data});
}

Result<Digest> hmac_sha256(std::string_view key, std::initializer_list<std::string_view> parts) {
  EVP_MAC* mac = hmac_mac();
  if (mac == nullptr) return ossl_error("EVP_MAC_fetch(HMAC)");
  EvpMacCtxPtr ctx(EVP_MAC_CTX_new(mac));
  if (!ctx) return ossl_error("EVP_MAC_CTX_new");
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  // A null key pointer means "keep the previous key" to EVP_MAC_init; an empty
  // key must still be passed as a valid pointer.
  static const unsigned char kEmpty[1] = {0};
  const unsigned char* k = key.empty() ? kEmpty : uc(key);
  if (EVP_MAC_init(ctx.get(), k, key.size(), params) != 1) return ossl_error("EVP_MAC_init");
  for (std::string_view p : parts) {
    if (!p.empty() && EVP_MAC_update(ctx.get(), uc(p), p.size()) != 1)
      return ossl_error("EVP_MAC_update");
  }
  Digest out;
  std::size_t len = 0;
  if (EVP_MAC_final(ctx.get(), out.bytes.data(), &len, out.bytes.size()) != 1 || len != kSha256Size)
    return ossl_error("EVP_MAC_final");
  return out;
}

Result<void> hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info,
                         unsigned char* out, std::size_t out_len) {
  if (out_len == 0 || out_len > 255 * kSha256Size)
    return fail(ErrorCode::InvalidArgument, "HKDF output length out of range");
  auto prk = hmac_sha256(salt, ikm);
  if (!prk) return std::move(prk).error();
  Digest t;  // T(i-1); empty for i = 1
  std::size_t t_len = 0;
  std::size_t done = 0;
  for (unsigned i = 1; done < out_len; ++i) {
    const unsigned char counter = static_cast<unsigned char>(i);
    auto next = hmac_sha256(prk->view(), {t.view().substr(0, t_len), info,
                                          std::string_view(reinterpret_cast<const char*>(&counter), 1)});
    if (!next) return std::move(next).error();
    t = *next;
    t_len = kSha256Size;
    const std::size_t n = std::min(kSha256Size, out_len - done);
    std::memcpy(out + done, t.data(), n);
    done += n;
  }
  return {};
}

// ---- Base64 ------------------------------------------------------------------

void base64_encode_into(std::string_view bytes, char* out) {
  auto* dst = reinterpret_cast<unsigned char*>(out);
  const unsigned char* src = uc(bytes);
  std::size_t n = bytes.size();
  // EVP_EncodeBlock writes a NUL after its output. Encode everything but the
  // last (possibly partial) group in place -- each NUL lands where later output
  // goes -- and the last group through a small buffer, so nothing is written
  // past base64_encoded_size(n).
  const std::size_t tail = n == 0 ? 0 : (n % 3 == 0 ? 3 : n % 3);
  std::size_t body = n - tail;
  while (body > 0) {
    const std::size_t c = std::min(body, kChunk);
    const int w = EVP_EncodeBlock(dst, src, static_cast<int>(c));
    dst += w;
    src += c;
    body -= c;
  }
  if (tail != 0) {
    unsigned char last[5];
    EVP_EncodeBlock(last, src, static_cast<int>(tail));
    std::memcpy(dst, last, 4);
    OPENSSL_cleanse(last, sizeof last);
  }
}

std::string base64_encode(std::string_view bytes) {
  std::string out(base64_encoded_size(bytes.size()), '\0');
  base64_encode_into(bytes, out.data());
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  const std::size_t n = text.size();
  if (n % 4 != 0) return fail(ErrorCode::InvalidArgument, "Base64: length is not a multiple of 4");
  std::size_t pad = 0;
  if (n >= 4) {
    if (text[n - 1] == '=') pad = text[n - 2] == '=' ? 2 : 1;
  }
  for (std::size_t i = 0; i < n - pad; ++i) {
    if (!is_b64_char(text[i])) return fail(ErrorCode::InvalidArgument, "Base64: invalid character");
  }
  std::string out(n / 4 * 3, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  const unsigned char* src = uc(text);
  std::size_t left = n;
  while (left > 0) {
    const std::size_t c = std::min(left, kChunk);
    const int w = EVP_DecodeBlock(dst, src, static_cast<int>(c));
    if (w < 0 || static_cast<std::size_t>(w) != c / 4 * 3)
      return fail(ErrorCode::InvalidArgument, "Base64: invalid encoding");
    dst += w;
    src += c;
    left -= c;
  }
  out.resize(out.size() - pad);
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out = base64_encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return out;
}

Result<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);  // padding is optional
  if (text.size() % 4 == 1) return fail(ErrorCode::InvalidArgument, "base64url: impossible length");
  std::string std_text;
  std_text.reserve(base64_encoded_size(text.size() / 4 * 3 + 3));
  for (char c : text) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (c == '+' || c == '/' || !is_b64_char(c))
      return fail(ErrorCode::InvalidArgument, "base64url: invalid character");
    std_text.push_back(c);
  }
  while (std_text.size() % 4 != 0) std_text.push_back('=');
  return base64_decode(std_text);
}

// ---- randomness and comparison -----------------------------------------------

Result<void> random_bytes(void* out, std::size_t n) {
  auto* p = static_cast<unsigned char*>(out);
  std::size_t left = n;
  while (left > 0) {
    const std::size_t c = std::min<std::size_t>(left, INT_MAX);
    if (RAND_bytes(p, static_cast<int>(c)) != 1) {
      OPENSSL_cleanse(out, n);
      ERR_clear_error();
      return fail(ErrorCode::Random, "OpenSSL RAND_bytes failed");
    }
    p += c;
    left -= c;
  }
  return {};
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cognito::crypto
