#pragma once

#include <chrono>

namespace birthday::bench::soak {

// When things happen in a soak of a given length, counted from the start of the load.
struct Schedule {
  std::chrono::milliseconds early_memory;  // the first memory reading: every instance warm
  std::chrono::milliseconds outage_start;  // the local DynamoDB is stopped...
  std::chrono::milliseconds outage_length;  // ...for this long, then started again
  std::chrono::milliseconds end;            // the load stops; the last memory reading, the read-back

  // A minute in (halfway if that is sooner) the first memory reading; the outage a fifth of the
  // way through what remains, lasting a twentieth of the run (3 to 10 s), so that the memory
  // compared covers the whole outage and the recovery after it.
  static Schedule for_run(std::chrono::milliseconds length);
};

}  // namespace birthday::bench::soak
