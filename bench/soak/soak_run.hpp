#pragma once

#include <chrono>

#include "bench/end_to_end/local_stack.hpp"
#include "bench/soak/function_memory.hpp"
#include "bench/soak/tally.hpp"

namespace birthday::bench::soak {

struct SoakSettings {
  std::chrono::milliseconds length{};
  int concurrency = 16;
  int users = 4000;
  end_to_end::LocalStackPaths paths;
};

struct SoakResult {
  Tally tally;                        // every client's, merged
  MemoryGrowth memory;                // the instances from the early reading to the end
  std::chrono::milliseconds outage{};  // from stopping the local DynamoDB to its answering again
};

// The local stack with a persistent dynalite (a temporary data directory, so the data survives
// the restart as DynamoDB's would), `concurrency` clients over `users` users for `length`, the
// store stopped and restarted once on Schedule::for_run, then every user read back.
SoakResult run_soak(const SoakSettings& settings);

}  // namespace birthday::bench::soak
