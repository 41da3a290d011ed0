#pragma once

#include "transport/runtime/lambda_runtime.hpp"
#include "transport/runtime/runtime_api_client.hpp"

namespace birthday::runtime {

// Serves invocations one after another: next → handle → report. A failing invocation is
// reported and the loop goes on; it ends only when the Runtime API is lost or tells the
// runtime to exit, and then returns the process exit code (non-zero).
int invoke_loop(RuntimeApiClient& client, const InvocationHandler& handler);

}  // namespace birthday::runtime
