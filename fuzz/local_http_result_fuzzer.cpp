// A function's result payload → the HTTP response the local gateway sends, as API Gateway reads
// payload format 2.0: a reply with a real status, or a malformed result (502), never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "fuzz/fuzz_property.hpp"
#include "transport/local/http_api_result.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday::local;
  using birthday::fuzz::require;
  const auto reply = reply_from_result(std::string_view(reinterpret_cast<const char*>(data), size));
  if (const auto* malformed = std::get_if<MalformedResult>(&reply)) {
    require(!malformed->reason.empty(), "a malformed result says why");
    return 0;
  }
  const HttpReply& http = std::get<HttpReply>(reply);
  require(http.status >= 100 && http.status <= 599, "the status is an HTTP status");
  return 0;
}
