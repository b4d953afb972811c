#include "wire/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include <locale.h>  // newlocale / strtod_l (POSIX 2008), _create_locale / _strtod_l (Windows)
#include <stdlib.h>
#if defined(__APPLE__) || defined(__FreeBSD__)
#include <xlocale.h>
#endif

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>

#include "util/utf8.hpp"

namespace cognito::detail::json {

// ---- WipingAllocator -------------------------------------------------------------

namespace {

// The header keeps the payload size and preserves malloc's alignment.
constexpr std::size_t kHeader = alignof(std::max_align_t) > sizeof(std::size_t) ? alignof(std::max_align_t)
                                                                                : sizeof(std::size_t);

std::size_t stored_size(const void* p) noexcept {
  std::size_t n = 0;
  std::memcpy(&n, static_cast<const unsigned char*>(p) - kHeader, sizeof n);
  return n;
}

}  // namespace

void* WipingAllocator::Malloc(std::size_t size) {
  if (size == 0 || size > std::numeric_limits<std::size_t>::max() - kHeader) return nullptr;
  auto* block = static_cast<unsigned char*>(std::malloc(kHeader + size));
  if (block == nullptr) return nullptr;
  std::memcpy(block, &size, sizeof size);
  return block + kHeader;
}

void* WipingAllocator::Realloc(void* original, std::size_t /*original_size*/, std::size_t new_size) {
  if (new_size == 0) {
    Free(original);
    return nullptr;
  }
  void* fresh = Malloc(new_size);
  if (fresh == nullptr) return nullptr;
  if (original != nullptr) {
    const std::size_t old = stored_size(original);
    std::memcpy(fresh, original, old < new_size ? old : new_size);
    Free(original);
  }
  return fresh;
}

void WipingAllocator::Free(void* p) noexcept {
  if (p == nullptr) return;
  unsigned char* block = static_cast<unsigned char*>(p) - kHeader;
  secure_wipe(block, kHeader + stored_size(p));
  std::free(block);
}

// ---- parsing -----------------------------------------------------------------

namespace {

// Numbers are handed over as text (kParseNumbersAsStringsFlag) and converted
// by NumberConverter: RapidJSON 1.1's own conversion is either not correctly
// rounded (normal precision) or has undefined behaviour on inputs like "0e70"
// (kParseFullPrecisionFlag, clz(0)).
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseNumbersAsStringsFlag;

/// Correctly rounded, locale-independent text -> double (the text is a JSON
/// number, already validated by the reader). Out of range: +-HUGE_VAL.
double to_double(const std::string& text) {
#if defined(_WIN32)
  static const _locale_t c_locale = _create_locale(LC_NUMERIC, "C");
  return _strtod_l(text.c_str(), nullptr, c_locale);
#else
  static const locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", static_cast<locale_t>(nullptr));
  if (c_locale == static_cast<locale_t>(nullptr)) return std::strtod(text.c_str(), nullptr);  // no memory
  return strtod_l(text.c_str(), nullptr, c_locale);
#endif
}

/// SAX handler between the reader and the Document: forwards every event and
/// turns the text of numbers into Int64 / Uint64 / Double values. A number
/// too large for a double is refused (the parse fails).
class NumberConverter {
 public:
  explicit NumberConverter(Document& doc) : doc_(doc) {}

  bool RawNumber(const char* s, rapidjson::SizeType n, bool /*copy*/) {
    if (n == 0) return false;
    const char* end = s + n;
    if (std::find_if(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; }) == end) {
      if (*s == '-') {
        std::int64_t i = 0;
        const auto r = std::from_chars(s, end, i);
        if (r.ec == std::errc() && r.ptr == end) return doc_.Int64(i);
      } else {
        std::uint64_t u = 0;
        const auto r = std::from_chars(s, end, u);
        if (r.ec == std::errc() && r.ptr == end) return doc_.Uint64(u);
      }
    }
    const double d = to_double(std::string(s, n));
    return std::isfinite(d) && doc_.Double(d);
  }

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(std::int64_t i) { return doc_.Int64(i); }
  bool Uint64(std::uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool StartObject() { return doc_.StartObject(); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
  bool EndObject(rapidjson::SizeType members) { return doc_.EndObject(members); }
  bool StartArray() { return doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return doc_.EndArray(elements); }

 private:
  Document& doc_;
};

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The value of the 4 hex digits at text[i..i+4), or -1.
long hex4(std::string_view text, std::size_t i) noexcept {
  if (i + 4 > text.size()) return -1;
  long v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const int d = hex_digit(text[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/// What RapidJSON 1.1 does not check itself, found in one pass before
/// parsing (brackets inside strings are skipped; anything else malformed is
/// left to the parser): nesting deeper than kMaxDepth, which would make
/// recursive consumers of the DOM unsafe, and a "\uDC00".."\uDFFF" escape that
/// does not follow a high surrogate, which the parser would turn into invalid
/// UTF-8 (a lone high surrogate it rejects itself).
const char* prescan(std::string_view text) noexcept {
  int depth = 0;
  bool in_string = false;
  bool after_high_surrogate = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\' && i + 1 < text.size()) {
        ++i;
        if (text[i] == 'u') {
          const long u = hex4(text, i + 1);
          if (u >= 0xDC00 && u <= 0xDFFF && !after_high_surrogate) return "a lone UTF-16 surrogate escape";
          after_high_surrogate = u >= 0xD800 && u <= 0xDBFF;
          if (u >= 0) i += 4;
          continue;
        }
      }
      after_high_surrogate = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        after_high_surrogate = false;
        break;
      case '[':
      case '{':
        if (++depth > kMaxDepth) return "nesting deeper than 64 levels";
        break;
      case ']':
      case '}': --depth; break;
      default: break;
    }
  }
  return nullptr;
}

static_assert(kMaxDepth == 64, "update the message in prescan()");

}  // namespace

Result<void> parse(std::string_view text, Document& doc) {
  if (is_blank(text)) return fail(ErrorCode::MalformedResponse, "body is empty, expected JSON");
  if (const char* problem = prescan(text))
    return fail(ErrorCode::MalformedResponse, std::string("body is not acceptable JSON: ") + problem);
  // What Document::Parse does, with NumberConverter between reader and document.
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, WipingAllocator> reader;
  rapidjson::ParseResult result;
  auto generate = [&](Document& target) {
    rapidjson::MemoryStream memory(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(memory);
    NumberConverter handler(target);
    result = reader.Parse<kParseFlags>(in, handler);
    return !result.IsError();
  };
  doc.Populate(generate);
  if (result.IsError()) {
    const char* what = result.Code() == rapidjson::kParseErrorTermination
                           ? "number out of range"
                           : rapidjson::GetParseError_En(result.Code());
    return fail(ErrorCode::MalformedResponse, std::string("body is not valid JSON: ") + what + " (offset " +
                                                  std::to_string(result.Offset()) + ")");
  }
  return {};
}

Result<void> parse_object(std::string_view text, Document& doc) {
  if (auto r = parse(text, doc); !r) return r;
  if (!doc.IsObject()) return fail(ErrorCode::MalformedResponse, "body is JSON but not an object");
  return {};
}

// ---- getters -------------------------------------------------------------------

const Value* find_member(const Value& obj, std::string_view name) noexcept {
  if (!obj.IsObject()) return nullptr;
  for (const auto& m : obj.GetObject()) {
    if (m.name.GetStringLength() == name.size() &&
        (name.empty() || std::memcmp(m.name.GetString(), name.data(), name.size()) == 0))
      return &m.value;
  }
  return nullptr;
}

std::optional<std::string_view> string_member(const Value& obj, std::string_view name) noexcept {
  const Value* v = find_member(obj, name);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return as_string(*v);
}

std::string to_compact_string(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool is_blank(std::string_view text) noexcept {
  for (const char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

// ---- Encoder -------------------------------------------------------------------

Encoder::Encoder(std::string_view root) : stream_(out_), writer_(stream_), root_(root) {}

void Encoder::check(bool written, std::string_view what) {
  if (!written) fail(what);
}

void Encoder::fail(std::string_view what) {
  if (error_) return;
  std::string where = root_;
  for (const Segment& s : path_) {
    if (s.is_index)
      where += "[" + std::to_string(s.index) + "]";
    else
      where.append(".").append(s.name);
  }
  error_ = Error(ErrorCode::InvalidArgument, where + " " + std::string(what));
}

void Encoder::begin_object() {
  if (ok()) check(writer_.StartObject(), "cannot be written");
}
void Encoder::end_object() {
  if (ok()) check(writer_.EndObject(), "cannot be written");
}
void Encoder::begin_array() {
  if (ok()) check(writer_.StartArray(), "cannot be written");
}
void Encoder::end_array() {
  if (ok()) check(writer_.EndArray(), "cannot be written");
}

// RapidJSON's validating Writer reads a multi-byte sequence without looking at
// the length it was given: a string that ends inside a sequence makes it read
// -- and copy into the output -- up to three bytes past its end. Only strings
// that pass valid_utf8 (util/utf8.hpp, bounded by the view) reach the writer.
void Encoder::key(std::string_view name) {
  if (name.size() > std::numeric_limits<rapidjson::SizeType>::max())
    return fail("has a key that is too long");
  if (!valid_utf8(name)) return fail("has a key that is not valid UTF-8");
  check(writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())),
        "has a key that is not valid UTF-8");
}

void Encoder::string(std::string_view s) {
  if (!ok()) return;
  if (s.size() > std::numeric_limits<rapidjson::SizeType>::max()) return fail("is too long");
  if (!valid_utf8(s)) return fail("is not valid UTF-8");
  check(writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size())), "is not valid UTF-8");
}

void Encoder::boolean(bool b) {
  if (ok()) check(writer_.Bool(b), "cannot be written");
}

void Encoder::int32(std::int32_t i) {
  if (ok()) check(writer_.Int(i), "cannot be written");
}

void Encoder::number(double d) {
  if (!ok()) return;
  if (!std::isfinite(d)) return fail("is not a finite number");
  check(writer_.Double(d), "cannot be written");
}

void Encoder::raw(std::string_view json) {
  if (!ok()) return;
  Document doc;
  if (!parse(json, doc)) return fail("is not valid JSON");
  std::size_t begin = 0;
  std::size_t end = json.size();
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (begin < end && space(json[begin])) ++begin;
  while (end > begin && space(json[end - 1])) --end;
  check(writer_.RawValue(json.data() + begin, end - begin, doc.GetType()), "cannot be written");
}

Result<SecretString> Encoder::finish() && {
  if (error_) return std::move(*error_);
  if (!writer_.IsComplete()) return ::cognito::fail(ErrorCode::Internal, root_ + " was written incompletely");
  return std::move(out_);
}

// ---- Decoder -------------------------------------------------------------------

namespace {

/// A member name or map key for an error message: at most 64 bytes, control
/// characters replaced.
void append_name(std::string& out, std::string_view name) {
  const std::size_t n = name.size() < 64 ? name.size() : 64;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    out.push_back(c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c));
  }
  if (n < name.size()) out += "...";
}

}  // namespace

std::string Decoder::path() const {
  std::string where(root_);
  for (const Segment& s : path_) {
    if (s.is_index) {
      where += "[" + std::to_string(s.index) + "]";
    } else {
      where.push_back('.');
      append_name(where, s.name);
    }
  }
  return where;
}

bool Decoder::expect_object(const Value& v) { return v.IsObject() || wrong_type("an object"); }

bool Decoder::wrong_type(std::string_view expected) {
  error_ = Error(ErrorCode::WrongType, path() + " is not " + std::string(expected));
  return false;
}

bool Decoder::missing() {
  error_ = Error(ErrorCode::MissingField, path() + " is missing");
  return false;
}

bool read_value(const Value& v, std::string& out, Decoder& d) {
  if (!v.IsString()) return d.wrong_type("a string");
  out.assign(v.GetString(), v.GetStringLength());
  return true;
}

bool read_value(const Value& v, SecretString& out, Decoder& d) {
  if (!v.IsString()) return d.wrong_type("a string");
  out = SecretString(as_string(v));
  return true;
}

bool read_value(const Value& v, bool& out, Decoder& d) {
  if (!v.IsBool()) return d.wrong_type("a boolean");
  out = v.GetBool();
  return true;
}

bool read_value(const Value& v, std::int32_t& out, Decoder& d) {
  if (v.IsInt()) {
    out = v.GetInt();
    return true;
  }
  if (v.IsDouble()) {  // 5.0 or 5e0: accepted when integral and in range
    const double x = v.GetDouble();
    if (std::isfinite(x) && std::trunc(x) == x && x >= std::numeric_limits<std::int32_t>::min() &&
        x <= std::numeric_limits<std::int32_t>::max()) {
      out = static_cast<std::int32_t>(x);
      return true;
    }
  }
  return d.wrong_type("a 32-bit integer");
}

bool read_value(const Value& v, double& out, Decoder& d) {
  if (!v.IsNumber()) return d.wrong_type("a number");
  const double x = v.GetDouble();
  if (!std::isfinite(x)) return d.wrong_type("a finite number");
  out = x;
  return true;
}

}  // namespace cognito::detail::json
