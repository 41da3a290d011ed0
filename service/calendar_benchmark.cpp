#include <chrono>

#include <benchmark/benchmark.h>

#include "service/calendar.hpp"

namespace birthday {
namespace {

using namespace std::chrono;

void BM_ParseIsoDate(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_iso_date("1984-02-29"));
}
BENCHMARK(BM_ParseIsoDate);

void BM_DaysUntilBirthday(benchmark::State& state) {
  const year_month_day born = 1984y / February / 29;
  sys_days today{2023y / January / 1};
  for (auto _ : state) {
    benchmark::DoNotOptimize(days_until_birthday(born, year_month_day{today}));
    today += days{1};
  }
}
BENCHMARK(BM_DaysUntilBirthday);

}  // namespace
}  // namespace birthday
