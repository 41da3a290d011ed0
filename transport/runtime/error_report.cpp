#include "transport/runtime/error_report.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <typeinfo>
#include <utility>

#include <nlohmann/json.hpp>

namespace birthday::runtime {
namespace {

std::string demangle(const char* mangled) {
  int status = 0;
  const std::unique_ptr<char, decltype(&std::free)> readable(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), &std::free);
  return status == 0 && readable ? readable.get() : mangled;
}

std::string current_exception_type_name() {
  const std::type_info* type = abi::__cxa_current_exception_type();
  return type ? demangle(type->name()) : "unknown";
}

}  // namespace

ErrorReport describe_current_exception() {
  ErrorReport report{current_exception_type_name(), {}};
  try {
    throw;
  } catch (const std::exception& error) {
    report.message = error.what();
  } catch (...) {
    report.message = "an exception of type " + report.type + " was thrown";
  }
  return report;
}

ErrorReport response_too_large(std::size_t response_bytes) {
  return {"Function.ResponseSizeTooLarge",
          "Response payload size (" + std::to_string(response_bytes) +
              " bytes) exceeded maximum allowed payload size (" + std::to_string(max_response_bytes) +
              " bytes)."};
}

ErrorReport response_refused(long status, std::size_t response_bytes) {
  std::string message = "The Runtime API refused the response (" + std::to_string(response_bytes) +
                        " bytes) with HTTP " + std::to_string(status) + ".";
  if (status == 413) return {"Function.ResponseSizeTooLarge", std::move(message)};
  return {"Runtime.ResponseRejected", std::move(message)};
}

std::string error_body(const ErrorReport& report) {
  const nlohmann::json body = {
      {"errorMessage", report.message},
      {"errorType", report.type},
      {"stackTrace", nlohmann::json::array()},
  };
  // what() is not promised to be UTF-8; a bad byte must not turn a report into an exception.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace birthday::runtime
