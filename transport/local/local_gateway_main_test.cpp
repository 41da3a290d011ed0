// The local-gateway program itself: one-shot invoke, refusing a busy port, and stopping
// every child on SIGTERM, SIGINT or its own death.
#include <signal.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

using nlohmann::json;
using testing::GatewayProcess;
using testing::process_alive;
using testing::run_program;

constexpr const char* scripted_template = R"(
Globals:
  Function:
    Timeout: 2
    Environment:
      Variables:
        DYNAMODB_TABLE: !Ref Table
Resources:
  Scripted:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Any: {Type: HttpApi, Properties: {Path: "/{proxy+}", Method: ANY}}
)";

class LocalGatewayMain : public ::testing::Test {
 protected:
  testing::TempDir dir;
  std::string template_file = dir.write("template.yaml", scripted_template);
  std::string env_file = dir.write("env.json", R"({"Scripted": {"DYNAMODB_TABLE": "Birthdays"}})");

  std::vector<std::string> arguments(std::vector<std::string> more = {}) const {
    std::vector<std::string> all{"--template", template_file, "--env-vars", env_file,
                                 std::string("--bootstrap=Scripted=") + SCRIPTED_FUNCTION_PATH};
    all.insert(all.end(), more.begin(), more.end());
    return all;
  }
};

TEST_F(LocalGatewayMain, InvokePrintsOnlyTheResultOnStdout) {
  const std::string event = dir.write("event.json", R"({"rawPath":"/echo","version":"2.0"})");
  const auto run = run_program(LOCAL_GATEWAY_PATH, arguments({"--invoke", "Scripted", "--event", event}), dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json result = json::parse(run.out);  // nothing but the result
  EXPECT_EQ(result.at("statusCode"), 200);
  const json echoed = json::parse(result.at("body").get<std::string>());
  EXPECT_EQ(echoed.at("event").at("rawPath"), "/echo");
  EXPECT_EQ(echoed.at("environment").at("DYNAMODB_TABLE"), "Birthdays");
  EXPECT_NE(run.err.find("START RequestId: "), std::string::npos);
  EXPECT_NE(run.err.find("REPORT RequestId: "), std::string::npos);
  EXPECT_NE(run.err.find("Init Duration: "), std::string::npos);
}

TEST_F(LocalGatewayMain, InvokeOfAFailingFunctionPrintsTheErrorAndExitsNonZero) {
  const std::string event = dir.write("event.json", R"({"rawPath":"/error"})");
  const auto run = run_program(LOCAL_GATEWAY_PATH, arguments({"--invoke", "Scripted", "--event", event}), dir.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(json::parse(run.out).at("errorMessage"), "asked to fail");
}

TEST_F(LocalGatewayMain, InvokeRefusesAnEventThatIsNotJsonAndAnUnknownFunction) {
  const std::string bad_event = dir.write("event.json", "{not json");
  const auto bad = run_program(LOCAL_GATEWAY_PATH, arguments({"--invoke", "Scripted", "--event", bad_event}), dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not JSON"), std::string::npos) << bad.err;

  const std::string event = dir.write("good.json", "{}");
  const auto unknown = run_program(LOCAL_GATEWAY_PATH, arguments({"--invoke", "Nobody", "--event", event}), dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("Nobody"), std::string::npos) << unknown.err;
}

TEST_F(LocalGatewayMain, RefusesAPortThatIsAlreadyTaken) {
  const GatewayProcess first(LOCAL_GATEWAY_PATH, arguments(), dir.path());
  const auto second =
      run_program(LOCAL_GATEWAY_PATH, arguments({"--port=" + std::to_string(first.port())}), dir.path());
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos)
      << second.err;
}

// Starts instances (two, by overlapping requests) and returns their pids.
std::vector<pid_t> warm_up(const GatewayProcess& gateway) {
  std::thread slow([&] { httplib::Client("127.0.0.1", gateway.port()).Get("/sleep/300"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(httplib::Client("127.0.0.1", gateway.port()).Get("/echo")->status, 200);
  slow.join();
  return gateway.children();
}

TEST_F(LocalGatewayMain, StopsEveryInstanceOnSigterm) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, arguments(), dir.path());
  const std::vector<pid_t> children = warm_up(gateway);
  ASSERT_EQ(children.size(), 2u) << gateway.log();
  EXPECT_EQ(gateway.signal_and_wait(SIGTERM), 0) << gateway.log();
  for (const pid_t child : children) EXPECT_FALSE(process_alive(child)) << child;
}

TEST_F(LocalGatewayMain, StopsEveryInstanceOnSigint) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, arguments(), dir.path());
  const std::vector<pid_t> children = warm_up(gateway);
  ASSERT_EQ(children.size(), 2u) << gateway.log();
  EXPECT_EQ(gateway.signal_and_wait(SIGINT), 0) << gateway.log();
  for (const pid_t child : children) EXPECT_FALSE(process_alive(child)) << child;
}

TEST_F(LocalGatewayMain, ItsInstancesDieWithItWhenItIsKilled) {
  GatewayProcess gateway(LOCAL_GATEWAY_PATH, arguments(), dir.path());
  const std::vector<pid_t> children = warm_up(gateway);
  ASSERT_EQ(children.size(), 2u) << gateway.log();
  EXPECT_EQ(gateway.signal_and_wait(SIGKILL), -SIGKILL);
  for (const pid_t child : children) EXPECT_TRUE(testing::exits_within(child, 5000)) << child;
}

}  // namespace
}  // namespace birthday::local
