#pragma once

#include <string_view>

#include "transport/runtime/lambda_runtime.hpp"

namespace birthday::runtime {

// Reads one header line of a /runtime/invocation/next answer, as libcurl hands it over (with its
// CRLF), into `invocation`: request id, deadline, trace id, function ARN, and Content-Length as
// a hint for the payload's capacity. Other lines (the status line, unknown headers, the blank
// line) leave it unchanged. A deadline that is not a number is the epoch (no deadline).
void read_invocation_header(std::string_view line, Invocation& invocation);

}  // namespace birthday::runtime
