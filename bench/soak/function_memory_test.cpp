#include "bench/soak/function_memory.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace birthday::bench::soak {
namespace {

TEST(FunctionMemory, OnlyProcessesAliveAtBothReadingsAreCompared) {
  const MemoryByProcess early = {{10, {5000, 1000}}, {11, {5000, 1000}}};
  const MemoryByProcess late = {{10, {5100, 1040}}, {12, {9000, 9000}}};
  const MemoryGrowth growth = growth_between(early, late);
  EXPECT_EQ(growth.processes_compared, 1);
  EXPECT_EQ(growth.max_rss_growth_kib, 100);
  EXPECT_EQ(growth.max_anon_growth_kib, 40);
}

TEST(FunctionMemory, TheLargestGrowthCountsAndShrinkingIsNone) {
  const MemoryByProcess early = {{10, {5000, 1000}}, {11, {5000, 1000}}};
  const MemoryByProcess late = {{10, {4000, 900}}, {11, {5008, 1004}}};
  const MemoryGrowth growth = growth_between(early, late);
  EXPECT_EQ(growth.processes_compared, 2);
  EXPECT_EQ(growth.max_rss_growth_kib, 8);
  EXPECT_EQ(growth.max_anon_growth_kib, 4);
}

TEST(FunctionMemory, ReadsThisProcessAndLeavesOutOneGone) {
  const MemoryByProcess readings = read_memory({getpid(), 999'999'999});
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_GT(readings.at(getpid()).rss_kib, 0);
  EXPECT_GT(readings.at(getpid()).anon_rss_kib, 0);
  EXPECT_LE(readings.at(getpid()).anon_rss_kib, readings.at(getpid()).rss_kib);
}

}  // namespace
}  // namespace birthday::bench::soak
