// The repository opens its connection when it is made, and the first request then uses it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/user_key.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

// An endpoint that notes the method and client port of every request: GET / is DynamoDB's health
// answer, POST / an empty GetItem result.
class RecordingEndpoint {
 public:
  struct Seen {
    std::string method;
    int client_port;
  };

  RecordingEndpoint() {
    server_.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      note(request);
      response.set_content("healthy: dynamodb.us-east-1.amazonaws.com ", "text/plain");
    });
    server_.Post("/", [this](const httplib::Request& request, httplib::Response& response) {
      note(request);
      response.set_content("{}", "application/x-amz-json-1.0");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~RecordingEndpoint() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Seen> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  void note(const httplib::Request& request) {
    const std::lock_guard lock(mutex_);
    seen_.push_back({request.method, request.remote_port});
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
};

Config config_for(const std::string& endpoint, std::chrono::milliseconds connect_within) {
  Config config;
  config.table = "Birthdays";
  config.region = "us-east-1";
  config.endpoint = endpoint;
  config.credentials = {"AKIDEXAMPLE", "secret", ""};
  config.connect_at_start_within = connect_within;
  return config;
}

TEST(ConnectAtStart, TheFirstRequestUsesTheConnectionOpenedAtStart) {
  const RecordingEndpoint endpoint;
  const auto repository = make_dynamodb_repository(config_for(endpoint.url(), 1s));
  ASSERT_EQ(endpoint.seen().size(), 1u);
  EXPECT_EQ(endpoint.seen()[0].method, "GET");

  const auto loaded = repository->load(user_key_for("alice"), steady_clock::now() + 2s);
  EXPECT_EQ(loaded.error().kind, ErrorKind::NotFound);
  const auto seen = endpoint.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].method, "POST");
  EXPECT_EQ(seen[1].client_port, seen[0].client_port) << "a second connection was opened";
}

TEST(ConnectAtStart, IsLeftOutWhenNotAskedFor) {
  const RecordingEndpoint endpoint;
  const auto repository = make_dynamodb_repository(config_for(endpoint.url(), 0ms));
  EXPECT_TRUE(endpoint.seen().empty());
}

TEST(ConnectAtStart, AnUnreachableStoreDoesNotFailTheStart) {
  const std::string nobody = "http://127.0.0.1:" + std::to_string(testing::free_local_port());
  std::shared_ptr<BirthdayRepository> repository;
  ASSERT_NO_THROW(repository = make_dynamodb_repository(config_for(nobody, 1s)));
  const auto loaded = repository->load(user_key_for("alice"), steady_clock::now() + 300ms);
  EXPECT_EQ(loaded.error().kind, ErrorKind::Unavailable);
}

TEST(ConnectAtStart, AStoreThatNeverAnswersHoldsTheStartNoLongerThanAsked) {
  // Listening but never accepting: the TCP handshake completes, no answer ever comes.
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string silent = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  const auto started = steady_clock::now();
  const auto repository = make_dynamodb_repository(config_for(silent, 300ms));
  const auto waited = steady_clock::now() - started;
  close(listener);
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 3s);
}

}  // namespace
}  // namespace birthday::dynamodb
