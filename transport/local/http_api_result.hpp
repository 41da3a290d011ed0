#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace birthday::local {

// The HTTP response the client gets.
struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// A function result API Gateway cannot use; `reason` is for the gateway's log.
struct MalformedResult {
  std::string reason;
};

// A function's response payload read the way API Gateway reads it for payload format 2.0:
// - an object with statusCode: that status, its headers, each of its cookies as a Set-Cookie
//   header, its body (base64-decoded when isBase64Encoded is true);
// - any other valid JSON: 200 with the payload itself as an application/json body;
// - not JSON, or a statusCode/headers/cookies/body/isBase64Encoded of the wrong type or value:
//   MalformedResult.
std::variant<HttpReply, MalformedResult> reply_from_result(std::string_view payload);

// API Gateway's own answers, {"message":"..."} as application/json.
HttpReply bad_request();            // 400: a request that is not valid HTTP
HttpReply not_found();              // 404 Not Found: no route
HttpReply internal_server_error();  // 500: a function error or crash
HttpReply bad_gateway();            // 502: a result that is not a valid proxy result
HttpReply service_unavailable();    // 503: no instance in time, or the gateway is stopping
HttpReply request_too_large();      // 413: the event is over Lambda's 6 MB invoke limit

}  // namespace birthday::local
