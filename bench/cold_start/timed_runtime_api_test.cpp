#include "bench/cold_start/timed_runtime_api.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>

namespace birthday::bench {
namespace {

using namespace std::chrono_literals;

constexpr const char* next_path = "/2018-06-01/runtime/invocation/next";

std::string response_path(const std::string& request_id) {
  return "/2018-06-01/runtime/invocation/" + request_id + "/response";
}

const std::string event = R"({"rawPath":"/hello/alice"})";

httplib::Client client_of(const TimedRuntimeApi& api) {
  httplib::Client client("http://" + api.endpoint());
  client.set_read_timeout(10, 0);
  return client;
}

TEST(TimedRuntimeApi, HandsOutTheEventWithLambdasHeadersAndTimesTheAnswer) {
  std::atomic<int> first_nexts{0};
  TimedRuntimeApi api(event, [&] { ++first_nexts; }, 2);
  api.allow(2);
  auto http = client_of(api);
  for (int invoke = 0; invoke < 2; ++invoke) {
    const auto next = http.Get(next_path);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
    EXPECT_EQ(next->body, R"({"rawPath":"/hello/alice"})");
    EXPECT_FALSE(next->get_header_value("Lambda-Runtime-Deadline-Ms").empty());
    const std::string id = next->get_header_value("Lambda-Runtime-Aws-Request-Id");
    ASSERT_FALSE(id.empty());
    const auto posted = http.Post(response_path(id), R"({"statusCode":200,"body":"{}"})", "application/json");
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 202);
  }
  ASSERT_TRUE(api.wait_for_answers(2, 1s));
  EXPECT_EQ(first_nexts.load(), 1);
  const auto invokes = api.invokes();
  ASSERT_EQ(invokes.size(), 2u);
  for (const TimedInvoke& invoke : invokes) {
    EXPECT_TRUE(invoke.succeeded);
    EXPECT_LE(api.first_next(), invoke.handed_out);
    EXPECT_LE(invoke.handed_out, invoke.answered);
  }
}

TEST(TimedRuntimeApi, AnAnswerThatIsNotA200GreetingIsNoSuccess) {
  TimedRuntimeApi api(event, nullptr, 1);
  api.allow(1);
  auto http = client_of(api);
  const auto next = http.Get(next_path);
  ASSERT_TRUE(next);
  http.Post(response_path(next->get_header_value("Lambda-Runtime-Aws-Request-Id")), R"({"statusCode":500})",
            "application/json");
  ASSERT_TRUE(api.wait_for_answers(1, 1s));
  EXPECT_FALSE(api.invokes().front().succeeded);
  EXPECT_EQ(api.first_answer(), R"({"statusCode":500})");
}

TEST(TimedRuntimeApi, NextWaitsUntilAnotherInvokeIsAllowed) {
  TimedRuntimeApi api(event, nullptr, 1);
  auto pending = std::async(std::launch::async, [&] { return client_of(api).Get(next_path); });
  EXPECT_EQ(pending.wait_for(200ms), std::future_status::timeout);
  api.allow(1);
  ASSERT_EQ(pending.wait_for(5s), std::future_status::ready);
  const auto next = pending.get();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST(TimedRuntimeApi, AFailureAtTheFirstNextIsReported) {
  TimedRuntimeApi api(event, [] { throw std::runtime_error("cannot move the process"); }, 1);
  api.allow(1);
  const auto next = client_of(api).Get(next_path);
  ASSERT_TRUE(next);
  EXPECT_NE(api.describe_progress().find("cannot move the process"), std::string::npos) << api.describe_progress();
}

TEST(TimedRuntimeApi, WaitingForAnswersThatNeverComeTimesOut) {
  TimedRuntimeApi api(event, nullptr, 1);
  EXPECT_FALSE(api.wait_for_answers(1, 50ms));
}

}  // namespace
}  // namespace birthday::bench
