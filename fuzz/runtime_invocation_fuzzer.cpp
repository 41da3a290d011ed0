// An answer to GET /runtime/invocation/next → an Invocation, through the client's own header
// reader, line by line as libcurl hands them over → the function → its result or error report.
// Input: a header block ending in an empty line, then the payload.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_property.hpp"
#include "service/ascii.hpp"
#include "service/birthday_service.hpp"
#include "service/memory_repository.hpp"
#include "transport/api_gateway_event.hpp"
#include "transport/api_gateway_function.hpp"
#include "transport/api_handler.hpp"
#include "transport/runtime/error_report.hpp"
#include "transport/runtime/invocation_headers.hpp"

namespace {

using namespace std::chrono;
using birthday::fuzz::require;

birthday::runtime::Invocation read_answer(std::string_view answer) {
  birthday::runtime::Invocation invocation;
  while (!answer.empty()) {
    const std::size_t end = answer.find('\n');
    const std::string_view line = answer.substr(0, end == std::string_view::npos ? answer.size() : end + 1);
    answer.remove_prefix(line.size());
    birthday::runtime::read_invocation_header(line, invocation);
    if (line == "\r\n" || line == "\n") break;  // the payload follows
  }
  invocation.payload.append(answer);
  return invocation;
}

bool is_trimmed(std::string_view value) { return birthday::ascii::trim(value) == value; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("LOG_LEVEL", "error", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday;
  const runtime::Invocation invocation = read_answer(std::string_view(reinterpret_cast<const char*>(data), size));
  require(invocation.deadline.time_since_epoch() >= system_clock::duration::zero(),
          "a deadline never lies before the epoch");
  require(is_trimmed(invocation.request_id) && is_trimmed(invocation.trace_id) && is_trimmed(invocation.function_arn),
          "header values are read without their spaces and line ends");

  auto service = std::make_shared<BirthdayService>(std::make_shared<MemoryRepository>(),
                                                   [] { return sys_days{2024y / May / 17}; });
  const runtime::InvocationHandler function = transport::api_gateway_function(transport::get_birthday_handler(service));
  runtime::ErrorReport report;
  try {
    const nlohmann::json result = nlohmann::json::parse(function(invocation), nullptr, false);
    require(result.is_object() && result["statusCode"].is_number_integer(), "a result is a proxy result");
    return 0;
  } catch (const transport::NotAnApiGatewayEvent&) {
    report = runtime::describe_current_exception();
  }
  report.message += invocation.request_id + invocation.trace_id;  // any bytes at all in the report
  const nlohmann::json body = nlohmann::json::parse(runtime::error_body(report), nullptr, false);
  require(body.is_object() && body["errorType"] == report.type, "an error report is JSON naming the type");
  return 0;
}
