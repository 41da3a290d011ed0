#include "service/dynamodb/testing/local_dynamodb.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>

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

}  // namespace
}  // namespace birthday::dynamodb::testing
