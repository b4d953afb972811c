// util/utf8.hpp: RFC 3629 validation bounded by the view, and the U+FFFD
// repair applied to text that comes from the server.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "util/utf8.hpp"

using cognito::detail::to_valid_utf8;
using cognito::detail::valid_utf8;
using namespace std::string_view_literals;

namespace {
constexpr std::string_view kFffd = "\xEF\xBF\xBD";
std::string bytes(std::string_view s) { return std::string(s); }
}  // namespace

TEST_CASE("utf8: well-formed text of every length passes") {
  for (std::string_view ok : {""sv, "plain ASCII"sv, "nul \0 inside"sv, "\xC2\x80"sv, "caf\xC3\xA9"sv, "\xDF\xBF"sv,
                              "\xE0\xA0\x80"sv, "\xED\x9F\xBF"sv, "\xEE\x80\x80"sv, "\xEF\xBF\xBF"sv,
                              "\xF0\x90\x80\x80"sv, "\xF0\x9F\x98\x80"sv, "\xF4\x8F\xBF\xBF"sv}) {
    CAPTURE(bytes(ok));
    CHECK(valid_utf8(ok));
    CHECK(to_valid_utf8(ok) == ok);
  }
}

TEST_CASE("utf8: overlong forms, surrogates, out-of-range and stray bytes fail") {
  // Stray continuation bytes, overlong forms (C0 C1, E0 80-9F, F0 80-8F), UTF-16
  // surrogates (ED A0-BF), beyond U+10FFFF (F4 90+, F5-FF), a missing continuation.
  for (std::string_view bad : {"\x80"sv, "\xBF"sv, "\xC0\x80"sv, "\xC1\xBF"sv, "\xE0\x80\x80"sv, "\xE0\x9F\xBF"sv,
                               "\xED\xA0\x80"sv, "\xED\xBF\xBF"sv, "\xF0\x80\x80\x80"sv, "\xF0\x8F\xBF\xBF"sv,
                               "\xF4\x90\x80\x80"sv, "\xF5\x80\x80\x80"sv, "\xFE"sv, "\xFF"sv, "\xC3\x28"sv,
                               "\xE2\x82\x28"sv}) {
    CAPTURE(bytes(bad));
    CHECK_FALSE(valid_utf8(bad));
    const std::string fixed = to_valid_utf8(bad);
    CHECK(valid_utf8(fixed));
    CHECK(fixed.find(kFffd) != std::string::npos);
  }
}

TEST_CASE("utf8: a sequence cut off by the end of the view is not read past the end") {
  // The byte after each view is a valid continuation byte: a check that
  // ignored the length would accept the truncated sequence.
  const std::string whole = "x\xF0\x9F\x98\x80";
  for (std::size_t n = 2; n < whole.size(); ++n) {
    const std::string_view cut(whole.data(), n);
    CAPTURE(n);
    CHECK_FALSE(valid_utf8(cut));
    CHECK(to_valid_utf8(cut) == "x" + std::string(kFffd));
  }
  CHECK(valid_utf8(whole));
}

TEST_CASE("utf8: one U+FFFD per maximal ill-formed subpart, good text around it kept") {
  CHECK(to_valid_utf8("a\xFF" "b") == "a" + std::string(kFffd) + "b");
  CHECK(to_valid_utf8("\xFF\xFE") == std::string(kFffd) + std::string(kFffd));
  // A lead byte and the continuation bytes that fit it form one subpart.
  CHECK(to_valid_utf8("\xE2\x82(") == std::string(kFffd) + "(");
  CHECK(to_valid_utf8("\xF0\x9F\x98" "A") == std::string(kFffd) + "A");
  // A second byte outside the lead's range is not part of the subpart.
  CHECK(to_valid_utf8("\xE0\x80\x80") == std::string(kFffd) + std::string(kFffd) + std::string(kFffd));
  CHECK(to_valid_utf8("\xED\xA0\x80") == std::string(kFffd) + std::string(kFffd) + std::string(kFffd));
  CHECK(to_valid_utf8("caf\xC3\xA9 \xC3") == "caf\xC3\xA9 " + std::string(kFffd));
}
