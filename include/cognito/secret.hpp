// libcognito — SecretString: bytes that are wiped when no longer needed.
//
// Passwords, SRP secrets, keys, tokens, Session strings and the HTTP bodies
// that carry them live in SecretString. It is move-only (copies are explicit
// via clone()), keeps its bytes on the heap only (no small-string buffer that
// would escape wiping), and wipes them with OPENSSL_cleanse on destruction,
// on assignment and before every reallocation. It has no stream operator; to
// read the bytes call reveal().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cognito/export.hpp"

namespace cognito {

class COGNITO_API SecretString {
 public:
  SecretString() noexcept = default;
  /// Copies `s` into wiped storage. The caller remains responsible for `s`.
  explicit SecretString(std::string_view s);
  /// Takes `s` over: its bytes are copied and then wiped in `s` itself.
  static SecretString take(std::string& s);
  ~SecretString();

  SecretString(SecretString&& o) noexcept;
  SecretString& operator=(SecretString&& o) noexcept;
  SecretString(const SecretString&) = delete;
  SecretString& operator=(const SecretString&) = delete;

  /// An explicit copy.
  [[nodiscard]] SecretString clone() const { return SecretString(reveal()); }

  /// The bytes. The view is valid until the next change or destruction.
  [[nodiscard]] std::string_view reveal() const noexcept { return {data_, size_}; }
  [[nodiscard]] const char* data() const noexcept { return data_ ? data_ : ""; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  /// Appends, growing the storage (the old storage is wiped before release).
  /// A size over PTRDIFF_MAX throws std::length_error (nothing changes);
  /// running out of memory throws std::bad_alloc.
  void append(std::string_view s);
  void append(const void* p, std::size_t n);
  void push_back(char c) { append(&c, 1); }
  void reserve(std::size_t n);
  /// Wipes and empties; keeps no storage.
  void clear() noexcept;
  /// Shrinks to the first n bytes (n <= size()); the cut-off bytes are wiped.
  void truncate(std::size_t n) noexcept;

  /// Writable access to the bytes (for filling a buffer in place).
  [[nodiscard]] char* mutable_data() noexcept { return data_; }
  /// Resizes to n bytes; new bytes are zero.
  void resize(std::size_t n);

  /// Constant-time comparison of the contents (lengths are not secret).
  [[nodiscard]] bool equals(std::string_view other) const noexcept;
  friend bool operator==(const SecretString& a, const SecretString& b) noexcept {
    return a.equals(b.reveal());
  }
  friend bool operator!=(const SecretString& a, const SecretString& b) noexcept { return !(a == b); }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

/// Wipes memory so the compiler cannot elide it (OPENSSL_cleanse).
COGNITO_API void secure_wipe(void* p, std::size_t n) noexcept;
/// Wipes a std::string's bytes (its whole capacity) and clears it.
COGNITO_API void secure_wipe(std::string& s) noexcept;

}  // namespace cognito
