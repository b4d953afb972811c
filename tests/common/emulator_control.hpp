// Test helper shared by the integration tests (tests/integration) and the
// fault tests (tests/faults): the local emulator started by the ctest fixture
// `emulator` (tests/emulator), its control API under /_emulator/, and small
// JSON and naming helpers. Failures end the running test (doctest FAIL /
// REQUIRE), except in control_quiet().
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace emutest {

using Json = rapidjson::Document;

/// The emulator's start-up description (${COGNITO_EMULATOR_STATE_DIR}/emulator.json).
struct EmulatorInfo {
  std::string endpoint;          ///< "http://127.0.0.1:<port>/"
  std::string control_endpoint;  ///< "<endpoint>_emulator/"
};

/// Where emulator.json is: $COGNITO_EMULATOR_JSON, else
/// $COGNITO_EMULATOR_STATE_DIR/emulator.json, else the build's state directory.
std::string state_file();
/// True when the description exists (the fixture started the emulator).
bool emulator_available();
/// The description, read once; fails the test when it cannot be read.
const EmulatorInfo& emulator();

/// One control-API call; fails the test unless the answer is 2xx JSON. `body`: JSON text or empty.
Json control(std::string_view method, std::string_view path, std::string_view body = {});
/// The same, best effort and without failing the test (for destructors):
/// true when the answer was 2xx.
bool control_quiet(std::string_view method, std::string_view path);

/// A string member of a parsed JSON object ("" when absent).
std::string str(const rapidjson::Value& obj, const char* name);
/// JSON string literal of `s` (with quotes and escapes).
std::string quote(std::string_view s);
/// Percent-encoding for a URL path segment or query value.
std::string url_encode(std::string_view s);
/// A name unique in this test run: prefix + process id + random salt + counter.
std::string unique(std::string_view prefix);

/// Every explicit auth flow, as the JSON array an app client takes.
inline constexpr const char* kAllFlows =
    R"(["ALLOW_USER_SRP_AUTH","ALLOW_USER_PASSWORD_AUTH","ALLOW_CUSTOM_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_AUTH"])";

/// The control-API body of a confirmed user `username` with `password`, the
/// email <username>@example.com and `extra` members (JSON without braces).
std::string user_json(std::string_view username, std::string_view password, std::string_view extra = {});
/// Moves the clock of pool `pool_id` (codes, sessions, tokens, SRP TIMESTAMP checks).
void advance_pool_clock(const std::string& pool_id, std::chrono::seconds by);

}  // namespace emutest
