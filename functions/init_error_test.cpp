// A configuration that cannot work is one init error, posted to /runtime/init/error with a
// message naming the variable or file, before the first invocation: not a 500 on every request.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "transport/local/child_process.hpp"
#include "transport/runtime/fake_runtime_api.hpp"

namespace birthday {
namespace {

using runtime::test_support::FakeRuntimeApi;

struct BadConfiguration {
  const char* name;
  local::Environment changes;  // an empty value removes the variable
  std::string message;         // the init error's errorMessage
};

void PrintTo(const BadConfiguration& bad, std::ostream* out) { *out << bad.name; }

// What Lambda gives a function, for a table in eu-west-1.
local::Environment lambda_environment(const std::string& runtime_api) {
  return {{"AWS_LAMBDA_RUNTIME_API", runtime_api}, {"DYNAMODB_TABLE", "birthdays"},
          {"AWS_REGION", "eu-west-1"},              {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
          {"AWS_SECRET_ACCESS_KEY", "secret"},      {"LAMBDA_TASK_ROOT", "/nonexistent/task"}};
}

struct Exit {
  int status = -1;
  bool in_time = false;
};

Exit run_until_exit(const std::string& bootstrap, const local::Environment& environment) {
  const int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t pid = local::start_child({.program = bootstrap,
                                        .environment = environment,
                                        .working_directory = "/",
                                        .stdout_fd = quiet,
                                        .stderr_fd = quiet,
                                        .arguments = {}});
  ::close(quiet);
  Exit exit;
  const int pidfd = local::open_pidfd(pid);
  exit.in_time = local::wait_for_exit_readiness(pidfd, std::chrono::seconds(10));
  ::close(pidfd);
  if (!exit.in_time) ::kill(pid, SIGKILL);
  exit.status = local::reap_child(pid);
  return exit;
}

class BootstrapInitError : public ::testing::TestWithParam<std::tuple<const char*, BadConfiguration>> {};

TEST_P(BootstrapInitError, IsPostedOnceWithTheMessageAndTheProcessExits) {
  const auto& [bootstrap, bad] = GetParam();
  FakeRuntimeApi api({{.request_id = "never-served"}});
  local::Environment environment = lambda_environment(api.endpoint());
  for (const auto& [name, value] : bad.changes) {
    if (value.empty()) {
      environment.erase(name);
    } else {
      environment[name] = value;
    }
  }

  const Exit exit = run_until_exit(bootstrap, environment);

  ASSERT_TRUE(exit.in_time) << "the bootstrap was still running after 10 s";
  EXPECT_TRUE(WIFEXITED(exit.status) && WEXITSTATUS(exit.status) != 0) << local::describe_wait_status(exit.status);
  EXPECT_EQ(api.next_calls(), 0);
  const auto posts = api.posts();
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].path, "/2018-06-01/runtime/init/error");
  const auto report = nlohmann::json::parse(posts[0].body);
  EXPECT_EQ(report.at("errorType"), "std::runtime_error");
  EXPECT_EQ(report.at("errorMessage").get<std::string>().substr(0, bad.message.size()), bad.message)
      << report.at("errorMessage");
}

INSTANTIATE_TEST_SUITE_P(
    BothFunctions, BootstrapInitError,
    ::testing::Combine(
        ::testing::Values(GET_BIRTHDAY_BOOTSTRAP, PUT_BIRTHDAY_BOOTSTRAP),
        ::testing::Values(
            BadConfiguration{"MissingCaFile",
                             {{"SSL_CERT_FILE", "/nonexistent/certs/ca.pem"}},
                             "SSL_CERT_FILE /nonexistent/certs/ca.pem does not exist"},
            BadConfiguration{"CaDirectoryForAFile", {{"SSL_CERT_FILE", "/"}}, "SSL_CERT_FILE / is a directory"},
            BadConfiguration{"MalformedEndpoint",
                             {{"AWS_ENDPOINT_URL_DYNAMODB", "127.0.0.1 port 8000"}},
                             "AWS_ENDPOINT_URL_DYNAMODB must be an http(s) URL"},
            BadConfiguration{"NoRegionNorEndpoint", {{"AWS_REGION", ""}}, "AWS_REGION is not set"})),
    [](const auto& info) {
      const std::string bootstrap = std::get<0>(info.param);
      return std::string(bootstrap.find("get-birthday") != std::string::npos ? "Get" : "Put") +
             std::get<1>(info.param).name;
    });

}  // namespace
}  // namespace birthday
