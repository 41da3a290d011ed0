#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace birthday::local {

// A route the HTTP API serves and the function behind it.
struct Route {
  std::string method;  // upper-case, or "ANY"
  std::string path;    // e.g. /hello/{username}, /files/{proxy+}, or $default
  std::string function;
};

struct RouteMatch {
  std::string function;
  std::string route_key;  // "PUT /hello/{username}", or "$default"
  std::map<std::string, std::string> path_parameters;  // percent-decoded
};

// Chooses the route for a request the way API Gateway HTTP APIs do: the most specific path
// wins (literal segments over {parameters} over a greedy {name+}), then a route for the exact
// method over ANY, then `$default`. A {parameter} matches one whole, non-empty segment.
class RouteTable {
 public:
  explicit RouteTable(std::vector<Route> routes);

  // raw_path is the request path as sent, still percent-encoded, without the query.
  std::optional<RouteMatch> match(std::string_view method, std::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace birthday::local
