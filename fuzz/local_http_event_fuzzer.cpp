// An HTTP request reaching the local gateway → its route → the payload 2.0 event a function gets.
// The event is always valid JSON, and its body (base64 or not) is the request's body.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_property.hpp"
#include "transport/base64.hpp"
#include "transport/local/http_api_event.hpp"
#include "transport/local/route_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday::local;
  using birthday::fuzz::require;
  static const RouteTable routes({{"GET", "/hello/{username}", "GetBirthday"},
                                  {"PUT", "/hello/{username}", "PutBirthday"},
                                  {"ANY", "/files/{proxy+}", "Files"},
                                  {"ANY", "$default", "Default"}});
  FuzzedDataProvider input(data, size);
  IncomingRequest request;
  request.method = input.PickValueInArray({"GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH"});
  request.target = input.ConsumeRandomLengthString(256);
  for (int count = input.ConsumeIntegralInRange(0, 8); count > 0; --count) {
    std::string name = input.PickValueInArray({"Content-Type", "Cookie", "Host", "User-Agent", "X-Amzn-Trace-Id", ""});
    if (name.empty()) name = input.ConsumeRandomLengthString(32);
    request.headers.emplace_back(std::move(name), input.ConsumeRandomLengthString(128));
  }
  request.source_ip = "127.0.0.1";
  request.body = input.ConsumeRemainingBytesAsString();

  const auto [raw_path, raw_query] = split_target(request.target);
  const auto route = routes.match(request.method, raw_path);
  require(route.has_value(), "the $default route takes any request");
  const RequestContext context{.request_id = "fuzz-request-id",
                               .time = std::chrono::system_clock::time_point{std::chrono::seconds{1715942528}},
                               .trace_root = "Root=1-66473180-000000000000000000000000",
                               .port = 3000};
  const nlohmann::json event = nlohmann::json::parse(http_api_event(request, *route, context), nullptr, false);
  require(event.is_object(), "the event is a JSON object");
  require(event["isBase64Encoded"].is_boolean(), "the event says whether its body is base64");
  if (request.body.empty()) return 0;
  const std::string body = event["body"].get<std::string>();
  if (event["isBase64Encoded"].get<bool>()) {
    require(birthday::transport::decode_base64(body) == request.body, "a base64 body decodes to the request's");
  } else {
    require(body == request.body, "a text body is the request's");
  }
  return 0;
}
