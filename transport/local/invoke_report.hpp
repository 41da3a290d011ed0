#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace birthday::local {

// The lines Lambda writes around each invocation, in Lambda's own format.
std::string start_line(const std::string& request_id);
std::string end_line(const std::string& request_id);

struct InvokeReport {
  std::string request_id;
  std::chrono::duration<double, std::milli> duration{};
  int memory_size_mb = 128;
  long max_memory_used_mb = 0;
  std::optional<std::chrono::duration<double, std::milli>> init_duration;  // cold starts only
  std::string status;  // empty, or e.g. "timeout", "error"
};

// "REPORT RequestId: <id>\tDuration: 1.91 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t
//  Max Memory Used: 11 MB[\tInit Duration: 17.32 ms][\tStatus: timeout]". As for custom
// runtimes, the billed duration includes the init duration, rounded up to the millisecond.
std::string report_line(const InvokeReport& report);

// "RequestId: <id> Error: Task timed out after 5.00 seconds"
std::string timeout_line(const std::string& request_id, std::chrono::seconds timeout);

// VmHWM in kB as Lambda's "Max Memory Used" in MB (rounded up).
long megabytes_from_kb(long kilobytes);

}  // namespace birthday::local
