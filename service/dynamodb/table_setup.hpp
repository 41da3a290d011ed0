#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/clock.hpp"
#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/retry_policy.hpp"
#include "service/result.hpp"

namespace birthday::dynamodb {

// Reads a CreateTable input (like testdata/create-table.json); a non-empty `table` replaces its
// TableName. Internal when the file is unreadable or not a JSON object with a TableName.
Result<nlohmann::json> read_table_spec(const std::string& path, const std::string& table = "");

// Idempotent table creation: DescribeTable; CreateTable from `spec` when the table does not
// exist; then poll until it is ACTIVE. A CreateTable refused as ResourceInUseException (being
// created by someone else) is followed by polling, one refused as LimitExceededException by a
// doubling backoff. Unavailable when it is not ACTIVE by `deadline`.
Status ensure_table(DynamoDbClient& client, const nlohmann::json& spec, Deadline deadline,
                    const Sleeper& sleep = sleep_on_this_thread);

}  // namespace birthday::dynamodb
