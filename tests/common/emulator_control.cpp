#include "emulator_control.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cognito/curl_transport.hpp"

namespace emutest {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Json parse(std::string_view text, std::string_view what) {
  Json doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) FAIL(std::string(what) << " is not JSON: " << std::string(text.substr(0, 300)));
  return doc;
}

// One CurlTransport for every control call: one request at a time.
std::mutex& control_mutex() {
  static std::mutex mu;
  return mu;
}

cognito::Transport& control_transport() {
  static std::unique_ptr<cognito::CurlTransport> t = [] {
    auto created = cognito::CurlTransport::create();
    REQUIRE(created);
    return std::move(*created);
  }();
  return *t;
}

cognito::HttpRequest control_request(std::string_view method, std::string_view path, std::string_view body) {
  cognito::HttpRequest req;
  req.method = std::string(method);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  req.url = emulator().control_endpoint + std::string(path);
  req.headers.add("Content-Type", "application/json");
  req.body = cognito::SecretString(body);
  return req;
}

}  // namespace

std::string state_file() {
  // Overrides for running a test binary by hand against another emulator.
  std::string path = COGNITO_EMULATOR_JSON;
  if (const char* dir = std::getenv("COGNITO_EMULATOR_STATE_DIR"); dir != nullptr && *dir != '\0')
    path = std::string(dir) + "/emulator.json";
  if (const char* file = std::getenv("COGNITO_EMULATOR_JSON"); file != nullptr && *file != '\0') path = file;
  return path;
}

bool emulator_available() {
  std::ifstream in(state_file());
  return in.good();
}

const EmulatorInfo& emulator() {
  static const EmulatorInfo info = [] {
    const std::string path = state_file();
    const std::string text = read_file(path);
    if (text.empty()) FAIL("cannot read the emulator description " << path << " (is the emulator fixture running?)");
    Json doc = parse(text, path);
    EmulatorInfo e;
    e.endpoint = str(doc, "endpoint");
    e.control_endpoint = str(doc, "control_endpoint");
    if (e.control_endpoint.empty()) e.control_endpoint = e.endpoint + "_emulator/";
    REQUIRE_FALSE(e.endpoint.empty());
    return e;
  }();
  return info;
}

Json control(std::string_view method, std::string_view path, std::string_view body) {
  const cognito::HttpRequest req = control_request(method, path, body);
  std::lock_guard<std::mutex> lock(control_mutex());
  auto rsp = control_transport().round_trip(req, std::chrono::seconds(20));
  if (!rsp) FAIL("control " << method << " " << path << ": " << rsp.error().to_string());
  const std::string_view text = rsp->body.reveal();
  if (rsp->status < 200 || rsp->status >= 300)
    FAIL("control " << method << " " << path << " -> " << rsp->status << " " << std::string(text.substr(0, 500)));
  return parse(text.empty() ? std::string_view("{}") : text, "control answer");
}

bool control_quiet(std::string_view method, std::string_view path) {
  const cognito::HttpRequest req = control_request(method, path, {});
  std::lock_guard<std::mutex> lock(control_mutex());
  auto rsp = control_transport().round_trip(req, std::chrono::seconds(5));
  return rsp && rsp->status >= 200 && rsp->status < 300;
}

std::string str(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string quote(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string unique(std::string_view prefix) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return std::string(prefix) + std::to_string(getpid()) + "x" + std::to_string(salt) + "n" +
         std::to_string(++counter);
}

std::string user_json(std::string_view username, std::string_view password, std::string_view extra) {
  std::string body = R"({"username":)" + quote(username) + R"(,"password":)" + quote(password) +
                     R"(,"attributes":{"email":)" + quote(std::string(username) + "@example.com") + "}";
  if (!extra.empty()) body += "," + std::string(extra);
  body += "}";
  return body;
}

void advance_pool_clock(const std::string& pool_id, std::chrono::seconds by) {
  (void)control("POST", "pools/" + pool_id + "/clock", R"({"advance_seconds":)" + std::to_string(by.count()) + "}");
}

}  // namespace emutest
