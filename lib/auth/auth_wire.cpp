#include "auth/auth_wire.hpp"

#include "wire/json.hpp"

namespace cognito::detail::auth {

HttpRequest make_http_request(std::string_view endpoint, std::string_view operation, SecretString body) {
  HttpRequest req;
  req.method = "POST";
  req.url = std::string(endpoint);
  req.headers.add("Content-Type", "application/x-amz-json-1.1");
  std::string target(kTargetPrefix);
  target += operation;
  req.headers.add("X-Amz-Target", std::move(target));
  req.headers.add("Cache-Control", "no-store");
  req.body = std::move(body);
  return req;
}

HttpRequest clone_request(const HttpRequest& r) {
  HttpRequest c;
  c.method = r.method;
  c.url = r.url;
  c.headers = r.headers;
  c.body = r.body.clone();
  return c;
}

Result<std::vector<std::string>> parse_string_list(std::string_view json, std::string_view what) {
  const auto wrong = [&] {
    return Error(ErrorCode::WrongType, "ChallengeParameters." + std::string(what) + " is not a JSON array of strings");
  };
  json::Document doc;
  if (!json::parse(json, doc) || !doc.IsArray()) return wrong();
  std::vector<std::string> out;
  out.reserve(doc.Size());
  for (const json::Value& v : doc.GetArray()) {
    if (!v.IsString()) return wrong();
    out.emplace_back(json::as_string(v));
  }
  return out;
}

Result<std::map<std::string, std::string>> parse_string_map(std::string_view json, std::string_view what) {
  json::Document doc;
  if (!json::parse(json, doc) || !doc.IsObject())
    return Error(ErrorCode::WrongType, "ChallengeParameters." + std::string(what) + " is not a JSON object");
  std::map<std::string, std::string> out;
  for (const auto& m : doc.GetObject()) {
    if (m.value.IsNull()) continue;
    std::string value = m.value.IsString() ? std::string(json::as_string(m.value)) : json::to_compact_string(m.value);
    out.insert_or_assign(std::string(json::as_string(m.name)), std::move(value));
  }
  return out;
}

bool is_json(std::string_view text) {
  json::Document doc;
  return static_cast<bool>(json::parse(text, doc));
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);  // never reallocates: a secret being encoded leaves no stray copy
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

SecretString totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  const std::string enc_issuer = percent_encode(issuer);
  SecretString uri;
  uri.append("otpauth://totp/");
  uri.append(enc_issuer);
  uri.append(":");
  uri.append(percent_encode(account));
  uri.append("?secret=");
  std::string enc_secret = percent_encode(secret);
  uri.append(enc_secret);
  secure_wipe(enc_secret);
  uri.append("&issuer=");
  uri.append(enc_issuer);
  return uri;
}

bool contains_ci(std::string_view haystack, std::string_view needle) noexcept {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(haystack[i + j]) == lower(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

Error protocol_error(ErrorCode code, std::string message, const HttpResponse* response) {
  Error e(code, std::move(message));
  if (response != nullptr) detail::attach_response(e, *response);
  return e;
}

}  // namespace cognito::detail::auth
