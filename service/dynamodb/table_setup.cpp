#include "service/dynamodb/table_setup.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <utility>

namespace birthday::dynamodb {
namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kPollInterval{100};
// LimitExceededException: too many tables of the account are being created or changed at once.
// AWS's advice is to retry with exponential backoff; this caps the doubling.
constexpr std::chrono::milliseconds kMaxLimitBackoff{3200};

// Table.TableStatus of a DescribeTable output, or "" when it has none.
std::string table_status(const json& description) {
  const auto table = description.find("Table");
  if (table == description.end() || !table->is_object()) return {};
  const auto status = table->find("TableStatus");
  return status != table->end() && status->is_string() ? status->get<std::string>() : std::string{};
}

// Sleeps `wait` unless that would pass `deadline`; false when it would.
bool wait_within(const Sleeper& sleep, std::chrono::milliseconds wait, Deadline deadline) {
  if (std::chrono::steady_clock::now() + wait >= deadline) return false;
  sleep(wait);
  return true;
}

}  // namespace

Result<json> read_table_spec(const std::string& path, const std::string& table) {
  std::ifstream file(path);
  if (!file) return Error{ErrorKind::Internal, "cannot read table spec " + path};
  json spec = json::parse(file, nullptr, false);
  if (!spec.is_object()) return Error{ErrorKind::Internal, "table spec " + path + " is not a JSON object"};
  if (!table.empty()) spec["TableName"] = table;
  if (!spec.contains("TableName") || !spec["TableName"].is_string())
    return Error{ErrorKind::Internal, "table spec " + path + " has no TableName"};
  return spec;
}

Status ensure_table(DynamoDbClient& client, const json& spec, Deadline deadline, const Sleeper& sleep) {
  const std::string table = spec.value("TableName", "");
  const json name_only = {{"TableName", table}};
  std::chrono::milliseconds limit_backoff = kPollInterval;
  for (;;) {
    DynamoDbClient::Reply described = client.exchange("DescribeTable", name_only, deadline);
    if (described.error_type == "ResourceNotFoundException") {
      DynamoDbClient::Reply created = client.exchange("CreateTable", spec, deadline);
      if (created.output) continue;
      std::chrono::milliseconds wait{};
      if (created.error_type == "ResourceInUseException") {
        // Someone else is creating it, which is as good as creating it ourselves; until
        // DescribeTable sees their table, it is polled, not hammered.
        wait = kPollInterval;
      } else if (created.error_type == "LimitExceededException") {
        wait = std::exchange(limit_backoff, std::min(limit_backoff * 2, kMaxLimitBackoff));
      } else {
        return created.output.error();
      }
      if (!wait_within(sleep, wait, deadline))
        return Error{ErrorKind::Unavailable, "table " + table + " not created by the deadline: " + created.error_type};
      continue;
    }
    if (!described.output) return described.output.error();

    const std::string status = table_status(described.output.value());
    if (status == "ACTIVE") return ok();
    if (!wait_within(sleep, kPollInterval, deadline))
      return Error{ErrorKind::Unavailable, "table " + table + " is " + status + ", not ACTIVE, at the deadline"};
  }
}

}  // namespace birthday::dynamodb
