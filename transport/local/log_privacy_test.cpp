// What a whole local run writes — the gateway's own log and both real bootstraps' JSON lines, at
// info and at debug — never holds a date of birth, a raw username or a credential, whatever the
// requests: successes, every kind of refusal, a store that goes away. (That an endpoint whose
// certificate is not trusted is refused is service/dynamodb/tls_trust_test.cpp.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "service/ascii.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "transport/local/test_support.hpp"
#include "transport/runtime/scoped_environment.hpp"

namespace birthday::local {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using runtime::test_support::ScopedEnvironment;

// Distinctive enough that finding one in a log can only mean it was logged.
const std::string kUsername = "Zebedeeprivate";
const std::string kOtherUsername = "Quintessahidden";
const std::string kDateOfBirth = "1987-03-14";
const std::string kInvalidDate = "1987-02-30";
const std::string kAccessKeyId = "AKIALOGPRIVACY000001";
const std::string kSecretKey = "logPrivacySecretKey/NeverLogged+0123456789";
const std::string kSessionToken = "logPrivacySessionToken/NeverLogged+Token==";

std::string put_body(const std::string& date) { return R"({"dateOfBirth":")" + date + R"("})"; }

// Everything the gateway and its functions wrote during one run of requests that touch every
// path the contract has, LOG_LEVEL being `log_level`.
std::string logs_of_a_run(const std::string& log_level) {
  const ScopedEnvironment key("AWS_ACCESS_KEY_ID", kAccessKeyId);
  const ScopedEnvironment secret("AWS_SECRET_ACCESS_KEY", kSecretKey);
  const ScopedEnvironment token("AWS_SESSION_TOKEN", kSessionToken);
  dynamodb::testing::LocalDynamoDb store;
  testing::TempDir dir;
  const nlohmann::json function = {{"DYNAMODB_TABLE", store.table()}, {"LOG_LEVEL", log_level}};
  const std::string env_file = dir.write("env.json", nlohmann::json{{"GetBirthday", function}, {"PutBirthday", function}}.dump());
  testing::GatewayProcess gateway(LOCAL_GATEWAY_PATH,
                                  {"--template", std::string(PROJECT_SOURCE_DIR) + "/template.yaml", "--env-vars", env_file,
                                   "--env", "AWS_ENDPOINT_URL_DYNAMODB=" + store.endpoint(), "--functions-dir",
                                   std::string(PROJECT_BINARY_DIR) + "/functions"},
                                  dir.path());
  httplib::Client http("127.0.0.1", gateway.port());
  http.set_read_timeout(20s);
  const auto status = [](const httplib::Result& response) { return response ? response->status : -1; };

  EXPECT_EQ(status(http.Put("/hello/" + kUsername, put_body(kDateOfBirth), "application/json")), 204);
  EXPECT_EQ(status(http.Get("/hello/" + kUsername)), 200);
  EXPECT_EQ(status(http.Get("/hello/" + kOtherUsername)), 404);
  EXPECT_EQ(status(http.Put("/hello/" + kUsername, put_body(kInvalidDate), "application/json")), 400);
  EXPECT_EQ(status(http.Put("/hello/" + kUsername, "dateOfBirth=" + kDateOfBirth, "text/plain")), 400);
  EXPECT_EQ(status(http.Put("/hello/" + kUsername + "1", put_body(kDateOfBirth), "application/json")), 400);
  EXPECT_EQ(status(http.Put("/hello/" + kUsername, put_body("9999-12-31"), "application/json")), 400);
  store.stop();
  EXPECT_EQ(status(http.Put("/hello/" + kUsername, put_body(kDateOfBirth), "application/json")), 503);
  EXPECT_EQ(status(http.Get("/hello/" + kUsername)), 503);
  return gateway.log() + gateway.output();
}

void expect_nothing_private(const std::string& logs) {
  // The run was logged: one access line per request at least.
  EXPECT_THAT(logs, HasSubstr(R"("route":"PUT /hello/{username}")"));
  EXPECT_THAT(logs, HasSubstr(R"("status":503)"));
  for (const std::string& secret :
       {kUsername, kOtherUsername, ascii::lowercase(kUsername), ascii::lowercase(kOtherUsername), kDateOfBirth,
        kInvalidDate, kSecretKey, kSessionToken, kAccessKeyId, std::string("AWS4-HMAC-SHA256"), std::string("Signature="),
        std::string("Authorization"), std::string("X-Amz-Security-Token")}) {
    EXPECT_THAT(logs, Not(HasSubstr(secret))) << "the logs hold " << secret;
  }
}

TEST(LogPrivacy, AWholeRunAtInfoLogsNoDateOfBirthUsernameOrCredential) { expect_nothing_private(logs_of_a_run("info")); }

TEST(LogPrivacy, AWholeRunAtDebugLogsNoDateOfBirthUsernameOrCredential) { expect_nothing_private(logs_of_a_run("debug")); }

}  // namespace
}  // namespace birthday::local
