#include "transport/local/route_table.hpp"

#include <utility>

#include "service/ascii.hpp"

namespace birthday::local {
namespace {

std::vector<std::string_view> segments_of(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> segments;
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
bool is_greedy(std::string_view segment) { return is_parameter(segment) && segment[segment.size() - 2] == '+'; }

std::string parameter_name(std::string_view segment) {
  segment = segment.substr(1, segment.size() - 2);
  if (!segment.empty() && segment.back() == '+') segment.remove_suffix(1);
  return std::string(segment);
}

// How specific a matching route is, segment by segment: literal 2, {parameter} 1, greedy 0.
using Specificity = std::vector<int>;

std::optional<std::pair<Specificity, std::map<std::string, std::string>>> match_path(std::string_view route_path,
                                                                                     std::string_view raw_path) {
  const std::vector<std::string_view> pattern = segments_of(route_path);
  const std::vector<std::string_view> actual = segments_of(raw_path);
  Specificity specificity;
  std::map<std::string, std::string> parameters;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_greedy(pattern[i])) {
      if (i + 1 != pattern.size() || i >= actual.size()) return std::nullopt;
      std::string rest(actual[i]);
      for (std::size_t j = i + 1; j < actual.size(); ++j) {
        rest += '/';
        rest += actual[j];
      }
      if (rest.empty()) return std::nullopt;
      parameters[parameter_name(pattern[i])] = ascii::percent_decode(rest);
      specificity.push_back(0);
      return std::pair{specificity, parameters};
    }
    if (i >= actual.size()) return std::nullopt;
    if (is_parameter(pattern[i])) {
      if (actual[i].empty()) return std::nullopt;
      parameters[parameter_name(pattern[i])] = ascii::percent_decode(actual[i]);
      specificity.push_back(1);
    } else {
      if (pattern[i] != actual[i]) return std::nullopt;
      specificity.push_back(2);
    }
  }
  if (pattern.size() != actual.size()) return std::nullopt;
  return std::pair{specificity, parameters};
}

}  // namespace

RouteTable::RouteTable(std::vector<Route> routes) : routes_(std::move(routes)) {}

std::optional<RouteMatch> RouteTable::match(std::string_view method, std::string_view raw_path) const {
  const Route* best = nullptr;
  Specificity best_specificity;
  std::map<std::string, std::string> best_parameters;
  const Route* fallback = nullptr;

  for (const Route& route : routes_) {
    if (route.path == "$default") {
      fallback = &route;
      continue;
    }
    if (route.method != "ANY" && route.method != method) continue;
    auto matched = match_path(route.path, raw_path);
    if (!matched) continue;
    auto& [specificity, parameters] = *matched;
    const bool exact_method = route.method != "ANY";
    const bool better = !best || specificity > best_specificity ||
                        (specificity == best_specificity && exact_method && best->method == "ANY");
    if (better) {
      best = &route;
      best_specificity = std::move(specificity);
      best_parameters = std::move(parameters);
    }
  }

  if (best) return RouteMatch{best->function, best->method + " " + best->path, std::move(best_parameters)};
  if (fallback) return RouteMatch{fallback->function, "$default", {}};
  return std::nullopt;
}

}  // namespace birthday::local
