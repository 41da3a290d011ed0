#include "bench/report/statistics.hpp"

#include <gtest/gtest.h>

namespace birthday::bench {
namespace {

TEST(Percentile, IsTheNearestRankOfTheSortedValues) {
  const std::vector<double> values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
  EXPECT_EQ(percentile(values, 0.5), 5);
  EXPECT_EQ(percentile(values, 0.9), 9);
  EXPECT_EQ(percentile(values, 0.99), 10);
  EXPECT_EQ(percentile(values, 0.01), 1);
}

TEST(Percentile, OfAHundredValuesInReverseIsTheirRank) {
  std::vector<double> hundred;
  for (int i = 100; i >= 1; --i) hundred.push_back(i);
  EXPECT_EQ(percentile(hundred, 0.50), 50);
  EXPECT_EQ(percentile(hundred, 0.99), 99);
  EXPECT_EQ(percentile(hundred, 1.00), 100);
}

TEST(Percentile, OfOneValueIsThatValue) { EXPECT_EQ(percentile({42}, 0.99), 42); }

TEST(Percentile, OfNothingIsZero) { EXPECT_EQ(median({}), 0); }

TEST(Median, OfAnOddCountIsTheMiddleValue) { EXPECT_EQ(median({3, 1, 2}), 2); }

}  // namespace
}  // namespace birthday::bench
