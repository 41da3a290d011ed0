// The whole local stack as `make run` starts it: dynalite, the local gateway reading the root
// template.yaml, and the two real bootstraps behind their Runtime APIs, all on free ports.
// Every row of the contract that HTTP can reach, over HTTP.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "service/calendar.hpp"
#include "service/clock.hpp"
#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/user_key.hpp"
#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

using namespace std::chrono_literals;
using dynamodb::testing::LocalDynamoDb;
using nlohmann::json;
using testing::GatewayProcess;

const std::string kProjectDir = PROJECT_SOURCE_DIR;
const std::string kFunctionsDir = std::string(PROJECT_BINARY_DIR) + "/functions";

std::vector<std::string> gateway_arguments(const std::string& env_file, const std::string& endpoint) {
  return {"--template", kProjectDir + "/template.yaml", "--env-vars", env_file,
          "--env", "AWS_ENDPOINT_URL_DYNAMODB=" + endpoint, "--functions-dir", kFunctionsDir};
}

std::string env_json(const std::string& table) {
  const json function = {{"DYNAMODB_TABLE", table}, {"LOG_LEVEL", "info"}};
  return json{{"GetBirthday", function}, {"PutBirthday", function}}.dump();
}

std::string iso(std::chrono::sys_days day) { return format_iso_date(std::chrono::year_month_day{day}); }

// The contract's greeting for `username` born on `date_of_birth`, as of today (UTC).
std::string expected_greeting(const std::string& username, std::chrono::sys_days date_of_birth) {
  const int days = days_until_birthday(std::chrono::year_month_day{date_of_birth}, std::chrono::year_month_day{utc_today()});
  const std::string text = days == 0 ? "Happy birthday!" : "Your birthday is in " + std::to_string(days) + " day(s)";
  return R"({"message":"Hello, )" + username + "! " + text + R"("})";
}

std::string put_body(const std::string& date) { return R"({"dateOfBirth":")" + date + R"("})"; }

class EndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store = new LocalDynamoDb();
    dir = new testing::TempDir();
    gateway = new GatewayProcess(LOCAL_GATEWAY_PATH,
                                 gateway_arguments(dir->write("env.json", env_json(store->table())), store->endpoint()),
                                 dir->path());
  }
  static void TearDownTestSuite() {
    delete gateway;
    delete dir;
    delete store;
  }

  static httplib::Client client() {
    httplib::Client http("127.0.0.1", gateway->port());
    http.set_read_timeout(20s);
    return http;
  }

  // The item stored under the username's key, read straight from DynamoDB.
  static json stored_item(const std::string& username) {
    dynamodb::DynamoDbClient dynamo(store->config());
    const json input = {{"TableName", store->table()},
                        {"Key", {{"Id", {{"S", user_key_for(username).hex}}}}},
                        {"ConsistentRead", true}};
    const auto output = dynamo.call("GetItem", input, std::chrono::steady_clock::now() + 5s);
    if (!output) throw std::runtime_error(output.error().detail);
    return output.value().value("Item", json::object());
  }

  static void expect_error(const httplib::Result& response, int status, const std::string& message) {
    ASSERT_TRUE(response) << httplib::to_string(response.error());
    EXPECT_EQ(response->status, status);
    EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
    const std::string request_id = response->get_header_value("apigw-requestid");
    EXPECT_FALSE(request_id.empty());
    EXPECT_EQ(response->body, json({{"message", message}, {"requestId", request_id}}).dump());
  }

  static inline LocalDynamoDb* store = nullptr;
  static inline testing::TempDir* dir = nullptr;
  static inline GatewayProcess* gateway = nullptr;
};

TEST_F(EndToEnd, PutThenGetGreetsWithTheDaysUntilTheBirthday) {
  const auto born = utc_today() - std::chrono::days(10'000);
  const auto put = client().Put("/hello/alice", put_body(iso(born)), "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 204);
  EXPECT_EQ(put->body, "");

  const auto get = client().Get("/hello/alice");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(get->body, expected_greeting("alice", born));
}

TEST_F(EndToEnd, BirthdayTodayIsAHappyBirthday) {
  const std::chrono::year_month_day today{utc_today()};
  // The same day of the year, 30 years back (29 February falls back to a leap year).
  const std::chrono::year_month_day born = today.month() == std::chrono::February && today.day() == std::chrono::day(29)
                                               ? today - std::chrono::years(28)
                                               : today - std::chrono::years(30);
  ASSERT_EQ(client().Put("/hello/birthdaygirl", put_body(format_iso_date(born)), "application/json")->status, 204);
  EXPECT_EQ(client().Get("/hello/birthdaygirl")->body, R"({"message":"Hello, birthdaygirl! Happy birthday!"})");
}

TEST_F(EndToEnd, StoresOnlyTheHashedLowerCaseUsernameAndTheDate) {
  ASSERT_EQ(client().Put("/hello/Bob", put_body("1984-02-29"), "application/json")->status, 204);
  const json item = stored_item("bob");
  EXPECT_EQ(item, json({{"Id", {{"S", user_key_for("bob").hex}}}, {"Dob", {{"S", "1984-02-29"}}}}));
  EXPECT_EQ(user_key_for("bob").hex.size(), 64u);
}

TEST_F(EndToEnd, UsernamesAreCaseInsensitiveAndEchoedAsWritten) {
  const auto born = utc_today() - std::chrono::days(12'345);
  ASSERT_EQ(client().Put("/hello/Carol", put_body(iso(born)), "application/json")->status, 204);
  EXPECT_EQ(client().Get("/hello/CAROL")->body, expected_greeting("CAROL", born));
  EXPECT_EQ(client().Get("/hello/carol")->body, expected_greeting("carol", born));
}

TEST_F(EndToEnd, PercentEscapesInThePathAreDecodedAsAnHttpApiDoes) {
  const auto born = utc_today() - std::chrono::days(9'876);
  ASSERT_EQ(client().Put("/hello/%4Dallory", put_body(iso(born)), "application/json")->status, 204);
  EXPECT_EQ(client().Get("/hello/mallory")->body, expected_greeting("mallory", born));
  EXPECT_EQ(client().Get("/hello/m%61llory")->body, expected_greeting("mallory", born));
}

TEST_F(EndToEnd, PutOverwrites) {
  ASSERT_EQ(client().Put("/hello/dave", put_body("1990-01-01"), "application/json")->status, 204);
  ASSERT_EQ(client().Put("/hello/dave", put_body("1991-07-04"), "application/json")->status, 204);
  EXPECT_EQ(stored_item("dave").at("Dob").at("S"), "1991-07-04");
}

TEST_F(EndToEnd, AcceptsAnyContentTypeOrNoneAndBase64Bodies) {
  httplib::Client http = client();
  // No Content-Type at all, like a bare socket client.
  EXPECT_EQ(http.Put("/hello/erin", httplib::Headers{}, put_body("1990-05-17"), "")->status, 204);
  // What `curl -d` sends.
  EXPECT_EQ(http.Put("/hello/erin", put_body("1990-05-18"), "application/x-www-form-urlencoded")->status, 204);
  // A non-text type: the gateway sends it base64-encoded, as API Gateway does.
  EXPECT_EQ(http.Put("/hello/erin", put_body("1990-05-19"), "application/octet-stream")->status, 204);
  EXPECT_EQ(stored_item("erin").at("Dob").at("S"), "1990-05-19");
}

TEST_F(EndToEnd, GetOfAnUnknownUserIs404) { expect_error(client().Get("/hello/nobody"), 404, "username not found"); }

TEST_F(EndToEnd, BadUsernamesAre400AndStoreNothing) {
  const std::vector<std::string> paths{"/hello/al1ce", "/hello/al.ce", "/hello/%C3%A9mile", "/hello/al%20ice",
                                      "/hello/" + std::string(65, 'a')};
  for (const std::string& path : paths) {
    expect_error(client().Put(path, put_body("1990-05-17"), "application/json"), 400,
                 "username must be 1 to 64 letters (A-Z, a-z)");
    expect_error(client().Get(path), 400, "username must be 1 to 64 letters (A-Z, a-z)");
  }
  // The username is checked before the body.
  expect_error(client().Put("/hello/al1ce", "not json", "application/json"), 400, "username must be 1 to 64 letters (A-Z, a-z)");
}

TEST_F(EndToEnd, BadBodiesAre400AndStoreNothing) {
  for (const char* body : {"", "not json", "[]", "\"1990-05-17\"", "{}", R"({"dateOfBirth":19900517})",
                                 R"({"dateofbirth":"1990-05-17"})"}) {
    expect_error(client().Put("/hello/frank", body, "application/json"), 400,
                 "body must be a JSON object with a dateOfBirth string");
  }
  EXPECT_EQ(stored_item("frank"), json::object());
}

TEST_F(EndToEnd, BadDatesAre400AndStoreNothing) {
  for (const char* date : {"1990-02-30", "1990-2-3", "1990-01-01T00:00:00Z", " 1990-01-01", "0000-01-01",
                                 "19900101", ""}) {
    expect_error(client().Put("/hello/grace", put_body(date), "application/json"), 400,
                 "dateOfBirth must be a valid date in YYYY-MM-DD format");
  }
  for (const auto day : {utc_today(), utc_today() + std::chrono::days(1), utc_today() + std::chrono::days(4000)}) {
    expect_error(client().Put("/hello/grace", put_body(iso(day)), "application/json"), 400,
                 "dateOfBirth must be before today");
  }
  EXPECT_EQ(stored_item("grace"), json::object());
}

TEST_F(EndToEnd, BodiesOver64KiBAre413) {
  const std::string padding(64 * 1024, ' ');
  expect_error(client().Put("/hello/heidi", put_body("1990-05-17") + padding, "application/json"), 413, "body too large");
  EXPECT_EQ(stored_item("heidi"), json::object());
}

TEST_F(EndToEnd, RoutesTheTemplateDoesNotDeclareAre404FromTheGateway) {
  for (const auto& response : {client().Get("/"), client().Delete("/hello/alice"), client().Get("/hello/alice/extra")}) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 404);
    EXPECT_EQ(response->body, R"({"message":"Not Found"})");
  }
}

TEST_F(EndToEnd, ThirtyTwoConcurrentClientsLoseNothing) {
  constexpr int kClients = 32;
  const auto today = utc_today();
  auto username = [](int client_number) {
    return std::string("concurrent") + static_cast<char>('a' + client_number / 26) + static_cast<char>('a' + client_number % 26);
  };
  auto born = [today](int client_number) { return today - std::chrono::days(7'000 + 37 * client_number); };

  std::vector<std::future<std::string>> clients;
  for (int number = 0; number < kClients; ++number) {
    clients.push_back(std::async(std::launch::async, [&, number] {
      httplib::Client http = client();
      const auto put = http.Put("/hello/" + username(number), put_body(iso(born(number))), "application/json");
      if (!put) return "PUT failed: " + httplib::to_string(put.error());
      if (put->status != 204) return "PUT answered " + std::to_string(put->status) + " " + put->body;
      const auto get = http.Get("/hello/" + username(number));
      return get ? get->body : std::string("GET failed");
    }));
  }
  for (int number = 0; number < kClients; ++number) {
    EXPECT_EQ(clients[static_cast<std::size_t>(number)].get(), expected_greeting(username(number), born(number))) << gateway->log();
    EXPECT_EQ(stored_item(username(number)).at("Dob").at("S"), iso(born(number)));
  }
}

TEST_F(EndToEnd, LogsAreJsonLinesWithoutUsernamesOrDatesOfBirth) {
  ASSERT_EQ(client().Put("/hello/ivansecret", put_body("1971-03-09"), "application/json")->status, 204);
  ASSERT_EQ(client().Get("/hello/ivansecret")->status, 200);
  const std::string output = gateway->output();
  EXPECT_THAT(output, ::testing::HasSubstr(R"("route":"PUT /hello/{username}")"));
  EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("ivansecret")));
  EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("1971-03-09")));
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(json::accept(line)) << line;
}

// A fresh stack per test: these break it on purpose.
class EndToEndFailures : public ::testing::Test {
 protected:
  LocalDynamoDb store;
  testing::TempDir dir;
};

TEST_F(EndToEndFailures, AMissingTableIs500NeverA404) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, gateway_arguments(dir.write("env.json", env_json("NoSuchTable")), store.endpoint()),
                         dir.path());
  httplib::Client http("127.0.0.1", gateway.port());
  for (const auto& response : {http.Get("/hello/alice"), http.Put("/hello/alice", put_body("1990-05-17"), "application/json")}) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 500);
    EXPECT_EQ(json::parse(response->body).at("message"), "internal error");
  }
}

TEST_F(EndToEndFailures, AStoreThatIsGoneIs503WithRetryAfter) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, gateway_arguments(dir.write("env.json", env_json(store.table())), store.endpoint()),
                         dir.path());
  httplib::Client http("127.0.0.1", gateway.port());
  http.set_read_timeout(20s);
  ASSERT_EQ(http.Put("/hello/alice", put_body("1990-05-17"), "application/json")->status, 204);
  store.stop();
  for (const auto& response : {http.Get("/hello/alice"), http.Put("/hello/alice", put_body("1990-05-18"), "application/json")}) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503);
    EXPECT_EQ(response->get_header_value("Retry-After"), "1");
    EXPECT_EQ(json::parse(response->body).at("message"), "service temporarily unavailable, please retry");
  }
}

TEST_F(EndToEndFailures, AStoreThatHangsIs503WithRetryAfterBeforeTheFunctionTimesOut) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, gateway_arguments(dir.write("env.json", env_json(store.table())), store.endpoint()),
                         dir.path());
  ASSERT_EQ(httplib::Client("127.0.0.1", gateway.port()).Get("/hello/alice")->status, 404);
  // Connections are still accepted, but nothing answers: the functions must give up in time
  // to answer the contract's 503 themselves, not be cut off by their Timeout.
  ASSERT_EQ(kill(store.pid(), SIGSTOP), 0);
  auto request = [&](bool put) {
    httplib::Client http("127.0.0.1", gateway.port());
    http.set_read_timeout(20s);
    return put ? http.Put("/hello/alice", put_body("1990-05-17"), "application/json") : http.Get("/hello/alice");
  };
  auto get = std::async(std::launch::async, request, false);
  auto put = std::async(std::launch::async, request, true);
  for (const httplib::Result& response : {get.get(), put.get()}) {
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503) << response->body;
    EXPECT_EQ(response->get_header_value("Retry-After"), "1");
    EXPECT_EQ(json::parse(response->body).at("message"), "service temporarily unavailable, please retry");
  }
  kill(store.pid(), SIGCONT);
  EXPECT_THAT(gateway.output(), ::testing::HasSubstr(R"("status":503)"));
}

void expect_signal_stops_every_function(int signal) {
  LocalDynamoDb store;
  testing::TempDir dir;
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, gateway_arguments(dir.write("env.json", env_json(store.table())), store.endpoint()),
                         dir.path());
  httplib::Client http("127.0.0.1", gateway.port());
  ASSERT_EQ(http.Put("/hello/alice", put_body("1990-05-17"), "application/json")->status, 204);
  ASSERT_EQ(http.Get("/hello/alice")->status, 200);
  const std::vector<pid_t> functions = gateway.children();
  ASSERT_EQ(functions.size(), 2u) << gateway.log();

  EXPECT_EQ(gateway.signal_and_wait(signal), 0) << gateway.log();
  for (const pid_t function : functions) EXPECT_TRUE(testing::exits_within(function, 5000)) << function;
}

TEST(EndToEndShutdown, SigtermStopsEveryFunction) { expect_signal_stops_every_function(SIGTERM); }
TEST(EndToEndShutdown, SigintStopsEveryFunction) { expect_signal_stops_every_function(SIGINT); }

}  // namespace
}  // namespace birthday::local
