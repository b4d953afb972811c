// Internal: RapidJSON glue shared by the wire codecs, error parsing and the
// auth flows. Nothing here may leak into a public header.
//
//  - Parsed documents live in memory that is wiped before it is released
//    (WipingAllocator under RapidJSON's pool allocator and parse stack), so
//    tokens and passwords in a response body do not linger on the heap.
//  - Writers write straight into a SecretString (SecretStream).
//  - parse() / parse_object() bound the nesting depth, reject invalid UTF-8,
//    NaN / Infinity and trailing garbage, and never throw.
//  - Encoder / Decoder carry the member path for error messages
//    ("GetUserResponse.UserAttributes[0].Name is missing") and the overloads
//    write_value() / read_value() for the scalar and container types of the
//    model; the generated lib/wire/model_codec.cpp adds one overload per shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include "cognito/error.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"

namespace cognito::detail::json {

/// RapidJSON base allocator whose blocks are wiped (secure_wipe) before they
/// are freed. Each block starts with a header holding its size.
class WipingAllocator {
 public:
  static const bool kNeedFree = true;
  void* Malloc(std::size_t size);
  void* Realloc(void* original, std::size_t original_size, std::size_t new_size);
  static void Free(void* p) noexcept;
};

using PoolAllocator = rapidjson::MemoryPoolAllocator<WipingAllocator>;
/// A parsed document; all of its memory (values, strings, parse stack) is wiped on release.
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, PoolAllocator, WipingAllocator>;
using Value = rapidjson::GenericValue<rapidjson::UTF8<>, PoolAllocator>;

/// RapidJSON output stream appending to a SecretString.
class SecretStream {
 public:
  using Ch = char;
  explicit SecretStream(SecretString& out) noexcept : out_(&out) {}
  void Put(char c) { out_->push_back(c); }
  void Flush() noexcept {}

 private:
  SecretString* out_;
};

/// Compact writer into a SecretString; refuses strings that are not valid UTF-8
/// and non-finite doubles (the write call returns false).
using Writer = rapidjson::Writer<SecretStream, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                                 rapidjson::kWriteValidateEncodingFlag>;

/// Deepest nesting of arrays/objects parse() accepts. Cognito's answers nest
/// about five levels; the bound keeps recursive consumers (re-serialising a
/// document value) safe on hostile input.
inline constexpr int kMaxDepth = 64;

/// Parses one JSON value (any type). MalformedResponse when `text` is not
/// JSON, is not valid UTF-8 (lone surrogate escapes included), nests deeper
/// than kMaxDepth, has trailing data or a number beyond the double range.
/// Numbers are converted correctly rounded and independent of the C locale;
/// integers keep their exact value up to 64 bits.
Result<void> parse(std::string_view text, Document& doc);
/// As parse(), and MalformedResponse unless the value is an object.
Result<void> parse_object(std::string_view text, Document& doc);

// ---- small typed getters ---------------------------------------------------

/// The first member of object `obj` named `name` (exact bytes), or nullptr
/// when absent or when `obj` is not an object.
const Value* find_member(const Value& obj, std::string_view name) noexcept;
/// The string value of `v` (which must be a string).
inline std::string_view as_string(const Value& v) noexcept { return {v.GetString(), v.GetStringLength()}; }
/// The string member `name` of `obj`; nullopt when absent or not a string.
std::optional<std::string_view> string_member(const Value& obj, std::string_view name) noexcept;
/// Compact JSON text of `v` (any value from a parsed Document).
std::string to_compact_string(const Value& v);
/// True for JSON whitespace only (or empty).
bool is_blank(std::string_view text) noexcept;

// ---- encoding ----------------------------------------------------------------

/// Writes one JSON object into a SecretString, remembering the member path for
/// error messages. After the first failure every further call is a no-op and
/// finish() returns the error (InvalidArgument).
class Encoder {
 public:
  /// `root` names the value being written in error messages (the shape name).
  explicit Encoder(std::string_view root);
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  /// A member that is always written.
  template <class T>
  void required(std::string_view name, const T& value);
  /// Members written only when set: an engaged optional, a non-null pointer,
  /// a non-empty list or map.
  template <class T>
  void optional(std::string_view name, const std::optional<T>& value) {
    if (value) required(name, *value);
  }
  template <class T>
  void optional(std::string_view name, const T* value) {
    if (value != nullptr) required(name, *value);
  }
  template <class T>
  void optional(std::string_view name, const std::vector<T>& value) {
    if (!value.empty()) required(name, value);
  }
  template <class T>
  void optional(std::string_view name, const std::map<std::string, T>& value) {
    if (!value.empty()) required(name, value);
  }

  void string(std::string_view s);
  void boolean(bool b);
  void int32(std::int32_t i);
  void number(double d);
  /// Writes `json` verbatim (outer whitespace trimmed) after checking that it
  /// is one well-formed JSON value.
  void raw(std::string_view json);

  /// Path bookkeeping for error messages (used by the container writers).
  void push(std::string_view name) { path_.push_back(Segment{name, 0, false}); }
  void push(std::size_t index) { path_.push_back(Segment{{}, index, true}); }
  void pop() noexcept { path_.pop_back(); }

  [[nodiscard]] bool ok() const noexcept { return !error_.has_value(); }
  /// Records InvalidArgument "<path> <what>" (first failure wins).
  void fail(std::string_view what);
  /// The JSON text, or the first error.
  Result<SecretString> finish() &&;

 private:
  struct Segment {
    std::string_view name;
    std::size_t index;
    bool is_index;
  };
  void key(std::string_view name);
  void check(bool written, std::string_view what);

  SecretString out_;
  SecretStream stream_;
  Writer writer_;
  std::string root_;
  std::vector<Segment> path_;
  std::optional<Error> error_;
};

inline void write_value(Encoder& e, std::string_view v) { e.string(v); }
inline void write_value(Encoder& e, const std::string& v) { e.string(v); }
inline void write_value(Encoder& e, const SecretString& v) { e.string(v.reveal()); }
inline void write_value(Encoder& e, bool v) { e.boolean(v); }
inline void write_value(Encoder& e, std::int32_t v) { e.int32(v); }
inline void write_value(Encoder& e, double v) { e.number(v); }

template <class T>
void write_value(Encoder& e, const std::vector<T>& list) {
  e.begin_array();
  for (std::size_t i = 0; i < list.size() && e.ok(); ++i) {
    e.push(i);
    write_value(e, list[i]);
    e.pop();
  }
  e.end_array();
}

template <class T>
void write_value(Encoder& e, const std::map<std::string, T>& map) {
  e.begin_object();
  for (const auto& [key, value] : map) e.required(key, value);
  e.end_object();
}

template <class T>
void Encoder::required(std::string_view name, const T& value) {
  if (!ok()) return;
  key(name);
  push(name);
  write_value(*this, value);
  pop();
}

// ---- decoding ----------------------------------------------------------------

/// Reads typed values out of a parsed document, remembering the member path
/// for error messages. The read functions return false after recording the
/// error (MissingField or WrongType).
class Decoder {
 public:
  /// `root` names the value being read in error messages (the shape name).
  explicit Decoder(std::string_view root) : root_(root) {}
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  /// False (WrongType) unless `v` is an object.
  bool expect_object(const Value& v);

  /// A member that must be present and not null (else MissingField).
  template <class T>
  bool required(const Value& obj, std::string_view name, T& out);
  /// A member that may be absent or null: the optional stays empty, a list or
  /// map stays empty.
  template <class T>
  bool optional(const Value& obj, std::string_view name, std::optional<T>& out);
  template <class T>
  bool optional(const Value& obj, std::string_view name, std::vector<T>& out);
  template <class T>
  bool optional(const Value& obj, std::string_view name, std::map<std::string, T>& out);

  /// Records WrongType "<path> is not <expected>"; returns false.
  bool wrong_type(std::string_view expected);
  /// Records MissingField "<path> is missing"; returns false.
  bool missing();

  void push(std::string_view name) { path_.push_back(Segment{name, 0, false}); }
  void push(std::size_t index) { path_.push_back(Segment{{}, index, true}); }
  void pop() noexcept { path_.pop_back(); }

  /// The recorded error.
  Error take_error() && { return std::move(error_); }

 private:
  struct Segment {
    std::string_view name;
    std::size_t index;
    bool is_index;
  };
  std::string path() const;
  template <class T>
  bool member(const Value& obj, std::string_view name, T& out, bool needed);

  std::string_view root_;
  std::vector<Segment> path_;
  Error error_;
};

bool read_value(const Value& v, std::string& out, Decoder& d);
bool read_value(const Value& v, SecretString& out, Decoder& d);
bool read_value(const Value& v, bool& out, Decoder& d);
bool read_value(const Value& v, std::int32_t& out, Decoder& d);
bool read_value(const Value& v, double& out, Decoder& d);

template <class T>
bool read_value(const Value& v, std::vector<T>& out, Decoder& d) {
  if (!v.IsArray()) return d.wrong_type("an array");
  out.clear();
  out.reserve(v.Size());
  std::size_t i = 0;
  for (const Value& item : v.GetArray()) {
    d.push(i++);
    if (!read_value(item, out.emplace_back(), d)) return false;
    d.pop();
  }
  return true;
}

template <class T>
bool read_value(const Value& v, std::map<std::string, T>& out, Decoder& d) {
  if (!v.IsObject()) return d.wrong_type("an object");
  out.clear();
  for (const auto& m : v.GetObject()) {
    const std::string_view key = as_string(m.name);
    d.push(key);
    T value{};
    if (!read_value(m.value, value, d)) return false;
    d.pop();
    out.insert_or_assign(std::string(key), std::move(value));  // duplicate keys: the last wins
  }
  return true;
}

template <class T>
bool Decoder::member(const Value& obj, std::string_view name, T& out, bool needed) {
  const Value* v = find_member(obj, name);
  push(name);
  if (v == nullptr || v->IsNull()) {
    if (needed) return missing();
    pop();
    return true;
  }
  if (!read_value(*v, out, *this)) return false;
  pop();
  return true;
}

template <class T>
bool Decoder::required(const Value& obj, std::string_view name, T& out) {
  return member(obj, name, out, true);
}

template <class T>
bool Decoder::optional(const Value& obj, std::string_view name, std::optional<T>& out) {
  const Value* v = find_member(obj, name);
  if (v == nullptr || v->IsNull()) {
    out.reset();
    return true;
  }
  push(name);
  if (!read_value(*v, out.emplace(), *this)) return false;
  pop();
  return true;
}

template <class T>
bool Decoder::optional(const Value& obj, std::string_view name, std::vector<T>& out) {
  out.clear();
  return member(obj, name, out, false);
}

template <class T>
bool Decoder::optional(const Value& obj, std::string_view name, std::map<std::string, T>& out) {
  out.clear();
  return member(obj, name, out, false);
}

}  // namespace cognito::detail::json
