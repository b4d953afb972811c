#include "util/utf8.hpp"

#include <cstddef>

namespace cognito::detail {
namespace {

/// Length (1 to 4) of the well-formed sequence that starts at p[i], or 0 when
/// none does; `bad` is then the length of the ill-formed part (at least 1): the
/// lead byte and the continuation bytes that still fit it. Reads nothing at
/// or past p[n].
std::size_t sequence_at(const unsigned char* p, std::size_t n, std::size_t i, std::size_t& bad) noexcept {
  const unsigned c = p[i];
  bad = 1;
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c == 0xE0) len = 3, lo = 0xA0;
  else if (c == 0xED) len = 3, hi = 0x9F;
  else if (c >= 0xE1 && c <= 0xEF) len = 3;
  else if (c == 0xF0) len = 4, lo = 0x90;
  else if (c == 0xF4) len = 4, hi = 0x8F;
  else if (c >= 0xF1 && c <= 0xF3) len = 4;
  else return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if (n - i <= k) return 0;
    const unsigned b = p[i + k];
    if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return 0;
    bad = k + 1;
  }
  return len;
}

}  // namespace

bool valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n;) {
    const std::size_t len = sequence_at(p, n, i, bad);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  if (valid_utf8(s)) return std::string(s);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::string out;
  out.reserve(n + 8);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n;) {
    const std::size_t len = sequence_at(p, n, i, bad);
    if (len != 0) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      i += bad;
    }
  }
  return out;
}

}  // namespace cognito::detail
