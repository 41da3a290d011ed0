#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/dynamodb/http_client.hpp"
#include "service/result.hpp"

namespace birthday::dynamodb {

// What one HTTP answer of the DynamoDB JSON protocol means for the call that got it.
struct ResponseOutcome {
  Result<nlohmann::json> output;  // the operation's output, or why there is none
  std::string error_type;         // the service's name for a refusal, e.g. "ResourceNotFoundException"
  bool retryable = false;         // throttling, 429 or 5xx: another attempt may succeed
  std::string aws_request_id;     // x-amzn-RequestId of a failed call, what AWS support asks for
};

// A 2xx whose body is a JSON object is the output; any other 2xx body is Internal. Any other
// status is a refusal: Unavailable when retryable, else Internal, its detail naming the status,
// error type, message and request id.
ResponseOutcome read_response(const HttpResponse& response);

}  // namespace birthday::dynamodb
