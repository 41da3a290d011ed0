#include "bench/soak/function_memory.hpp"

#include <algorithm>

#include "transport/local/child_process.hpp"

namespace birthday::bench::soak {

MemoryByProcess read_memory(const std::vector<pid_t>& processes) {
  MemoryByProcess readings;
  for (const pid_t pid : processes) {
    const auto rss = local::status_kb(pid, "VmRSS:");
    const auto anon = local::status_kb(pid, "RssAnon:");
    if (rss && anon) readings[pid] = {*rss, *anon};
  }
  return readings;
}

MemoryGrowth growth_between(const MemoryByProcess& early, const MemoryByProcess& late) {
  MemoryGrowth growth;
  for (const auto& [pid, before] : early) {
    const auto after = late.find(pid);
    if (after == late.end()) continue;
    ++growth.processes_compared;
    growth.max_rss_growth_kib = std::max(growth.max_rss_growth_kib, after->second.rss_kib - before.rss_kib);
    growth.max_anon_growth_kib = std::max(growth.max_anon_growth_kib, after->second.anon_rss_kib - before.anon_rss_kib);
  }
  return growth;
}

}  // namespace birthday::bench::soak
