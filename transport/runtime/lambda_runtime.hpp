#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace birthday::runtime {

// The largest response Lambda takes from a synchronous invocation: "6 MB", which its own
// error message counts as 6291556 bytes.
inline constexpr std::size_t max_response_bytes = 6'291'556;

// One invocation as the Lambda Runtime API (2018-06-01) hands it over.
struct Invocation {
  std::string request_id;                          // Lambda-Runtime-Aws-Request-Id
  std::chrono::system_clock::time_point deadline;  // Lambda-Runtime-Deadline-Ms
  std::string trace_id;                            // Lambda-Runtime-Trace-Id
  std::string function_arn;                        // Lambda-Runtime-Invoked-Function-Arn
  std::string payload;                             // the event, as received
};

// Returns the response payload. Throwing reports a function error for this invocation
// (errorType: the exception's type name, errorMessage: what()); the loop goes on.
using InvocationHandler = std::function<std::string(const Invocation&)>;

// Builds the function once, in the init phase. Throwing reports an init error.
using FunctionInit = std::function<InvocationHandler()>;

// The whole life of a function process: read AWS_LAMBDA_RUNTIME_API, run `init`
// (an exception → POST /runtime/init/error, then return non-zero), then serve
// invocations until the Runtime API is lost (bounded retries, then return non-zero).
int run_lambda(const FunctionInit& init);

}  // namespace birthday::runtime
