#include "transport/runtime/runtime_api_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "transport/runtime/fake_runtime_api.hpp"
#include "transport/runtime/scoped_environment.hpp"

namespace birthday::runtime {
namespace {

using test_support::FakeRuntimeApi;
using test_support::ScopedEnvironment;
using test_support::ScriptedInvocation;
using test_support::WhenScriptEnds;

constexpr RetryPolicy quick_retries{3, std::chrono::milliseconds(1)};

TEST(RuntimeApiClient, NextReadsEveryInvocationHeaderAndThePayload) {
  FakeRuntimeApi api({{.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                       .payload = R"({"rawPath":"/hello/alice"})",
                       .deadline_ms = "1542409706888",
                       .function_arn = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime",
                       .trace_id = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"}});
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;

  const ApiReply reply = client.next(invocation);

  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(invocation.request_id, "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
  EXPECT_EQ(invocation.payload, R"({"rawPath":"/hello/alice"})");
  EXPECT_EQ(invocation.deadline, std::chrono::system_clock::time_point(std::chrono::milliseconds(1542409706888)));
  EXPECT_EQ(invocation.function_arn, "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime");
  EXPECT_EQ(invocation.trace_id, "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
}

TEST(RuntimeApiClient, NextWithoutContentTypeStillDeliversThePayload) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "not even json", .content_type = std::nullopt}});
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;

  EXPECT_EQ(client.next(invocation).status, 200);
  EXPECT_EQ(invocation.request_id, "r1");
  EXPECT_EQ(invocation.payload, "not even json");
}

TEST(RuntimeApiClient, NextForgetsWhatThePreviousInvocationHad) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "a much longer first payload", .trace_id = "Root=1-first"},
                      {.request_id = "r2", .payload = "short", .deadline_ms = "not a number"}});
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;

  ASSERT_EQ(client.next(invocation).status, 200);
  ASSERT_EQ(client.next(invocation).status, 200);

  EXPECT_EQ(invocation.request_id, "r2");
  EXPECT_EQ(invocation.payload, "short");
  EXPECT_EQ(invocation.trace_id, "");
  EXPECT_EQ(invocation.deadline, std::chrono::system_clock::time_point());
}

TEST(RuntimeApiClient, DeadlineBeyondWhatTheClockHoldsIsClampedNotWrappedIntoThePast) {
  // 2262-04-12 (just past the nanosecond clock's end), the year 9999, and the largest uint64.
  FakeRuntimeApi api({{.request_id = "r1", .deadline_ms = "9223372036855"},
                      {.request_id = "r2", .deadline_ms = "253402300799000"},
                      {.request_id = "r3", .deadline_ms = "18446744073709551615"}});
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;
  const auto latest = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::time_point::max());

  for (const char* request_id : {"r1", "r2", "r3"}) {
    ASSERT_EQ(client.next(invocation).status, 200);
    EXPECT_EQ(invocation.request_id, request_id);
    EXPECT_EQ(invocation.deadline, latest) << request_id;
    EXPECT_GT(invocation.deadline, std::chrono::system_clock::now()) << request_id;
  }
}

TEST(RuntimeApiClient, NextReportsTheStatusAndReasonOfARefusal) {
  FakeRuntimeApi api({}, WhenScriptEnds::AnswerNextWith500);
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;

  const ApiReply reply = client.next(invocation);

  EXPECT_TRUE(reply.reached());
  EXPECT_TRUE(reply.container_error());
  EXPECT_NE(reply.body.find("no more invocations"), std::string_view::npos) << reply.body;
}

TEST(RuntimeApiClient, ResponseIsPostedWhole) {
  const std::vector<std::string> bodies = {"", R"({"statusCode":200})", std::string(2 * 1024 * 1024, 'x')};
  FakeRuntimeApi api({});
  RuntimeApiClient client(api.endpoint());

  for (const std::string& body : bodies) {
    EXPECT_EQ(client.post_response("req-1", body).status, 202);
  }

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), bodies.size());
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    EXPECT_EQ(posts[i].path, "/2018-06-01/runtime/invocation/req-1/response");
    EXPECT_EQ(posts[i].content_type, "application/json");
    EXPECT_EQ(posts[i].body.size(), bodies[i].size());
    EXPECT_TRUE(posts[i].body == bodies[i]) << "body " << i << " differs";
  }
}

TEST(RuntimeApiClient, RefusedResponseCarriesTheStatusAndBody) {
  FakeRuntimeApi api({});
  api.answer_responses_with(413, R"({"errorMessage":"too big"})");
  RuntimeApiClient client(api.endpoint());

  const ApiReply reply = client.post_response("req-1", "{}");

  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.body, R"({"errorMessage":"too big"})");
  EXPECT_FALSE(reply.accepted());
}

TEST(RuntimeApiClient, InvocationErrorHasTheLambdaErrorShape) {
  FakeRuntimeApi api({});
  RuntimeApiClient client(api.endpoint());

  EXPECT_EQ(client.post_invocation_error("req-7", {"std::runtime_error", "boom"}).status, 202);

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/req-7/error");
  EXPECT_EQ(posts[0].content_type, "application/vnd.aws.lambda.error+json");
  EXPECT_EQ(posts[0].error_type, "std::runtime_error");
  EXPECT_EQ(nlohmann::json::parse(posts[0].body),
            (nlohmann::json{{"errorMessage", "boom"}, {"errorType", "std::runtime_error"}, {"stackTrace", nlohmann::json::array()}}));
}

TEST(RuntimeApiClient, InitErrorGoesToTheInitErrorPath) {
  FakeRuntimeApi api({});
  RuntimeApiClient client(api.endpoint());

  EXPECT_EQ(client.post_init_error({"std::runtime_error", "DYNAMODB_TABLE is not set"}).status, 202);

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/init/error");
  EXPECT_EQ(posts[0].content_type, "application/vnd.aws.lambda.error+json");
  EXPECT_EQ(posts[0].error_type, "std::runtime_error");
  EXPECT_EQ(nlohmann::json::parse(posts[0].body)["errorMessage"], "DYNAMODB_TABLE is not set");
}

TEST(RuntimeApiClient, ErrorTypeCannotBreakOutOfItsHeader) {
  FakeRuntimeApi api({});
  RuntimeApiClient client(api.endpoint());

  EXPECT_EQ(client.post_invocation_error("req-1", {"Bad\r\nX-Injected: yes", "m"}).status, 202);

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].error_type, "Bad  X-Injected: yes");
}

TEST(RuntimeApiClient, EveryCallTravelsOnOneConnection) {
  FakeRuntimeApi api({{.request_id = "r1"}, {.request_id = "r2"}, {.request_id = "r3"}});
  RuntimeApiClient client(api.endpoint());
  Invocation invocation;

  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(client.next(invocation).status, 200);
    ASSERT_EQ(client.post_response(invocation.request_id, "{}").status, 202);
  }
  ASSERT_EQ(client.post_invocation_error("r3", {"t", "m"}).status, 202);

  const auto requests = api.requests();
  ASSERT_EQ(requests.size(), 7u);
  for (const auto& request : requests) EXPECT_EQ(request.client_port, requests.front().client_port) << request.path;
}

TEST(RuntimeApiClient, ProxiesInTheEnvironmentAreIgnored) {
  const ScopedEnvironment http_proxy("http_proxy", "http://127.0.0.1:1");
  const ScopedEnvironment upper_http_proxy("HTTP_PROXY", "http://127.0.0.1:1");
  const ScopedEnvironment all_proxy("ALL_PROXY", "http://127.0.0.1:1");
  const ScopedEnvironment no_proxy("no_proxy", std::nullopt);
  const ScopedEnvironment upper_no_proxy("NO_PROXY", std::nullopt);
  FakeRuntimeApi api({{.request_id = "r1"}});
  RuntimeApiClient client(api.endpoint(), quick_retries);
  Invocation invocation;

  EXPECT_EQ(client.next(invocation).status, 200);
  EXPECT_EQ(client.post_response("r1", "{}").status, 202);
  EXPECT_EQ(api.requests().size(), 2u);
}

TEST(RuntimeApiClient, UnreachableRuntimeApiIsGivenUpAfterTheRetries) {
  FakeRuntimeApi api({{.request_id = "r1"}}, WhenScriptEnds::Vanish);
  RuntimeApiClient client(api.endpoint(), quick_retries);
  Invocation invocation;
  ASSERT_EQ(client.next(invocation).status, 200);

  auto gone = std::async(std::launch::async, [&] { return client.next(invocation); });
  ASSERT_EQ(gone.wait_for(std::chrono::seconds(10)), std::future_status::ready);

  const ApiReply reply = gone.get();
  EXPECT_FALSE(reply.reached());
  EXPECT_FALSE(reply.transport_error.empty());
  EXPECT_EQ(api.next_calls(), 2) << "the fake stops listening on its second /next; retries must be refused";
}

}  // namespace
}  // namespace birthday::runtime
