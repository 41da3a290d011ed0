#include <chrono>
#include <memory>

#include <benchmark/benchmark.h>

#include "service/birthday_service.hpp"
#include "service/memory_repository.hpp"

namespace birthday {
namespace {

using namespace std::chrono;

// A GET end to end inside the service: validate, hash the key, load, count days, format.
void BM_GreetingFromMemory(benchmark::State& state) {
  BirthdayService service(std::make_shared<MemoryRepository>(), [] { return sys_days{2024y / June / 17}; });
  StoreCall call{steady_clock::now() + hours{1}};
  if (!service.save_date_of_birth("alice", R"({"dateOfBirth":"1978-06-18"})", call).ok()) {
    state.SkipWithError("could not save");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(service.greeting("alice", call));
}
BENCHMARK(BM_GreetingFromMemory);

// A PUT end to end inside the service: validate, parse the JSON body and the date, hash, save.
void BM_SaveDateOfBirthToMemory(benchmark::State& state) {
  BirthdayService service(std::make_shared<MemoryRepository>(), [] { return sys_days{2024y / June / 17}; });
  StoreCall call{steady_clock::now() + hours{1}};
  for (auto _ : state) benchmark::DoNotOptimize(service.save_date_of_birth("alice", R"({"dateOfBirth":"1978-06-18"})", call));
}
BENCHMARK(BM_SaveDateOfBirthToMemory);

}  // namespace
}  // namespace birthday
