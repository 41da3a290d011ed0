#pragma once

#include <cstddef>
#include <vector>

#include "bench/end_to_end/hey_csv.hpp"

namespace birthday::bench::end_to_end {

struct LatencySummary {
  std::size_t requests = 0;
  std::size_t not_200 = 0;
  double requests_per_second = 0;  // answers over the span from the first start to the last answer
  double mean_ms = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

double mean(const std::vector<double>& values);

LatencySummary summarize(const std::vector<HeyRequest>& requests);

}  // namespace birthday::bench::end_to_end
