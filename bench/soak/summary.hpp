#pragma once

#include <string>
#include <vector>

#include "bench/soak/soak_run.hpp"

namespace birthday::bench::soak {

// The one line a soak prints: requests by status, lost, violations, the outage, memory growth.
std::string summary_line(const SoakSettings& settings, const SoakResult& result);

// What failed, one sentence each; empty when the soak passed. `anon_growth_allowed_kib` is how
// far an instance's heap and stacks may grow from the early reading to the end; below zero, the
// memory is not checked.
std::vector<std::string> failures(const SoakResult& result, long anon_growth_allowed_kib);

}  // namespace birthday::bench::soak
