#pragma once

#include <string>
#include <utility>
#include <vector>

#include "service/clock.hpp"

namespace birthday::transport {

// A plain HTTP request as the handlers see it, whatever event carried it.
struct Request {
  std::string method;       // upper-case, e.g. "GET"
  std::string path;         // e.g. "/hello/alice"
  std::string username;     // the {username} path parameter, as the event carries it
  std::string body;         // decoded (base64 already undone)
  std::string request_id;   // requestContext.requestId
  Deadline deadline;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
};

}  // namespace birthday::transport
