#include "bench/end_to_end/latency_summary.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::end_to_end {
namespace {

TEST(Summarize, CountsRateAndLatencies) {
  // Four answers from 0 s to 1.999 s + 1 ms: two seconds.
  const std::vector<HeyRequest> requests = {{1.0, 200, 0.0}, {2.0, 200, 0.5}, {3.0, 500, 1.0}, {1.0, 200, 1.999}};
  const LatencySummary summary = summarize(requests);
  EXPECT_EQ(summary.requests, 4u);
  EXPECT_EQ(summary.not_200, 1u);
  EXPECT_DOUBLE_EQ(summary.requests_per_second, 2.0);
  EXPECT_DOUBLE_EQ(summary.mean_ms, 1.75);
  EXPECT_DOUBLE_EQ(summary.p50_ms, 1.0);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 3.0);
}

TEST(Summarize, NothingIsAllZero) {
  const LatencySummary summary = summarize({});
  EXPECT_EQ(summary.requests, 0u);
  EXPECT_EQ(summary.requests_per_second, 0);
}

}  // namespace
}  // namespace birthday::bench::end_to_end
