#include "cognito/http.hpp"

#include <algorithm>

namespace cognito {
namespace {
bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}
}  // namespace

const std::string* Headers::find(std::string_view name) const noexcept {
  for (const auto& h : items)
    if (iequals(h.first, name)) return &h.second;
  return nullptr;
}

void Headers::set(std::string_view name, std::string value) {
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Header& h) { return iequals(h.first, name); }),
              items.end());
  items.emplace_back(std::string(name), std::move(value));
}

Transport::~Transport() = default;

}  // namespace cognito
