#include "service/dynamodb/testing/scripted_server.hpp"

#include <chrono>
#include <stdexcept>

namespace birthday::dynamodb::testing {

std::string ScriptedServer::Received::header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? std::string{} : found->second;
}

ScriptedServer::ScriptedServer(std::vector<Reply> script) : script_(std::move(script)) {
  if (script_.empty()) throw std::invalid_argument("ScriptedServer needs at least one reply");
  server_.Post("/", [this](const httplib::Request& request, httplib::Response& response) { answer(request, response); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ < 0) throw std::runtime_error("ScriptedServer cannot bind 127.0.0.1");
  // Connections made before the accept loop runs wait in the listen backlog.
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() before the accept loop runs would be lost and the destructor would wait forever.
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

ScriptedServer::~ScriptedServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  released_.notify_all();
  server_.stop();
  thread_.join();
}

std::vector<ScriptedServer::Received> ScriptedServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

ScriptedServer::Reply ScriptedServer::error(int status, const std::string& type) {
  return Reply{status, R"({"__type":"com.amazonaws.dynamodb.v20120810#)" + type + R"(","message":"scripted )" + type + "\"}"};
}

ScriptedServer::Reply ScriptedServer::no_answer() {
  Reply reply;
  reply.hang = true;
  return reply;
}

void ScriptedServer::answer(const httplib::Request& request, httplib::Response& response) {
  std::unique_lock lock(mutex_);
  const Reply reply = script_[std::min(received_.size(), script_.size() - 1)];
  received_.push_back({request.headers, request.body, request.remote_port});
  if (reply.hang) {
    released_.wait(lock, [this] { return stopping_; });
    return;
  }
  response.status = reply.status;
  for (const Header& header : reply.headers) response.set_header(header.name, header.value);
  response.set_content(reply.body, "application/x-amz-json-1.0");
}

}  // namespace birthday::dynamodb::testing
