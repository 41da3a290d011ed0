#include "service/dynamodb/retry_policy.hpp"

#include <algorithm>
#include <random>
#include <thread>

namespace birthday::dynamodb {

std::chrono::milliseconds uniform_jitter(std::chrono::milliseconds ceiling) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<std::chrono::milliseconds::rep> draw(0, std::max<std::chrono::milliseconds::rep>(ceiling.count(), 0));
  return std::chrono::milliseconds{draw(generator)};
}

void sleep_on_this_thread(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry) {
  std::chrono::milliseconds ceiling = policy.base_delay;
  for (int doubling = 1; doubling < retry && ceiling < policy.max_delay; ++doubling) ceiling *= 2;
  return std::min(ceiling, policy.max_delay);
}

}  // namespace birthday::dynamodb
