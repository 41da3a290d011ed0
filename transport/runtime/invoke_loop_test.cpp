#include "transport/runtime/invoke_loop.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "transport/runtime/error_report.hpp"
#include "transport/runtime/fake_runtime_api.hpp"
#include "transport/runtime/scoped_environment.hpp"

namespace birthday::runtime {
namespace {

using test_support::FakeRuntimeApi;
using test_support::ReceivedRequest;
using test_support::ScopedEnvironment;
using test_support::ScriptedInvocation;
using test_support::WhenScriptEnds;

constexpr RetryPolicy quick_retries{3, std::chrono::milliseconds(1)};

std::string echo(const Invocation& invocation) { return "echo:" + invocation.payload; }

int serve(FakeRuntimeApi& api, const InvocationHandler& handler) {
  RuntimeApiClient client(api.endpoint(), quick_retries);
  return invoke_loop(client, handler);
}

TEST(InvokeLoop, HandlerResultIsPostedUnderTheInvocationsRequestId) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "one"}, {.request_id = "r2", .payload = "two"}});
  std::vector<Invocation> seen;

  const int exit_code = serve(api, [&](const Invocation& invocation) {
    seen.push_back(invocation);
    return echo(invocation);
  });

  EXPECT_NE(exit_code, 0) << "the loop ends only when the Runtime API stops answering";
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].request_id, "r2");
  EXPECT_EQ(seen[1].payload, "two");
  EXPECT_EQ(seen[1].deadline, std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000000)));
  EXPECT_EQ(seen[1].function_arn, "arn:aws:lambda:eu-west-1:123456789012:function:birthday");
  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/r1/response");
  EXPECT_EQ(posts[0].body, "echo:one");
  EXPECT_EQ(posts[1].path, "/2018-06-01/runtime/invocation/r2/response");
  EXPECT_EQ(posts[1].body, "echo:two");
  EXPECT_EQ(api.next_calls(), 3);
}

TEST(InvokeLoop, HandlerExceptionIsReportedAndTheLoopGoesOn) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "fail"}, {.request_id = "r2", .payload = "ok"}});

  serve(api, [](const Invocation& invocation) {
    if (invocation.payload == "fail") throw std::invalid_argument("not an API Gateway event");
    return echo(invocation);
  });

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/r1/error");
  EXPECT_EQ(posts[0].content_type, "application/vnd.aws.lambda.error+json");
  EXPECT_EQ(posts[0].error_type, "std::invalid_argument");
  EXPECT_EQ(nlohmann::json::parse(posts[0].body), (nlohmann::json{{"errorMessage", "not an API Gateway event"},
                                                                  {"errorType", "std::invalid_argument"},
                                                                  {"stackTrace", nlohmann::json::array()}}));
  EXPECT_EQ(posts[1].path, "/2018-06-01/runtime/invocation/r2/response");
  EXPECT_EQ(posts[1].body, "echo:ok");
}

TEST(InvokeLoop, ExceptionOfAnyTypeIsReported) {
  FakeRuntimeApi api({{.request_id = "r1"}});

  serve(api, [](const Invocation&) -> std::string { throw 42; });

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/r1/error");
  EXPECT_EQ(posts[0].error_type, "int");
}

TEST(InvokeLoop, TraceIdIsSetForEachInvocationAndRemovedWhenAbsent) {
  const ScopedEnvironment trace("_X_AMZN_TRACE_ID", "Root=1-left-over-from-before");
  FakeRuntimeApi api({{.request_id = "r1", .trace_id = "Root=1-aaaa;Sampled=1"},
                      {.request_id = "r2", .trace_id = "Root=1-bbbb;Sampled=0"},
                      {.request_id = "r3"}});
  std::vector<std::optional<std::string>> seen;

  serve(api, [&](const Invocation&) {
    const char* value = std::getenv("_X_AMZN_TRACE_ID");
    seen.push_back(value ? std::optional<std::string>(value) : std::nullopt);
    return std::string("{}");
  });

  const std::vector<std::optional<std::string>> expected = {"Root=1-aaaa;Sampled=1", "Root=1-bbbb;Sampled=0",
                                                            std::nullopt};
  EXPECT_EQ(seen, expected);
}

TEST(InvokeLoop, TraceIdIsRewrittenInOneBufferNotReallocatedPerInvocation) {
  const ScopedEnvironment trace("_X_AMZN_TRACE_ID", std::nullopt);
  const std::string longer = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0";
  FakeRuntimeApi api({{.request_id = "r1", .trace_id = longer},
                      {.request_id = "r2", .trace_id = "Root=1-bbbb;Sampled=0"},
                      {.request_id = "r3"},
                      {.request_id = "r4", .trace_id = longer + ";Extra=" + std::string(200, 'x')},
                      {.request_id = "r5", .trace_id = "Root=1-cccc;Sampled=1"}});
  std::vector<std::string> values;
  std::vector<const char*> addresses;

  serve(api, [&](const Invocation&) {
    const char* value = std::getenv("_X_AMZN_TRACE_ID");
    values.push_back(value ? value : "(unset)");
    addresses.push_back(value);
    return std::string("{}");
  });

  ASSERT_EQ(values.size(), 5u);
  EXPECT_EQ(values, (std::vector<std::string>{longer, "Root=1-bbbb;Sampled=0", "(unset)",
                                              longer + ";Extra=" + std::string(200, 'x'), "Root=1-cccc;Sampled=1"}));
  EXPECT_EQ(addresses[1], addresses[0]) << "a shorter trace header reuses the buffer";
  EXPECT_EQ(addresses[4], addresses[3]) << "after growing once, the buffer is reused again";
}

TEST(InvokeLoop, ResponseOverSixMegabytesIsReportedAsAnErrorNotTruncated) {
  FakeRuntimeApi api({{.request_id = "big"}, {.request_id = "limit"}});

  serve(api, [](const Invocation& invocation) {
    return std::string(invocation.request_id == "big" ? max_response_bytes + 1 : max_response_bytes, 'x');
  });

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/big/error");
  EXPECT_EQ(posts[0].error_type, "Function.ResponseSizeTooLarge");
  EXPECT_EQ(nlohmann::json::parse(posts[0].body)["errorType"], "Function.ResponseSizeTooLarge");
  EXPECT_EQ(posts[1].path, "/2018-06-01/runtime/invocation/limit/response");
  EXPECT_EQ(posts[1].body.size(), max_response_bytes);
}

TEST(InvokeLoop, ResponseRefusedByTheRuntimeApiIsReportedAsAnError) {
  struct Case {
    int status;
    std::string error_type;
  };
  for (const Case& c : {Case{413, "Function.ResponseSizeTooLarge"}, Case{400, "Runtime.ResponseRejected"}}) {
    FakeRuntimeApi api({{.request_id = "r1"}, {.request_id = "r2"}});
    api.answer_responses_with(c.status, R"({"errorMessage":"refused"})");

    serve(api, echo);

    const auto posts = api.posts();
    ASSERT_EQ(posts.size(), 4u) << c.status;
    EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/r1/response") << c.status;
    EXPECT_EQ(posts[1].path, "/2018-06-01/runtime/invocation/r1/error") << c.status;
    EXPECT_EQ(posts[1].error_type, c.error_type) << c.status;
    EXPECT_EQ(posts[3].path, "/2018-06-01/runtime/invocation/r2/error") << "the loop went on after " << c.status;
  }
}

TEST(InvokeLoop, ContainerErrorOnAResponseEndsTheLoop) {
  FakeRuntimeApi api({{.request_id = "r1"}, {.request_id = "r2"}});
  api.answer_responses_with(500);

  EXPECT_NE(serve(api, echo), 0);
  EXPECT_EQ(api.next_calls(), 1);
  EXPECT_EQ(api.posts().size(), 1u);
}

TEST(InvokeLoop, NextAnsweredWithAnErrorEndsTheLoopNonZero) {
  FakeRuntimeApi api({}, WhenScriptEnds::AnswerNextWith500);
  int handled = 0;

  EXPECT_NE(serve(api,
                  [&](const Invocation&) {
                    ++handled;
                    return std::string();
                  }),
            0);
  EXPECT_EQ(handled, 0);
}

TEST(InvokeLoop, InvocationWithoutRequestIdEndsTheLoop) {
  FakeRuntimeApi api({{.request_id = ""}, {.request_id = "r2"}});

  EXPECT_NE(serve(api, echo), 0);
  EXPECT_TRUE(api.posts().empty());
  EXPECT_EQ(api.next_calls(), 1);
}

TEST(InvokeLoop, LostRuntimeApiEndsTheLoopAfterBoundedRetries) {
  FakeRuntimeApi api({{.request_id = "r1"}}, WhenScriptEnds::Vanish);

  auto exit_code = std::async(std::launch::async, [&] { return serve(api, echo); });

  ASSERT_EQ(exit_code.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(exit_code.get(), 0);
  ASSERT_EQ(api.posts().size(), 1u);
  EXPECT_EQ(api.posts()[0].path, "/2018-06-01/runtime/invocation/r1/response");
}

}  // namespace
}  // namespace birthday::runtime
