// API Gateway event (payload 2.0 or 1.0) → handler → proxy result, for both functions, with the
// in-memory store and a fixed "today". Whatever the event, the function either says it is not an
// API Gateway event or answers one of the contract's statuses in a valid result.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_property.hpp"
#include "service/birthday_service.hpp"
#include "service/memory_repository.hpp"
#include "transport/api_gateway_event.hpp"
#include "transport/api_gateway_function.hpp"
#include "transport/api_handler.hpp"

namespace {

using namespace std::chrono;
using birthday::fuzz::require;

// The store never fails, so neither 500 nor 503 is a correct answer here.
const std::set<int> contract_statuses = {200, 204, 400, 404, 405, 413};

void check_result(const std::string& result) {
  const nlohmann::json parsed = nlohmann::json::parse(result, nullptr, false);
  require(parsed.is_object(), "the result is a JSON object");
  require(parsed["statusCode"].is_number_integer() && contract_statuses.contains(parsed["statusCode"].get<int>()),
          "the status is one the contract names");
  require(parsed["body"].is_string(), "the body is a string");
  const int status = parsed["statusCode"].get<int>();
  if (status >= 400) {
    const nlohmann::json body = nlohmann::json::parse(parsed["body"].get<std::string>(), nullptr, false);
    require(body.is_object() && body["message"].is_string() && body["requestId"].is_string(),
            "an error body is {\"message\":...,\"requestId\":...}");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("LOG_LEVEL", "error", 1);  // one access line per input would drown libFuzzer's output
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday;
  auto store = std::make_shared<MemoryRepository>();
  auto service = std::make_shared<BirthdayService>(store, [] { return sys_days{2024y / May / 17}; });
  const runtime::Invocation invocation{.request_id = "fuzz-lambda-request-id",
                                       .deadline = system_clock::now() + seconds{3},
                                       .trace_id = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700",
                                       .function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:fuzz",
                                       .payload = std::string(reinterpret_cast<const char*>(data), size)};
  for (auto handler : {transport::put_birthday_handler(service), transport::get_birthday_handler(service)}) {
    try {
      check_result(transport::api_gateway_function(handler)(invocation));
    } catch (const transport::NotAnApiGatewayEvent&) {
      // The runtime reports it as a function error: a correct answer to a payload that is no event.
    }
  }
  return 0;
}
