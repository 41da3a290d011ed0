#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "service/dynamodb/retry_budget.hpp"

namespace birthday::dynamodb {

// Draws the actual wait from [0, ceiling]. "Full jitter": throttled clients spread out instead
// of retrying in step.
using Jitter = std::function<std::chrono::milliseconds(std::chrono::milliseconds ceiling)>;
using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Uniform over [0, ceiling] from a per-thread generator seeded by std::random_device.
std::chrono::milliseconds uniform_jitter(std::chrono::milliseconds ceiling);
void sleep_on_this_thread(std::chrono::milliseconds duration);

// Exponential backoff with full jitter, bounded by attempts here, by the caller's deadline and by
// the process's retry budget. Randomness, sleeping and the budget are injectable so that tests
// run instantly, deterministically and without sharing tokens.
struct RetryPolicy {
  int max_attempts = 4;  // including the first
  std::chrono::milliseconds base_delay{25};
  std::chrono::milliseconds max_delay{400};
  // One attempt's limit, so that a connection that hangs is given up in time for another
  // (a GetItem or PutItem takes milliseconds; the caller's deadline still bounds it).
  std::chrono::milliseconds attempt_timeout{1000};
  Jitter jitter = uniform_jitter;
  Sleeper sleep = sleep_on_this_thread;
  std::shared_ptr<RetryBudget> budget = process_retry_budget();
};

// The longest wait before retry number `retry` (1 for the first): base * 2^(retry - 1), capped
// at max_delay.
std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry);

}  // namespace birthday::dynamodb
