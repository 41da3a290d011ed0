#include "transport/api_handler.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/memory_repository.hpp"
#include "service/user_key.hpp"

namespace birthday::transport {
namespace {

using namespace std::chrono;

const Headers json_content = {{"Content-Type", "application/json"}};

// A store that fails every call the way a throttled or broken DynamoDB would.
class FailingRepository final : public BirthdayRepository {
 public:
  explicit FailingRepository(ErrorKind kind) : kind_(kind) {}
  Result<year_month_day> load(const UserKey&, Deadline) override { return failure(); }
  Status save(const UserKey&, year_month_day, Deadline) override { return failure(); }

 private:
  Error failure() const { return {kind_, "store said: ProvisionedThroughputExceededException"}; }
  ErrorKind kind_;
};

// A store whose calls throw, as code that fails in an unexpected way does.
class ThrowingRepository final : public BirthdayRepository {
 public:
  Result<year_month_day> load(const UserKey&, Deadline) override { throw std::runtime_error("unexpected"); }
  Status save(const UserKey&, year_month_day, Deadline) override { throw std::runtime_error("unexpected"); }
};

Request request(std::string method, std::string username, std::string body = {}) {
  return {.method = std::move(method),
          .path = "/hello/" + username,
          .username = username,
          .body = std::move(body),
          .request_id = "req-7",
          .deadline = steady_clock::now() + seconds{3}};
}

std::string error_body(std::string_view message) {
  return R"({"message":")" + std::string(message) + R"(","requestId":"req-7"})";
}

std::string dob_body(std::string_view date) { return R"({"dateOfBirth":")" + std::string(date) + R"("})"; }

// The lines the handler logs while `action` runs, parsed.
template <class Action>
std::vector<nlohmann::json> logged_lines(Action&& action) {
  testing::internal::CaptureStdout();
  action();
  const std::string output = testing::internal::GetCapturedStdout();
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = output.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(nlohmann::json::parse(output.substr(start, end - start)));
  }
  return lines;
}

class ApiHandlerTest : public testing::Test {
 protected:
  sys_days today{2024y / May / 17};
  std::shared_ptr<MemoryRepository> store = std::make_shared<MemoryRepository>();

  std::shared_ptr<BirthdayService> service_over(std::shared_ptr<BirthdayRepository> repository) {
    return std::make_shared<BirthdayService>(std::move(repository), [this] { return today; });
  }
  HttpHandler get = get_birthday_handler(service_over(store));
  HttpHandler put = put_birthday_handler(service_over(store));
};

TEST_F(ApiHandlerTest, PutThenGetGreetsWithExactBytes) {
  const Response saved = put(request("PUT", "alice", dob_body("1990-05-17")));
  EXPECT_EQ(saved.status, 204);
  EXPECT_TRUE(saved.headers.empty());
  EXPECT_EQ(saved.body, "");

  const Response greeted = get(request("GET", "alice"));
  EXPECT_EQ(greeted.status, 200);
  EXPECT_EQ(greeted.headers, json_content);
  EXPECT_EQ(greeted.body, R"({"message":"Hello, alice! Happy birthday!"})");
}

TEST_F(ApiHandlerTest, GetEchoesTheUsernameAsWrittenAndCountsDays) {
  ASSERT_EQ(put(request("PUT", "alice", dob_body("1990-05-18"))).status, 204);
  EXPECT_EQ(get(request("GET", "ALICE")).body, R"json({"message":"Hello, ALICE! Your birthday is in 1 day(s)"})json");
}

TEST_F(ApiHandlerTest, PutOverwrites) {
  ASSERT_EQ(put(request("PUT", "alice", dob_body("1990-05-18"))).status, 204);
  ASSERT_EQ(put(request("PUT", "Alice", dob_body("1990-05-17"))).status, 204);
  EXPECT_EQ(get(request("GET", "alice")).body, R"({"message":"Hello, alice! Happy birthday!"})");
  EXPECT_EQ(store->size(), 1u);
}

TEST_F(ApiHandlerTest, PutAcceptsExtraMembersAndAnyBodyLayout) {
  EXPECT_EQ(put(request("PUT", "alice", R"( { "name" : 1, "dateOfBirth" : "1990-05-17" } )")).status, 204);
}

TEST_F(ApiHandlerTest, PutIgnoresAnotherMemberWhoseNumberADoubleCannotHold) {
  EXPECT_EQ(put(request("PUT", "alice", R"({"dateOfBirth":"2000-01-31","x":1e400})")).status, 204);
  EXPECT_EQ(put(request("PUT", "bob", R"({"dateOfBirth":1e400})")).status, 400);
  EXPECT_EQ(store->size(), 1u);
}

struct ErrorRow {
  std::string name;
  std::string method;
  std::string username;
  std::string body;
  int status;
  std::string message;
};

// Every 4xx row of the contract, plus the checks' order (method, username, body, date).
const std::vector<ErrorRow> client_error_rows = {
    {"EmptyUsername", "GET", "", "", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameWithDigit", "GET", "al1ce", "", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameWithSpace", "GET", "al ice", "", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameWithDot", "PUT", "al.ice", dob_body("1990-05-17"), 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernamePercentEscaped", "GET", "%61lice", "", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameNonAscii", "PUT", "\xc3\xa9lise", dob_body("1990-05-17"), 400,
     "username must be 1 to 64 letters (A-Z, a-z)"},
    {"Username65Letters", "GET", std::string(65, 'a'), "", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameBeforeBody", "PUT", "al1ce", "not json", 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {"UsernameBeforeBodySize", "PUT", "al1ce", std::string(70'000, 'x'), 400,
     "username must be 1 to 64 letters (A-Z, a-z)"},
    {"BodyNotJson", "PUT", "alice", "dateOfBirth=1990-05-17", 400,
     "body must be a JSON object with a dateOfBirth string"},
    {"BodyEmpty", "PUT", "alice", "", 400, "body must be a JSON object with a dateOfBirth string"},
    {"BodyArray", "PUT", "alice", R"(["1990-05-17"])", 400, "body must be a JSON object with a dateOfBirth string"},
    {"BodyMemberMissing", "PUT", "alice", R"({"dob":"1990-05-17"})", 400,
     "body must be a JSON object with a dateOfBirth string"},
    {"BodyMemberNotString", "PUT", "alice", R"({"dateOfBirth":19900517})", 400,
     "body must be a JSON object with a dateOfBirth string"},
    {"BodyBeforeDate", "PUT", "alice", R"({"dateOfBirth":"1990-02-30")", 400,
     "body must be a JSON object with a dateOfBirth string"},
    {"DateNotReal", "PUT", "alice", dob_body("1990-02-30"), 400,
     "dateOfBirth must be a valid date in YYYY-MM-DD format"},
    {"DateNotPadded", "PUT", "alice", dob_body("1990-2-3"), 400,
     "dateOfBirth must be a valid date in YYYY-MM-DD format"},
    {"DateWithTime", "PUT", "alice", dob_body("1990-01-01T00:00:00Z"), 400,
     "dateOfBirth must be a valid date in YYYY-MM-DD format"},
    {"DateWithSpace", "PUT", "alice", dob_body(" 1990-01-01"), 400,
     "dateOfBirth must be a valid date in YYYY-MM-DD format"},
    {"DateToday", "PUT", "alice", dob_body("2024-05-17"), 400, "dateOfBirth must be before today"},
    {"DateFuture", "PUT", "alice", dob_body("2030-01-01"), 400, "dateOfBirth must be before today"},
    {"UnknownUser", "GET", "nobody", "", 404, "username not found"},
    {"BodyTooLarge", "PUT", "alice", std::string(65'537, ' '), 413, "body too large"},
};

TEST_F(ApiHandlerTest, EveryClientErrorHasTheContractResponseAndStoresNothing) {
  for (const auto& row : client_error_rows) {
    SCOPED_TRACE(row.name);
    const HttpHandler& handler = row.method == "GET" ? get : put;
    const Response response = handler(request(row.method, row.username, row.body));
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(response.headers, json_content);
    EXPECT_EQ(response.body, error_body(row.message));
    EXPECT_EQ(store->size(), 0u);
  }
}

TEST_F(ApiHandlerTest, RejectedPutLeavesTheStoredDateUnchanged) {
  ASSERT_EQ(put(request("PUT", "alice", dob_body("1990-05-17"))).status, 204);
  for (const auto& row : client_error_rows) {
    if (row.method == "PUT") (void)put(request("PUT", "alice", row.body));
  }
  EXPECT_EQ(get(request("GET", "alice")).body, R"({"message":"Hello, alice! Happy birthday!"})");
  EXPECT_EQ(store->size(), 1u);
}

TEST_F(ApiHandlerTest, OtherMethodsAre405WithAllowNamingTheServedMethod) {
  for (const char* method : {"POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "PUT", "get"}) {
    SCOPED_TRACE(method);
    const Response response = get(request(method, "alice", dob_body("1990-05-17")));
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.headers, (Headers{{"Content-Type", "application/json"}, {"Allow", "GET"}}));
    EXPECT_EQ(response.body, error_body("method not allowed"));
  }
  const Response response = put(request("GET", "alice"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers, (Headers{{"Content-Type", "application/json"}, {"Allow", "PUT"}}));
  EXPECT_EQ(store->size(), 0u);
}

TEST_F(ApiHandlerTest, MethodIsCheckedBeforeUsername) {
  EXPECT_EQ(put(request("POST", "al1ce", "")).status, 405);
}

// A body of exactly `size` bytes that is a valid PUT body.
std::string padded_body(std::size_t size) {
  std::string body = R"({"dateOfBirth":"1990-05-17","padding":""})";
  body.insert(body.size() - 2, size - body.size(), 'x');
  return body;
}

TEST_F(ApiHandlerTest, BodyOf64KiBIsAcceptedOneByteMoreIs413) {
  ASSERT_EQ(padded_body(65'536).size(), 65'536u);
  EXPECT_EQ(put(request("PUT", "alice", padded_body(65'536))).status, 204);

  const Response response = put(request("PUT", "bob", padded_body(65'537)));
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.body, error_body("body too large"));
  EXPECT_EQ(store->size(), 1u);
}

TEST_F(ApiHandlerTest, StoreUnavailableIs503WithRetryAfterOnBothRoutes) {
  const auto failing = service_over(std::make_shared<FailingRepository>(ErrorKind::Unavailable));
  const Headers expected = {{"Content-Type", "application/json"}, {"Retry-After", "1"}};
  for (const auto& [handler, method, body] :
       {std::tuple{get_birthday_handler(failing), "GET", std::string()},
        std::tuple{put_birthday_handler(failing), "PUT", dob_body("1990-05-17")}}) {
    SCOPED_TRACE(method);
    const Response response = handler(request(method, "alice", body));
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(response.headers, expected);
    EXPECT_EQ(response.body, error_body("service temporarily unavailable, please retry"));
  }
}

TEST_F(ApiHandlerTest, StoreInternalErrorIs500OnBothRoutesNeverA404) {
  const auto failing = service_over(std::make_shared<FailingRepository>(ErrorKind::Internal));
  for (const auto& [handler, method, body] :
       {std::tuple{get_birthday_handler(failing), "GET", std::string()},
        std::tuple{put_birthday_handler(failing), "PUT", dob_body("1990-05-17")}}) {
    SCOPED_TRACE(method);
    const Response response = handler(request(method, "alice", body));
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.headers, json_content);
    EXPECT_EQ(response.body, error_body("internal error"));
  }
}

TEST_F(ApiHandlerTest, AnExceptionIsTheContracts500WithAnAccessLine) {
  const auto throwing = service_over(std::make_shared<ThrowingRepository>());
  for (const auto& [handler, method, body] :
       {std::tuple{get_birthday_handler(throwing), "GET", std::string()},
        std::tuple{put_birthday_handler(throwing), "PUT", dob_body("1990-05-17")}}) {
    SCOPED_TRACE(method);
    Response response;
    const auto lines = logged_lines([&] { response = handler(request(method, "alice", body)); });
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.headers, json_content);
    EXPECT_EQ(response.body, error_body("internal error"));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["detail"], "exception: unexpected");
    EXPECT_EQ(lines[1]["status"], 500);
  }
}

TEST_F(ApiHandlerTest, ServerErrorDetailGoesToTheLogOnly) {
  const auto handler = get_birthday_handler(service_over(std::make_shared<FailingRepository>(ErrorKind::Internal)));
  Response response;
  const auto lines = logged_lines([&] { response = handler(request("GET", "alice")); });

  EXPECT_EQ(response.body.find("ProvisionedThroughput"), std::string::npos);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["level"], "error");
  EXPECT_EQ(lines[0]["requestId"], "req-7");
  EXPECT_EQ(lines[0]["status"], 500);
  EXPECT_EQ(lines[0]["detail"], "store said: ProvisionedThroughputExceededException");
  EXPECT_EQ(lines[1]["msg"], "request");
}

TEST_F(ApiHandlerTest, ClientErrorsLogOnlyTheAccessLine) {
  const auto lines = logged_lines([&] { (void)get(request("GET", "nobody")); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["msg"], "request");
  EXPECT_EQ(lines[0]["status"], 404);
}

TEST_F(ApiHandlerTest, AccessLineNamesTheRequestButNeitherUsernameNorDate) {
  testing::internal::CaptureStdout();
  (void)put(request("PUT", "Alice", dob_body("1990-05-17")));
  (void)get(request("GET", "Alice"));
  const std::string output = testing::internal::GetCapturedStdout();

  EXPECT_EQ(output.find("lice"), std::string::npos) << output;
  EXPECT_EQ(output.find("1990-05-17"), std::string::npos) << output;
  EXPECT_EQ(output.find("dateOfBirth"), std::string::npos) << output;

  const auto put_line = nlohmann::json::parse(output.substr(0, output.find('\n')));
  EXPECT_EQ(put_line["level"], "info");
  EXPECT_EQ(put_line["msg"], "request");
  EXPECT_EQ(put_line["requestId"], "req-7");
  EXPECT_EQ(put_line["method"], "PUT");
  EXPECT_EQ(put_line["route"], "PUT /hello/{username}");
  EXPECT_EQ(put_line["status"], 204);
  EXPECT_EQ(put_line["function"], "put-birthday");
  EXPECT_EQ(put_line["user"], user_key_for("alice").log_prefix());
  EXPECT_GE(put_line["duration_ms"].get<double>(), put_line["store_ms"].get<double>());
  EXPECT_GE(put_line["store_ms"].get<double>(), 0.0);
  EXPECT_TRUE(put_line.contains("time"));
  EXPECT_TRUE(put_line.contains("_aws"));
}

TEST_F(ApiHandlerTest, AccessLineHasNoUserForAnInvalidUsername) {
  const auto lines = logged_lines([&] { (void)get(request("GET", "al1ce")); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["status"], 400);
  EXPECT_FALSE(lines[0].contains("user"));
  EXPECT_EQ(lines[0].dump().find("al1ce"), std::string::npos);
}

TEST_F(ApiHandlerTest, StoreTimeIsMeasuredOnlyWhenTheStoreIsCalled) {
  const auto lines = logged_lines([&] { (void)put(request("PUT", "alice", dob_body("2030-01-01"))); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["store_ms"], 0.0);
}

TEST_F(ApiHandlerTest, HandlerPassesTheRequestDeadlineToTheStore) {
  struct DeadlineRecorder final : BirthdayRepository {
    Deadline seen{};
    Result<year_month_day> load(const UserKey&, Deadline deadline) override {
      seen = deadline;
      return 1990y / May / 17d;
    }
    Status save(const UserKey&, year_month_day, Deadline) override { return ok(); }
  };
  const auto recorder = std::make_shared<DeadlineRecorder>();
  Request get_request = request("GET", "alice");
  ASSERT_EQ(get_birthday_handler(service_over(recorder))(get_request).status, 200);
  EXPECT_EQ(recorder->seen, get_request.deadline);
}

}  // namespace
}  // namespace birthday::transport
