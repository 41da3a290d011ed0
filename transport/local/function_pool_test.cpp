#include "transport/local/function_pool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

using nlohmann::json;
using testing::process_alive;

// Collects the pool's log lines for assertions.
class CapturedLog {
 public:
  LogSink sink() {
    return [this](const std::string& line) {
      std::lock_guard lock(mutex_);
      lines_.push_back(line);
    };
  }
  std::vector<std::string> lines_starting(const std::string& prefix) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> found;
    for (const auto& line : lines_) {
      if (line.rfind(prefix, 0) == 0) found.push_back(line);
    }
    return found;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

PoolOptions scripted_options(CapturedLog& log, std::chrono::seconds timeout = std::chrono::seconds(3)) {
  PoolOptions options;
  options.function.name = "Scripted";
  options.function.timeout = timeout;
  options.function.memory_mb = 256;
  options.bootstrap = SCRIPTED_FUNCTION_PATH;
  options.variables = {{"DYNAMODB_TABLE", "Birthdays"}, {"EXTRA", "from the template"}};
  options.region = "eu-west-1";
  options.credentials = {{"AWS_ACCESS_KEY_ID", "local"}, {"AWS_SECRET_ACCESS_KEY", "local"}};
  options.log = log.sink();
  return options;
}

std::string event(const std::string& path) { return json{{"rawPath", path}}.dump(); }

// The scripted function's /echo answer, unwrapped.
json echoed(const InvokeResult& result) {
  EXPECT_EQ(result.status, InvokeStatus::Success) << result.payload;
  return json::parse(json::parse(result.payload).at("body").get<std::string>());
}

pid_t pid_of(const InvokeResult& result) { return echoed(result).at("pid").get<pid_t>(); }

TEST(FunctionPool, StartsAnInstanceOnDemandAndKeepsItWarm) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  EXPECT_TRUE(pool.instance_pids().empty());

  const pid_t first = pid_of(pool.invoke(event("/echo"), "Root=1-00000000-000000000000000000000000"));
  const pid_t second = pid_of(pool.invoke(event("/echo"), "Root=1-00000000-000000000000000000000000"));
  EXPECT_EQ(first, second);
  EXPECT_EQ(pool.instance_pids(), std::vector<pid_t>{first});
}

TEST(FunctionPool, ReportsEachInvocationWithInitDurationOnlyOnTheColdStart) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  const InvokeResult cold = pool.invoke(event("/echo"), "Root=1-a");
  const InvokeResult warm = pool.invoke(event("/echo"), "Root=1-b");

  const auto starts = log.lines_starting("START RequestId: ");
  const auto ends = log.lines_starting("END RequestId: ");
  const auto reports = log.lines_starting("REPORT RequestId: ");
  ASSERT_EQ(starts.size(), 2u);
  ASSERT_EQ(ends.size(), 2u);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(starts[0], "START RequestId: " + cold.request_id + " Version: $LATEST");
  EXPECT_EQ(ends[1], "END RequestId: " + warm.request_id);
  EXPECT_NE(reports[0].find(cold.request_id), std::string::npos);
  EXPECT_NE(reports[0].find("\tInit Duration: "), std::string::npos);
  EXPECT_EQ(reports[1].find("Init Duration"), std::string::npos);
  for (const std::string& report : reports) {
    EXPECT_NE(report.find("\tMemory Size: 256 MB"), std::string::npos) << report;
    // A real peak resident set: a process with libcurl mapped is never 0 MB.
    const std::size_t used = report.find("Max Memory Used: ");
    ASSERT_NE(used, std::string::npos);
    EXPECT_GT(std::stol(report.substr(used + 17)), 0) << report;
  }
}

TEST(FunctionPool, GivesTheFunctionLambdasEnvironmentAndADeadline) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log, std::chrono::seconds(7)));
  const auto before = std::chrono::system_clock::now();
  const InvokeResult result = pool.invoke(event("/echo"), "Root=1-66473340-0123456789abcdef01234567");
  const json echo = echoed(result);
  const json& environment = echo.at("environment");
  EXPECT_EQ(environment.at("AWS_LAMBDA_FUNCTION_NAME"), "Scripted");
  EXPECT_EQ(environment.at("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), "256");
  EXPECT_EQ(environment.at("AWS_LAMBDA_FUNCTION_VERSION"), "$LATEST");
  EXPECT_EQ(environment.at("AWS_REGION"), "eu-west-1");
  EXPECT_EQ(environment.at("AWS_DEFAULT_REGION"), "eu-west-1");
  EXPECT_EQ(environment.at("TZ"), ":UTC");
  EXPECT_EQ(environment.at("_HANDLER"), "bootstrap");
  EXPECT_EQ(environment.at("LAMBDA_TASK_ROOT"), std::filesystem::path(SCRIPTED_FUNCTION_PATH).parent_path().string());
  EXPECT_EQ(environment.at("AWS_LAMBDA_LOG_GROUP_NAME"), "/aws/lambda/Scripted");
  EXPECT_NE(environment.at("AWS_LAMBDA_LOG_STREAM_NAME").get<std::string>().find("[$LATEST]"), std::string::npos);
  EXPECT_EQ(environment.at("AWS_ACCESS_KEY_ID"), "local");
  EXPECT_EQ(environment.at("DYNAMODB_TABLE"), "Birthdays");
  EXPECT_EQ(environment.at("EXTRA"), "from the template");
  EXPECT_FALSE(environment.contains("HOME")) << "the gateway's own environment must not leak into a function";

  EXPECT_EQ(echo.at("requestId"), result.request_id);
  EXPECT_EQ(echo.at("functionArn"), "arn:aws:lambda:eu-west-1:123456789012:function:Scripted");
  EXPECT_EQ(echo.at("traceId").get<std::string>().rfind("Root=1-66473340-0123456789abcdef01234567;Parent=", 0), 0u);
  const auto deadline = std::chrono::system_clock::time_point(std::chrono::milliseconds(echo.at("deadlineMs").get<long long>()));
  EXPECT_GE(deadline, before + std::chrono::seconds(7) - std::chrono::milliseconds(1));
  EXPECT_LE(deadline, std::chrono::system_clock::now() + std::chrono::seconds(7));
}

TEST(FunctionPool, PassesOnAFunctionError) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  const InvokeResult result = pool.invoke(event("/error"), "Root=1-a");
  EXPECT_EQ(result.status, InvokeStatus::FunctionError);
  const json error = json::parse(result.payload);
  EXPECT_EQ(error.at("errorMessage"), "asked to fail");
  EXPECT_FALSE(error.at("errorType").get<std::string>().empty());
  // The instance survives its function's error.
  EXPECT_EQ(pool.instance_pids().size(), 1u);
}

TEST(FunctionPool, ReplacesAnInstanceThatCrashes) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  const pid_t before = pid_of(pool.invoke(event("/echo"), "Root=1-a"));

  const InvokeResult crash = pool.invoke(event("/crash"), "Root=1-b");
  EXPECT_EQ(crash.status, InvokeStatus::Crashed);
  EXPECT_EQ(json::parse(crash.payload).at("errorType"), "Runtime.ExitError");
  EXPECT_NE(json::parse(crash.payload).at("errorMessage").get<std::string>().find("exit status 3"), std::string::npos);
  EXPECT_FALSE(process_alive(before));

  const pid_t after = pid_of(pool.invoke(event("/echo"), "Root=1-c"));
  EXPECT_NE(after, before);
  EXPECT_EQ(pool.instance_pids(), std::vector<pid_t>{after});
}

TEST(FunctionPool, KillsAnInstanceThatPassesItsTimeout) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log, std::chrono::seconds(1)));
  const pid_t before = pid_of(pool.invoke(event("/echo"), "Root=1-a"));

  const auto started = std::chrono::steady_clock::now();
  const InvokeResult hang = pool.invoke(event("/hang"), "Root=1-b");
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(hang.status, InvokeStatus::TimedOut);
  EXPECT_EQ(json::parse(hang.payload).at("errorType"), "Sandbox.Timedout");
  EXPECT_GE(waited, std::chrono::seconds(1));
  EXPECT_LT(waited, std::chrono::seconds(3));

  const auto timeouts = log.lines_starting("RequestId: " + hang.request_id + " Error: Task timed out after 1.00 seconds");
  EXPECT_EQ(timeouts.size(), 1u);
  const auto reports = log.lines_starting("REPORT RequestId: " + hang.request_id);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(reports[0].find("Status: timeout"), std::string::npos);

  const pid_t after = pid_of(pool.invoke(event("/echo"), "Root=1-c"));
  EXPECT_NE(after, before);
  EXPECT_TRUE(testing::exits_within(before, 2000));
}

TEST(FunctionPool, StartsAnotherInstanceWhenAllAreBusy) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  std::vector<std::future<InvokeResult>> calls;
  for (int i = 0; i < 3; ++i) {
    calls.push_back(std::async(std::launch::async, [&pool] { return pool.invoke(event("/sleep/400"), "Root=1-a"); }));
  }
  std::set<pid_t> pids;
  for (auto& call : calls) pids.insert(pid_of(call.get()));
  EXPECT_EQ(pids.size(), 3u);
  EXPECT_EQ(pool.instance_pids().size(), 3u);
}

TEST(FunctionPool, NeverRunsMoreInstancesThanItsCap) {
  CapturedLog log;
  PoolOptions options = scripted_options(log);
  options.max_instances = 2;
  FunctionPool pool(std::move(options));
  std::vector<std::future<InvokeResult>> calls;
  for (int i = 0; i < 5; ++i) {
    calls.push_back(std::async(std::launch::async, [&pool] { return pool.invoke(event("/sleep/200"), "Root=1-a"); }));
  }
  std::set<pid_t> pids;
  for (auto& call : calls) pids.insert(pid_of(call.get()));
  EXPECT_EQ(pids.size(), 2u);
}

TEST(FunctionPool, AnswersWithTheInitErrorOfAFunctionThatCannotStart) {
  CapturedLog log;
  PoolOptions options = scripted_options(log);
  options.variables["SCRIPTED_INIT"] = "fail";
  FunctionPool pool(std::move(options));
  const InvokeResult result = pool.invoke(event("/echo"), "Root=1-a");
  EXPECT_EQ(result.status, InvokeStatus::FunctionError);
  EXPECT_EQ(json::parse(result.payload).at("errorMessage"), "init asked to fail");
  EXPECT_TRUE(pool.instance_pids().empty());
  // Each invocation tries a fresh init, as Lambda does.
  EXPECT_EQ(pool.invoke(event("/echo"), "Root=1-b").status, InvokeStatus::FunctionError);
}

TEST(FunctionPool, AnswersWithAnExitErrorWhenInitDiesSilently) {
  CapturedLog log;
  PoolOptions options = scripted_options(log);
  options.variables["SCRIPTED_INIT"] = "crash";
  FunctionPool pool(std::move(options));
  const InvokeResult result = pool.invoke(event("/echo"), "Root=1-a");
  EXPECT_EQ(result.status, InvokeStatus::FunctionError);
  EXPECT_EQ(json::parse(result.payload).at("errorType"), "Runtime.ExitError");
}

TEST(FunctionPool, StopEndsEveryInstanceAndRefusesNewInvocations) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log));
  std::vector<std::future<InvokeResult>> calls;
  for (int i = 0; i < 2; ++i) {
    calls.push_back(std::async(std::launch::async, [&pool] { return pool.invoke(event("/sleep/300"), "Root=1-a"); }));
  }
  for (auto& call : calls) call.get();
  const std::vector<pid_t> pids = pool.instance_pids();
  ASSERT_EQ(pids.size(), 2u);

  pool.stop();
  for (const pid_t pid : pids) EXPECT_FALSE(process_alive(pid)) << pid;
  EXPECT_TRUE(pool.instance_pids().empty());
  EXPECT_EQ(pool.invoke(event("/echo"), "Root=1-a").status, InvokeStatus::Stopping);
}

TEST(FunctionPool, StopAnswersAnInvocationInFlight) {
  CapturedLog log;
  FunctionPool pool(scripted_options(log, std::chrono::seconds(30)));
  auto call = std::async(std::launch::async, [&pool] { return pool.invoke(event("/hang"), "Root=1-a"); });
  while (pool.instance_pids().empty() || log.lines_starting("START").empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pool.stop();
  EXPECT_EQ(call.get().status, InvokeStatus::Stopping);
}

}  // namespace
}  // namespace birthday::local
