#pragma once

#include "transport/api_handler.hpp"
#include "transport/runtime/lambda_runtime.hpp"

namespace birthday::transport {

// Adapts an HTTP handler to Lambda: API Gateway event (HTTP API payload 2.0 or REST
// payload 1.0) → Request, Response → the matching result JSON. An event that is not an
// API Gateway event throws, which the runtime reports as a function error.
runtime::InvocationHandler api_gateway_function(HttpHandler handler);

}  // namespace birthday::transport
