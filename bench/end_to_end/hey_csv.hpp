#pragma once

#include <string_view>
#include <vector>

namespace birthday::bench::end_to_end {

// One answered request as `hey -o csv` reports it. hey leaves out requests that got no
// answer at all (refused, timed out), so a caller who needs them counts what it sent.
struct HeyRequest {
  double latency_ms = 0;  // hey's response-time: connect (if any) to the last byte read
  int status = 0;
  double offset_s = 0;  // when the request started, from the start of the run
};

// Parses hey's CSV (header "response-time,...,status-code,offset", times in seconds).
// Throws std::runtime_error on a header or row it does not recognise.
std::vector<HeyRequest> parse_hey_csv(std::string_view csv);

}  // namespace birthday::bench::end_to_end
