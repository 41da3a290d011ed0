#include "service/dynamodb/table_setup.hpp"

#include <chrono>
#include <fstream>

namespace birthday::dynamodb {
namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kPollInterval{100};

// Table.TableStatus of a DescribeTable output, or "" when it has none.
std::string table_status(const json& description) {
  const auto table = description.find("Table");
  if (table == description.end() || !table->is_object()) return {};
  const auto status = table->find("TableStatus");
  return status != table->end() && status->is_string() ? status->get<std::string>() : std::string{};
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
  for (;;) {
    DynamoDbClient::Reply described = client.exchange("DescribeTable", name_only, deadline);
    if (described.error_type == "ResourceNotFoundException") {
      DynamoDbClient::Reply created = client.exchange("CreateTable", spec, deadline);
      // Someone else creating it at the same moment is as good as creating it ourselves.
      if (!created.output && created.error_type != "ResourceInUseException") return created.output.error();
      continue;
    }
    if (!described.output) return described.output.error();

    const std::string status = table_status(described.output.value());
    if (status == "ACTIVE") return ok();
    if (std::chrono::steady_clock::now() + kPollInterval >= deadline)
      return Error{ErrorKind::Unavailable, "table " + table + " is " + status + ", not ACTIVE, at the deadline"};
    sleep(kPollInterval);
  }
}

}  // namespace birthday::dynamodb
