#include <benchmark/benchmark.h>

#include <memory>

#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/sigv4.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono_literals;

const std::string kGetItem =
    R"({"TableName":"Birthdays","Key":{"Id":{"S":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}},"ConsistentRead":true})";

// Everything the client does per attempt before the bytes leave: build and sign.
void BM_SignGetItem(benchmark::State& state) {
  const Credentials credentials{"ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"};
  const sigv4::Scope scope{"eu-west-1", "dynamodb"};
  for (auto _ : state) {
    sigv4::Request request = make_request("dynamodb.eu-west-1.amazonaws.com", "GetItem", kGetItem);
    benchmark::DoNotOptimize(sigv4::sign(request, credentials, scope, std::chrono::system_clock::now()));
  }
}
BENCHMARK(BM_SignGetItem);

// A warm load: one kept-alive connection to an in-memory dynalite on loopback.
void BM_LoadRoundTripAgainstDynalite(benchmark::State& state) {
  static testing::LocalDynamoDb dynalite;
  const auto repository = make_dynamodb_repository(dynalite.config());
  const UserKey key{"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"};
  if (!repository->save(key, std::chrono::year{1990} / 5 / 17, std::chrono::steady_clock::now() + 5s)) {
    state.SkipWithError("cannot save to dynalite");
    return;
  }
  for (auto _ : state) {
    auto loaded = repository->load(key, std::chrono::steady_clock::now() + 5s);
    if (!loaded) {
      state.SkipWithError(loaded.error().detail.c_str());
      break;
    }
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_LoadRoundTripAgainstDynalite)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace birthday::dynamodb
