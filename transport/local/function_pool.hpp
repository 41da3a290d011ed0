#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "transport/local/function_environment.hpp"
#include "transport/local/template_reader.hpp"

namespace birthday::local {

// Where the gateway's own lines (START/END/REPORT, instance events) go: one line per call.
using LogSink = std::function<void(const std::string& line)>;
LogSink stderr_log();

struct PoolOptions {
  FunctionSpec function;
  std::filesystem::path bootstrap;
  Environment variables;         // the function's resolved variables
  std::string region;
  Environment credentials;
  std::size_t max_instances = 4;
  int child_stdout_fd = 1;
  std::chrono::milliseconds stop_grace{2000};      // SIGTERM, then SIGKILL after this
  std::chrono::milliseconds init_limit{10'000};    // Lambda's limit on the init phase
  std::chrono::milliseconds queue_limit{30'000};   // API Gateway's integration timeout
  LogSink log = stderr_log();
};

enum class InvokeStatus {
  Success,        // the function's response
  FunctionError,  // the function reported an error (its init, or this invocation)
  Crashed,        // the process exited during the invocation
  TimedOut,       // it passed its Timeout and was killed
  Unavailable,    // no instance was free within queue_limit (API Gateway's integration timeout)
  Stopping,       // the gateway is shutting down
};

struct InvokeResult {
  InvokeStatus status = InvokeStatus::Success;
  std::string payload;     // the response, or an error document {"errorMessage","errorType"}
  std::string request_id;  // Lambda's request id of the invocation
};

// The instances of one function, the way the Lambda service keeps them: each is a child
// process running the bootstrap against its own Runtime API. An invocation goes to a warm
// instance waiting on /next; when none is free another is started, up to max_instances,
// else the invocation waits for one. An instance that crashes is dropped (the next
// invocation starts a new one); one that passes its Timeout is killed.
class FunctionPool {
 public:
  explicit FunctionPool(PoolOptions options);
  ~FunctionPool();  // stop()
  FunctionPool(const FunctionPool&) = delete;
  FunctionPool& operator=(const FunctionPool&) = delete;

  // Runs one invocation and waits for its outcome. trace_root: the request's X-Ray root.
  InvokeResult invoke(std::string event, const std::string& trace_root);

  // SIGTERM to every instance, SIGKILL to those still there after stop_grace, and waits for
  // all of them; invocations in flight or queued end as Stopping. Safe to call again.
  void stop();

  // The process ids of the running instances.
  std::vector<pid_t> instance_pids() const;

  const FunctionSpec& function() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace birthday::local
