// Error, Result, SecretString, endpoint resolution, retry policy, error parsing.
#include <doctest/doctest.h>

#include <cstdint>
#include <stdexcept>

#include "cognito/config.hpp"
#include "cognito/error.hpp"
#include "cognito/result.hpp"
#include "cognito/secret.hpp"
#include "cognito/version.hpp"
#include "core/service_error.hpp"

using namespace cognito;

TEST_CASE("error codes: every Cognito exception name maps to its own code and back") {
  const char* names[] = {"NotAuthorizedException", "CodeMismatchException", "LimitExceededException",
                         "UserNotFoundException", "TooManyRequestsException", "InternalErrorException",
                         "RefreshTokenReuseException", "WebAuthnRelyingPartyMismatchException",
                         "PasswordResetRequiredException", "UsernameExistsException"};
  for (const char* n : names) {
    CAPTURE(n);
    const ErrorCode c = error_code_from_exception(n);
    CHECK(c != ErrorCode::ServiceUnknown);
    CHECK(service_exception_name(c) == n);
    const auto v = static_cast<int>(c);
    CHECK(v <= -300);
    CHECK(v > -600);
  }
  CHECK(error_code_from_exception("com.amazonaws.cognito.identity.idp.model#CodeMismatchException") ==
        ErrorCode::CodeMismatch);
  CHECK(error_code_from_exception("NotAuthorizedException:") == ErrorCode::NotAuthorized);
  CHECK(error_code_from_exception("ResourceNotFoundException:http://internal.amazon.com/coral/x") ==
        ErrorCode::ResourceNotFound);
  CHECK(error_code_from_exception("BrandNewException") == ErrorCode::ServiceUnknown);
  CHECK(error_code_from_exception("") == ErrorCode::ServiceUnknown);
  CHECK(error_code_name(ErrorCode::Timeout) == "Timeout");
  CHECK(service_exception_name(ErrorCode::Timeout).empty());
}

TEST_CASE("error codes: names are unique") {
  std::vector<std::string_view> seen;
  for (int v = 0; v >= -999; --v) {
    const auto c = static_cast<ErrorCode>(v);
    const auto name = error_code_name(c);
    if (name == "Unknown") continue;
    CHECK(std::find(seen.begin(), seen.end(), name) == seen.end());
    seen.push_back(name);
  }
  CHECK(seen.size() > 80);
}

namespace {
/// A service error `name` as it arrived with HTTP `status`.
Error service_error(const char* name, int status) {
  Error e(error_code_from_exception(name), "m");
  e.service_code = name;
  e.http_status = status;
  return e;
}
}  // namespace

TEST_CASE("retryable: throttling, 5xx and network yes, user errors never") {
  CHECK(service_error("TooManyRequestsException", 400).retryable());
  CHECK(service_error("InternalErrorException", 500).retryable());
  CHECK(Error(ErrorCode::HttpStatus, "bad gateway").retryable() == false);
  Error gw(ErrorCode::HttpStatus, "bad gateway");
  gw.http_status = 502;
  CHECK(gw.retryable());
  CHECK(Error(ErrorCode::Timeout, "t").retryable());
  CHECK(Error(ErrorCode::ConnectionReset, "r").retryable());
  CHECK(Error(ErrorCode::Dns, "d").retryable());
  CHECK_FALSE(Error(ErrorCode::Tls, "cert").retryable());
  CHECK_FALSE(Error(ErrorCode::BodyTooLarge, "big").retryable());
  for (const char* n : {"NotAuthorizedException", "LimitExceededException", "CodeMismatchException",
                        "UserNotFoundException", "PasswordResetRequiredException", "InvalidParameterException",
                        "ExpiredCodeException", "UsernameExistsException"}) {
    CAPTURE(n);
    CHECK_FALSE(service_error(n, 400).retryable());
  }
  // LimitExceeded stays final even when a proxy or the service pairs it with 429 or 5xx.
  CHECK_FALSE(service_error("LimitExceededException", 429).retryable());
  CHECK_FALSE(service_error("LimitExceededException", 500).retryable());
  CHECK_FALSE(service_error("LimitExceededException", 429).certainly_not_processed());
  // Ambiguous failures are not "certainly not processed"; refusals are.
  CHECK_FALSE(Error(ErrorCode::Timeout, "t").certainly_not_processed());
  CHECK_FALSE(Error(ErrorCode::ConnectionReset, "r").certainly_not_processed());
  CHECK(Error(ErrorCode::Connect, "c").certainly_not_processed());
  CHECK(service_error("TooManyRequestsException", 400).certainly_not_processed());
  CHECK_FALSE(service_error("NotAuthorizedException", 400).certainly_not_processed());
}

TEST_CASE("retryable: a known exception name wins over a 5xx or 429 status") {
  for (const char* n : {"NotAuthorizedException", "CodeMismatchException", "UserNotFoundException",
                        "PasswordResetRequiredException", "LimitExceededException", "ExpiredCodeException",
                        "InvalidParameterException", "UsernameExistsException", "UserNotConfirmedException"}) {
    for (int status : {429, 500, 502, 503, 504}) {
      CAPTURE(n);
      CAPTURE(status);
      const Error e = service_error(n, status);
      REQUIRE(e.code != ErrorCode::ServiceUnknown);
      CHECK_FALSE(e.retryable());
      CHECK_FALSE(e.certainly_not_processed());
    }
  }
  // The transient names stay retryable with any status.
  for (const char* n : {"TooManyRequestsException", "ThrottlingException", "InternalErrorException",
                        "InternalServerException", "RequestTimeoutException"}) {
    for (int status : {400, 429, 500, 503}) {
      CAPTURE(n);
      CAPTURE(status);
      CHECK(service_error(n, status).retryable());
    }
  }
  // Without a name, or with one this version does not know, the status decides.
  for (int status : {429, 500, 502, 503, 504}) {
    CAPTURE(status);
    CHECK(service_error("BrandNewException", status).retryable());
    Error plain(ErrorCode::HttpStatus, "HTTP error");
    plain.http_status = status;
    CHECK(plain.retryable());
  }
  CHECK_FALSE(service_error("BrandNewException", 400).retryable());
  CHECK_FALSE(service_error("BrandNewException", 501).retryable());
  // Parsed from the wire, as a proxy would mangle it.
  auto parsed = [](int status, const char* type) {
    HttpResponse r;
    r.status = status;
    r.body = SecretString(std::string(R"({"__type":")") + type + R"(","message":"m"})");
    return detail::parse_service_error(r);
  };
  CHECK_FALSE(parsed(500, "NotAuthorizedException").retryable());
  CHECK_FALSE(parsed(429, "com.amazonaws.cognito.identity.idp.model#CodeMismatchException").retryable());
  CHECK_FALSE(parsed(503, "UserNotFoundException").retryable());
  CHECK(parsed(503, "SomethingNewException").retryable());
}

TEST_CASE("Error::to_string carries name, message, status and request id") {
  Error e(ErrorCode::NotAuthorized, "Incorrect username or password.");
  e.service_code = "NotAuthorizedException";
  e.http_status = 400;
  e.request_id = "abc";
  CHECK(e.to_string() == "NotAuthorizedException: Incorrect username or password. (HTTP 400, request id abc)");
  CHECK(Error(ErrorCode::Timeout, "slow").to_string() == "Timeout: slow");
}

TEST_CASE("Result: value, error, value_or, void") {
  Result<int> ok = 5;
  REQUIRE(ok);
  CHECK(*ok == 5);
  CHECK(ok.value_or(7) == 5);
  Result<int> bad = fail(ErrorCode::InvalidArgument, "nope");
  CHECK_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::InvalidArgument);
  CHECK(bad.value_or(7) == 7);
  CHECK_THROWS_AS(bad.value(), BadResultAccess);
  Result<void> v;
  CHECK(v);
  Result<void> vbad = fail(ErrorCode::Timeout, "t");
  CHECK_FALSE(vbad);
  CHECK(vbad.error().message == "t");
  Result<std::unique_ptr<int>> moved = std::make_unique<int>(3);
  auto p = std::move(moved).value();
  CHECK(*p == 3);
}

TEST_CASE("SecretString: move-only storage, append, truncate, compare") {
  static_assert(!std::is_copy_constructible_v<SecretString>);
  static_assert(std::is_nothrow_move_constructible_v<SecretString>);
  SecretString s("hunter2");
  CHECK(s.reveal() == "hunter2");
  s.append(std::string(100, 'x'));  // forces a reallocation
  CHECK(s.size() == 107);
  CHECK(s.reveal().substr(0, 7) == "hunter2");
  s.truncate(6);
  CHECK(s.reveal() == "hunter");
  SecretString t = std::move(s);
  CHECK(s.empty());  // NOLINT: moved-from is empty by contract
  CHECK(t.reveal() == "hunter");
  CHECK(t == SecretString("hunter"));
  CHECK(t != SecretString("hunteR"));
  SecretString c = t.clone();
  CHECK(c == t);
  c.clear();
  CHECK(c.empty());
  std::string plain = "temporary";
  SecretString taken = SecretString::take(plain);
  CHECK(plain.empty());
  CHECK(taken.reveal() == "temporary");
  SecretString r;
  r.resize(4);
  CHECK(r.reveal() == std::string(4, '\0'));
}

TEST_CASE("SecretString: sizes that overflow throw length_error and change nothing") {
  SecretString s("abc");
  const char byte = 'x';
  // size() + n wraps around: without the check this would copy SIZE_MAX bytes.
  CHECK_THROWS_AS(s.append(&byte, SIZE_MAX), std::length_error);
  CHECK_THROWS_AS(s.append(&byte, SIZE_MAX - 2), std::length_error);
  CHECK_THROWS_AS(s.reserve(SIZE_MAX - 1), std::length_error);  // the doubling would wrap to 0
  CHECK_THROWS_AS(s.resize(SIZE_MAX), std::length_error);
  CHECK(s.reveal() == "abc");
  s.append(&byte, 1);
  CHECK(s.reveal() == "abcx");
}

TEST_CASE("endpoint: from the pool id, the region, partitions, fips, override") {
  ClientConfig c;
  c.user_pool_id = "eu-west-1_AbC";
  CHECK(*resolve_endpoint(c) == "https://cognito-idp.eu-west-1.amazonaws.com/");
  c.region = "us-east-2";
  CHECK(*resolve_endpoint(c) == "https://cognito-idp.us-east-2.amazonaws.com/");
  c.fips = true;
  CHECK(*resolve_endpoint(c) == "https://cognito-idp-fips.us-east-2.amazonaws.com/");
  c.fips = false;
  c.region = "cn-north-1";
  CHECK(*resolve_endpoint(c) == "https://cognito-idp.cn-north-1.amazonaws.com.cn/");
  c.endpoint = "http://127.0.0.1:9229/";
  CHECK(*resolve_endpoint(c) == "http://127.0.0.1:9229/");
  c.fips = true;
  CHECK(resolve_endpoint(c).error().code == ErrorCode::InvalidArgument);
  ClientConfig none;
  CHECK(resolve_endpoint(none).error().code == ErrorCode::InvalidArgument);
  none.region = "us-east-1/../evil";
  CHECK(resolve_endpoint(none).error().code == ErrorCode::InvalidArgument);
  CHECK(region_of_pool("ap-south-1_xyz") == "ap-south-1");
  CHECK(region_of_pool("nounderscore").empty());
}

TEST_CASE("retry policy: full jitter, capped, throttles wait longer") {
  RetryPolicy p;
  Error plain(ErrorCode::Timeout, "t");
  Error throttle(ErrorCode::TooManyRequests, "slow down");
  CHECK(p.backoff(1, plain, 0.0).count() == 0);
  CHECK(p.backoff(1, plain, 0.999).count() == 49);
  CHECK(p.backoff(3, plain, 0.999).count() == 199);
  CHECK(p.backoff(1, throttle, 0.999).count() == 499);
  CHECK(p.backoff(40, throttle, 0.999).count() == 19980);
  CHECK(p.backoff(40, throttle, 1.0).count() <= p.max_delay.count());
}

namespace {
HttpResponse answer(int status, std::string body, Headers h = {}) {
  HttpResponse r;
  r.status = status;
  r.body = SecretString(body);
  r.headers = std::move(h);
  return r;
}
}  // namespace

TEST_CASE("service errors: bare, namespaced and header forms") {
  Headers rid;
  rid.add("x-amzn-RequestId", "req-1");
  auto e = detail::parse_service_error(
      answer(400, R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})", rid));
  CHECK(e.code == ErrorCode::NotAuthorized);
  CHECK(e.service_code == "NotAuthorizedException");
  CHECK(e.message == "Incorrect username or password.");
  CHECK(e.http_status == 400);
  CHECK(e.request_id == "req-1");

  e = detail::parse_service_error(answer(
      400, R"({"__type":"com.amazonaws.cognito.identity.idp.model#CodeMismatchException","Message":"Invalid code"})"));
  CHECK(e.code == ErrorCode::CodeMismatch);
  CHECK(e.service_code == "CodeMismatchException");
  CHECK(e.message == "Invalid code");

  Headers h;
  h.add("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon/");
  h.add("x-amzn-ErrorMessage", "Device does not exist.");
  e = detail::parse_service_error(answer(400, "", h));
  CHECK(e.code == ErrorCode::ResourceNotFound);
  CHECK(e.message == "Device does not exist.");

  e = detail::parse_service_error(answer(400, R"({"code":"TooManyRequestsException"})"));
  CHECK(e.code == ErrorCode::TooManyRequests);
  CHECK(e.retryable());

  e = detail::parse_service_error(answer(400, R"({"__type":"SomethingNewException","message":"m"})"));
  CHECK(e.code == ErrorCode::ServiceUnknown);
  CHECK(e.service_code == "SomethingNewException");
}

TEST_CASE("service errors: bodies that are not JSON give a typed error, no crash") {
  // moto answers unimplemented operations with an HTML traceback and status 500.
  auto e = detail::parse_service_error(answer(500, "<!doctype html><html><body>Traceback ...</body></html>"));
  CHECK(e.code == ErrorCode::HttpStatus);
  CHECK(e.http_status == 500);
  CHECK(e.retryable());
  e = detail::parse_service_error(answer(502, ""));
  CHECK(e.code == ErrorCode::HttpStatus);
  e = detail::parse_service_error(answer(400, "[1,2"));
  CHECK(e.code == ErrorCode::HttpStatus);
  CHECK_FALSE(e.retryable());
  e = detail::parse_service_error(answer(400, R"({"__type": 42})"));
  CHECK(e.code == ErrorCode::HttpStatus);
  e = detail::parse_service_error(answer(400, std::string(100000, '[')));
  CHECK(e.code == ErrorCode::HttpStatus);
}

TEST_CASE("service errors: message and type that are not UTF-8 are repaired") {
  const std::string fffd = "\xEF\xBF\xBD";
  // Raw bytes inside the JSON strings: RapidJSON passes them through.
  auto e = detail::parse_service_error(
      answer(400, "{\"__type\":\"NotAuthorizedException\",\"message\":\"bad \xFF\xFE password \xC3\"}"));
  CHECK(e.code == ErrorCode::NotAuthorized);
  CHECK(e.message == "bad " + fffd + fffd + " password " + fffd);
  e = detail::parse_service_error(answer(400, "{\"__type\":\"Odd\xE2\x82" "Exception\",\"Message\":\"ok\"}"));
  CHECK(e.code == ErrorCode::ServiceUnknown);
  CHECK(e.service_code == "Odd" + fffd + "Exception");
  CHECK(e.message == "ok");
  // A lone low surrogate escape decodes to bytes that are not UTF-8.
  e = detail::parse_service_error(answer(400, R"({"__type":"CodeMismatchException","message":"x\udc00y"})"));
  CHECK(e.code == ErrorCode::CodeMismatch);
  CHECK(e.message == "x" + fffd + fffd + fffd + "y");
  // The header forms.
  Headers h;
  h.add("x-amzn-ErrorType", "UserNotFoundException\xC0\xAF:http://x/");
  h.add("x-amzn-RequestId", "req\xFF-1");
  h.add("x-amzn-ErrorMessage", "User does not exist.\xF0\x9F\x98");
  e = detail::parse_service_error(answer(400, "", h));
  CHECK(e.service_code == "UserNotFoundException" + fffd + fffd);
  CHECK(e.message == "User does not exist." + fffd);
  CHECK(e.request_id == "req" + fffd + "-1");
  CHECK(detail::response_request_id(answer(200, "{}", h)) == "req" + fffd + "-1");
  CHECK(detail::response_request_id(answer(200, "{}")).empty());
  // Valid UTF-8 is kept as it came.
  e = detail::parse_service_error(
      answer(400, "{\"__type\":\"NotAuthorizedException\",\"message\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}"));
  CHECK(e.message == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(e.code == ErrorCode::NotAuthorized);
}

TEST_CASE("version: header and library agree") {
  CHECK(version_num() == COGNITO_VERSION_NUM);
  CHECK(std::string(version_string()) == COGNITO_VERSION_STRING);
}
