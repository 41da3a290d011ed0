#pragma once

#include <string_view>
#include <vector>

namespace birthday::bench::end_to_end {

// The `Duration` of every REPORT line in a local gateway log, in ms: Lambda's measure of an
// invoke, from the event handed out on GET /next to the response posted.
std::vector<double> report_durations_ms(std::string_view log);

}  // namespace birthday::bench::end_to_end
