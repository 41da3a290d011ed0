#include "transport/api_gateway_function.hpp"

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/memory_repository.hpp"
#include "transport/api_gateway_event.hpp"

namespace birthday::transport {
namespace {

using namespace std::chrono;
using nlohmann::json;

std::string read_event(const std::string& name) {
  std::ifstream file(std::string(PROJECT_SOURCE_DIR) + "/testdata/" + name);
  std::stringstream text;
  text << file.rdbuf();
  if (text.str().empty()) throw std::runtime_error("missing test event " + name);
  return text.str();
}

runtime::Invocation invocation(std::string payload) {
  return {.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
          .deadline = system_clock::now() + seconds{3},
          .trace_id = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
          .function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:get-birthday",
          .payload = std::move(payload)};
}

class ApiGatewayFunctionTest : public testing::Test {
 protected:
  std::shared_ptr<MemoryRepository> store = std::make_shared<MemoryRepository>();
  std::shared_ptr<BirthdayService> service =
      std::make_shared<BirthdayService>(store, [] { return sys_days{2024y / May / 17}; });
  runtime::InvocationHandler get = api_gateway_function(get_birthday_handler(service));
  runtime::InvocationHandler put = api_gateway_function(put_birthday_handler(service));

  json greeting_for(const std::string& event) { return json::parse(get(invocation(read_event(event)))); }
};

const json no_content = json::parse(R"({"statusCode":204,"headers":{},"body":"","isBase64Encoded":false})");

TEST_F(ApiGatewayFunctionTest, V2PutThenGet) {
  EXPECT_EQ(json::parse(put(invocation(read_event("events/put-v2.json")))), no_content);
  EXPECT_EQ(get(invocation(read_event("events/get-v2.json"))),
            R"({"statusCode":200,"headers":{"Content-Type":"application/json"},)"
            R"("body":"{\"message\":\"Hello, alice! Happy birthday!\"}","isBase64Encoded":false})");
}

TEST_F(ApiGatewayFunctionTest, V2Base64PutThenGet) {
  EXPECT_EQ(json::parse(put(invocation(read_event("events/put-v2-base64.json")))), no_content);
  json get_bob = json::parse(read_event("events/get-v2.json"));
  get_bob["rawPath"] = "/hello/bob";
  get_bob["pathParameters"]["username"] = "bob";
  const json result = json::parse(get(invocation(get_bob.dump())));
  EXPECT_EQ(result["statusCode"], 200);
  // 2024-05-17 to 2025-01-31.
  EXPECT_EQ(result["body"], R"json({"message":"Hello, bob! Your birthday is in 259 day(s)"})json");
}

TEST_F(ApiGatewayFunctionTest, V1PutThenGetIsCaseInsensitive) {
  EXPECT_EQ(json::parse(put(invocation(read_event("events/put-v1.json")))), no_content);
  const json result = json::parse(get(invocation(read_event("events/get-v1.json"))));
  EXPECT_EQ(result["statusCode"], 200);
  EXPECT_EQ(result["headers"], json::parse(R"({"Content-Type":"application/json"})"));
  // 2024-05-17 to 2024-12-25; the greeting echoes "Carol" as the GET path has it.
  EXPECT_EQ(result["body"], R"json({"message":"Hello, Carol! Your birthday is in 222 day(s)"})json");
  EXPECT_EQ(result["isBase64Encoded"], false);
}

TEST_F(ApiGatewayFunctionTest, MakeInvokeEventsMatchTheirRoutes) {
  EXPECT_EQ(json::parse(put(invocation(read_event("events-put.json")))), no_content);
  EXPECT_EQ(json::parse(json::parse(get(invocation(read_event("events-get.json"))))["body"].get<std::string>()),
            json::parse(R"({"message":"Hello, alice! Happy birthday!"})"));
}

TEST_F(ApiGatewayFunctionTest, UnknownUserIs404WithTheApiGatewayRequestId) {
  const json result = json::parse(get(invocation(read_event("events/get-v1.json"))));
  EXPECT_EQ(result["statusCode"], 404);
  EXPECT_EQ(result["headers"], json::parse(R"({"Content-Type":"application/json"})"));
  EXPECT_EQ(result["body"], R"({"message":"username not found","requestId":"6f1d7c2e-54a9-4b3e-9d8f-0a1b2c3d4e5f"})");
}

TEST_F(ApiGatewayFunctionTest, WrongFunctionForTheMethodIs405WithAllow) {
  const json result = json::parse(put(invocation(read_event("events/get-v2.json"))));
  EXPECT_EQ(result["statusCode"], 405);
  EXPECT_EQ(result["headers"], json::parse(R"({"Content-Type":"application/json","Allow":"PUT"})"));
  EXPECT_EQ(result["body"], R"({"message":"method not allowed","requestId":"XyZ1aHkQDoEEJkA="})");
}

TEST_F(ApiGatewayFunctionTest, UndecodableBase64BodyIsTheBodyError) {
  json event = json::parse(read_event("events/put-v2-base64.json"));
  event["body"] = "eyJkYXRlT2ZCaXJ0aCI6IjIwMDAtMDEtMzEifQ=";
  const json result = json::parse(put(invocation(event.dump())));
  EXPECT_EQ(result["statusCode"], 400);
  EXPECT_EQ(result["body"],
            R"({"message":"body must be a JSON object with a dateOfBirth string","requestId":"XyZ3_jpmDoEEJrg="})");
  EXPECT_EQ(store->size(), 0u);
}

TEST_F(ApiGatewayFunctionTest, UndecodableBodyStillComesAfterTheUsernameCheck) {
  json event = json::parse(read_event("events/put-v2-base64.json"));
  event["body"] = "%%%%";
  event["pathParameters"]["username"] = "b0b";
  const json result = json::parse(put(invocation(event.dump())));
  EXPECT_EQ(result["statusCode"], 400);
  EXPECT_EQ(json::parse(result["body"].get<std::string>())["message"], "username must be 1 to 64 letters (A-Z, a-z)");
}

TEST_F(ApiGatewayFunctionTest, EventWithoutRequestIdUsesTheLambdaRequestId) {
  json event = json::parse(read_event("events/get-v2.json"));
  event["requestContext"].erase("requestId");
  const json result = json::parse(get(invocation(event.dump())));
  EXPECT_EQ(result["body"], R"({"message":"username not found","requestId":"8476a536-e9f4-11e8-9739-2dfe598c3fcd"})");
}

TEST_F(ApiGatewayFunctionTest, NonApiGatewayEventThrows) {
  EXPECT_THROW((void)get(invocation(read_event("events/scheduled-event.json"))), NotAnApiGatewayEvent);
  EXPECT_THROW((void)put(invocation("{}")), NotAnApiGatewayEvent);
}

TEST(ApiGatewayFunction, RequestDeadlineIsTheInvocationDeadlineOnTheSteadyClockLessTimeToAnswer) {
  Deadline seen{};
  const auto function = api_gateway_function([&](const Request& request) {
    seen = request.deadline;
    return Response{204, {}, {}};
  });
  const auto before = steady_clock::now();
  (void)function(invocation(read_event("events/get-v2.json")));  // deadline: now + 3 s
  const auto after = steady_clock::now();
  EXPECT_GE(seen, before + seconds{3} - milliseconds{100} - milliseconds{50});
  EXPECT_LE(seen, after + seconds{3} - milliseconds{100});
}

TEST(ApiGatewayFunction, InvocationWithoutADeadlineGetsLambdasDefaultTimeout) {
  Deadline seen{};
  const auto function = api_gateway_function([&](const Request& request) {
    seen = request.deadline;
    return Response{204, {}, {}};
  });
  runtime::Invocation without_deadline = invocation(read_event("events/get-v2.json"));
  without_deadline.deadline = {};
  const auto before = steady_clock::now();
  (void)function(without_deadline);
  const auto after = steady_clock::now();
  EXPECT_GE(seen, before + seconds{3} - milliseconds{100});
  EXPECT_LE(seen, after + seconds{3} - milliseconds{100});
}

}  // namespace
}  // namespace birthday::transport
