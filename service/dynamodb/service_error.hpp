#pragma once

#include <string>
#include <string_view>

#include "service/dynamodb/http_client.hpp"

namespace birthday::dynamodb {

// What an AWS JSON-protocol error response says went wrong.
struct ServiceError {
  std::string type;     // e.g. "ResourceNotFoundException"; empty when the response names none
  std::string message;
};

// The type comes from the body's "__type" (the part after '#'), else from the
// x-amzn-ErrorType header (the part before ':').
ServiceError parse_service_error(const HttpResponse& response);

// ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded.
bool is_throttling(std::string_view error_type);

// Worth another attempt: throttling, HTTP 429 and 5xx. Any other 4xx is the request's own fault.
bool is_retryable(long status, std::string_view error_type);

}  // namespace birthday::dynamodb
