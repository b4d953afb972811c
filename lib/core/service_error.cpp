#include "core/service_error.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <string>

#include "util/utf8.hpp"

namespace cognito::detail {
namespace {

std::string string_member(const rapidjson::Value& obj, const char* a, const char* b) {
  for (const char* key : {a, b}) {
    if (key == nullptr) continue;
    auto it = obj.FindMember(key);
    if (it != obj.MemberEnd() && it->value.IsString())
      return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  return {};
}

std::string short_exception_name(std::string name) {
  if (auto cut = name.find_first_of(":,"); cut != std::string::npos) name.resize(cut);
  if (auto hash = name.rfind('#'); hash != std::string::npos) name.erase(0, hash + 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
  return name;
}

}  // namespace

std::string response_request_id(const HttpResponse& response) {
  const std::string* id = response.headers.find("x-amzn-RequestId");
  return id ? to_valid_utf8(*id) : std::string();
}

void attach_response(Error& e, const HttpResponse& response) {
  e.http_status = response.status;
  e.request_id = response_request_id(response);
}

Error parse_service_error(const HttpResponse& response) {
  Error e;
  attach_response(e, response);

  std::string type;
  if (const std::string* h = response.headers.find("x-amzn-ErrorType")) type = *h;

  rapidjson::Document doc;
  const auto body = response.body.reveal();
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  const bool json_object = !doc.HasParseError() && doc.IsObject();
  if (json_object) {
    if (type.empty()) type = string_member(doc, "__type", nullptr);
    if (type.empty()) type = string_member(doc, "code", "Code");
    e.message = string_member(doc, "message", "Message");
  }
  if (e.message.empty())
    if (const std::string* h = response.headers.find("x-amzn-ErrorMessage")) e.message = *h;

  // Both come from the server as any bytes (RapidJSON does not validate the
  // encoding it parses, headers are raw): only valid UTF-8 may reach Error,
  // which ends up in JSON, C strings for bindings and logs.
  e.message = to_valid_utf8(e.message);
  e.service_code = short_exception_name(to_valid_utf8(type));
  if (!e.service_code.empty()) {
    e.code = error_code_from_exception(e.service_code);
  } else {
    e.code = ErrorCode::HttpStatus;
    if (e.message.empty())
      e.message = json_object ? "HTTP " + std::to_string(response.status) + " without an error type"
                              : "HTTP " + std::to_string(response.status) + " with a body that is not JSON";
  }
  return e;
}

}  // namespace cognito::detail
