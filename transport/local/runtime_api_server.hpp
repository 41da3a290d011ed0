#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace birthday::local {

// One invocation as GET /runtime/invocation/next hands it out.
struct InvocationRequest {
  std::string request_id;                          // Lambda-Runtime-Aws-Request-Id
  std::string payload;                             // the event
  std::chrono::system_clock::time_point deadline;  // Lambda-Runtime-Deadline-Ms
  std::string function_arn;                        // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;                            // Lambda-Runtime-Trace-Id
};

// What the instance behind this Runtime API does with each call. The callbacks run on the
// server's threads; `next` blocks until there is work (nullopt: the instance must stop).
// `respond` and `fail` return false for a request id that is not the current invocation's.
struct RuntimeApiCallbacks {
  std::function<std::optional<InvocationRequest>()> next;
  std::function<bool(const std::string& request_id, std::string payload)> respond;
  std::function<bool(const std::string& request_id, std::string error_type, std::string error)> fail;
  std::function<void(std::string error_type, std::string error)> init_error;
};

// The Lambda Runtime API (2018-06-01) of one function instance, on 127.0.0.1 and a free port,
// TCP_NODELAY, one kept-alive connection for the life of the instance:
//   GET  /2018-06-01/runtime/invocation/next
//   POST /2018-06-01/runtime/invocation/{id}/response   202, or 413 over Lambda's 6 MB limit
//   POST /2018-06-01/runtime/invocation/{id}/error      202
//   POST /2018-06-01/runtime/init/error                 202
class RuntimeApiServer {
 public:
  explicit RuntimeApiServer(RuntimeApiCallbacks callbacks);
  ~RuntimeApiServer();
  RuntimeApiServer(const RuntimeApiServer&) = delete;
  RuntimeApiServer& operator=(const RuntimeApiServer&) = delete;

  // host:port, the value of AWS_LAMBDA_RUNTIME_API.
  std::string address() const;

  // Stops listening and waits for the server's threads; call once `next` no longer blocks.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace birthday::local
