#include "transport/runtime/lambda_runtime.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <future>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "transport/runtime/fake_runtime_api.hpp"
#include "transport/runtime/scoped_environment.hpp"

namespace birthday::runtime {
namespace {

using test_support::FakeRuntimeApi;
using test_support::ScopedEnvironment;
using test_support::WhenScriptEnds;

InvocationHandler echo_function() {
  return [](const Invocation& invocation) { return "echo:" + invocation.payload; };
}

TEST(RunLambda, WithoutRuntimeApiAddressItSaysSoAndFails) {
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", std::nullopt);
  bool initialised = false;

  ::testing::internal::CaptureStderr();
  const int exit_code = run_lambda([&] {
    initialised = true;
    return echo_function();
  });
  const std::string stderr_text = ::testing::internal::GetCapturedStderr();

  EXPECT_NE(exit_code, 0);
  EXPECT_FALSE(initialised);
  EXPECT_NE(stderr_text.find("AWS_LAMBDA_RUNTIME_API"), std::string::npos) << stderr_text;
}

TEST(RunLambda, FailedInitIsReportedToInitErrorAndFails) {
  FakeRuntimeApi api({{.request_id = "never-served"}});
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", api.endpoint());

  const int exit_code = run_lambda([]() -> InvocationHandler { throw std::runtime_error("DYNAMODB_TABLE is not set"); });

  EXPECT_NE(exit_code, 0);
  EXPECT_EQ(api.next_calls(), 0);
  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/init/error");
  EXPECT_EQ(posts[0].content_type, "application/vnd.aws.lambda.error+json");
  EXPECT_EQ(posts[0].error_type, "std::runtime_error");
  EXPECT_EQ(nlohmann::json::parse(posts[0].body), (nlohmann::json{{"errorMessage", "DYNAMODB_TABLE is not set"},
                                                                  {"errorType", "std::runtime_error"},
                                                                  {"stackTrace", nlohmann::json::array()}}));
}

TEST(RunLambda, InitWithoutAHandlerIsAnInitError) {
  FakeRuntimeApi api({{.request_id = "never-served"}});
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", api.endpoint());

  EXPECT_NE(run_lambda([] { return InvocationHandler(); }), 0);
  ASSERT_EQ(api.posts().size(), 1u);
  EXPECT_EQ(api.posts()[0].path, "/2018-06-01/runtime/init/error");
}

// Run in a child process: without SIGPIPE ignored, the write kills it, and the test sees that.
TEST(RunLambdaDeathTest, WritingToAClosedPipeIsAnErrorNotTheEndOfTheProcess) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto write_to_a_closed_pipe = [] {
    std::string endpoint_of_a_stopped_api;
    {
      FakeRuntimeApi api({});
      endpoint_of_a_stopped_api = api.endpoint();
    }
    // Only now: cpp-httplib, which the fake runs on, ignores SIGPIPE itself when it starts.
    std::signal(SIGPIPE, SIG_DFL);
    const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", endpoint_of_a_stopped_api);
    int write_errno = 0;
    run_lambda([&write_errno] {
      int ends[2];
      if (pipe(ends) != 0) std::_Exit(3);
      close(ends[0]);
      if (write(ends[1], "x", 1) < 0) write_errno = errno;
      close(ends[1]);
      return echo_function();
    });
    std::_Exit(write_errno == EPIPE ? 0 : 2);
  };
  EXPECT_EXIT(write_to_a_closed_pipe(), ::testing::ExitedWithCode(0), "");
}

TEST(RunLambda, ServesInvocationsUntilTheRuntimeApiSaysStop) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "a"}, {.request_id = "r2", .payload = "b"}},
                     WhenScriptEnds::AnswerNextWith500);
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", api.endpoint());

  EXPECT_NE(run_lambda(echo_function), 0);

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/invocation/r1/response");
  EXPECT_EQ(posts[0].body, "echo:a");
  EXPECT_EQ(posts[1].path, "/2018-06-01/runtime/invocation/r2/response");
  EXPECT_EQ(posts[1].body, "echo:b");
}

TEST(RunLambda, ProxyInTheEnvironmentIsIgnored) {
  const ScopedEnvironment http_proxy("http_proxy", "http://127.0.0.1:1");
  const ScopedEnvironment all_proxy("all_proxy", "http://127.0.0.1:1");
  const ScopedEnvironment no_proxy("no_proxy", std::nullopt);
  FakeRuntimeApi api({{.request_id = "r1", .payload = "a"}}, WhenScriptEnds::AnswerNextWith500);
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", api.endpoint());

  run_lambda(echo_function);

  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].body, "echo:a");
}

TEST(RunLambda, RuntimeApiGoneEndsTheProcessNonZeroInBoundedTime) {
  FakeRuntimeApi api({{.request_id = "r1"}}, WhenScriptEnds::Vanish);
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", api.endpoint());

  auto exit_code = std::async(std::launch::async, [] { return run_lambda(echo_function); });

  ASSERT_EQ(exit_code.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(exit_code.get(), 0);
  EXPECT_EQ(api.posts().size(), 1u);
}

TEST(RunLambda, NothingListeningEndsTheProcessNonZeroInBoundedTime) {
  std::string endpoint_of_a_stopped_api;
  {
    FakeRuntimeApi api({});
    endpoint_of_a_stopped_api = api.endpoint();
  }
  const ScopedEnvironment runtime_api("AWS_LAMBDA_RUNTIME_API", endpoint_of_a_stopped_api);

  auto exit_code = std::async(std::launch::async, [] { return run_lambda(echo_function); });

  ASSERT_EQ(exit_code.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(exit_code.get(), 0);
}

}  // namespace
}  // namespace birthday::runtime
