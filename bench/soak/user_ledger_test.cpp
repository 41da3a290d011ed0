#include "bench/soak/user_ledger.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::soak {
namespace {

using namespace std::chrono;

constexpr sys_days kToday = sys_days{2024y / March / 1};

std::string greeting(const std::string& text) { return "{\"message\":\"" + text + "\"}"; }

TEST(UserLedger, DatesFollowOneAnotherADayApart) {
  UserLedger ledger;
  EXPECT_EQ(ledger.next_date(), 1990y / January / 1);
  EXPECT_EQ(ledger.next_date(), 1990y / January / 2);
}

TEST(UserLedger, NeverWrittenReads404AndNothingElse) {
  const UserLedger ledger;
  EXPECT_TRUE(ledger.consistent_read("soak", 404, "", kToday));
  EXPECT_FALSE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Happy birthday!"), kToday));
}

TEST(UserLedger, AnAcknowledgedDateMustBeReadBack) {
  UserLedger ledger;
  ledger.record_put(1990y / March / 1, 204);
  EXPECT_TRUE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Happy birthday!"), kToday));
  EXPECT_FALSE(ledger.consistent_read("soak", 404, "", kToday)) << "a 204 without a write";
  EXPECT_FALSE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Your birthday is in 1 day(s)"), kToday));
  EXPECT_FALSE(ledger.consistent_read("soak", 500, "", kToday));
}

TEST(UserLedger, TheLastAcknowledgedDateWinsOverEarlierOnes) {
  UserLedger ledger;
  ledger.record_put(1990y / March / 1, 204);
  ledger.record_put(1990y / March / 2, 204);
  EXPECT_TRUE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Your birthday is in 1 day(s)"), kToday));
  EXPECT_FALSE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Happy birthday!"), kToday)) << "stale";
}

TEST(UserLedger, A503MayOrMayNotHaveWrittenUntilTheNext204) {
  UserLedger ledger;
  ledger.record_put(1990y / March / 1, 204);
  ledger.record_put(1990y / March / 2, 503);
  EXPECT_TRUE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Happy birthday!"), kToday));
  EXPECT_TRUE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Your birthday is in 1 day(s)"), kToday));
  ledger.record_put(1990y / March / 3, 204);
  EXPECT_FALSE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Your birthday is in 1 day(s)"), kToday));
  EXPECT_EQ(ledger.describe(), "acknowledged 1990-03-03");
}

TEST(UserLedger, OnlyUnacknowledgedWritesAllow404) {
  UserLedger ledger;
  ledger.record_put(1990y / March / 1, 503);
  EXPECT_TRUE(ledger.consistent_read("soak", 404, "", kToday));
  EXPECT_TRUE(ledger.consistent_read("soak", 200, greeting("Hello, soak! Happy birthday!"), kToday));
  EXPECT_EQ(ledger.describe(), "acknowledged nothing, perhaps 1990-03-01");
}

TEST(UserLedger, A503ReadIsNeverInconsistent) {
  UserLedger ledger;
  ledger.record_put(1990y / March / 1, 204);
  EXPECT_TRUE(ledger.consistent_read("soak", 503, "", kToday));
}

}  // namespace
}  // namespace birthday::bench::soak
