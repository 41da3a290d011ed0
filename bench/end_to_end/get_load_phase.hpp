#pragma once

#include <filesystem>
#include <string>

#include "bench/end_to_end/latency_summary.hpp"
#include "bench/end_to_end/local_stack.hpp"

namespace birthday::bench::end_to_end {

struct GetLoadResult {
  LatencySummary latency;            // as the client saw it
  std::size_t function_reports = 0;  // REPORT lines the gateway wrote meanwhile
  double function_mean_ms = 0;       // their mean Duration: the time inside the function
  // What a request spends outside the function: mean latency minus mean Duration.
  double outside_function_ms() const { return latency.mean_ms - function_mean_ms; }
};

// GETs `path` with hey at `concurrency` for `seconds`, and pairs what the client measured with
// the Duration the gateway reported for the same invokes (the REPORT lines written meanwhile).
GetLoadResult measure_gets(const LocalStack& stack, const std::filesystem::path& hey, const std::string& path,
                           int concurrency, double seconds);

}  // namespace birthday::bench::end_to_end
