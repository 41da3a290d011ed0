#include "transport/local/invoke_report.hpp"

#include <cmath>
#include <cstdio>

namespace birthday::local {
namespace {

std::string milliseconds_text(std::chrono::duration<double, std::milli> duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f ms", duration.count());
  return text;
}

}  // namespace

std::string start_line(const std::string& request_id) { return "START RequestId: " + request_id + " Version: $LATEST"; }

std::string end_line(const std::string& request_id) { return "END RequestId: " + request_id; }

std::string report_line(const InvokeReport& report) {
  const double billed = report.duration.count() + (report.init_duration ? report.init_duration->count() : 0.0);
  std::string line = "REPORT RequestId: " + report.request_id;
  line += "\tDuration: " + milliseconds_text(report.duration);
  line += "\tBilled Duration: " + std::to_string(static_cast<long long>(std::ceil(billed))) + " ms";
  line += "\tMemory Size: " + std::to_string(report.memory_size_mb) + " MB";
  line += "\tMax Memory Used: " + std::to_string(report.max_memory_used_mb) + " MB";
  if (report.init_duration) line += "\tInit Duration: " + milliseconds_text(*report.init_duration);
  if (!report.status.empty()) line += "\tStatus: " + report.status;
  return line;
}

std::string timeout_line(const std::string& request_id, std::chrono::seconds timeout) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", static_cast<double>(timeout.count()));
  return "RequestId: " + request_id + " Error: Task timed out after " + seconds + " seconds";
}

long megabytes_from_kb(long kilobytes) { return (kilobytes + 1023) / 1024; }

}  // namespace birthday::local
