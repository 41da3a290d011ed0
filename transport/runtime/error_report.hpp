#pragma once

#include <cstddef>
#include <string>

#include "transport/runtime/lambda_runtime.hpp"

namespace birthday::runtime {

// What the Runtime API is told when an invocation or the init phase fails.
struct ErrorReport {
  std::string type;     // Lambda-Runtime-Function-Error-Type and "errorType"
  std::string message;  // "errorMessage"
};


// Describes the exception being handled; call it only inside a catch block. The type is the
// exception's demangled C++ type name (e.g. "std::runtime_error"); the message is what() for a
// std::exception, else a sentence naming the type.
ErrorReport describe_current_exception();

// The report for a handler result over max_response_bytes. Its type is
// "Function.ResponseSizeTooLarge", the same name Lambda gives the error when it refuses the
// response itself, so callers see one name whichever side caught it.
ErrorReport response_too_large(std::size_t response_bytes);

// The report for a response the Runtime API refused with `status`: 413 keeps the
// "Function.ResponseSizeTooLarge" type, anything else is "Runtime.ResponseRejected".
ErrorReport response_refused(long status, std::size_t response_bytes);

// The Runtime API's error body: {"errorMessage":...,"errorType":...,"stackTrace":[]}.
std::string error_body(const ErrorReport& report);

}  // namespace birthday::runtime
