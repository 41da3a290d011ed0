#include "service/dynamodb/retry_budget.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace birthday::dynamodb {
namespace {

TEST(RetryBudget, StartsFullAtTheStandardModesCapacity) { EXPECT_EQ(RetryBudget().available(), 500); }

TEST(RetryBudget, ARetryCostsFiveAndARetryAfterATimeoutTen) {
  RetryBudget budget;
  EXPECT_EQ(budget.acquire_retry(/*after_timeout=*/false), 5);
  EXPECT_EQ(budget.acquire_retry(/*after_timeout=*/true), 10);
  EXPECT_EQ(budget.available(), 485);
}

TEST(RetryBudget, FiftyRetriesAfterTimeoutsEmptyItAndThenNoRetryIsAllowed) {
  RetryBudget budget;
  for (int retry = 0; retry < 50; ++retry) ASSERT_EQ(budget.acquire_retry(true), 10) << retry;
  EXPECT_EQ(budget.acquire_retry(true), 0);
  EXPECT_EQ(budget.acquire_retry(false), 0);
  EXPECT_EQ(budget.available(), 0);
}

TEST(RetryBudget, TooFewTokensForATimeoutRetryMayStillPayForAnOrdinaryOne) {
  RetryBudget budget({.capacity = 7});
  EXPECT_EQ(budget.acquire_retry(true), 0);
  EXPECT_EQ(budget.available(), 7);
  EXPECT_EQ(budget.acquire_retry(false), 5);
}

TEST(RetryBudget, ASuccessWithoutRetryGivesOneBackASuccessfulRetryItsCost) {
  RetryBudget budget;
  const int taken = budget.acquire_retry(true) + budget.acquire_retry(true);
  ASSERT_EQ(taken, 20);
  budget.record_success(0);
  EXPECT_EQ(budget.available(), 481);
  budget.record_success(10);
  EXPECT_EQ(budget.available(), 491);
}

TEST(RetryBudget, NeverFillsBeyondItsCapacity) {
  RetryBudget budget;
  budget.record_success(0);
  budget.record_success(10);
  EXPECT_EQ(budget.available(), 500);
}

TEST(RetryBudget, ConcurrentCallersNeitherLoseNorInventTokens) {
  RetryBudget budget;
  std::vector<std::thread> callers;
  std::vector<int> taken(8, 0);
  for (std::size_t i = 0; i < taken.size(); ++i)
    callers.emplace_back([&budget, &mine = taken[i]] {
      for (int retry = 0; retry < 100; ++retry) mine += budget.acquire_retry(false);
    });
  for (std::thread& caller : callers) caller.join();

  int total = 0;
  for (const int mine : taken) total += mine;
  EXPECT_EQ(total, 500);
  EXPECT_EQ(budget.available(), 0);
}

TEST(ProcessRetryBudget, IsOneBucketForTheWholeProcess) {
  EXPECT_EQ(process_retry_budget(), process_retry_budget());
  EXPECT_NE(process_retry_budget(), nullptr);
}

}  // namespace
}  // namespace birthday::dynamodb
