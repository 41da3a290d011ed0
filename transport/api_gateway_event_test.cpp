#include "transport/api_gateway_event.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace birthday::transport {
namespace {

using nlohmann::json;
using namespace std::string_literals;

std::string read_event(const std::string& name) {
  std::ifstream file(std::string(PROJECT_SOURCE_DIR) + "/testdata/events/" + name);
  std::stringstream text;
  text << file.rdbuf();
  if (text.str().empty()) throw std::runtime_error("missing test event " + name);
  return text.str();
}

json event_json(const std::string& name) { return json::parse(read_event(name)); }

const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::seconds{3};

TEST(ApiGatewayEvent, ParsesHttpApiV2Get) {
  const Request request = parse_api_gateway_event(read_event("get-v2.json"), deadline);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/hello/alice");
  EXPECT_EQ(request.username, "alice");
  EXPECT_EQ(request.body, "");
  EXPECT_EQ(request.request_id, "XyZ1aHkQDoEEJkA=");
  EXPECT_EQ(request.deadline, deadline);
}

TEST(ApiGatewayEvent, ParsesHttpApiV2Put) {
  const Request request = parse_api_gateway_event(read_event("put-v2.json"), deadline);
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.username, "alice");
  EXPECT_EQ(request.body, R"({"dateOfBirth":"1990-05-17"})");
  EXPECT_EQ(request.request_id, "XyZ0uGmGDoEEJhQ=");
}

TEST(ApiGatewayEvent, DecodesABase64Body) {
  const Request request = parse_api_gateway_event(read_event("put-v2-base64.json"), deadline);
  EXPECT_EQ(request.username, "bob");
  EXPECT_EQ(request.body, R"({"dateOfBirth":"2000-01-31"})");
}

TEST(ApiGatewayEvent, ParsesRestV1GetWithoutVersion) {
  const Request request = parse_api_gateway_event(read_event("get-v1.json"), deadline);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/hello/Carol");
  EXPECT_EQ(request.username, "Carol");
  EXPECT_EQ(request.body, "");  // "body": null
  EXPECT_EQ(request.request_id, "6f1d7c2e-54a9-4b3e-9d8f-0a1b2c3d4e5f");
}

TEST(ApiGatewayEvent, ParsesV1PutWithVersion) {
  const Request request = parse_api_gateway_event(read_event("put-v1.json"), deadline);
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.username, "carol");
  EXPECT_EQ(request.body, R"({"dateOfBirth":"1985-12-25"})");
  EXPECT_EQ(request.request_id, "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b");
}

TEST(ApiGatewayEvent, V1Base64BodyIsDecodedToo) {
  json event = event_json("put-v1.json");
  event["body"] = "eyJkYXRlT2ZCaXJ0aCI6IjIwMDAtMDEtMzEifQ==";
  event["isBase64Encoded"] = true;
  EXPECT_EQ(parse_api_gateway_event(event.dump(), deadline).body, R"({"dateOfBirth":"2000-01-31"})");
}

TEST(ApiGatewayEvent, UndecodableBase64BodyBecomesEmpty) {
  json event = event_json("put-v2-base64.json");
  event["body"] = "eyJkYXRlT2ZCaXJ0aCI6IjIwMDAtMDEtMzEifQ";  // padding missing
  EXPECT_EQ(parse_api_gateway_event(event.dump(), deadline).body, "");
}

TEST(ApiGatewayEvent, UsernameFallsBackToTheLastPathSegment) {
  json v2 = event_json("get-v2.json");
  v2.erase("pathParameters");
  EXPECT_EQ(parse_api_gateway_event(v2.dump(), deadline).username, "alice");

  json v1 = event_json("get-v1.json");
  v1["pathParameters"] = nullptr;
  EXPECT_EQ(parse_api_gateway_event(v1.dump(), deadline).username, "Carol");

  v2["rawPath"] = "/hello/";
  EXPECT_EQ(parse_api_gateway_event(v2.dump(), deadline).username, "");
}

TEST(ApiGatewayEvent, PercentEscapesAreNotDecoded) {
  json event = event_json("get-v2.json");
  event["pathParameters"]["username"] = "al%69ce";
  EXPECT_EQ(parse_api_gateway_event(event.dump(), deadline).username, "al%69ce");
}

TEST(ApiGatewayEvent, MissingRequestIdIsEmpty) {
  json event = event_json("get-v2.json");
  event["requestContext"].erase("requestId");
  EXPECT_EQ(parse_api_gateway_event(event.dump(), deadline).request_id, "");
}

json without(json event, const json::json_pointer& member) {
  event[member.parent_pointer()].erase(member.back());
  return event;
}

TEST(ApiGatewayEvent, AnythingElseIsNotAnApiGatewayEvent) {
  json unsupported_version = event_json("get-v2.json");
  unsupported_version["version"] = "3.0";
  json body_object = event_json("put-v2.json");
  body_object["body"] = json::object({{"dateOfBirth", "1990-05-17"}});

  for (const std::string& payload : {
           read_event("scheduled-event.json"),
           std::string("not json"),
           std::string(""),
           std::string("[]"),
           std::string(R"("GET /hello/alice")"),
           std::string("{}"),
           std::string(R"({"requestContext":"x","httpMethod":"GET"})"),
           R"({"Records":[{"eventSource":"aws:s3"}]})"s,
           without(event_json("get-v2.json"), "/requestContext"_json_pointer).dump(),
           without(event_json("get-v2.json"), "/requestContext/http/method"_json_pointer).dump(),
           without(event_json("get-v2.json"), "/rawPath"_json_pointer).dump(),
           without(event_json("get-v1.json"), "/httpMethod"_json_pointer).dump(),
           unsupported_version.dump(),
           body_object.dump(),
       }) {
    EXPECT_THROW((void)parse_api_gateway_event(payload, deadline), NotAnApiGatewayEvent) << payload;
  }
}

TEST(ApiGatewayEvent, ExceptionSaysWhatIsMissing) {
  try {
    (void)parse_api_gateway_event(read_event("scheduled-event.json"), deadline);
    FAIL() << "no exception";
  } catch (const NotAnApiGatewayEvent& error) {
    EXPECT_STREQ(error.what(), "not an API Gateway event: no requestContext");
  }
}

TEST(ApiGatewayResult, SuccessWithBody) {
  const Response response{200, {{"Content-Type", "application/json"}}, R"({"message":"Hello, alice! Happy birthday!"})"};
  EXPECT_EQ(api_gateway_result(response),
            R"({"statusCode":200,"headers":{"Content-Type":"application/json"},)"
            R"("body":"{\"message\":\"Hello, alice! Happy birthday!\"}","isBase64Encoded":false})");
}

TEST(ApiGatewayResult, NoContentHasEmptyHeadersAndBody) {
  EXPECT_EQ(api_gateway_result({204, {}, {}}), R"({"statusCode":204,"headers":{},"body":"","isBase64Encoded":false})");
}

TEST(ApiGatewayResult, KeepsEveryHeaderInOrder) {
  const Response response{503, {{"Content-Type", "application/json"}, {"Retry-After", "1"}}, "{}"};
  EXPECT_EQ(api_gateway_result(response),
            R"({"statusCode":503,"headers":{"Content-Type":"application/json","Retry-After":"1"},)"
            R"("body":"{}","isBase64Encoded":false})");
}

}  // namespace
}  // namespace birthday::transport
