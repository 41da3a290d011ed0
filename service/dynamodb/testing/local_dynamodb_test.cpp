#include "service/dynamodb/testing/local_dynamodb.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include "service/dynamodb/dynamodb_client.hpp"

namespace birthday::dynamodb::testing {
namespace {

using namespace std::chrono_literals;

bool process_exists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

TEST(LocalDynamoDb, ComesUpWithTheProjectTableOnLoopback) {
  LocalDynamoDb dynalite;
  EXPECT_EQ(dynalite.table(), "Birthdays");
  EXPECT_EQ(dynalite.endpoint(), "http://127.0.0.1:" + std::to_string(dynalite.port()));

  DynamoDbClient client(dynalite.config());
  const auto described =
      client.call("DescribeTable", {{"TableName", "Birthdays"}}, std::chrono::steady_clock::now() + 5s);
  ASSERT_TRUE(described.ok()) << described.error().detail;
  EXPECT_EQ(described.value()["Table"]["TableStatus"], "ACTIVE");
}

TEST(LocalDynamoDb, TwoInstancesAreIndependent) {
  LocalDynamoDb first({.table = "First"});
  LocalDynamoDb second({.table = "Second"});
  EXPECT_NE(first.port(), second.port());

  DynamoDbClient client(second.config());
  const auto tables = client.call("ListTables", nlohmann::json::object(), std::chrono::steady_clock::now() + 5s);
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables.value()["TableNames"], nlohmann::json::array({"Second"}));
}

TEST(LocalDynamoDb, DestructorStopsTheProcess) {
  pid_t pid = -1;
  {
    LocalDynamoDb dynalite;
    pid = dynalite.pid();
    ASSERT_GT(pid, 0);
    EXPECT_TRUE(process_exists(pid));
  }
  EXPECT_FALSE(process_exists(pid));
}

TEST(LocalDynamoDb, StopIsImmediateAndIdempotent) {
  LocalDynamoDb dynalite;
  const pid_t pid = dynalite.pid();
  dynalite.stop();
  dynalite.stop();
  EXPECT_EQ(dynalite.pid(), -1);
  EXPECT_FALSE(process_exists(pid));
}

nlohmann::json item_of(const LocalDynamoDb& dynalite, const std::string& id) {
  DynamoDbClient client(dynalite.config());
  const auto got = client.call("GetItem", {{"TableName", dynalite.table()}, {"Key", {{"Id", {{"S", id}}}}}},
                               std::chrono::steady_clock::now() + 5s);
  return got.ok() ? got.value().value("Item", nlohmann::json()) : nlohmann::json("error: " + got.error().detail);
}

TEST(LocalDynamoDb, WithADataDirectoryARestartKeepsTheItemsAndThePort) {
  const std::filesystem::path data = std::filesystem::temp_directory_path() /
                                     ("local-dynamodb-test-" + std::to_string(getpid()));
  {
    LocalDynamoDb dynalite({.data_directory = data.string()});
    const int port = dynalite.port();
    DynamoDbClient client(dynalite.config());
    const nlohmann::json item = {{"Id", {{"S", "kept"}}}, {"Dob", {{"S", "1990-05-17"}}}};
    ASSERT_TRUE(client.call("PutItem", {{"TableName", dynalite.table()}, {"Item", item}},
                            std::chrono::steady_clock::now() + 5s).ok());

    dynalite.restart();

    EXPECT_EQ(dynalite.port(), port);
    EXPECT_EQ(item_of(dynalite, "kept"), item);
  }
  std::filesystem::remove_all(data);
}

TEST(LocalDynamoDb, InMemoryARestartComesBackEmptyWithTheTable) {
  LocalDynamoDb dynalite;
  DynamoDbClient client(dynalite.config());
  ASSERT_TRUE(client.call("PutItem",
                          {{"TableName", dynalite.table()}, {"Item", {{"Id", {{"S", "gone"}}}, {"Dob", {{"S", "1990-05-17"}}}}}},
                          std::chrono::steady_clock::now() + 5s).ok());

  dynalite.restart();

  EXPECT_EQ(item_of(dynalite, "gone"), nlohmann::json());
}

}  // namespace
}  // namespace birthday::dynamodb::testing
