#include "bench/soak/schedule.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::soak {
namespace {

using namespace std::chrono_literals;

TEST(Schedule, TwoMinutesCompareTheFirstMinuteWithTheEndAcrossTheOutage) {
  const Schedule schedule = Schedule::for_run(120s);
  EXPECT_EQ(schedule.early_memory, 60s);
  EXPECT_EQ(schedule.outage_start, 72s);
  EXPECT_EQ(schedule.outage_length, 6s);
  EXPECT_EQ(schedule.end, 120s);
}

TEST(Schedule, FifteenSecondsStillHaveAThreeSecondOutageBetweenTheReadings) {
  const Schedule schedule = Schedule::for_run(15s);
  EXPECT_EQ(schedule.early_memory, 7500ms);
  EXPECT_EQ(schedule.outage_start, 9s);
  EXPECT_EQ(schedule.outage_length, 3s);
  EXPECT_LT(schedule.outage_start + schedule.outage_length, schedule.end);
}

TEST(Schedule, AnHourHasATenSecondOutage) {
  EXPECT_EQ(Schedule::for_run(3600s).outage_length, 10s);
}

}  // namespace
}  // namespace birthday::bench::soak
