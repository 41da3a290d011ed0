#include "service/dynamodb/dynamodb_client.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/dynamodb/testing/scripted_server.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using std::chrono::steady_clock;
using testing::ScriptedServer;

Config config_for(const std::string& endpoint, std::string session_token = "") {
  return Config{"Birthdays", "eu-west-1", endpoint, {"AKIDEXAMPLE", "secret", std::move(session_token)}, {}};
}

// Waits are recorded instead of slept, and the jitter always picks the ceiling, so the backoff
// sequence is exact and the tests run instantly.
struct RecordedWaits {
  std::vector<milliseconds> waits;

  RetryPolicy policy(int max_attempts = 4) {
    RetryPolicy policy;
    policy.max_attempts = max_attempts;
    policy.base_delay = 25ms;
    policy.max_delay = 400ms;
    policy.jitter = [](milliseconds ceiling) { return ceiling; };
    policy.sleep = [this](milliseconds wait) { waits.push_back(wait); };
    policy.budget = std::make_shared<RetryBudget>();  // no test spends another's retry tokens
    return policy;
  }
};

Deadline in(milliseconds duration) { return steady_clock::now() + duration; }

const nlohmann::json kGetItem = {{"TableName", "Birthdays"}, {"Key", {{"Id", {{"S", "abc"}}}}}, {"ConsistentRead", true}};

TEST(DynamoDbClient, ThrottledThenSuccessIsRetriedWithExponentialBackoff) {
  ScriptedServer server({ScriptedServer::error(400, "ThrottlingException"),
                         ScriptedServer::error(400, "ProvisionedThroughputExceededException"),
                         {200, R"({"Item":{"Id":{"S":"abc"}}})"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_TRUE(output.ok()) << output.error().detail;
  EXPECT_EQ(output.value()["Item"]["Id"]["S"], "abc");
  EXPECT_EQ(server.received().size(), 3u);
  EXPECT_EQ(clock.waits, (std::vector<milliseconds>{25ms, 50ms}));
}

TEST(DynamoDbClient, ThrottledEveryTimeIsUnavailableAfterTheAttemptBound) {
  ScriptedServer server({ScriptedServer::error(400, "RequestLimitExceeded")});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy(4));

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_NE(output.error().detail.find("RequestLimitExceeded"), std::string::npos);
  EXPECT_EQ(server.received().size(), 4u);
  EXPECT_EQ(clock.waits, (std::vector<milliseconds>{25ms, 50ms, 100ms}));
}

TEST(DynamoDbClient, ThrottleNamedOnlyInTheErrorTypeHeaderIsRetried) {
  ScriptedServer server({{400, "", {{"x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/"}}},
                         {200, "{}"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  EXPECT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());
  EXPECT_EQ(server.received().size(), 2u);
}

class ServerError : public ::testing::TestWithParam<int> {};

TEST_P(ServerError, IsRetried) {
  ScriptedServer server({{GetParam(), R"({"__type":"com.amazon.coral.service#InternalFailure"})"}, {200, "{}"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  EXPECT_TRUE(output.ok());
  EXPECT_EQ(server.received().size(), 2u);
  EXPECT_EQ(clock.waits.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Statuses, ServerError, ::testing::Values(500, 502, 503, 504));

TEST(DynamoDbClient, ServerErrorEveryTimeIsUnavailable) {
  ScriptedServer server({{503, "Service Unavailable"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy(3));

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_EQ(server.received().size(), 3u);
}

class ClientError : public ::testing::TestWithParam<std::string> {};

TEST_P(ClientError, IsInternalAtOnceNeverNotFound) {
  ScriptedServer server({ScriptedServer::error(400, GetParam()), {200, "{}"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const DynamoDbClient::Reply reply = client.exchange("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(reply.output.ok());
  EXPECT_EQ(reply.output.error().kind, ErrorKind::Internal);
  EXPECT_EQ(reply.error_type, GetParam());
  EXPECT_NE(reply.output.error().detail.find(GetParam()), std::string::npos);
  EXPECT_EQ(server.received().size(), 1u);
  EXPECT_TRUE(clock.waits.empty());
}

INSTANTIATE_TEST_SUITE_P(Types, ClientError,
                         ::testing::Values("ValidationException", "ResourceNotFoundException",
                                           "AccessDeniedException", "UnrecognizedClientException"));

TEST(DynamoDbClient, ForbiddenWithoutErrorTypeIsInternal) {
  ScriptedServer server({{403, "Forbidden"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Internal);
  EXPECT_EQ(server.received().size(), 1u);
}

TEST(DynamoDbClient, SuccessWithABodyThatIsNotJsonIsInternal) {
  ScriptedServer server({{200, "<html>captive portal</html>"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Internal);
}

TEST(DynamoDbClient, NoAnswerIsUnavailableWithinTheDeadline) {
  ScriptedServer server({ScriptedServer::no_answer()});
  DynamoDbClient client(config_for(server.endpoint()));  // real jitter and sleeping
  const milliseconds budget = 400ms;

  const auto started = steady_clock::now();
  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, started + budget);
  const auto elapsed = steady_clock::now() - started;

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_LE(elapsed, budget + 250ms);  // a correctness bound: the deadline holds, plus scheduling slack
}

TEST(DynamoDbClient, AnAttemptThatHangsIsGivenUpAndRetriedWithinTheDeadline) {
  ScriptedServer server({ScriptedServer::no_answer(), {200, R"({"Item":{"Id":{"S":"abc"}}})"}});
  RecordedWaits clock;
  RetryPolicy policy = clock.policy();
  policy.attempt_timeout = 200ms;
  DynamoDbClient client(config_for(server.endpoint()), policy);

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_TRUE(output.ok()) << output.error().detail;
  EXPECT_EQ(output.value()["Item"]["Id"]["S"], "abc");
  EXPECT_EQ(server.received().size(), 2u);
}

// The standard retry mode's budget against a store that hangs: 500 tokens pay for 50 retries
// after a timeout (10 each), then every call gives up after its first attempt, until successes
// refill the bucket.
TEST(DynamoDbClient, AHungStoreEmptiesTheRetryBudgetThenCallsMakeOneAttemptUntilItAnswersAgain) {
  const auto budget = std::make_shared<RetryBudget>();
  int retries = 0;
  const auto policy_with = [&](milliseconds attempt_timeout) {
    RetryPolicy policy;
    policy.attempt_timeout = attempt_timeout;
    policy.jitter = [](milliseconds) { return 0ms; };
    policy.sleep = [&retries](milliseconds) { ++retries; };
    policy.budget = budget;
    return policy;
  };
  const auto call_counting_attempts = [&](DynamoDbClient& client, std::vector<int>& attempts) {
    const int retries_before = retries;
    Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));
    attempts.push_back(retries - retries_before + 1);
    return output;
  };

  ScriptedServer hung({ScriptedServer::no_answer()});
  DynamoDbClient client_of_hung(config_for(hung.endpoint()), policy_with(20ms));
  std::vector<int> hung_attempts;
  Result<nlohmann::json> last = Error{ErrorKind::Internal, "no call yet"};
  for (int call = 0; call < 20; ++call) {
    last = call_counting_attempts(client_of_hung, hung_attempts);
    ASSERT_FALSE(last.ok());
    ASSERT_EQ(last.error().kind, ErrorKind::Unavailable) << last.error().detail;
  }

  std::vector<int> expected(16, 4);  // 16 calls x 3 retries x 10 tokens = 480
  expected.push_back(3);             // the last 20 tokens pay for two retries
  expected.resize(20, 1);            // then one attempt each
  EXPECT_EQ(hung_attempts, expected);
  EXPECT_EQ(budget->available(), 0);
  EXPECT_NE(last.error().detail.find("retry budget exhausted after 1 attempts"), std::string::npos) << last.error().detail;

  // The store answers again (here: a store that answers, with the process's same bucket). Each
  // success gives a token back, and five pay for a retry again.
  ScriptedServer answering({{200, "{}"}, {200, "{}"}, {200, "{}"}, {200, "{}"}, {200, "{}"},
                            {500, "Internal Server Error"}, {200, "{}"}});
  DynamoDbClient client(config_for(answering.endpoint()), policy_with(1s));
  std::vector<int> recovered_attempts;
  for (int call = 0; call < 6; ++call) {
    const Result<nlohmann::json> output = call_counting_attempts(client, recovered_attempts);
    ASSERT_TRUE(output.ok()) << output.error().detail;
  }
  EXPECT_EQ(recovered_attempts, (std::vector<int>{1, 1, 1, 1, 1, 2}));
  EXPECT_EQ(answering.received().size(), 7u);
  EXPECT_EQ(budget->available(), 5);  // the retry's 5 came back with its success
}

TEST(DynamoDbClient, AnEmptyBudgetStillAllowsTheFirstAttempt) {
  ScriptedServer server({{200, "{}"}});
  RecordedWaits clock;
  RetryPolicy policy = clock.policy();
  policy.budget = std::make_shared<RetryBudget>(RetryCosts{.capacity = 0});
  DynamoDbClient client(config_for(server.endpoint()), policy);

  EXPECT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());
  EXPECT_EQ(server.received().size(), 1u);
}

TEST(DynamoDbClient, ThrottlingRetriesAreChargedAtTheOrdinaryCost) {
  ScriptedServer server({ScriptedServer::error(400, "ThrottlingException")});
  RecordedWaits clock;
  RetryPolicy policy = clock.policy(4);
  DynamoDbClient client(config_for(server.endpoint()), policy);

  EXPECT_FALSE(client.call("GetItem", kGetItem, in(5s)).ok());
  EXPECT_EQ(policy.budget->available(), 500 - 3 * 5);
}

TEST(DynamoDbClient, TheRequestIdOfARefusedCallIsInTheErrorDetail) {
  ScriptedServer server({{400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"bad key"})",
                          {{"x-amzn-RequestId", "EXAMPLE4QOT8LV5DNGGIDBHFQ3VV4KQNSO5AEMVJF66Q9ASUAAJG"}}}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Internal);
  EXPECT_NE(output.error().detail.find("EXAMPLE4QOT8LV5DNGGIDBHFQ3VV4KQNSO5AEMVJF66Q9ASUAAJG"), std::string::npos)
      << output.error().detail;
}

TEST(DynamoDbClient, TheRequestIdOfEveryFailedAttemptIsLogged) {
  ScriptedServer server({{500, "{}", {{"x-amzn-RequestId", "FIRST"}}}, {500, "{}", {{"x-amzn-RequestId", "SECOND"}}}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy(2));

  ::testing::internal::CaptureStdout();
  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));
  std::istringstream lines(::testing::internal::GetCapturedStdout());

  ASSERT_FALSE(output.ok());
  std::vector<std::pair<std::string, std::string>> logged;
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json entry = nlohmann::json::parse(line);
    logged.emplace_back(entry["msg"], entry["awsRequestId"]);
  }
  EXPECT_EQ(logged, (std::vector<std::pair<std::string, std::string>>{{"DynamoDB call retrying", "FIRST"},
                                                                      {"DynamoDB call failed", "SECOND"}}));
}

std::string item_body_of_size(std::size_t size) {
  const std::string frame_start = R"({"Item":{"Id":{"S":")";
  const std::string frame_end = R"("}}})";
  return frame_start + std::string(size - frame_start.size() - frame_end.size(), 'a') + frame_end;
}

TEST(DynamoDbClient, AResponseBodyOfOneMebibyteIsRead) {
  ScriptedServer server({{200, item_body_of_size(1024 * 1024)}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_TRUE(output.ok()) << output.error().detail;
  EXPECT_EQ(output.value()["Item"]["Id"]["S"].get<std::string>().size(), 1024u * 1024u - 24u);
}

TEST(DynamoDbClient, AResponseBodyPastOneMebibyteIsNotReadAndIsAServerError) {
  ScriptedServer server({{200, item_body_of_size(1024 * 1024 + 1)}, {200, "{}"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_TRUE(output.ok()) << output.error().detail;  // a server error: the retry gets the real answer
  EXPECT_EQ(output.value(), nlohmann::json::object());
  EXPECT_EQ(server.received().size(), 2u);
}

TEST(DynamoDbClient, AnEndlessResponseBodyIsUnavailableAfterTheAttemptBound) {
  ScriptedServer server({{200, item_body_of_size(8 * 1024 * 1024)}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy(3));

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_NE(output.error().detail.find("1 MiB"), std::string::npos) << output.error().detail;
  EXPECT_EQ(server.received().size(), 3u);
}

TEST(DynamoDbClient, AWeirdServerReplyIsRetried) {
  // An unparsable Content-Length is one of the replies libcurl calls CURLE_WEIRD_SERVER_REPLY.
  ScriptedServer server({{200, "{}", {{"Content-Length", "not a number"}}}, {200, R"({"Item":{}})"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_TRUE(output.ok()) << output.error().detail;
  EXPECT_EQ(server.received().size(), 2u);
  EXPECT_EQ(clock.waits.size(), 1u);
}

TEST(DynamoDbClient, DeadlineAlreadyPassedSendsNothing) {
  ScriptedServer server({{200, "{}"}});
  RecordedWaits clock;
  DynamoDbClient client(config_for(server.endpoint()), clock.policy());

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, steady_clock::now() - 1ms);

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_TRUE(server.received().empty());
}

TEST(DynamoDbClient, BackoffThatWouldPassTheDeadlineIsNotWaited) {
  ScriptedServer server({ScriptedServer::error(400, "ThrottlingException")});
  RecordedWaits clock;
  RetryPolicy policy = clock.policy(10);
  policy.base_delay = 2s;
  policy.max_delay = 2s;
  DynamoDbClient client(config_for(server.endpoint()), policy);

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(1s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_EQ(server.received().size(), 1u);
  EXPECT_TRUE(clock.waits.empty());
}

TEST(DynamoDbClient, ConnectionRefusedIsUnavailableAfterRetries) {
  RecordedWaits clock;
  DynamoDbClient client(config_for("http://127.0.0.1:" + std::to_string(testing::free_local_port())),
                        clock.policy(3));

  const Result<nlohmann::json> output = client.call("GetItem", kGetItem, in(5s));

  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().kind, ErrorKind::Unavailable);
  EXPECT_EQ(clock.waits.size(), 2u);
}

TEST(DynamoDbClient, SendsASignedJsonProtocolRequest) {
  ScriptedServer server({{200, "{}"}});
  DynamoDbClient client(config_for(server.endpoint()));

  ASSERT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());

  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  const auto& request = received.front();
  EXPECT_EQ(request.header("X-Amz-Target"), "DynamoDB_20120810.GetItem");
  EXPECT_EQ(request.header("Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(request.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_TRUE(request.header("Authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  EXPECT_NE(request.header("Authorization").find("/eu-west-1/dynamodb/aws4_request, "
                                                 "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "),
            std::string::npos);
  EXPECT_EQ(request.header("X-Amz-Date").size(), 16u);
  EXPECT_FALSE(request.headers.count("X-Amz-Security-Token"));
  EXPECT_EQ(nlohmann::json::parse(request.body), kGetItem);
}

TEST(DynamoDbClient, TemporaryCredentialsSendAndSignTheSessionToken) {
  ScriptedServer server({{200, "{}"}});
  DynamoDbClient client(config_for(server.endpoint(), "FwoGZXIvYXdzEXAMPLE"));

  ASSERT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());

  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  const auto& request = received.front();
  EXPECT_EQ(request.header("X-Amz-Security-Token"), "FwoGZXIvYXdzEXAMPLE");
  EXPECT_NE(request.header("Authorization").find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"),
            std::string::npos);
}

TEST(DynamoDbClient, KeepsOneConnectionAcrossCalls) {
  ScriptedServer server({{200, "{}"}});
  DynamoDbClient client(config_for(server.endpoint()));

  ASSERT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());
  ASSERT_TRUE(client.call("GetItem", kGetItem, in(5s)).ok());

  const auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].remote_port, received[1].remote_port);
}

TEST(DynamoDbClient, EndpointThatIsNotAnHttpUrlIsRejectedAtConstruction) {
  EXPECT_THROW(DynamoDbClient(config_for("ftp://example.com")), std::invalid_argument);
}

std::string read_vector(const std::string& name, const std::string& extension) {
  std::ifstream file(std::filesystem::path(PROJECT_SOURCE_DIR) / "testdata" / "sigv4" / name / (name + extension));
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(MakeRequest, SignsGetItemExactlyAsTheDynamoDbVector) {
  const std::string request_file = read_vector("dynamodb-getitem", ".req");
  sigv4::Request request = make_request("dynamodb.eu-west-1.amazonaws.com", "GetItem",
                                        request_file.substr(request_file.find("\n\n") + 2));
  const auto time = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + std::chrono::hours{9};

  const sigv4::Signature signature =
      sigv4::sign(request, {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""}, {"eu-west-1", "dynamodb"}, time);

  EXPECT_EQ(signature.authorization, read_vector("dynamodb-getitem", ".authz"));
}

}  // namespace
}  // namespace birthday::dynamodb
