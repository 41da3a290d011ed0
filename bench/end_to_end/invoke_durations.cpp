#include "bench/end_to_end/invoke_durations.hpp"

#include <charconv>

namespace birthday::bench::end_to_end {
namespace {

constexpr std::string_view kReport = "REPORT RequestId: ";
constexpr std::string_view kDuration = "\tDuration: ";

}  // namespace

std::vector<double> report_durations_ms(std::string_view log) {
  std::vector<double> durations;
  for (std::size_t start = 0; start < log.size();) {
    std::size_t end = log.find('\n', start);
    if (end == std::string_view::npos) end = log.size();
    const std::string_view line = log.substr(start, end - start);
    start = end + 1;

    if (!line.starts_with(kReport)) continue;
    const std::size_t field = line.find(kDuration);
    if (field == std::string_view::npos) continue;
    const char* first = line.data() + field + kDuration.size();
    double milliseconds = 0;
    if (std::from_chars(first, line.data() + line.size(), milliseconds).ec == std::errc{})
      durations.push_back(milliseconds);
  }
  return durations;
}

}  // namespace birthday::bench::end_to_end
