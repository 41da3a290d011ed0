#include "transport/access_log.hpp"

#include <string>

#include "service/log.hpp"

namespace birthday::transport {
namespace {

constexpr std::string_view metrics_namespace = "BirthdayGreeter";

double milliseconds(std::chrono::microseconds duration) { return static_cast<double>(duration.count()) / 1000.0; }

nlohmann::ordered_json metric(std::string_view name, std::string_view unit) {
  return {{"Name", name}, {"Unit", unit}};
}

// The EMF metadata: which root members are metrics, their units, and the dimension set.
nlohmann::ordered_json emf_metadata(std::chrono::system_clock::time_point now) {
  const auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  nlohmann::ordered_json directive = {
      {"Namespace", metrics_namespace},
      {"Dimensions", nlohmann::ordered_json::array({nlohmann::ordered_json::array({"function"})})},
      {"Metrics", nlohmann::ordered_json::array({metric("duration_ms", "Milliseconds"), metric("store_ms", "Milliseconds"),
                                         metric("count_4xx", "Count"), metric("count_5xx", "Count")})},
  };
  return {{"Timestamp", epoch_ms}, {"CloudWatchMetrics", nlohmann::ordered_json::array({std::move(directive)})}};
}

}  // namespace

nlohmann::ordered_json access_log_fields(const AccessRecord& record, std::chrono::system_clock::time_point now) {
  nlohmann::ordered_json fields = {
      {"requestId", record.request_id},
      {"method", record.method},
      {"route", record.route},
      {"status", record.status},
      {"duration_ms", milliseconds(record.duration)},
      {"store_ms", milliseconds(record.store)},
      {"function", record.function},
      {"count_4xx", record.status >= 400 && record.status < 500 ? 1 : 0},
      {"count_5xx", record.status >= 500 ? 1 : 0},
      {"_aws", emf_metadata(now)},
  };
  if (record.user) fields["user"] = *record.user;
  return fields;
}

void write_access_log(const AccessRecord& record) {
  log::write(log::Level::Info, "request", access_log_fields(record, std::chrono::system_clock::now()));
}

}  // namespace birthday::transport
