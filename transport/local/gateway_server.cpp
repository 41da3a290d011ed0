#include "transport/local/gateway_server.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <variant>

#include <httplib.h>
#include <sys/socket.h>

#include "service/ascii.hpp"
#include "transport/local/body_reading_server.hpp"
#include "transport/local/http_api_event.hpp"
#include "transport/local/http_api_result.hpp"
#include "transport/local/ids.hpp"
#include "transport/local/runtime_api_server.hpp"

namespace birthday::local {
namespace {

// API Gateway's limit on a request is 10 MB; Lambda's on the event it receives is 6 MB.
constexpr std::size_t max_request_bytes = 10 * 1024 * 1024;
constexpr std::size_t max_event_bytes = 6 * 1024 * 1024;

// cpp-httplib adds the peer's and its own address as pseudo headers; they were never sent.
bool is_pseudo_header(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT" ||
         name == BodyReadingServer::original_method_header;
}

// Headers a function may not set on the connection the gateway owns.
bool is_connection_header(const std::string& name) {
  const std::string key = ascii::lowercase(name);
  return key == "content-length" || key == "connection" || key == "transfer-encoding" || key == "keep-alive";
}

// HTTP/1.1 (RFC 9112, 6.3): a request with neither Content-Length nor chunked coding has no
// body. cpp-httplib would instead wait for the client to close the connection.
bool has_body(const httplib::Request& req) {
  return req.has_header("Content-Length") ||
         ascii::lowercase(req.get_header_value("Transfer-Encoding")).find("chunked") != std::string::npos;
}

// What API Gateway answers for a request cpp-httplib could not read (its status is set, its body empty).
HttpReply unreadable_request_reply(int status) {
  if (status == 413) return request_too_large();
  if (status >= 500) return internal_server_error();
  return bad_request();
}

void write_reply(HttpReply reply, const std::string& request_id, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) {
    if (!is_connection_header(name)) res.set_header(name, value);
  }
  res.set_header("apigw-requestid", request_id);
  res.body = std::move(reply.body);
}

IncomingRequest incoming_from(const httplib::Request& req, std::string body) {
  IncomingRequest incoming;
  incoming.method = BodyReadingServer::method_of(req);
  incoming.target = req.target;
  incoming.protocol = req.version;
  for (const auto& [name, value] : req.headers) {
    if (!is_pseudo_header(name)) incoming.headers.emplace_back(name, value);
  }
  incoming.body = std::move(body);
  incoming.source_ip = req.remote_addr;
  return incoming;
}

HttpReply reply_for(const InvokeResult& result, const LogSink& log) {
  switch (result.status) {
    case InvokeStatus::Success: {
      auto reply = reply_from_result(result.payload);
      if (const auto* malformed = std::get_if<MalformedResult>(&reply)) {
        log("local-gateway: RequestId: " + result.request_id + " malformed Lambda proxy response: " + malformed->reason);
        return internal_server_error();  // HTTP APIs; REST APIs would answer 502
      }
      return std::get<HttpReply>(std::move(reply));
    }
    // A function that passes its own Timeout is an invocation error to API Gateway, like a crash.
    case InvokeStatus::FunctionError:
    case InvokeStatus::Crashed:
    case InvokeStatus::TimedOut:
      return internal_server_error();
    case InvokeStatus::Unavailable:
    case InvokeStatus::Stopping:
      return service_unavailable();
  }
  return internal_server_error();
}

}  // namespace

struct GatewayServer::State {
  RouteTable routes;
  std::map<std::string, FunctionPool*> pools;
  LogSink log;
  BodyReadingServer server;
  int port = 0;
  int listening_socket = -1;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> serving{false};

  State(RouteTable route_table, std::map<std::string, FunctionPool*> function_pools, LogSink sink)
      : routes(std::move(route_table)), pools(std::move(function_pools)), log(std::move(sink)) {}

  void handle(const httplib::Request& req, std::string body, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    const auto now = std::chrono::system_clock::now();
    const RequestContext context{new_api_request_id(), now, new_trace_root(now), port};
    const auto [raw_path, raw_query] = split_target(req.target);

    HttpReply reply;
    std::string route_key = "-";
    try {
      if (const std::optional<RouteMatch> route = routes.match(BodyReadingServer::method_of(req), raw_path)) {
        route_key = route->route_key;
        std::string event = http_api_event(incoming_from(req, std::move(body)), *route, context);
        if (event.size() > max_event_bytes) {
          reply = request_too_large();
        } else {
          reply = reply_for(pools.at(route->function)->invoke(std::move(event), context.trace_root), log);
        }
      } else {
        reply = not_found();
      }
    } catch (const std::exception& error) {
      log("local-gateway: RequestId: " + context.request_id + " gateway error: " + error.what());
      reply = internal_server_error();
    }

    write_reply(std::move(reply), context.request_id, res);

    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.2f ms",
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    log("local-gateway: " + context.request_id + " " + BodyReadingServer::method_of(req) + " " + route_key + " -> " +
        std::to_string(res.status) +
        " in " + elapsed);
  }
};

GatewayServer::GatewayServer(RouteTable routes, std::map<std::string, FunctionPool*> pools, LogSink log)
    : state_(std::make_unique<State>(std::move(routes), std::move(pools), std::move(log))) {
  for (const Route& route : state_->routes.routes()) {
    if (!state_->pools.contains(route.function)) throw std::invalid_argument("no function pool for " + route.function);
  }
  httplib::Server& server = state_->server;
  // Enough threads that clients queue at the functions' instances, not at the door.
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_tcp_nodelay(true);
  // cpp-httplib closes a kept-alive connection after 5 requests by default; API Gateway does not.
  server.set_keep_alive_max_count(1000);
  // cpp-httplib's default also sets SO_REUSEPORT, which would let a second gateway share the
  // port silently; a busy port must be refused.
  server.set_socket_options([state = state_.get()](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    state->listening_socket = sock;
  });
  server.set_payload_max_length(max_request_bytes);
  const auto handler = [state = state_.get()](const httplib::Request& req, httplib::Response& res) {
    state->handle(req, {}, res);
  };
  // Methods with a body read it here rather than in cpp-httplib, which would refuse a
  // form-encoded body (what `curl -d` sends) over 8 KiB and wait on a PUT that has none.
  const auto handler_reading_body = [state = state_.get()](const httplib::Request& req, httplib::Response& res,
                                                           const httplib::ContentReader& read_body) {
    std::string body;
    const auto append = [&body](const char* data, std::size_t size) {
      body.append(data, size);
      return true;
    };
    if (has_body(req) && !read_body(append)) return;  // cpp-httplib set 400 or 413; the error handler answers
    state->handle(req, std::move(body), res);
  };
  server.Get(".*", handler);
  server.Options(".*", handler);
  server.Post(".*", handler_reading_body);
  server.Put(".*", handler_reading_body);
  server.Patch(".*", handler_reading_body);
  server.Delete(".*", handler_reading_body);
  server.set_error_handler([state = state_.get()](const httplib::Request& req, httplib::Response& res) {
    if (res.has_header("apigw-requestid")) return;  // an answer of ours
    const std::string request_id = new_api_request_id();
    write_reply(unreadable_request_reply(res.status), request_id, res);
    state->log("local-gateway: " + request_id + " " + req.method + " - -> " + std::to_string(res.status) +
               " (request not readable)");
  });
}

GatewayServer::~GatewayServer() { stop(); }

int GatewayServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? state_->server.bind_to_any_port(host) : (state_->server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                             " (is another local gateway or program using it?)");
  }
  // Debian's cpp-httplib is a prebuilt library that listens with a backlog of 5: a burst of
  // clients overflows it and connections are lost. Listening again only widens the queue.
  ::listen(state_->listening_socket, SOMAXCONN);
  state_->port = bound;
  return bound;
}

bool GatewayServer::serve() {
  state_->serving = true;
  const bool served = state_->stop_requested || state_->server.listen_after_bind();
  state_->serving = false;
  return served;
}

void GatewayServer::stop() {
  state_->stop_requested = true;
  // httplib's stop() does nothing before listening has begun: wait for a serve() under way.
  while (state_->serving && !state_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  state_->server.stop();
}

}  // namespace birthday::local
