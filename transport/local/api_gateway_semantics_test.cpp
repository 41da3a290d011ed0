// The local gateway answers as API Gateway HTTP APIs do where SAM CLI's start-api does not
// (README, "The local gateway and API Gateway"): every method's body is read, so a GET with a
// body leaves nothing on a kept-alive connection; no instance within the integration timeout is
// 503; the path reaches the function percent-decoded; an event over Lambda's 6 MB is refused
// before any instance starts.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "transport/local/gateway_server.hpp"
#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

using nlohmann::json;

// The scripted function behind ANY /{proxy+}, one instance at most, a 2 s Timeout and a short
// integration timeout (queue_limit) so that "no instance in time" comes quickly.
class ApiGatewaySemantics : public ::testing::Test {
 protected:
  ApiGatewaySemantics()
      : pool(options()), server(RouteTable({{"ANY", "/{proxy+}", "Scripted"}}), {{"Scripted", &pool}},
                                [](const std::string&) {}) {
    port = server.bind("127.0.0.1", 0);
    serving = std::thread([this] { server.serve(); });
  }
  ~ApiGatewaySemantics() override {
    server.stop();
    serving.join();
    pool.stop();
  }

  static PoolOptions options() {
    PoolOptions options;
    options.function.name = "Scripted";
    options.function.timeout = std::chrono::seconds(2);
    options.bootstrap = SCRIPTED_FUNCTION_PATH;
    options.region = "us-east-1";
    options.max_instances = 1;
    options.queue_limit = std::chrono::milliseconds(300);
    options.log = [](const std::string&) {};
    return options;
  }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(10));
    return client;
  }

  FunctionPool pool;
  GatewayServer server;
  int port = 0;
  std::thread serving;
};

struct RawResponse {
  int status = 0;
  std::string body;
};

// Sends `requests` as bytes on one connection and reads the answers until the server closes it.
std::vector<RawResponse> exchange_on_one_connection(int port, const std::string& requests) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(::send(fd, requests.data(), requests.size(), MSG_NOSIGNAL), static_cast<ssize_t>(requests.size()));
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string received;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) received.append(buffer, static_cast<size_t>(got));
  ::close(fd);

  std::vector<RawResponse> responses;
  for (std::size_t at = 0; at < received.size();) {
    const std::size_t head_end = received.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    const std::string head = received.substr(at, head_end - at);
    RawResponse response;
    response.status = std::stoi(head.substr(head.find(' ') + 1, 3));
    std::size_t length = 0;
    if (const std::size_t field = head.find("Content-Length: "); field != std::string::npos) {
      length = std::stoul(head.substr(field + 16));
    }
    response.body = received.substr(head_end + 4, length);
    responses.push_back(response);
    at = head_end + 4 + length;
  }
  return responses;
}

TEST_F(ApiGatewaySemantics, AGetWithABodyIsReadWholeAndTheNextRequestOnTheConnectionIsIntact) {
  const std::vector<RawResponse> responses = exchange_on_one_connection(
      port,
      "GET /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world"
      "GET /echo/second HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0].status, 200);
  const json first = json::parse(responses[0].body).at("event");
  EXPECT_EQ(first.at("requestContext").at("http").at("method"), "GET");
  EXPECT_EQ(first.at("body"), "hello world");
  EXPECT_FALSE(first.at("headers").contains("x-local-gateway-original-method"));
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_EQ(json::parse(responses[1].body).at("event").at("rawPath"), "/echo/second");
}

TEST_F(ApiGatewaySemantics, NoInstanceFreeWithinTheIntegrationTimeoutIs503) {
  auto hanging = std::async(std::launch::async, [this] { return client().Get("/hang"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the one instance is busy
  const auto started = std::chrono::steady_clock::now();
  const auto waiting = client().Get("/echo");
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->status, 503);
  EXPECT_EQ(waiting->body, R"({"message":"Service Unavailable"})");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
  const auto timed_out = hanging.get();  // the function's own Timeout: an invocation error
  ASSERT_TRUE(timed_out);
  EXPECT_EQ(timed_out->status, 500);
  EXPECT_EQ(timed_out->body, R"({"message":"Internal Server Error"})");
}

TEST_F(ApiGatewaySemantics, ThePathReachesTheFunctionPercentDecodedTheQueryAsSent) {
  const auto result = client().Get("/echo/al%20ice/%C3%A9?q=a%20b");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  const json event = json::parse(result->body).at("event");
  EXPECT_EQ(event.at("rawPath"), "/echo/al ice/\xC3\xA9");
  EXPECT_EQ(event.at("requestContext").at("http").at("path"), "/echo/al ice/\xC3\xA9");
  EXPECT_EQ(event.at("rawQueryString"), "q=a%20b");
  EXPECT_EQ(event.at("pathParameters").at("proxy"), "echo/al ice/\xC3\xA9");
}

// 5 MB of binary is under API Gateway's 10 MB, but base64 in the event makes it 6.7 MB: over
// what Lambda accepts, so no instance ever sees it.
TEST_F(ApiGatewaySemantics, AnEventOverLambdas6MbIs413BeforeAnyInstanceStarts) {
  const auto result = client().Put("/echo", std::string(5 * 1000 * 1000, '\xff'), "application/octet-stream");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(result->body, R"({"message":"Request Entity Too Large"})");
  EXPECT_TRUE(pool.instance_pids().empty());
  EXPECT_EQ(client().Put("/echo", std::string(1000, '\xff'), "application/octet-stream")->status, 200);
}

}  // namespace
}  // namespace birthday::local
