#include "bench/end_to_end/invoke_durations.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::end_to_end {
namespace {

TEST(ReportDurations, ReadsTheDurationOfEachReportLineOnly) {
  const std::string log =
      "local-gateway: serving http://127.0.0.1:3000\n"
      "START RequestId: a Version: $LATEST\n"
      "END RequestId: a\n"
      "REPORT RequestId: a\tDuration: 1.91 ms\tBilled Duration: 19 ms\tMemory Size: 128 MB\t"
      "Max Memory Used: 11 MB\tInit Duration: 17.32 ms\n"
      "REPORT RequestId: b\tDuration: 0.45 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 11 MB";
  const std::vector<double> durations = report_durations_ms(log);
  ASSERT_EQ(durations.size(), 2u);
  EXPECT_DOUBLE_EQ(durations[0], 1.91);  // not the Init Duration
  EXPECT_DOUBLE_EQ(durations[1], 0.45);
}

TEST(ReportDurations, NoReportsNoDurations) {
  EXPECT_TRUE(report_durations_ms("").empty());
  EXPECT_TRUE(report_durations_ms("INIT_REPORT GetBirthday Init Duration: 3.00 ms\n").empty());
}

}  // namespace
}  // namespace birthday::bench::end_to_end
