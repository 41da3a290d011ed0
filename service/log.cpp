#include "service/log.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace birthday::log {
namespace {

Level threshold_from_environment() {
  const char* value = std::getenv("LOG_LEVEL");
  const std::string level = value ? value : "";
  if (level == "debug" || level == "DEBUG") return Level::Debug;
  if (level == "warn" || level == "WARN") return Level::Warn;
  if (level == "error" || level == "ERROR") return Level::Error;
  return Level::Info;
}

const char* name_of(Level level) {
  switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "info";
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace

bool enabled(Level level) {
  static const Level threshold = threshold_from_environment();
  return level >= threshold;
}

void write(Level level, std::string_view message, const nlohmann::ordered_json& fields) {
  if (!enabled(level)) return;
  nlohmann::ordered_json line;
  line["time"] = utc_timestamp();
  line["level"] = name_of(level);
  line["msg"] = message;
  // The runtime sets _X_AMZN_TRACE_ID per invocation; every line carries it for X-Ray correlation.
  if (const char* trace = std::getenv("_X_AMZN_TRACE_ID"); trace && *trace) line["traceId"] = trace;
  for (const auto& [key, value] : fields.items()) line[key] = value;
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace birthday::log
