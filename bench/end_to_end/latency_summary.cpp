#include "bench/end_to_end/latency_summary.hpp"

#include <algorithm>
#include <numeric>

#include "bench/report/statistics.hpp"

namespace birthday::bench::end_to_end {

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

LatencySummary summarize(const std::vector<HeyRequest>& requests) {
  LatencySummary summary;
  if (requests.empty()) return summary;
  std::vector<double> latencies;
  double first_start_s = requests.front().offset_s;
  double last_answer_s = 0;
  for (const HeyRequest& request : requests) {
    latencies.push_back(request.latency_ms);
    if (request.status != 200) ++summary.not_200;
    first_start_s = std::min(first_start_s, request.offset_s);
    last_answer_s = std::max(last_answer_s, request.offset_s + request.latency_ms / 1000.0);
  }
  summary.requests = requests.size();
  const double span_s = last_answer_s - first_start_s;
  summary.requests_per_second = span_s > 0 ? static_cast<double>(requests.size()) / span_s : 0;
  summary.mean_ms = mean(latencies);
  summary.p50_ms = percentile(latencies, 0.50);
  summary.p99_ms = percentile(latencies, 0.99);
  return summary;
}

}  // namespace birthday::bench::end_to_end
