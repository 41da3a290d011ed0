#pragma once

#include <map>
#include <memory>
#include <string>

#include "transport/local/function_pool.hpp"
#include "transport/local/route_table.hpp"

namespace birthday::local {

// The HTTP API in front of the functions, as API Gateway runs it: each request is matched to
// a route (no route: 404 {"message":"Not Found"}), turned into a payload 2.0 event, invoked on
// the route's function, and the result turned back into HTTP. As HTTP APIs do, a function
// error, crash, timeout (its own Timeout) or malformed result answers 500 {"message":"Internal
// Server Error"}; no instance free within the integration timeout (30 s) answers 503
// {"message":"Service Unavailable"}. Every answer carries an apigw-requestid header.
class GatewayServer {
 public:
  // `pools` holds a pool for every function the routes name; they must outlive the server.
  GatewayServer(RouteTable routes, std::map<std::string, FunctionPool*> pools, LogSink log = stderr_log());
  ~GatewayServer();
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  // Binds host:port (port 0: a free one) and returns the port; throws std::runtime_error when
  // the address is taken.
  int bind(const std::string& host, int port);

  // Serves until stop(); returns false if it could not serve.
  bool serve();

  // Makes serve() return once the requests in flight are answered. Callable from any thread.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace birthday::local
