// The repository against a real DynamoDB API implementation (dynalite, in memory).
#include <gtest/gtest.h>

#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/user_key.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

Deadline soon() { return steady_clock::now() + 5s; }

class DynamoDbRepositoryAgainstDynalite : public ::testing::Test {
 protected:
  testing::LocalDynamoDb dynalite;
  std::shared_ptr<BirthdayRepository> repository = make_dynamodb_repository(dynalite.config());
  const UserKey alice = user_key_for("alice");
};

TEST_F(DynamoDbRepositoryAgainstDynalite, SavedDateIsLoaded) {
  ASSERT_TRUE(repository->save(alice, year{1990} / May / 17, soon()).ok());
  const auto loaded = repository->load(alice, soon());
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded.value(), year{1990} / May / 17);
}

TEST_F(DynamoDbRepositoryAgainstDynalite, SavingAgainOverwrites) {
  ASSERT_TRUE(repository->save(alice, year{1990} / May / 17, soon()).ok());
  ASSERT_TRUE(repository->save(alice, year{1984} / February / 29, soon()).ok());
  const auto loaded = repository->load(alice, soon());
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded.value(), year{1984} / February / 29);
}

TEST_F(DynamoDbRepositoryAgainstDynalite, UnknownUserIsNotFound) {
  ASSERT_TRUE(repository->save(alice, year{1990} / May / 17, soon()).ok());
  const auto loaded = repository->load(user_key_for("bob"), soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::NotFound);
}

TEST_F(DynamoDbRepositoryAgainstDynalite, UsernamesDifferingOnlyInCaseShareOneItem) {
  ASSERT_TRUE(repository->save(user_key_for("Alice"), year{1990} / May / 17, soon()).ok());
  const auto loaded = repository->load(user_key_for("ALICE"), soon());
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded.value(), year{1990} / May / 17);
}

TEST_F(DynamoDbRepositoryAgainstDynalite, ItemHoldsTheKeyHexAndTheDateTextOnly) {
  ASSERT_TRUE(repository->save(alice, year{2001} / January / 2, soon()).ok());

  DynamoDbClient client(dynalite.config());
  const auto raw = client.call("GetItem", {{"TableName", dynalite.table()}, {"Key", {{"Id", {{"S", alice.hex}}}}}},
                               soon());
  ASSERT_TRUE(raw.ok()) << raw.error().detail;
  EXPECT_EQ(raw.value()["Item"], (nlohmann::json{{"Id", {{"S", alice.hex}}}, {"Dob", {{"S", "2001-01-02"}}}}));
}

TEST_F(DynamoDbRepositoryAgainstDynalite, MissingTableIsInternalNeverNotFound) {
  Config config = dynalite.config();
  config.table = "NoSuchTable";
  const auto repository_without_table = make_dynamodb_repository(config);

  const auto loaded = repository_without_table->load(alice, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::Internal);
  const Status saved = repository_without_table->save(alice, year{1990} / May / 17, soon());
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().kind, ErrorKind::Internal);
}

TEST_F(DynamoDbRepositoryAgainstDynalite, StoppedStoreIsUnavailable) {
  ASSERT_TRUE(repository->save(alice, year{1990} / May / 17, soon()).ok());  // a warm connection first
  dynalite.stop();

  const auto loaded = repository->load(alice, soon());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::Unavailable);
  const Status saved = repository->save(alice, year{1990} / May / 17, soon());
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().kind, ErrorKind::Unavailable);
}

}  // namespace
}  // namespace birthday::dynamodb
