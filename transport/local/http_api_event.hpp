#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "transport/local/route_table.hpp"

namespace birthday::local {

// An HTTP request as it reached the gateway, before API Gateway's treatment.
struct IncomingRequest {
  std::string method;                                        // e.g. PUT
  std::string target;                                        // path and query as sent: /hello/alice?x=1
  std::string protocol = "HTTP/1.1";
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent, in arrival order
  std::string body;
  std::string source_ip;
};

// What API Gateway adds to each request.
struct RequestContext {
  std::string request_id;                     // fresh for every request
  std::chrono::system_clock::time_point time;
  std::string trace_root;                     // the x-amzn-trace-id header, "Root=1-..."
  int port = 0;                               // the port the gateway listens on (x-forwarded-port)
};

// The Lambda event API Gateway HTTP APIs send with payload format 2.0: version, routeKey,
// rawPath, rawQueryString, cookies, headers (lower-case names, repeated headers joined with
// commas, the cookie header moved to `cookies`, x-forwarded-* and x-amzn-trace-id added),
// queryStringParameters, requestContext (accountId, apiId, domainName, domainPrefix, http,
// requestId, routeKey, stage, time, timeEpoch), body, pathParameters, isBase64Encoded (a body
// that is not text by its Content-Type, or not UTF-8, is base64-encoded).
std::string http_api_event(const IncomingRequest& request, const RouteMatch& route, const RequestContext& context);

// The target split into the raw path and the raw query string (without '?').
std::pair<std::string, std::string> split_target(const std::string& target);

// "17/May/2024:10:42:08 +0000", requestContext.time's format.
std::string request_time_text(std::chrono::system_clock::time_point time);

}  // namespace birthday::local
