// Internal: turning a non-2xx answer into a typed Error (protocol §1.4).
#pragma once

#include "cognito/error.hpp"
#include "cognito/http.hpp"

namespace cognito::detail {

/// The Error an answer carries. The exception name comes from the
/// x-amzn-ErrorType header, else the body's __type, else code/Code; it is cut
/// at the first ':' or ',' and the part after the last '#' is kept. The message
/// is the body's message/Message, else x-amzn-ErrorMessage. A body that is not
/// JSON (an HTML page from a proxy) gives ErrorCode::HttpStatus.
Error parse_service_error(const HttpResponse& response);

/// The answer's x-amzn-RequestId, repaired to valid UTF-8 (a header is any
/// bytes; the id reaches Error, C strings and bindings that decode strictly).
/// Empty when the header is absent.
std::string response_request_id(const HttpResponse& response);

/// Marks `e` as being about `response`: its HTTP status and request id.
void attach_response(Error& e, const HttpResponse& response);

/// The error of a call or sign-in step ended by Client::cancel().
inline Error cancelled_error() { return Error(ErrorCode::Cancelled, "the call was cancelled"); }

}  // namespace cognito::detail
