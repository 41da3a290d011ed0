#include "bench/soak/schedule.hpp"

#include <algorithm>

namespace birthday::bench::soak {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

Schedule Schedule::for_run(milliseconds length) {
  Schedule schedule{};
  schedule.end = length;
  schedule.early_memory = std::min<milliseconds>(60s, length / 2);
  schedule.outage_start = schedule.early_memory + (length - schedule.early_memory) / 5;
  schedule.outage_length = std::clamp<milliseconds>(length / 20, 3s, 10s);
  return schedule;
}

}  // namespace birthday::bench::soak
