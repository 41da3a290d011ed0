// Each dist zip, unpacked as /var/task of an otherwise empty root, answers an API Gateway
// invoke through the Runtime API with a real (local) DynamoDB behind it. Built twice: for the
// x86_64 zips, and for the arm64 zips run under qemu-user (dist_arm64_empty_root_test).
#include "deploy/package/empty_root.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "service/clock.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/user_key.hpp"
#include "transport/runtime/fake_runtime_api.hpp"

namespace birthday::packaging {
namespace {

using namespace std::chrono;
using dynamodb::testing::LocalDynamoDb;
using runtime::test_support::FakeRuntimeApi;
using runtime::test_support::ScriptedInvocation;

const std::filesystem::path dist_directory = DIST_TEST_DIRECTORY;
const std::filesystem::path source_directory = PROJECT_SOURCE_DIR;

// Empty for zips this machine runs; qemu-aarch64-static in the arm64 build of this test.
std::optional<std::filesystem::path> emulator() {
  const std::filesystem::path path = LAMBDA_EMULATOR;
  if (path.empty()) return std::nullopt;
  return path;
}

nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(source_directory / file);
  return nlohmann::json::parse(in);
}

Deadline in_ten_seconds() { return steady_clock::now() + seconds(10); }

// Today's month and day (UTC) in a leap year, so that it is a valid birthday on 29 February too.
year_month_day birthday_today() {
  const year_month_day today{utc_today()};
  return {year{2000}, today.month(), today.day()};
}

year_month_day parse_date(const std::string& text) {
  return {year{std::stoi(text.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
          day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
}

class EmptyRootZip : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!EmptyRoot::can_run()) GTEST_SKIP() << "chroot needs root; run the tests as root (CI does)";
    store_.emplace();
    repository_ = dynamodb::make_dynamodb_repository(store_->config());
  }

  struct Answer {
    nlohmann::json result;  // what the bootstrap posted as the invocation's response
    std::string log;        // what it wrote to stdout and stderr
  };

  // Runs `function`'s zip for one invocation of `event`.
  Answer invoke(const std::string& function, const nlohmann::json& event) {
    const std::string request_id = function + "-request";
    const auto deadline = duration_cast<milliseconds>((system_clock::now() + seconds(30)).time_since_epoch());
    FakeRuntimeApi api({ScriptedInvocation{
        .request_id = request_id, .payload = event.dump(), .deadline_ms = std::to_string(deadline.count())}});
    const EmptyRoot root(dist_directory / (function + ".zip"), emulator());
    const pid_t pid = root.start(lambda_environment(
        api.endpoint(), {"DYNAMODB_TABLE=" + store_->table(), "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=test",
                         "AWS_SECRET_ACCESS_KEY=test", "AWS_ENDPOINT_URL_DYNAMODB=" + store_->endpoint()}));
    // After the one scripted invocation the fake answers GET /next with a 500: the process ends.
    const std::optional<int> status = wait_for_exit(pid, seconds(30));
    EXPECT_TRUE(status && WIFEXITED(*status)) << "the bootstrap did not exit by itself; its output:\n" << root.output();
    const auto posts = api.posts();
    if (posts.size() != 1) {
      ADD_FAILURE() << posts.size() << " posts instead of one result; the bootstrap's output:\n" << root.output();
      return {{}, root.output()};
    }
    EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/" + request_id + "/response") << root.output();
    return {nlohmann::json::parse(posts[0].body), root.output()};
  }

  std::optional<LocalDynamoDb> store_;
  std::shared_ptr<BirthdayRepository> repository_;
};

TEST_F(EmptyRootZip, PutBirthdayAnswers204AndStoresTheDate) {
  const nlohmann::json event = read_json("testdata/events-put.json");
  const auto date_of_birth = nlohmann::json::parse(event["body"].get<std::string>())["dateOfBirth"].get<std::string>();

  const Answer answer = invoke("put-birthday", event);

  EXPECT_EQ(answer.result["statusCode"], 204) << answer.log;
  const auto stored = repository_->load(user_key_for(event["pathParameters"]["username"].get<std::string>()),
                                        in_ten_seconds());
  ASSERT_TRUE(stored.ok()) << stored.error().detail;
  EXPECT_EQ(stored.value(), parse_date(date_of_birth));
}

TEST_F(EmptyRootZip, GetBirthdayAnswers200WithTheGreeting) {
  const nlohmann::json event = read_json("testdata/events-get.json");
  const std::string username = event["pathParameters"]["username"];
  ASSERT_TRUE(repository_->save(user_key_for(username), birthday_today(), in_ten_seconds()).ok());

  const Answer answer = invoke("get-birthday", event);

  EXPECT_EQ(answer.result["statusCode"], 200) << answer.log;
  EXPECT_EQ(answer.result["body"], R"({"message":"Hello, )" + username + R"(! Happy birthday!"})");
}

}  // namespace
}  // namespace birthday::packaging
