#pragma once

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/dynamodb/http_header.hpp"

namespace birthday::dynamodb::testing {

// A stand-in DynamoDB endpoint on 127.0.0.1 and a free port that answers each POST / with the
// next reply of a script and records what it was sent. For error-classification tests.
class ScriptedServer {
 public:
  struct Reply {
    Reply(int status = 200, std::string body = "{}", std::vector<Header> headers = {})
        : status(status), body(std::move(body)), headers(std::move(headers)) {}

    int status;
    std::string body;
    std::vector<Header> headers;
    bool hang = false;  // never answer (until the server is destroyed)
  };

  struct Received {
    httplib::Headers headers;  // case-insensitive names
    std::string body;
    int remote_port = -1;  // the client's side of the connection: equal ports, reused connection
    std::string header(const std::string& name) const;
  };

  // Once the script is used up, its last reply repeats.
  explicit ScriptedServer(std::vector<Reply> script);
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::vector<Received> received() const;

  // A DynamoDB error reply: {"__type":"com.amazonaws.dynamodb.v20120810#<type>","message":...}.
  static Reply error(int status, const std::string& type);
  // Accepts the request and never answers.
  static Reply no_answer();

 private:
  void answer(const httplib::Request& request, httplib::Response& response);

  std::vector<Reply> script_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  bool stopping_ = false;
  std::vector<Received> received_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
};

}  // namespace birthday::dynamodb::testing
