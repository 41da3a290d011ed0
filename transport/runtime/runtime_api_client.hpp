#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "transport/runtime/error_report.hpp"
#include "transport/runtime/lambda_runtime.hpp"

namespace birthday::runtime {

// How long the client keeps trying when the Runtime API cannot be reached (connection refused,
// reset, closed mid-answer). Inside Lambda the Runtime API is on loopback, so a failure that
// outlasts a few short waits means the execution environment is going away.
struct RetryPolicy {
  int attempts = 5;
  std::chrono::milliseconds first_backoff{10};  // doubled after every failed attempt
};

// How the Runtime API answered one call.
struct ApiReply {
  long status = 0;               // HTTP status; 0 when it could not be reached at all
  std::string_view body;         // the answer's body (not for /next's 200); valid until the next call
  std::string transport_error;   // why it could not be reached, when status is 0

  bool reached() const { return status != 0; }
  bool accepted() const { return status >= 200 && status < 300; }
  // "Container error": the Runtime API's word that the runtime must exit.
  bool container_error() const { return status == 500; }
};

// HTTP to the Lambda Runtime API (2018-06-01) over one reused libcurl connection.
// Not thread-safe: one client serves one invoke loop.
class RuntimeApiClient {
 public:
  // `endpoint` is AWS_LAMBDA_RUNTIME_API, host:port.
  explicit RuntimeApiClient(std::string_view endpoint, RetryPolicy retry = {});
  ~RuntimeApiClient();
  RuntimeApiClient(const RuntimeApiClient&) = delete;
  RuntimeApiClient& operator=(const RuntimeApiClient&) = delete;

  // GET /runtime/invocation/next, waiting as long as it takes. Overwrites `into` (its buffers
  // are reused, so a warm invoke does not allocate for a payload no larger than the last one).
  // `into` is complete only when the reply has status 200.
  ApiReply next(Invocation& into);

  // POST /runtime/invocation/{id}/response. The body is sent from `response` without a copy.
  ApiReply post_response(std::string_view request_id, std::string_view response);

  // POST /runtime/invocation/{id}/error.
  ApiReply post_invocation_error(std::string_view request_id, const ErrorReport& report);

  // POST /runtime/init/error.
  ApiReply post_init_error(const ErrorReport& report);

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
};

}  // namespace birthday::runtime
