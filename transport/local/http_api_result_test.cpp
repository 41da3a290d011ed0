#include "transport/local/http_api_result.hpp"

#include <gtest/gtest.h>

namespace birthday::local {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

HttpReply reply_of(std::string_view payload) {
  auto reply = reply_from_result(payload);
  if (const auto* malformed = std::get_if<MalformedResult>(&reply)) {
    ADD_FAILURE() << payload << " is malformed: " << malformed->reason;
    return {};
  }
  return std::get<HttpReply>(reply);
}

TEST(ReplyFromResult, UsesTheStatusHeadersAndBodyOfAProxyResult) {
  const HttpReply reply = reply_of(
      R"({"statusCode":200,"headers":{"content-type":"application/json","x-count":3},"body":"{\"message\":\"Hello, alice! Happy birthday!\"}","isBase64Encoded":false})");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers, (Headers{{"content-type", "application/json"}, {"x-count", "3"}}));
  EXPECT_EQ(reply.body, R"({"message":"Hello, alice! Happy birthday!"})");
}

TEST(ReplyFromResult, AnswersANoContentResultWithNoBody) {
  const HttpReply reply = reply_of(R"({"statusCode":204,"headers":{},"body":"","isBase64Encoded":false})");
  EXPECT_EQ(reply.status, 204);
  EXPECT_TRUE(reply.body.empty());
  EXPECT_EQ(reply_of(R"({"statusCode":204})").body, "");
}

TEST(ReplyFromResult, DecodesABase64Body) {
  const HttpReply reply = reply_of(R"({"statusCode":200,"body":"iVBORw0KGgo=","isBase64Encoded":true})");
  EXPECT_EQ(reply.body, std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(ReplyFromResult, TurnsEachCookieIntoASetCookieHeader) {
  const HttpReply reply = reply_of(R"({"statusCode":200,"cookies":["a=1; Path=/","b=2; HttpOnly"],"body":"ok"})");
  EXPECT_EQ(reply.headers, (Headers{{"Set-Cookie", "a=1; Path=/"}, {"Set-Cookie", "b=2; HttpOnly"}}));
}

TEST(ReplyFromResult, InfersA200ForValidJsonWithoutAStatusCode) {
  for (const char* payload : {R"({"message":"hi"})", R"(["a","b"])", R"("just a string")", "42", "null"}) {
    const HttpReply reply = reply_of(payload);
    EXPECT_EQ(reply.status, 200) << payload;
    EXPECT_EQ(reply.headers, (Headers{{"Content-Type", "application/json"}})) << payload;
    EXPECT_EQ(reply.body, payload);
  }
}

TEST(ReplyFromResult, RejectsMalformedResults) {
  const char* malformed[] = {
      "not json",
      "",
      R"({"statusCode":"200","body":"x"})",
      R"({"statusCode":200.5})",
      R"({"statusCode":99})",
      R"({"statusCode":600})",
      R"({"statusCode":200,"headers":["a"]})",
      R"({"statusCode":200,"headers":{"x":{"nested":1}}})",
      R"({"statusCode":200,"body":{"message":"not a string"}})",
      R"({"statusCode":200,"cookies":"a=1"})",
      R"({"statusCode":200,"cookies":[1]})",
      R"({"statusCode":200,"isBase64Encoded":"yes","body":""})",
      R"({"statusCode":200,"isBase64Encoded":true,"body":"not*base64"})",
  };
  for (const char* payload : malformed) {
    EXPECT_TRUE(std::holds_alternative<MalformedResult>(reply_from_result(payload))) << payload;
  }
}

TEST(GatewayReplies, AreApiGatewaysOwnMessages) {
  const struct {
    HttpReply reply;
    int status;
    const char* body;
  } cases[] = {
      {not_found(), 404, R"({"message":"Not Found"})"},
      {internal_server_error(), 500, R"({"message":"Internal Server Error"})"},
      {bad_gateway(), 502, R"({"message":"Bad Gateway"})"},
      {service_unavailable(), 503, R"({"message":"Service Unavailable"})"},
      {request_too_large(), 413, R"({"message":"Request Entity Too Large"})"},
  };
  for (const auto& test : cases) {
    EXPECT_EQ(test.reply.status, test.status);
    EXPECT_EQ(test.reply.body, test.body);
    EXPECT_EQ(test.reply.headers, (Headers{{"Content-Type", "application/json"}}));
  }
}

}  // namespace
}  // namespace birthday::local
