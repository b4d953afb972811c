// Fuzz target: turning a non-2xx answer into a typed Error
// (detail::parse_service_error, protocol §1.4), with fuzzed status, headers
// and body, plus the Error helpers applied to the result.
//
// Input (FuzzedDataProvider): the status, up to 8 headers (name picked from
// the ones the parser reads, or fuzzed), then the body (the rest).
//
// Properties: the Error is never Ok; service_code is a short exception name
// (no ':' ',' '#', no surrounding blanks) that maps back to the code;
// without a service_code the code is HttpStatus; the HTTP status is kept;
// retry classification never retries LimitExceeded nor a user error
// (NotAuthorized, CodeMismatch, ...), whatever the status, and
// certainly_not_processed() implies retryable().
#include <cstddef>
#include <cstdint>
#include <string>

#include "cognito/config.hpp"
#include "cognito/error.hpp"
#include "cognito/http.hpp"
#include "core/service_error.hpp"
#include "fuzz_support.hpp"
#include "util/utf8.hpp"

using namespace cognito;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  static const int kStatuses[] = {400, 500, 502, 503, 504, 429, 403, 404, 413, 0, 200, 301, 599, 999, -1};
  HttpResponse rsp;
  rsp.status = in.ConsumeBool() ? in.PickValueInArray(kStatuses) : in.ConsumeIntegral<int>();
  static const char* const kNames[] = {"x-amzn-ErrorType", "X-Amzn-ErrorType", "x-amzn-errormessage",
                                       "x-amzn-RequestId", "Content-Type",    "x-amzn-ErrorMessage"};
  const int headers = in.ConsumeIntegralInRange(0, 8);
  for (int i = 0; i < headers; ++i) {
    std::string name = in.ConsumeBool() ? std::string(in.PickValueInArray(kNames)) : in.ConsumeRandomLengthString(32);
    rsp.headers.add(std::move(name), in.ConsumeRandomLengthString(256));
  }
  rsp.body = SecretString(in.ConsumeRemainingBytesAsString());

  const Error e = detail::parse_service_error(rsp);
  FUZZ_CHECK(fuzz::is_known_error(e.code), "parse_service_error produced an unnamed code");
  FUZZ_CHECK(e.http_status == rsp.status, "HTTP status not kept");
  if (e.service_code.empty()) {
    FUZZ_CHECK(e.code == ErrorCode::HttpStatus, "no service_code but code is not HttpStatus");
    FUZZ_CHECK(!e.message.empty(), "HttpStatus error without a message");
  } else {
    FUZZ_CHECK(e.service_code.find_first_of(":,#") == std::string::npos, "service_code is not a short name");
    const char first = e.service_code.front();
    const char last = e.service_code.back();
    FUZZ_CHECK(first != ' ' && first != '\t' && last != ' ' && last != '\t', "service_code has blanks around it");
    FUZZ_CHECK(error_code_from_exception(e.service_code) == e.code, "service_code does not map to code");
    FUZZ_CHECK(static_cast<int>(e.code) <= -300 && static_cast<int>(e.code) > -600, "service code outside -3xx..-5xx");
    if (e.code != ErrorCode::ServiceUnknown)
      FUZZ_CHECK(!service_exception_name(e.code).empty(), "known service code without an exception name");
  }
  // Everything in Error reaches C strings, JSON and strict decoders.
  FUZZ_CHECK(detail::valid_utf8(e.request_id), "request id is not valid UTF-8");
  FUZZ_CHECK(detail::valid_utf8(e.message), "message is not valid UTF-8");
  FUZZ_CHECK(detail::valid_utf8(e.service_code), "service code is not valid UTF-8");
  if (const std::string* id = rsp.headers.find("x-amzn-RequestId")) {
    FUZZ_CHECK(!detail::valid_utf8(*id) || e.request_id == *id, "valid request id not kept byte for byte");
  } else {
    FUZZ_CHECK(e.request_id.empty(), "request id without the header");
  }

  // Retry classification. LimitExceeded is never retried (it extends the
  // lock-out), nor is any other user error: a known exception name wins over
  // a 5xx / 429 status.
  switch (e.code) {
    case ErrorCode::LimitExceeded:
      FUZZ_CHECK(!e.retryable(), "LimitExceeded is classified retryable");
      break;
    case ErrorCode::NotAuthorized:
    case ErrorCode::CodeMismatch:
    case ErrorCode::UserNotFound:
    case ErrorCode::PasswordResetRequired:
    case ErrorCode::ExpiredCode:
    case ErrorCode::InvalidParameter:
    case ErrorCode::UsernameExists:
      FUZZ_CHECK(!e.retryable(), "a user error is classified retryable");
      break;
    case ErrorCode::TooManyRequests:
      FUZZ_CHECK(e.retryable(), "TooManyRequests is not retryable");
      break;
    default:
      break;
  }
  if (e.certainly_not_processed()) FUZZ_CHECK(e.retryable(), "not processed but not retryable");

  const std::string text = e.to_string();
  FUZZ_CHECK(!text.empty(), "Error::to_string() is empty");

  // Retry delays stay within the policy for any attempt number.
  RetryPolicy policy;
  const int attempt = static_cast<int>(static_cast<unsigned>(e.http_status) % 40);
  const auto wait = policy.backoff(attempt, e, 0.999);
  FUZZ_CHECK(wait.count() >= 0 && wait <= policy.max_delay, "backoff outside [0, max_delay]");
  return 0;
}
