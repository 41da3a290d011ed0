// One warm invocation through the Runtime API client: GET /next, then POST /response,
// against an in-process Runtime API on loopback.
#include <benchmark/benchmark.h>

#include <string>

#include "transport/runtime/fake_runtime_api.hpp"
#include "transport/runtime/runtime_api_client.hpp"

namespace birthday::runtime {
namespace {

using test_support::FakeRuntimeApi;
using test_support::WhenScriptEnds;

void BM_WarmInvokeRoundTrip(benchmark::State& state) {
  const std::string event(static_cast<std::size_t>(state.range(0)), 'e');
  FakeRuntimeApi api({{.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd", .payload = event}},
                     WhenScriptEnds::StartOver);
  api.record_requests(false);
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;
  const std::string response = R"({"statusCode":200,"headers":{"Content-Type":"application/json"},"body":"{}"})";

  for (auto _ : state) {
    if (client.next(invocation).status != 200 || client.post_response(invocation.request_id, response).status != 202) {
      state.SkipWithError("the fake Runtime API did not answer");
      break;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_WarmInvokeRoundTrip)->Arg(1024)->Arg(256 * 1024)->UseRealTime();

}  // namespace
}  // namespace birthday::runtime
