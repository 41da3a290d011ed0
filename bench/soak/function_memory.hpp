#pragma once

#include <sys/types.h>

#include <map>
#include <vector>

namespace birthday::bench::soak {

struct MemoryReading {
  long rss_kib = 0;       // VmRSS: all resident pages, code first touched late included
  long anon_rss_kib = 0;  // RssAnon: heap and stacks, where a leak shows
};

using MemoryByProcess = std::map<pid_t, MemoryReading>;

// The function instances' memory now, from /proc/<pid>/status; a process gone is left out.
MemoryByProcess read_memory(const std::vector<pid_t>& processes);

struct MemoryGrowth {
  int processes_compared = 0;  // instances alive at both readings
  long max_rss_growth_kib = 0;
  long max_anon_growth_kib = 0;
};

// How much the instances alive at both readings grew, at most.
MemoryGrowth growth_between(const MemoryByProcess& early, const MemoryByProcess& late);

}  // namespace birthday::bench::soak
