#pragma once

#include <chrono>
#include <functional>

namespace birthday {

// Today's civil date in UTC. Injected so that tests can pin "today"; production asks the
// system clock on every request, because a warm function lives across midnight.
using TodayClock = std::function<std::chrono::sys_days()>;

inline std::chrono::sys_days utc_today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

// The point by which a request must be answered (from the Lambda invocation deadline).
using Deadline = std::chrono::steady_clock::time_point;

}  // namespace birthday
