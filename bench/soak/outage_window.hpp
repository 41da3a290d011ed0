#pragma once

#include <atomic>
#include <chrono>

namespace birthday::bench::soak {

// When the local DynamoDB was surely down: from the moment it had stopped to the moment its
// restart began. A PUT sent and answered within that span cannot have been written.
class OutageWindow {
 public:
  using Clock = std::chrono::steady_clock;

  void stopped_at(Clock::time_point when) { stopped_.store(when.time_since_epoch().count()); }
  void restarting_at(Clock::time_point when) { restarting_.store(when.time_since_epoch().count()); }

  bool covers(Clock::time_point sent, Clock::time_point answered) const {
    const auto stopped = stopped_.load();
    const auto restarting = restarting_.load();
    return stopped != kNever && sent.time_since_epoch().count() >= stopped &&
           (restarting == kNever || answered.time_since_epoch().count() <= restarting);
  }

 private:
  static constexpr Clock::rep kNever = 0;
  std::atomic<Clock::rep> stopped_{kNever};
  std::atomic<Clock::rep> restarting_{kNever};
};

}  // namespace birthday::bench::soak
