#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace birthday::transport {

// Everything the access line says about one request. Never a raw username or a date.
struct AccessRecord {
  std::string_view function;    // "get-birthday": the metrics' dimension
  std::string_view request_id;
  std::string_view method;
  std::string_view route;       // "GET /hello/{username}"
  int status = 0;
  std::chrono::microseconds duration{0};
  std::chrono::microseconds store{0};  // time spent waiting on the repository
  std::optional<std::string> user;     // UserKey::log_prefix(), for a valid username only
};

// The access line's fields, which are also a CloudWatch Embedded Metric Format document:
// `_aws` declares duration_ms and store_ms (Milliseconds) and count_4xx and count_5xx (Count,
// 0 or 1) in namespace BirthdayGreeter with dimension `function`, so one line is both the
// access log and the metrics. `now` is the metrics' timestamp.
nlohmann::ordered_json access_log_fields(const AccessRecord& record, std::chrono::system_clock::time_point now);

// Writes the access line (level info, msg "request") through service/log.
void write_access_log(const AccessRecord& record);

}  // namespace birthday::transport
