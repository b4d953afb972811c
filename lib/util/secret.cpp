#include "cognito/secret.hpp"

#include <openssl/crypto.h>

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>

namespace cognito {

void secure_wipe(void* p, std::size_t n) noexcept {
  if (p != nullptr && n != 0) OPENSSL_cleanse(p, n);
}

void secure_wipe(std::string& s) noexcept {
  // Wipe the whole buffer, including bytes past size() left by earlier content.
  s.resize(s.capacity());
  secure_wipe(s.data(), s.size());
  s.clear();
}

SecretString::SecretString(std::string_view s) { append(s); }

SecretString SecretString::take(std::string& s) {
  SecretString out(s);
  secure_wipe(s);
  return out;
}

SecretString::~SecretString() { clear(); }

SecretString::SecretString(SecretString&& o) noexcept : data_(o.data_), size_(o.size_), cap_(o.cap_) {
  o.data_ = nullptr;
  o.size_ = o.cap_ = 0;
}

SecretString& SecretString::operator=(SecretString&& o) noexcept {
  if (this != &o) {
    clear();
    data_ = o.data_;
    size_ = o.size_;
    cap_ = o.cap_;
    o.data_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  return *this;
}

namespace {
/// Largest storage a SecretString asks for (what std::string allows too).
constexpr std::size_t kMaxSecretBytes = static_cast<std::size_t>(PTRDIFF_MAX);
}  // namespace

void SecretString::reserve(std::size_t n) {
  if (n <= cap_) return;
  if (n > kMaxSecretBytes) throw std::length_error("SecretString: size too large");
  std::size_t cap = cap_ == 0 ? 32 : cap_;
  while (cap < n) cap = cap > kMaxSecretBytes / 2 ? n : cap * 2;
  char* fresh = new char[cap];
  if (size_ != 0) std::memcpy(fresh, data_, size_);
  if (data_ != nullptr) {
    secure_wipe(data_, cap_);
    delete[] data_;
  }
  data_ = fresh;
  cap_ = cap;
}

void SecretString::append(const void* p, std::size_t n) {
  if (n == 0) return;
  if (n > kMaxSecretBytes - size_) throw std::length_error("SecretString: size too large");
  reserve(size_ + n);
  std::memcpy(data_ + size_, p, n);
  size_ += n;
}

void SecretString::append(std::string_view s) { append(s.data(), s.size()); }

void SecretString::clear() noexcept {
  if (data_ != nullptr) {
    secure_wipe(data_, cap_);
    delete[] data_;
  }
  data_ = nullptr;
  size_ = cap_ = 0;
}

void SecretString::truncate(std::size_t n) noexcept {
  if (n >= size_) return;
  secure_wipe(data_ + n, size_ - n);
  size_ = n;
}

void SecretString::resize(std::size_t n) {
  if (n <= size_) {
    truncate(n);
    return;
  }
  reserve(n);
  std::memset(data_ + size_, 0, n - size_);
  size_ = n;
}

bool SecretString::equals(std::string_view other) const noexcept {
  if (other.size() != size_) return false;
  if (size_ == 0) return true;
  return CRYPTO_memcmp(data_, other.data(), size_) == 0;
}

}  // namespace cognito
