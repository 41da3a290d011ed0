#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "service/clock.hpp"
#include "transport/http_message.hpp"

namespace birthday::transport {

// The invocation payload is not an API Gateway proxy event (not JSON, not an object, no
// requestContext, no method...). The runtime reports it as a function error.
class NotAnApiGatewayEvent : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An API Gateway proxy event as a Request:
// - HTTP API payload 2.0 (`"version": "2.0"`): requestContext.http.method, rawPath;
// - REST API payload 1.0 (`"version": "1.0"` or no version): httpMethod, path.
// Both: pathParameters.username, body, isBase64Encoded, requestContext.requestId (empty when
// absent). Without a username path parameter, the last segment of the path is the username.
// Nothing is percent-decoded here: an HTTP API has already decoded path parameters, and a
// `%` that still arrives is not a letter, so it gets the username error. A base64 body that
// does not decode becomes an empty body, which then fails the body check in its place in the
// contract's order (method, username, body).
// Throws NotAnApiGatewayEvent.
Request parse_api_gateway_event(std::string_view payload, Deadline deadline);

// The proxy integration result for a Response:
// {"statusCode":..,"headers":{..},"body":"..","isBase64Encoded":false}. Payload 2.0 and
// 1.0 both read this shape (1.0's multiValueHeaders and 2.0's cookies are never needed);
// a 204 carries "body":"".
std::string api_gateway_result(const Response& response);

}  // namespace birthday::transport
