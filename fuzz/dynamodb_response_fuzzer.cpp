// A DynamoDB answer (status, headers, body) → output or error, error type and whether to retry.
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz/fuzz_property.hpp"
#include "service/ascii.hpp"
#include "service/dynamodb/response_outcome.hpp"
#include "service/dynamodb/service_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday::dynamodb;
  using birthday::fuzz::require;
  FuzzedDataProvider input(data, size);
  HttpResponse response;
  response.status = input.ConsumeIntegralInRange<long>(100, 599);
  for (int count = input.ConsumeIntegralInRange(0, 4); count > 0; --count) {
    // HttpClient lower-cases names; the ones that matter are likely picks.
    std::string name = input.PickValueInArray({"x-amzn-requestid", "x-amzn-errortype", "content-type", ""});
    if (name.empty()) name = birthday::ascii::lowercase(input.ConsumeRandomLengthString(32));
    response.headers.push_back({std::move(name), input.ConsumeRandomLengthString(128)});
  }
  response.body = input.ConsumeRemainingBytesAsString();

  const ResponseOutcome outcome = read_response(response);
  const bool success = response.status >= 200 && response.status < 300;
  if (outcome.output) {
    require(success && outcome.output.value().is_object(), "only a 2xx JSON object is an output");
    require(outcome.error_type.empty() && !outcome.retryable, "an output is no error");
    return 0;
  }
  require(!outcome.output.error().detail.empty(), "an error says what went wrong");
  if (success) {
    require(!outcome.retryable, "a 2xx that is not a JSON object is not retried");
    return 0;
  }
  require(outcome.retryable == is_retryable(response.status, outcome.error_type),
          "a refusal is retried exactly when its status or type says so");
  require(outcome.retryable == (outcome.output.error().kind == birthday::ErrorKind::Unavailable),
          "a retryable refusal is Unavailable, any other Internal");
  require(outcome.error_type.find('#') == std::string::npos, "the error type has no namespace prefix");
  require(outcome.error_type == parse_service_error(response).type, "the error type is the service's");
  return 0;
}
