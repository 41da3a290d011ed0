#pragma once

#include <string_view>

#include "service/result.hpp"
#include "transport/http_message.hpp"

namespace birthday::transport {

// What a client is told about one kind of failure: the contract's status and message.
struct PublicError {
  int status;
  std::string_view message;
};

// The one table from ErrorKind to HTTP status and public message.
PublicError public_error(ErrorKind kind);

// The contract's error response: Content-Type: application/json, body
// {"message":"<text>","requestId":"<id>"}, plus `Allow: <allowed_method>` on 405 and
// `Retry-After: 1` on 503. Error::detail never reaches the client, so only the kind is taken.
Response error_response(ErrorKind kind, std::string_view request_id, std::string_view allowed_method);

}  // namespace birthday::transport
