// scripts/check-deployment.sh in 2 s runs: against the real local stack (dynalite + the local
// gateway + the bootstraps) it passes; against endpoints that answer 500, answer slowly or do
// not answer at all it fails and says why; the plot is a PNG every time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/end_to_end/local_stack.hpp"
#include "transport/local/test_support.hpp"

namespace birthday::bench::check_deployment {
namespace {

using end_to_end::LocalStack;
using local::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

const std::string kProjectDir = PROJECT_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every request answered with `status` after `delay`, on 127.0.0.1 and a free port.
class CannedServer {
 public:
  CannedServer(int status, std::chrono::milliseconds delay) {
    const auto answer = [status, delay](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(delay);
      response.status = status;
      response.set_content(R"({"message":"canned"})", "application/json");
    };
    server_.Get(".*", answer);
    server_.Put(".*", answer);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only stops a running server; wait (bounded) until it runs.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~CannedServer() {
    server_.stop();
    thread_.join();
  }
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

struct CheckRun {
  local::testing::ProgramRun run;
  std::string summary;
  std::filesystem::path png;
};

// One short run of the script; its results folder is the only one under a fresh --out-dir.
CheckRun check_deployment(const std::string& url, const std::vector<std::string>& options = {}) {
  const TempDir out;
  std::vector<std::string> arguments = {kProjectDir + "/scripts/check-deployment.sh", "--duration=2", "--rate=10",
                                        "--timeout=2", "--out-dir=" + out.path().string()};
  arguments.insert(arguments.end(), options.begin(), options.end());
  arguments.push_back(url);
  CheckRun check{local::testing::run_program("/bin/bash", arguments, kProjectDir), "", ""};

  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(out.path())) folders.push_back(entry.path());
  if (folders.size() != 1) {
    ADD_FAILURE() << "expected one results folder, found " << folders.size() << "\n" << check.run.err;
    return check;
  }
  check.summary = read_file(folders.front() / "summary.txt");
  const std::string png = read_file(folders.front() / "latency.png");
  check.png = png.starts_with("\x89PNG\r\n\x1a\n") ? folders.front() / "latency.png" : "";
  return check;
}

TEST(CheckDeployment, PassesAgainstTheLocalGateway) {
  const LocalStack stack(
      {LOCAL_GATEWAY_PATH, kProjectDir + "/template.yaml", std::string(PROJECT_BINARY_DIR) + "/functions"});
  const CheckRun check = check_deployment(stack.base_url());
  EXPECT_EQ(check.run.exit_code, 0) << check.run.out << check.run.err;
  EXPECT_THAT(check.run.out, HasSubstr("verdict: PASS"));
  EXPECT_THAT(check.summary, HasSubstr("verdict: PASS"));
  EXPECT_THAT(check.summary, MatchesRegex("(.|\n)*\n  200 +[1-9][0-9]*\n(.|\n)*"));  // the GETs
  EXPECT_THAT(check.summary, MatchesRegex("(.|\n)*\n  204 +[1-9][0-9]*\n(.|\n)*"));  // the PUTs
  EXPECT_THAT(check.summary, HasSubstr("no answer 0"));
  EXPECT_THAT(check.summary, HasSubstr("success ratio 100.00%"));
  EXPECT_THAT(check.summary,
              MatchesRegex("(.|\n)*latency \\(ms\\): p50 [0-9.]+  p90 [0-9.]+  p99 [0-9.]+  max [0-9.]+\n(.|\n)*"));
  EXPECT_FALSE(check.png.empty()) << "latency.png is missing or not a PNG";
}

TEST(CheckDeployment, FailsAgainstAnEndpointAnswering500) {
  const CannedServer server(500, std::chrono::milliseconds(0));
  const CheckRun check = check_deployment(server.url());
  EXPECT_EQ(check.run.exit_code, 1) << check.run.err;
  EXPECT_THAT(check.summary, MatchesRegex("(.|\n)*\n  500 +[1-9][0-9]*\n(.|\n)*"));
  EXPECT_THAT(check.summary, HasSubstr("answered 2xx, success ratio 0.00%"));
  EXPECT_THAT(check.summary,
              MatchesRegex("(.|\n)*verdict: FAIL [0-9]+ of [0-9]+ requests not 2xx \\(500: [0-9]+\\)\n"));
  EXPECT_FALSE(check.png.empty()) << "latency.png is missing or not a PNG";
}

TEST(CheckDeployment, FailsWhenP99PassesTheLimit) {
  const CannedServer server(200, std::chrono::milliseconds(60));
  const CheckRun check = check_deployment(server.url(), {"--max-p99-ms=20"});
  EXPECT_EQ(check.run.exit_code, 1) << check.run.err;
  EXPECT_THAT(check.summary, HasSubstr("success ratio 100.00%"));
  EXPECT_THAT(check.summary, MatchesRegex("(.|\n)*verdict: FAIL p99 [0-9.]+ ms over the 20 ms limit\n"));
}

TEST(CheckDeployment, CountsRequestsThatGetNoAnswer) {
  // hey leaves failed connections out of its CSV; the script must still count them.
  const CheckRun check = check_deployment("http://127.0.0.1:" + std::to_string(local::testing::free_port()));
  EXPECT_EQ(check.run.exit_code, 1) << check.run.err;
  EXPECT_THAT(check.summary, MatchesRegex("(.|\n)*\n  no answer +[1-9][0-9]*\n(.|\n)*"));
  EXPECT_THAT(check.summary, HasSubstr("latency (ms): p50 -"));
  EXPECT_THAT(check.summary, HasSubstr("verdict: FAIL"));
  EXPECT_FALSE(check.png.empty()) << "latency.png is missing or not a PNG";
}

TEST(CheckDeployment, RejectsABadOptionBeforeSendingAnything) {
  const TempDir out;
  const auto run = local::testing::run_program(
      "/bin/bash", {kProjectDir + "/scripts/check-deployment.sh", "--rate=fast", "--out-dir=" + out.path().string()},
      kProjectDir);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--rate must be a positive number"));
  EXPECT_TRUE(std::filesystem::is_empty(out.path()));
}

}  // namespace
}  // namespace birthday::bench::check_deployment
