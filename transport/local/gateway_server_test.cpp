#include "transport/local/gateway_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <set>
#include <thread>

#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

using nlohmann::json;

// The gateway in this process with the scripted function behind two routes:
// GET /hello/{username} and ANY /{proxy+}. The function times out after 1 s.
class GatewayServerTest : public ::testing::Test {
 protected:
  GatewayServerTest() : pool(options()), server(routes(), {{"Scripted", &pool}}, [](const std::string&) {}) {
    port = server.bind("127.0.0.1", 0);
    serving = std::thread([this] { server.serve(); });
  }
  ~GatewayServerTest() override {
    server.stop();
    serving.join();
    pool.stop();
  }

  static PoolOptions options() {
    PoolOptions options;
    options.function.name = "Scripted";
    options.function.timeout = std::chrono::seconds(1);
    options.bootstrap = SCRIPTED_FUNCTION_PATH;
    options.region = "us-east-1";
    options.log = [](const std::string&) {};
    return options;
  }
  static RouteTable routes() {
    return RouteTable({{"GET", "/hello/{username}", "Scripted"}, {"ANY", "/{proxy+}", "Scripted"}});
  }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(10));
    return client;
  }

  // What the function's /reply route returns is the whole function result.
  httplib::Result reply_with(const std::string& result) {
    return client().Post("/reply", result, "application/json");
  }

  // The event the gateway sent, as the function's /echo route returns it.
  json echoed_event(const httplib::Result& result) {
    EXPECT_EQ(result->status, 200);
    return json::parse(result->body).at("event");
  }

  FunctionPool pool;
  GatewayServer server;
  int port = 0;
  std::thread serving;
};

void expect_gateway_message(const httplib::Result& result, int status, const std::string& body) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status);
  EXPECT_EQ(result->body, body);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(result->get_header_value("apigw-requestid").empty());
}

TEST_F(GatewayServerTest, AnswersAnUnknownRouteWith404NotFound) {
  // This fixture routes everything; use a gateway with a birthday route only.
  GatewayServer birthday(RouteTable({{"GET", "/hello/{username}", "Scripted"}}), {{"Scripted", &pool}},
                         [](const std::string&) {});
  const int birthday_port = birthday.bind("127.0.0.1", 0);
  std::thread thread([&] { birthday.serve(); });
  httplib::Client other("127.0.0.1", birthday_port);
  expect_gateway_message(other.Get("/nowhere"), 404, R"({"message":"Not Found"})");
  expect_gateway_message(other.Post("/hello/alice", "", "text/plain"), 404, R"({"message":"Not Found"})");
  expect_gateway_message(other.Delete("/hello/alice"), 404, R"({"message":"Not Found"})");
  expect_gateway_message(other.Get("/hello/alice/extra"), 404, R"({"message":"Not Found"})");
  birthday.stop();
  thread.join();
  EXPECT_TRUE(pool.instance_pids().empty()) << "a request without a route must not start the function";
}

TEST_F(GatewayServerTest, SendsThePayload2EventOfTheMatchedRoute) {
  const httplib::Headers headers{{"X-Custom", "one"}, {"Cookie", "a=1; b=2"}};
  const auto result = client().Get("/hello/Alice?x=1&x=2", headers);
  const json event = echoed_event(result);
  EXPECT_EQ(event["version"], "2.0");
  EXPECT_EQ(event["routeKey"], "GET /hello/{username}");
  EXPECT_EQ(event["rawPath"], "/hello/Alice");
  EXPECT_EQ(event["rawQueryString"], "x=1&x=2");
  EXPECT_EQ(event["queryStringParameters"], json({{"x", "1,2"}}));
  EXPECT_EQ(event["pathParameters"], json({{"username", "Alice"}}));
  EXPECT_EQ(event["cookies"], json({"a=1", "b=2"}));
  EXPECT_EQ(event["headers"]["x-custom"], "one");
  EXPECT_EQ(event["headers"]["host"], "127.0.0.1:" + std::to_string(port));
  EXPECT_FALSE(event["headers"].contains("remote_addr")) << "cpp-httplib's pseudo headers were never sent";
  EXPECT_EQ(event["requestContext"]["http"]["method"], "GET");
  EXPECT_EQ(event["requestContext"]["http"]["sourceIp"], "127.0.0.1");
  EXPECT_EQ(event["requestContext"]["routeKey"], "GET /hello/{username}");
  EXPECT_EQ(event["isBase64Encoded"], false);
  // The event's request id is the one the client sees.
  EXPECT_EQ(event["requestContext"]["requestId"], result->get_header_value("apigw-requestid"));
  const auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(epoch_ms - event["requestContext"]["timeEpoch"].get<long long>(), 10'000);
}

TEST_F(GatewayServerTest, GivesEveryRequestAFreshRequestId) {
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const auto result = client().Get("/echo");
    const std::string id = result->get_header_value("apigw-requestid");
    EXPECT_EQ(echoed_event(result)["requestContext"]["requestId"], id);
    EXPECT_EQ(id.size(), 16u);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(GatewayServerTest, SendsAFormBodyBase64Encoded) {
  const auto result = client().Put("/echo", R"({"dateOfBirth":"1990-05-17"})", "application/x-www-form-urlencoded");
  const json event = echoed_event(result);
  EXPECT_EQ(event["routeKey"], "ANY /{proxy+}");
  EXPECT_EQ(event["isBase64Encoded"], true);
  EXPECT_EQ(event["body"], "eyJkYXRlT2ZCaXJ0aCI6IjE5OTAtMDUtMTcifQ==");
}

TEST_F(GatewayServerTest, PassesAFormBodyOfAnySizeUpToTheLimitIntact) {
  // What `curl -d @file` sends; cpp-httplib alone refuses such bodies over 8 KiB.
  const std::string body(60 * 1024, 'x');
  const json event = echoed_event(client().Put("/echo", body, "application/x-www-form-urlencoded"));
  EXPECT_EQ(event["body"].get<std::string>().size(), (body.size() + 2) / 3 * 4);
  EXPECT_EQ(event["isBase64Encoded"], true);
}

TEST_F(GatewayServerTest, TreatsARequestWithoutContentLengthAsHavingNoBody) {
  // curl -X PUT without -d: no Content-Length and no chunked coding means no body.
  const std::string answer = testing::raw_http_exchange(
      port, "PUT /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  const json event = json::parse(answer.substr(answer.find("\r\n\r\n") + 4)).at("event");
  EXPECT_FALSE(event.contains("body")) << event.dump();
}

TEST_F(GatewayServerTest, AnswersARequestItCannotReadWithAJsonError) {
  const std::string bad_method = testing::raw_http_exchange(port, "put /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(bad_method.rfind("HTTP/1.1 400", 0), 0u) << bad_method;
  EXPECT_NE(bad_method.find("apigw-requestid: "), std::string::npos) << bad_method;
  EXPECT_TRUE(bad_method.ends_with("\r\n\r\n" R"({"message":"Bad Request"})")) << bad_method;

  // Over API Gateway's 10 MB request limit.
  expect_gateway_message(client().Put("/echo", std::string(10 * 1024 * 1024 + 1, 'x'), "text/plain"), 413,
                         R"({"message":"Request Entity Too Large"})");
}

TEST_F(GatewayServerTest, AnswersWithTheStatusHeadersCookiesAndBodyOfTheResult) {
  const auto result = reply_with(
      R"({"statusCode":201,"headers":{"Content-Type":"text/plain","X-Extra":"yes"},"cookies":["a=1","b=2; Path=/"],"body":"created"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->body, "created");
  EXPECT_EQ(result->get_header_value("Content-Type"), "text/plain");
  EXPECT_EQ(result->get_header_value("X-Extra"), "yes");
  ASSERT_EQ(result->get_header_value_count("Set-Cookie"), 2u);
  EXPECT_EQ(result->get_header_value("Set-Cookie", 0), "a=1");
  EXPECT_EQ(result->get_header_value("Set-Cookie", 1), "b=2; Path=/");
}

TEST_F(GatewayServerTest, DecodesABase64Result) {
  const auto result = reply_with(R"({"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"iVBORw0KGgo=","isBase64Encoded":true})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->body, std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_F(GatewayServerTest, InfersA200JsonAnswerFromAResultWithoutStatusCode) {
  const auto result = reply_with(R"({"message":"plain"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"message":"plain"})");
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
}

// HTTP APIs answer a malformed result with 500 (REST APIs with 502).
TEST_F(GatewayServerTest, AnswersAMalformedResultWith500) {
  expect_gateway_message(reply_with(R"({"statusCode":"200"})"), 500, R"({"message":"Internal Server Error"})");
  expect_gateway_message(reply_with("not json at all"), 500, R"({"message":"Internal Server Error"})");
}

TEST_F(GatewayServerTest, AnswersAFunctionErrorWith500) {
  expect_gateway_message(client().Get("/error"), 500, R"({"message":"Internal Server Error"})");
}

TEST_F(GatewayServerTest, AnswersACrashWith500AndServesTheNextRequestFromANewInstance) {
  const pid_t before = json::parse(client().Get("/echo")->body).at("pid");
  expect_gateway_message(client().Get("/crash"), 500, R"({"message":"Internal Server Error"})");
  EXPECT_TRUE(testing::exits_within(before, 2000));
  const pid_t after = json::parse(client().Get("/echo")->body).at("pid");
  EXPECT_NE(after, before);
}

// A function past its Timeout is an invocation error to an HTTP API: 500, not 503.
TEST_F(GatewayServerTest, AnswersAFunctionTimeoutWith500AndKillsTheInstance) {
  const pid_t before = json::parse(client().Get("/echo")->body).at("pid");
  expect_gateway_message(client().Get("/hang"), 500, R"({"message":"Internal Server Error"})");
  EXPECT_TRUE(testing::exits_within(before, 2000));
  EXPECT_EQ(client().Get("/echo")->status, 200);
}

}  // namespace
}  // namespace birthday::local
