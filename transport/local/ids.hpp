#pragma once

#include <chrono>
#include <string>

namespace birthday::local {

// API Gateway's request id (requestContext.requestId, the apigw-requestid header): 16
// characters such as "XyZ1aHkQDoEEJkA=".
std::string new_api_request_id();

// Lambda's request id for one invocation: a random UUID.
std::string new_lambda_request_id();

// An X-Ray trace header root, "Root=1-<epoch seconds, hex>-<96 random bits, hex>".
std::string new_trace_root(std::chrono::system_clock::time_point now);

// A CloudWatch-style log stream name for a new instance: "2024/05/17/[$LATEST]<32 hex>".
std::string new_log_stream_name(std::chrono::system_clock::time_point now);

// n random bytes as 2n lower-case hex digits.
std::string random_hex(std::size_t bytes);

}  // namespace birthday::local
