#include "transport/local/http_api_event.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "transport/base64.hpp"

namespace birthday::local {
namespace {

using nlohmann::json;
using namespace std::chrono;

// 2024-05-17T10:42:08.112Z
const system_clock::time_point request_time = system_clock::time_point(milliseconds(1715942528112));

const RequestContext context{"XyZ1aHkQDoEEJkA=", request_time, "Root=1-66473340-0123456789abcdef01234567", 3000};
const RouteMatch put_route{"PutBirthday", "PUT /hello/{username}", {{"username", "alice"}}};

IncomingRequest curl_request(std::string method, std::string target, std::string body,
                             std::vector<std::pair<std::string, std::string>> extra_headers = {}) {
  IncomingRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers = {{"Host", "localhost:3000"}, {"User-Agent", "curl/7.88.1"}, {"Accept", "*/*"}};
  request.headers.insert(request.headers.end(), extra_headers.begin(), extra_headers.end());
  request.body = std::move(body);
  request.source_ip = "127.0.0.1";
  return request;
}

IncomingRequest curl_put(std::string body, std::vector<std::pair<std::string, std::string>> extra_headers = {}) {
  return curl_request("PUT", "/hello/alice", std::move(body), std::move(extra_headers));
}

json event_for(const IncomingRequest& request, const RouteMatch& route = put_route) {
  return json::parse(http_api_event(request, route, context));
}

TEST(HttpApiEvent, HasEveryTopLevelFieldOfPayloadFormat2) {
  const json event = event_for(curl_put(R"({"dateOfBirth":"1990-05-17"})", {{"Content-Type", "application/json"}}));
  EXPECT_EQ(event["version"], "2.0");
  EXPECT_EQ(event["routeKey"], "PUT /hello/{username}");
  EXPECT_EQ(event["rawPath"], "/hello/alice");
  EXPECT_EQ(event["rawQueryString"], "");
  EXPECT_EQ(event["pathParameters"], json({{"username", "alice"}}));
  EXPECT_EQ(event["body"], R"({"dateOfBirth":"1990-05-17"})");
  EXPECT_EQ(event["isBase64Encoded"], false);
  EXPECT_FALSE(event.contains("cookies"));
  EXPECT_FALSE(event.contains("queryStringParameters"));
}

TEST(HttpApiEvent, HasTheRequestContextApiGatewayAdds) {
  const json context_json = event_for(curl_put(""))["requestContext"];
  EXPECT_EQ(context_json["accountId"], "123456789012");
  EXPECT_FALSE(context_json["apiId"].get<std::string>().empty());
  EXPECT_EQ(context_json["domainName"], "localhost:3000");
  EXPECT_EQ(context_json["domainPrefix"], "localhost:3000");
  EXPECT_EQ(context_json["http"], json({{"method", "PUT"},
                                        {"path", "/hello/alice"},
                                        {"protocol", "HTTP/1.1"},
                                        {"sourceIp", "127.0.0.1"},
                                        {"userAgent", "curl/7.88.1"}}));
  EXPECT_EQ(context_json["requestId"], "XyZ1aHkQDoEEJkA=");
  EXPECT_EQ(context_json["routeKey"], "PUT /hello/{username}");
  EXPECT_EQ(context_json["stage"], "$default");
  EXPECT_EQ(context_json["time"], "17/May/2024:10:42:08 +0000");
  EXPECT_EQ(context_json["timeEpoch"], 1715942528112);
}

TEST(HttpApiEvent, DomainPrefixIsTheFirstLabelOfTheHost) {
  IncomingRequest request = curl_put("");
  request.headers[0] = {"Host", "r3pmxmplak.execute-api.eu-west-1.amazonaws.com"};
  const json context_json = event_for(request)["requestContext"];
  EXPECT_EQ(context_json["domainName"], "r3pmxmplak.execute-api.eu-west-1.amazonaws.com");
  EXPECT_EQ(context_json["domainPrefix"], "r3pmxmplak");
}

TEST(HttpApiEvent, LowerCasesHeaderNamesAndJoinsRepeatedHeadersWithCommas) {
  const json headers = event_for(curl_put("", {{"X-Custom", "one"}, {"x-CUSTOM", "two"}, {"Accept-Language", "en"}}))["headers"];
  EXPECT_EQ(headers["x-custom"], "one,two");
  EXPECT_EQ(headers["accept-language"], "en");
  EXPECT_EQ(headers["host"], "localhost:3000");
  EXPECT_EQ(headers["user-agent"], "curl/7.88.1");
  for (const auto& [name, value] : headers.items()) {
    for (const char c : name) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c))) << name;
  }
}

TEST(HttpApiEvent, AddsTheForwardingAndTraceHeaders) {
  const json headers = event_for(curl_put(""))["headers"];
  EXPECT_EQ(headers["x-forwarded-for"], "127.0.0.1");
  EXPECT_EQ(headers["x-forwarded-port"], "3000");
  EXPECT_EQ(headers["x-forwarded-proto"], "http");
  EXPECT_EQ(headers["x-amzn-trace-id"], "Root=1-66473340-0123456789abcdef01234567");

  const json proxied = event_for(curl_put("", {{"X-Forwarded-For", "203.0.113.7"}}))["headers"];
  EXPECT_EQ(proxied["x-forwarded-for"], "203.0.113.7, 127.0.0.1");
}

TEST(HttpApiEvent, MovesCookiesFromTheHeadersToTheCookiesArray) {
  const json event = event_for(curl_put("", {{"Cookie", "session=abc; theme=dark"}, {"Cookie", "lang=en"}}));
  EXPECT_EQ(event["cookies"], json({"session=abc", "theme=dark", "lang=en"}));
  EXPECT_FALSE(event["headers"].contains("cookie"));
}

TEST(HttpApiEvent, SplitsTheQueryStringAndJoinsRepeatedParameters) {
  IncomingRequest request = curl_put("");
  request.target = "/hello/alice?b=2&a=1&b=3&flag&name=J%C3%B6rg%20K";
  const json event = event_for(request);
  EXPECT_EQ(event["rawPath"], "/hello/alice");
  EXPECT_EQ(event["rawQueryString"], "b=2&a=1&b=3&flag&name=J%C3%B6rg%20K");
  EXPECT_EQ(event["queryStringParameters"], json({{"a", "1"}, {"b", "2,3"}, {"flag", ""}, {"name", "J\xc3\xb6rg K"}}));
  EXPECT_EQ(event["requestContext"]["http"]["path"], "/hello/alice");
}

TEST(HttpApiEvent, EncodesBodiesThatAreNotTextInBase64) {
  const std::string binary("\x89PNG\r\n\x1a\n\0\xff", 10);
  const struct {
    const char* name;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool base64;
  } cases[] = {
      {"json", R"({"dateOfBirth":"1990-05-17"})", {{"Content-Type", "application/json"}}, false},
      {"text", "hello", {{"Content-Type", "text/plain; charset=utf-8"}}, false},
      {"curl -d (form)", R"({"dateOfBirth":"1990-05-17"})", {{"Content-Type", "application/x-www-form-urlencoded"}}, true},
      {"no content type", R"({"dateOfBirth":"1990-05-17"})", {}, true},
      {"binary", binary, {{"Content-Type", "image/png"}}, true},
      {"json type but not UTF-8", binary, {{"Content-Type", "application/json"}}, true},
      {"overlong UTF-8", "{\"dateOfBirth\":\"\xc0\xae\"}", {{"Content-Type", "application/json"}}, true},
      {"UTF-8 surrogate", "{\"dateOfBirth\":\"\xed\xa0\x80\"}", {{"Content-Type", "application/json"}}, true},
  };
  for (const auto& test : cases) {
    const json event = event_for(curl_put(test.body, test.headers));
    EXPECT_EQ(event["isBase64Encoded"], test.base64) << test.name;
    const std::string sent = event["body"];
    EXPECT_EQ(test.base64 ? transport::decode_base64(sent).value_or("?") : sent, test.body) << test.name;
  }
}

TEST(HttpApiEvent, PassesBytesThatAreNotUtf8InThePathOrHeadersAsReplacementCharacters) {
  const RouteMatch route{"PutBirthday", "PUT /hello/{username}", {{"username", "al\xffice"}}};
  const json event = event_for(curl_request("PUT", "/hello/al%FFice", "", {{"X-Odd", "a\xc0\xae"}}), route);
  EXPECT_EQ(event["pathParameters"]["username"], "al\xef\xbf\xbdice");
  EXPECT_EQ(event["headers"]["x-odd"], "a\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(HttpApiEvent, LeavesOutTheBodyAndPathParametersWhenThereAreNone) {
  const json event = event_for(curl_request("GET", "/", ""), RouteMatch{"Fn", "GET /", {}});
  EXPECT_FALSE(event.contains("body"));
  EXPECT_FALSE(event.contains("pathParameters"));
  EXPECT_EQ(event["isBase64Encoded"], false);
  EXPECT_EQ(event["routeKey"], "GET /");
}

TEST(RequestTimeText, IsApiGatewaysClfFormatInUtc) {
  EXPECT_EQ(request_time_text(request_time), "17/May/2024:10:42:08 +0000");
  EXPECT_EQ(request_time_text(system_clock::time_point(seconds(0))), "01/Jan/1970:00:00:00 +0000");
  EXPECT_EQ(request_time_text(sys_days(year(2023) / December / 31) + hours(23) + minutes(59) + seconds(59)),
            "31/Dec/2023:23:59:59 +0000");
}

}  // namespace
}  // namespace birthday::local
