#pragma once

#include <vector>

namespace birthday::bench {

// The nearest-rank percentile (0 < fraction ≤ 1) of `values`; 0 for none.
double percentile(std::vector<double> values, double fraction);

inline double median(const std::vector<double>& values) { return percentile(values, 0.5); }

}  // namespace birthday::bench
