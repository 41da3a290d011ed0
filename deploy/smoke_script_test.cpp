// scripts/smoke.sh against a small stand-in for a deployed API on 127.0.0.1: it must pass when the
// API keeps the contract and fail, saying what differed, when it does not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "deploy/command.hpp"
#include "deploy/terraform_config.hpp"

namespace deploy_test {
namespace {

using ::testing::HasSubstr;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string today_month_day() {
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  const auto two_digits = [](unsigned n) {
    return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
  };
  std::string text = two_digits(static_cast<unsigned>(today.month()));
  text += '-';
  text += two_digits(static_cast<unsigned>(today.day()));
  return text;
}

// Stores dates of birth per lower-cased user and greets those born on today's month and day.
class FakeApi {
 public:
  explicit FakeApi(std::string greeting_suffix) : greeting_suffix_(std::move(greeting_suffix)) {
    server_.Put(R"(/hello/([A-Za-z]+))", [this](const httplib::Request& request, httplib::Response& response) {
      const std::string marker = "\"dateOfBirth\":\"";
      const auto at = request.body.find(marker);
      if (at == std::string::npos) {
        response.status = 400;
        return;
      }
      const std::lock_guard lock(mutex_);
      birthdays_[lower(request.matches[1])] = request.body.substr(at + marker.size(), 10);
      response.status = 204;
    });
    server_.Get(R"(/hello/([A-Za-z]+))", [this](const httplib::Request& request, httplib::Response& response) {
      const std::lock_guard lock(mutex_);
      const auto found = birthdays_.find(lower(request.matches[1]));
      if (found == birthdays_.end()) {
        response.status = 404;
        response.set_content(R"({"message":"username not found","requestId":"r"})", "application/json");
      } else if (found->second.substr(5) == today_month_day()) {
        const std::string greeting = "Hello, " + std::string(request.matches[1]) + "! " + greeting_suffix_;
        response.set_content("{\"message\":\"" + greeting + "\"}", "application/json");
      } else {
        response.set_content(R"({"message":"not today"})", "application/json");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only stops a running server; wait (bounded) until it runs.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  ~FakeApi() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string greeting_suffix_;
  httplib::Server server_;
  std::mutex mutex_;
  std::map<std::string, std::string> birthdays_;
  int port_ = 0;
  std::thread thread_;
};

CommandResult smoke_sh(const std::string& url) {
  return run_command("bash " + shell_quote((project_source_dir() / "scripts" / "smoke.sh").string()) + " " +
                     shell_quote(url));
}

TEST(SmokeScript, PassesAgainstAnApiThatKeepsTheContract) {
  const FakeApi api("Happy birthday!");
  const CommandResult result = smoke_sh(api.url() + "/");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("smoke: all checks passed"));
}

TEST(SmokeScript, FailsAndShowsTheDifferenceWhenTheGreetingIsWrong) {
  const FakeApi api("Happy Birthday!");
  const CommandResult result = smoke_sh(api.url());
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("FAIL GET /hello/Smoke"));
  EXPECT_THAT(result.output, HasSubstr("Happy Birthday!"));
  EXPECT_THAT(result.output, HasSubstr("smoke: 1 check(s) failed"));
}

// A port on 127.0.0.1 that nothing listens on: bound to learn a free number, then closed.
int closed_port() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), length);
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

TEST(SmokeScript, FailsWhenNothingAnswers) {
  const CommandResult result = smoke_sh("http://127.0.0.1:" + std::to_string(closed_port()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("no answer"));
}

}  // namespace
}  // namespace deploy_test
