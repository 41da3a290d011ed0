#include "service/dynamodb/retry_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace birthday::dynamodb {
namespace {

using std::chrono::milliseconds;

TEST(BackoffCeiling, DoublesFromTheBaseDelayUpToTheCap) {
  RetryPolicy policy;
  policy.base_delay = milliseconds{25};
  policy.max_delay = milliseconds{300};
  std::vector<milliseconds> ceilings;
  for (int retry = 1; retry <= 6; ++retry) ceilings.push_back(backoff_ceiling(policy, retry));
  EXPECT_EQ(ceilings, (std::vector<milliseconds>{milliseconds{25}, milliseconds{50}, milliseconds{100},
                                                 milliseconds{200}, milliseconds{300}, milliseconds{300}}));
}

TEST(BackoffCeiling, ManyRetriesStayAtTheCapWithoutOverflow) {
  const RetryPolicy policy;
  EXPECT_EQ(backoff_ceiling(policy, 1000), policy.max_delay);
}

TEST(UniformJitter, StaysWithinZeroAndTheCeilingAndSpreadsAcrossIt) {
  std::vector<milliseconds> draws;
  for (int i = 0; i < 2000; ++i) draws.push_back(uniform_jitter(milliseconds{1000}));
  const auto [low, high] = std::minmax_element(draws.begin(), draws.end());
  EXPECT_GE(low->count(), 0);
  EXPECT_LE(high->count(), 1000);
  // Full jitter, not "ceiling plus a little": both ends of the range are reached.
  EXPECT_LT(low->count(), 100);
  EXPECT_GT(high->count(), 900);
}

TEST(UniformJitter, ZeroCeilingMeansNoWait) { EXPECT_EQ(uniform_jitter(milliseconds{0}), milliseconds{0}); }

}  // namespace
}  // namespace birthday::dynamodb
