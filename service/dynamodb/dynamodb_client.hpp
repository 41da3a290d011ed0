#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "service/clock.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/endpoint.hpp"
#include "service/dynamodb/http_client.hpp"
#include "service/dynamodb/retry_policy.hpp"
#include "service/dynamodb/sigv4.hpp"
#include "service/result.hpp"

namespace birthday::dynamodb {

// The DynamoDB JSON protocol (API version 2012-08-10): every operation is a signed
// `POST /` with its name in X-Amz-Target and its input as a JSON body.
class DynamoDbClient {
 public:
  // Uses config.endpoint, region, credentials and trust (not table).
  // Throws std::invalid_argument when the endpoint is not an http(s) URL.
  explicit DynamoDbClient(const Config& config, RetryPolicy retry = {});

  // Calls `operation` (e.g. "GetItem") and returns its output. Throttling, HTTP 5xx and network
  // failures are retried with backoff while attempts and `deadline` allow, then Unavailable.
  // Every other error (ValidationException, ResourceNotFoundException, any 4xx) is Internal.
  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& input, Deadline deadline);

  // call() plus the DynamoDB error type of a refused call, for callers to whom some errors are
  // answers (a table setup tool reading ResourceNotFoundException as "create it").
  struct Reply {
    Result<nlohmann::json> output;
    std::string error_type;  // e.g. "ResourceNotFoundException"; empty unless the service named one
  };
  Reply exchange(std::string_view operation, const nlohmann::json& input, Deadline deadline);

  // Opens the connection to the endpoint (TCP and TLS, peer verified) before the first call.
  Status open_connection(Deadline deadline);

 private:
  struct Attempt;
  Attempt attempt(std::string_view operation, const std::string& body, Deadline deadline);

  Endpoint endpoint_;
  sigv4::Scope scope_;
  Credentials credentials_;
  RetryPolicy retry_;
  HttpClient http_;
};

// The unsigned request for one operation: exactly the headers that get signed.
sigv4::Request make_request(const std::string& host, std::string_view operation, std::string body);

}  // namespace birthday::dynamodb
