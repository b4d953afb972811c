// Fuzz target: Base64 and base64url (lib/crypto/crypto.hpp), differential
// against a small independent decoder written here.
//
// Input: byte 0 picks the check, the rest is the text (or the bytes).
//   0  base64_decode(text): accepted exactly when the strict reference accepts
//      (length % 4 == 0, alphabet, at most two '=' only at the end), with the
//      same bytes;
//   1  base64url_decode(text): the same against the URL-safe reference
//      (padding optional, no '+' '/');
//   2  encode → decode round trips for the bytes (both alphabets), and
//      base64_encode_into writes exactly base64_encoded_size(n) characters.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/crypto.hpp"
#include "fuzz_support.hpp"

using namespace cognito;

namespace {

int value_of(char c, bool url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}

/// Decodes groups of 4 (the last may be short when `url`). Trailing bits of a
/// final partial group are ignored, as OpenSSL's decoder does.
std::optional<std::string> reference_decode(std::string_view text, bool url) {
  std::size_t pad = 0;
  if (url) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.size() % 4 == 1) return std::nullopt;
  } else {
    if (text.size() % 4 != 0) return std::nullopt;
    while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
    text.remove_suffix(pad);
  }
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value_of(c, url);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

void check_decode(std::string_view text, bool url) {
  auto got = url ? crypto::base64url_decode(text) : crypto::base64_decode(text);
  auto want = reference_decode(text, url);
  FUZZ_CHECK(got.has_value() == want.has_value(),
             std::string(url ? "base64url" : "base64") + (got ? " accepted" : " refused") + " what the reference " +
                 (want ? "accepts" : "refuses"));
  if (!got) {
    FUZZ_CHECK(got.error().code == ErrorCode::InvalidArgument, "decode error code");
    return;
  }
  FUZZ_CHECK(*got == *want, "decoded bytes differ from the reference");
}

void check_round_trip(std::string_view bytes) {
  const std::string b64 = crypto::base64_encode(bytes);
  FUZZ_CHECK(b64.size() == crypto::base64_encoded_size(bytes.size()), "base64_encode length");
  auto back = crypto::base64_decode(b64);
  FUZZ_CHECK(back && *back == bytes, "base64 round trip");
  const std::string url = crypto::base64url_encode(bytes);
  FUZZ_CHECK(url.find_first_of("+/=") == std::string::npos, "base64url_encode uses + / or =");
  auto back_url = crypto::base64url_decode(url);
  FUZZ_CHECK(back_url && *back_url == bytes, "base64url round trip");
  // base64_encode_into must not write past base64_encoded_size(n): the guard
  // bytes after it stay intact (ASan sees the rest).
  std::vector<char> buf(crypto::base64_encoded_size(bytes.size()) + 4, '#');
  crypto::base64_encode_into(bytes, buf.data());
  FUZZ_CHECK(std::memcmp(buf.data() + buf.size() - 4, "####", 4) == 0, "base64_encode_into wrote past its size");
  FUZZ_CHECK(std::string_view(buf.data(), buf.size() - 4) == b64, "base64_encode_into differs from base64_encode");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: check_decode(rest, false); break;
    case 1: check_decode(rest, true); break;
    default: check_round_trip(rest); break;
  }
  return 0;
}
