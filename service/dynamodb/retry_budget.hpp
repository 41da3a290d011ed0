#pragma once

#include <memory>
#include <mutex>

namespace birthday::dynamodb {

// The token amounts of the AWS SDKs' "standard" retry mode (its retry quota).
struct RetryCosts {
  int capacity = 500;
  int retry = 5;
  int retry_after_timeout = 10;
  int success_without_retry = 1;
};

// A token bucket that retries spend and successes refill, shared by every call of a process.
// While the store is down it runs dry, and then each call gives up after its first attempt
// instead of multiplying the load on the store and every request's latency by the attempt count.
// Thread-safe.
class RetryBudget {
 public:
  explicit RetryBudget(RetryCosts costs = RetryCosts{});

  // Takes the tokens for one retry and returns how many, or takes nothing and returns 0 when
  // the bucket holds too few. A retry after a timed-out attempt costs more.
  int acquire_retry(bool after_timeout);

  // A call succeeded: the tokens its last retry took come back, or `success_without_retry`
  // when it needed no retry (`tokens_of_last_retry` 0); never beyond the capacity.
  void record_success(int tokens_of_last_retry);

  int available() const;

 private:
  const RetryCosts costs_;
  mutable std::mutex mutex_;
  int tokens_;
};

// The process's one bucket, which every RetryPolicy uses unless given another.
std::shared_ptr<RetryBudget> process_retry_budget();

}  // namespace birthday::dynamodb
