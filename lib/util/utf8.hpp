// libcognito (internal) — UTF-8 validation (RFC 3629), bounded by the view.
//
// Text that leaves the library (error messages, JSON it writes) must be valid
// UTF-8: bindings decode it strictly and JSON writers reject it otherwise.
#pragma once

#include <string>
#include <string_view>

namespace cognito::detail {

/// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF). Never reads outside `s`.
[[nodiscard]] bool valid_utf8(std::string_view s) noexcept;

/// `s` with every ill-formed sequence replaced by U+FFFD (one per maximal
/// ill-formed subpart, as Unicode recommends); well-formed text is returned
/// unchanged.
[[nodiscard]] std::string to_valid_utf8(std::string_view s);

}  // namespace cognito::detail
