#include "service/dynamodb/retry_budget.hpp"

#include <algorithm>

namespace birthday::dynamodb {

RetryBudget::RetryBudget(RetryCosts costs) : costs_(costs), tokens_(costs.capacity) {}

int RetryBudget::acquire_retry(bool after_timeout) {
  const int cost = after_timeout ? costs_.retry_after_timeout : costs_.retry;
  std::lock_guard lock(mutex_);
  if (tokens_ < cost) return 0;
  tokens_ -= cost;
  return cost;
}

void RetryBudget::record_success(int tokens_of_last_retry) {
  const int refund = tokens_of_last_retry > 0 ? tokens_of_last_retry : costs_.success_without_retry;
  std::lock_guard lock(mutex_);
  tokens_ = std::min(tokens_ + refund, costs_.capacity);
}

int RetryBudget::available() const {
  std::lock_guard lock(mutex_);
  return tokens_;
}

std::shared_ptr<RetryBudget> process_retry_budget() {
  static const std::shared_ptr<RetryBudget> budget = std::make_shared<RetryBudget>();
  return budget;
}

}  // namespace birthday::dynamodb
