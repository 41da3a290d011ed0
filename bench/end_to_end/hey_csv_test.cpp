#include "bench/end_to_end/hey_csv.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace birthday::bench::end_to_end {
namespace {

constexpr char kHeader[] =
    "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset\n";

TEST(HeyCsv, ReadsLatencyInMillisecondsStatusAndOffset) {
  const auto requests = parse_hey_csv(std::string(kHeader) +
                                      "0.0024,0.0012,0.0000,0.0001,0.0009,0.0001,200,0.0001\n"
                                      "0.0150,0.0000,0.0000,0.0000,0.0140,0.0010,500,1.5006\n");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_DOUBLE_EQ(requests[0].latency_ms, 2.4);
  EXPECT_EQ(requests[0].status, 200);
  EXPECT_DOUBLE_EQ(requests[0].offset_s, 0.0001);
  EXPECT_DOUBLE_EQ(requests[1].latency_ms, 15.0);
  EXPECT_EQ(requests[1].status, 500);
  EXPECT_DOUBLE_EQ(requests[1].offset_s, 1.5006);
}

TEST(HeyCsv, AHeaderAloneIsNoRequests) { EXPECT_TRUE(parse_hey_csv(kHeader).empty()); }

TEST(HeyCsv, RejectsTheTextSummary) {
  EXPECT_THROW(parse_hey_csv("Summary:\n  Total:\t2.5022 secs\n"), std::runtime_error);
}

TEST(HeyCsv, RejectsARowWithMissingColumnsOrText) {
  EXPECT_THROW(parse_hey_csv(std::string(kHeader) + "0.0024,0.0012,200,0.0001\n"), std::runtime_error);
  EXPECT_THROW(parse_hey_csv(std::string(kHeader) + "0.0024,0.0012,0.0000,0.0001,0.0009,0.0001,OK,0.0001\n"),
               std::runtime_error);
}

}  // namespace
}  // namespace birthday::bench::end_to_end
