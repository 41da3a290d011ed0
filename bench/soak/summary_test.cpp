#include "bench/soak/summary.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::soak {
namespace {

// A soak that saw the outage and kept everything.
SoakResult clean_run() {
  SoakResult result;
  result.tally.count("PUT", 204);
  result.tally.count("PUT", 503);
  result.tally.count("GET", 200);
  result.memory = {.processes_compared = 8, .max_rss_growth_kib = 60, .max_anon_growth_kib = 12};
  return result;
}

TEST(SoakFailures, ACleanRunPasses) { EXPECT_TRUE(failures(clean_run(), 64).empty()); }

TEST(SoakFailures, ALostWriteFailsWithAnExample) {
  SoakResult result = clean_run();
  result.tally.lost("GET 404 where acknowledged 1990-01-01");
  const auto failed = failures(result, 64);
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0], "1 reads did not show an acknowledged write");
  EXPECT_EQ(failed[1], "  e.g. lost: GET 404 where acknowledged 1990-01-01");
}

TEST(SoakFailures, AnOutageNobodySawFails) {
  SoakResult result;
  result.tally.count("PUT", 204);
  result.memory = clean_run().memory;
  EXPECT_EQ(failures(result, 64), std::vector<std::string>{"no PUT was answered 503: the outage was not seen"});
}

TEST(SoakFailures, MemoryGrowthPastTheAllowanceFailsUnlessUnchecked) {
  SoakResult result = clean_run();
  result.memory.max_anon_growth_kib = 65;
  EXPECT_EQ(failures(result, 64).size(), 1u);
  EXPECT_TRUE(failures(result, -1).empty());
}

TEST(SoakSummary, OneLineWithStatusesAndLost) {
  const SoakSettings settings{std::chrono::seconds(15), 16, 4000, {}};
  const std::string line = summary_line(settings, clean_run());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("3 requests (GET 200: 1, PUT 204: 1, PUT 503: 1)"), std::string::npos) << line;
  EXPECT_NE(line.find("lost = 0"), std::string::npos) << line;
}

}  // namespace
}  // namespace birthday::bench::soak
