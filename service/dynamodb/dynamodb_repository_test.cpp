// The repository's requests and its reading of replies, against a scripted endpoint.
#include "service/dynamodb/dynamodb_repository.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/dynamodb/testing/scripted_server.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using testing::ScriptedServer;

const UserKey kKey{"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"};

Deadline soon() { return steady_clock::now() + 5s; }

std::shared_ptr<BirthdayRepository> repository_for(const ScriptedServer& server) {
  return make_dynamodb_repository(
      Config{"Birthdays", "eu-west-1", server.endpoint(), {"AKIDEXAMPLE", "secret", ""}, {}});
}

std::string item_with_dob(const nlohmann::json& dob) {
  return nlohmann::json{{"Item", {{"Id", {{"S", kKey.hex}}}, {"Dob", dob}}}}.dump();
}

TEST(DynamoDbRepositoryLoad, SendsAStronglyConsistentGetItemForTheKey) {
  ScriptedServer server({{200, "{}"}});
  (void)repository_for(server)->load(kKey, soon());

  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_EQ(server.received()[0].header("X-Amz-Target"), "DynamoDB_20120810.GetItem");
  EXPECT_EQ(nlohmann::json::parse(server.received()[0].body),
            (nlohmann::json{{"TableName", "Birthdays"}, {"Key", {{"Id", {{"S", kKey.hex}}}}}, {"ConsistentRead", true}}));
}

TEST(DynamoDbRepositoryLoad, ReadsTheStoredDate) {
  ScriptedServer server({{200, item_with_dob({{"S", "1984-02-29"}})}});
  const auto loaded = repository_for(server)->load(kKey, soon());
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded.value(), year{1984} / February / 29);
}

TEST(DynamoDbRepositoryLoad, NoItemIsNotFound) {
  ScriptedServer server({{200, "{}"}});
  const auto loaded = repository_for(server)->load(kKey, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::NotFound);
}

class StoredDob : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(StoredDob, ThatIsNotAValidDateIsInternal) {
  ScriptedServer server({{200, item_with_dob(GetParam())}});
  const auto loaded = repository_for(server)->load(kKey, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::Internal);
  // The log gets the key prefix, never the stored text.
  EXPECT_NE(loaded.error().detail.find(kKey.log_prefix()), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Invalid, StoredDob,
                         ::testing::Values(nlohmann::json{{"S", "1990-02-30"}}, nlohmann::json{{"S", "1990-2-3"}},
                                           nlohmann::json{{"S", ""}}, nlohmann::json{{"S", "1990-01-01T00:00:00Z"}},
                                           nlohmann::json{{"N", "19900101"}}, nlohmann::json("1990-01-01")));

TEST(DynamoDbRepositoryLoad, ItemWithoutDobIsInternal) {
  ScriptedServer server({{200, nlohmann::json{{"Item", {{"Id", {{"S", kKey.hex}}}}}}.dump()}});
  const auto loaded = repository_for(server)->load(kKey, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::Internal);
}

TEST(DynamoDbRepositoryLoad, MissingTableIsInternalNeverNotFound) {
  ScriptedServer server({ScriptedServer::error(400, "ResourceNotFoundException")});
  const auto loaded = repository_for(server)->load(kKey, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::Internal);
}

TEST(DynamoDbRepositorySave, SendsPutItemWithIdAndDob) {
  ScriptedServer server({{200, "{}"}});
  const Status saved = repository_for(server)->save(kKey, year{1990} / May / 7, soon());

  ASSERT_TRUE(saved.ok()) << saved.error().detail;
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_EQ(server.received()[0].header("X-Amz-Target"), "DynamoDB_20120810.PutItem");
  EXPECT_EQ(nlohmann::json::parse(server.received()[0].body),
            (nlohmann::json{{"TableName", "Birthdays"},
                            {"Item", {{"Id", {{"S", kKey.hex}}}, {"Dob", {{"S", "1990-05-07"}}}}}}));
}

TEST(DynamoDbRepositorySave, ThrottledThroughoutIsUnavailable) {
  ScriptedServer server({ScriptedServer::error(400, "ProvisionedThroughputExceededException")});
  const Status saved = repository_for(server)->save(kKey, year{1990} / May / 7, soon());
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().kind, ErrorKind::Unavailable);
  EXPECT_GT(server.received().size(), 1u);
}

TEST(DynamoDbRepositorySave, ValidationErrorIsInternal) {
  ScriptedServer server({ScriptedServer::error(400, "ValidationException")});
  const Status saved = repository_for(server)->save(kKey, year{1990} / May / 7, soon());
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().kind, ErrorKind::Internal);
}

}  // namespace
}  // namespace birthday::dynamodb
