// libcognito — Result<T>: a value or an Error.
//
// An API-compatible subset of C++23 std::expected<T, Error>: has_value(),
// operator bool, value(), error(), value_or(), operator* and operator->.
// The library reports every failure through Result and throws nothing itself.
// Calling value() on an error is a programming error: it throws
// BadResultAccess when exceptions are enabled and aborts otherwise.
#pragma once

#include <cstdlib>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

#include "cognito/error.hpp"

namespace cognito {

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
/// Thrown by Result::value() when the result holds an error.
class BadResultAccess : public std::exception {
 public:
  explicit BadResultAccess(Error e) : error_(std::move(e)) {}
  const char* what() const noexcept override { return "cognito::Result holds an error"; }
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};
#define COGNITO_DETAIL_BAD_ACCESS(err) throw ::cognito::BadResultAccess(err)
#else
#define COGNITO_DETAIL_BAD_ACCESS(err) std::abort()
#endif

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Error>, "Result<Error> is not meaningful");

 public:
  using value_type = T;

  Result(const T& v) : v_(std::in_place_index<0>, v) {}                 // NOLINT: implicit by design
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}           // NOLINT
  Result(Error e) : v_(std::in_place_index<1>, std::move(e)) {}         // NOLINT
  template <class... A>
  explicit Result(std::in_place_t, A&&... a) : v_(std::in_place_index<0>, std::forward<A>(a)...) {}

  [[nodiscard]] bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    if (!has_value()) COGNITO_DETAIL_BAD_ACCESS(error());
    return std::get<0>(v_);
  }
  const T& value() const& {
    if (!has_value()) COGNITO_DETAIL_BAD_ACCESS(error());
    return std::get<0>(v_);
  }
  T&& value() && {
    if (!has_value()) COGNITO_DETAIL_BAD_ACCESS(error());
    return std::get<0>(std::move(v_));
  }

  /// The error. Only meaningful when !has_value().
  const Error& error() const& noexcept { return *std::get_if<1>(&v_); }
  Error& error() & noexcept { return *std::get_if<1>(&v_); }
  Error&& error() && noexcept { return std::move(*std::get_if<1>(&v_)); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return has_value() ? std::get<0>(std::move(v_)) : static_cast<T>(std::forward<U>(fallback));
  }

  T* operator->() noexcept { return std::get_if<0>(&v_); }
  const T* operator->() const noexcept { return std::get_if<0>(&v_); }
  T& operator*() & noexcept { return *std::get_if<0>(&v_); }
  const T& operator*() const& noexcept { return *std::get_if<0>(&v_); }
  T&& operator*() && noexcept { return std::move(*std::get_if<0>(&v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() noexcept = default;
  Result(Error e) : ok_(false), e_(std::move(e)) {}  // NOLINT: implicit by design

  [[nodiscard]] bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  void value() const {
    if (!ok_) COGNITO_DETAIL_BAD_ACCESS(e_);
  }
  const Error& error() const& noexcept { return e_; }
  Error& error() & noexcept { return e_; }
  Error&& error() && noexcept { return std::move(e_); }

 private:
  bool ok_ = true;
  Error e_;
};

/// Shorthand for a failed Result: `return fail(ErrorCode::InvalidArgument, "...")`.
inline Error fail(ErrorCode code, std::string message) { return Error(code, std::move(message)); }

}  // namespace cognito
