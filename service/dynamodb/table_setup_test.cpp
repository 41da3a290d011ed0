#include "service/dynamodb/table_setup.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/dynamodb/testing/scripted_server.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono_literals;
using testing::LocalDynamoDb;
using testing::ScriptedServer;

const std::string kSpec = std::string(PROJECT_SOURCE_DIR) + "/testdata/create-table.json";

Deadline soon() { return std::chrono::steady_clock::now() + 10s; }

std::string table_status(DynamoDbClient& client, const std::string& table) {
  const auto described = client.call("DescribeTable", {{"TableName", table}}, soon());
  return described ? described.value()["Table"]["TableStatus"].get<std::string>() : described.error().detail;
}

TEST(ReadTableSpec, TheProjectSpecKeysBirthdaysByIdString) {
  const auto spec = read_table_spec(kSpec);
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  EXPECT_EQ(spec.value()["TableName"], "Birthdays");
  EXPECT_EQ(spec.value()["KeySchema"], nlohmann::json::parse(R"([{"AttributeName":"Id","KeyType":"HASH"}])"));
  EXPECT_EQ(spec.value()["AttributeDefinitions"],
            nlohmann::json::parse(R"([{"AttributeName":"Id","AttributeType":"S"}])"));
}

TEST(ReadTableSpec, TableNameCanBeReplaced) {
  const auto spec = read_table_spec(kSpec, "birthdays-dev");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec.value()["TableName"], "birthdays-dev");
}

TEST(ReadTableSpec, UnreadableFileIsInternal) {
  const auto spec = read_table_spec("/nonexistent/create-table.json");
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().kind, ErrorKind::Internal);
}

TEST(EnsureTable, CreatesAMissingTableAndWaitsWhileItIsCreating) {
  ScriptedServer server({ScriptedServer::error(400, "ResourceNotFoundException"),
                         {200, R"({"TableDescription":{"TableStatus":"CREATING"}})"},
                         {200, R"({"Table":{"TableStatus":"CREATING"}})"},
                         {200, R"({"Table":{"TableStatus":"ACTIVE"}})"}});
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});
  int polls = 0;

  const Status status = ensure_table(client, read_table_spec(kSpec).value(), soon(), [&](auto) { ++polls; });

  ASSERT_TRUE(status.ok()) << status.error().detail;
  std::vector<std::string> targets;
  for (const auto& request : server.received()) targets.push_back(request.header("X-Amz-Target"));
  EXPECT_EQ(targets, (std::vector<std::string>{"DynamoDB_20120810.DescribeTable", "DynamoDB_20120810.CreateTable",
                                               "DynamoDB_20120810.DescribeTable", "DynamoDB_20120810.DescribeTable"}));
  EXPECT_EQ(polls, 1);
}

std::vector<std::string> targets_of(const ScriptedServer& server) {
  std::vector<std::string> targets;
  for (const auto& request : server.received()) targets.push_back(request.header("X-Amz-Target").substr(18));
  return targets;
}

TEST(EnsureTable, TableBeingCreatedBySomeoneElseIsPolledNotHammered) {
  // DescribeTable may not see a table for a moment after another CreateTable took its name.
  ScriptedServer server({ScriptedServer::error(400, "ResourceNotFoundException"),
                         ScriptedServer::error(400, "ResourceInUseException"),
                         ScriptedServer::error(400, "ResourceNotFoundException"),
                         ScriptedServer::error(400, "ResourceInUseException"),
                         {200, R"({"Table":{"TableStatus":"ACTIVE"}})"}});
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});
  std::vector<std::chrono::milliseconds> waits;

  const Status status =
      ensure_table(client, read_table_spec(kSpec).value(), soon(), [&](auto wait) { waits.push_back(wait); });

  ASSERT_TRUE(status.ok()) << status.error().detail;
  EXPECT_EQ(targets_of(server), (std::vector<std::string>{"DescribeTable", "CreateTable", "DescribeTable", "CreateTable",
                                                          "DescribeTable"}));
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{100ms, 100ms}));
}

TEST(EnsureTable, TooManyTablesChangingAtOnceIsBackedOffAndTriedAgain) {
  ScriptedServer server({ScriptedServer::error(400, "ResourceNotFoundException"),
                         ScriptedServer::error(400, "LimitExceededException"),
                         ScriptedServer::error(400, "ResourceNotFoundException"),
                         ScriptedServer::error(400, "LimitExceededException"),
                         ScriptedServer::error(400, "ResourceNotFoundException"),
                         {200, R"({"TableDescription":{"TableStatus":"CREATING"}})"},
                         {200, R"({"Table":{"TableStatus":"ACTIVE"}})"}});
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});
  std::vector<std::chrono::milliseconds> waits;

  const Status status =
      ensure_table(client, read_table_spec(kSpec).value(), soon(), [&](auto wait) { waits.push_back(wait); });

  ASSERT_TRUE(status.ok()) << status.error().detail;
  EXPECT_EQ(targets_of(server), (std::vector<std::string>{"DescribeTable", "CreateTable", "DescribeTable", "CreateTable",
                                                          "DescribeTable", "CreateTable", "DescribeTable"}));
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{100ms, 200ms}));
}

TEST(EnsureTable, LimitExceededUntilTheDeadlineIsUnavailable) {
  std::vector<ScriptedServer::Reply> script;
  for (int round = 0; round < 10; ++round) {
    script.push_back(ScriptedServer::error(400, "ResourceNotFoundException"));
    script.push_back(ScriptedServer::error(400, "LimitExceededException"));
  }
  ScriptedServer server(script);
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});

  const Status status =
      ensure_table(client, read_table_spec(kSpec).value(), std::chrono::steady_clock::now() + 500ms);

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::Unavailable);
  EXPECT_NE(status.error().detail.find("LimitExceededException"), std::string::npos) << status.error().detail;
}

TEST(EnsureTable, TableNeverActiveIsUnavailableAtTheDeadline) {
  ScriptedServer server({{200, R"({"Table":{"TableStatus":"CREATING"}})"}});
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});

  const Status status =
      ensure_table(client, read_table_spec(kSpec).value(), std::chrono::steady_clock::now() + 300ms);

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::Unavailable);
}

TEST(EnsureTable, AccessDeniedIsReportedNotRetried) {
  ScriptedServer server({ScriptedServer::error(400, "AccessDeniedException")});
  DynamoDbClient client(Config{"", "us-east-1", server.endpoint(), {"local", "local", ""}, ""});

  const Status status = ensure_table(client, read_table_spec(kSpec).value(), soon());

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::Internal);
  EXPECT_EQ(server.received().size(), 1u);
}

TEST(EnsureTableAgainstDynalite, CreatesTheTableOnceAndIsIdempotent) {
  LocalDynamoDb dynalite({.table = "Greetings", .create_table = false});
  DynamoDbClient client(dynalite.config());
  const auto spec = read_table_spec(kSpec, "Greetings").value();

  ASSERT_TRUE(ensure_table(client, spec, soon()).ok());
  ASSERT_TRUE(ensure_table(client, spec, soon()).ok());

  EXPECT_EQ(table_status(client, "Greetings"), "ACTIVE");
  const auto tables = client.call("ListTables", nlohmann::json::object(), soon());
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables.value()["TableNames"], nlohmann::json::array({"Greetings"}));
}

// The ensure_table executable as `make run` uses it.
TEST(EnsureTableTool, CreatesTheTableThenSucceedsAgain) {
  LocalDynamoDb dynalite({.table = "", .create_table = false});
  const std::string command = std::string("AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local ") + ENSURE_TABLE_TOOL +
                              " --endpoint=" + dynalite.endpoint() + " --spec=" + kSpec +
                              " --table=birthdays-local --timeout=10 >/dev/null 2>&1";

  EXPECT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(std::system(command.c_str()), 0);

  DynamoDbClient client(dynalite.config());
  EXPECT_EQ(table_status(client, "birthdays-local"), "ACTIVE");
}

TEST(EnsureTableTool, FailsWithoutCredentials) {
  const std::string command = std::string("env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY ") + ENSURE_TABLE_TOOL +
                              " --endpoint=http://127.0.0.1:1 --spec=" + kSpec + " >/dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace birthday::dynamodb
