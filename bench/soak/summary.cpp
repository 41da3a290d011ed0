#include "bench/soak/summary.hpp"

#include <sstream>

namespace birthday::bench::soak {

std::string summary_line(const SoakSettings& settings, const SoakResult& result) {
  std::ostringstream line;
  line << "soak: " << settings.length.count() / 1000 << " s, " << settings.concurrency << " clients, "
       << settings.users << " users, " << result.tally.requests() << " requests (";
  const char* separator = "";
  for (const auto& [key, count] : result.tally.by_status()) {
    line << separator << key << ": " << count;
    separator = ", ";
  }
  line << "), DynamoDB down " << result.outage.count() << " ms, " << result.tally.users_read_back()
       << " users read back, lost = " << result.tally.lost_count() << ", other violations = "
       << result.tally.violation_count() << ", bootstrap memory growth at most RssAnon +"
       << result.memory.max_anon_growth_kib << " KiB / VmRSS +" << result.memory.max_rss_growth_kib << " KiB over "
       << result.memory.processes_compared << " instances";
  return line.str();
}

std::vector<std::string> failures(const SoakResult& result, long anon_growth_allowed_kib) {
  std::vector<std::string> failed;
  if (result.tally.lost_count() > 0)
    failed.push_back(std::to_string(result.tally.lost_count()) + " reads did not show an acknowledged write");
  if (result.tally.violation_count() > 0)
    failed.push_back(std::to_string(result.tally.violation_count()) + " answers broke the contract or the soak's rules");
  if (!result.tally.by_status().contains("PUT 503"))
    failed.emplace_back("no PUT was answered 503: the outage was not seen");
  const bool check_memory = anon_growth_allowed_kib >= 0;
  if (check_memory && result.memory.processes_compared == 0)
    failed.emplace_back("no function instance lived from the early reading to the end");
  if (check_memory && result.memory.max_anon_growth_kib > anon_growth_allowed_kib)
    failed.push_back("a bootstrap's heap and stacks grew by " + std::to_string(result.memory.max_anon_growth_kib) +
                     " KiB, more than the " + std::to_string(anon_growth_allowed_kib) + " KiB allowed");
  for (const std::string& example : result.tally.examples()) failed.push_back("  e.g. " + example);
  return failed;
}

}  // namespace birthday::bench::soak
