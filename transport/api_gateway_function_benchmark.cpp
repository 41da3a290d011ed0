// One warm GET invocation without the network: API Gateway v2 event → Request → handler
// (validation, key hashing, in-memory store, greeting) → result JSON.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "service/memory_repository.hpp"
#include "service/user_key.hpp"
#include "transport/access_log.hpp"
#include "transport/api_gateway_function.hpp"

namespace birthday::transport {
namespace {

using namespace std::chrono;

std::string read_event(const std::string& name) {
  std::ifstream file(std::string(PROJECT_SOURCE_DIR) + "/testdata/events/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void BM_ApiGatewayGet(benchmark::State& state) {
  // The access line would flood the benchmark's output; BM_AccessLogLine measures building it.
  setenv("LOG_LEVEL", "error", /*overwrite=*/0);
  auto store = std::make_shared<MemoryRepository>();
  (void)store->save(user_key_for("alice"), 1990y / May / 17d, steady_clock::now() + seconds{3});
  auto service = std::make_shared<BirthdayService>(store, utc_today);
  const auto function = api_gateway_function(get_birthday_handler(service));
  const runtime::Invocation invocation{.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                                       .deadline = system_clock::now() + hours{1},
                                       .trace_id = {},
                                       .function_arn = {},
                                       .payload = read_event("get-v2.json")};
  for (auto _ : state) benchmark::DoNotOptimize(function(invocation));
}
BENCHMARK(BM_ApiGatewayGet);

void BM_AccessLogLine(benchmark::State& state) {
  const AccessRecord record{.function = "get-birthday",
                            .request_id = "XyZ1aHkQDoEEJkA=",
                            .method = "GET",
                            .route = "GET /hello/{username}",
                            .status = 200,
                            .duration = microseconds{48},
                            .store = microseconds{3},
                            .user = "2bd806c9"};
  for (auto _ : state) benchmark::DoNotOptimize(access_log_fields(record, system_clock::now()).dump());
}
BENCHMARK(BM_AccessLogLine);

}  // namespace
}  // namespace birthday::transport
