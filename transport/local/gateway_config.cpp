#include "transport/local/gateway_config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace birthday::local {

std::string kebab_case(std::string_view name) {
  std::string kebab;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c) && i > 0) kebab.push_back('-');
    kebab.push_back(static_cast<char>(std::tolower(c)));
  }
  return kebab;
}

std::map<std::string, std::string> parse_assignments(std::string_view text) {
  std::map<std::string, std::string> assignments;
  while (!text.empty()) {
    const std::string_view item = text.substr(0, text.find(','));
    text.remove_prefix(std::min(text.size(), item.size() + 1));
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      throw std::invalid_argument("expected NAME=VALUE, got '" + std::string(item) + "'");
    }
    assignments[std::string(item.substr(0, equals))] = std::string(item.substr(equals + 1));
  }
  return assignments;
}

std::vector<PoolOptions> pool_options_from(const GatewayConfig& config, const Environment& caller, const LogSink& log) {
  const std::vector<FunctionSpec> functions = read_template(config.template_file);
  const nlohmann::json env_vars =
      config.env_vars_file.empty() ? nlohmann::json::object() : read_env_vars(config.env_vars_file);

  std::vector<PoolOptions> pools;
  for (const FunctionSpec& function : functions) {
    ResolvedEnvironment resolved = resolve_environment(function, env_vars, caller);
    for (const std::string& warning : resolved.warnings) log("local-gateway: " + warning);
    for (const auto& [name, value] : config.extra_variables) resolved.variables[name] = value;

    const auto chosen = config.bootstraps.find(function.name);
    const std::filesystem::path bootstrap = std::filesystem::absolute(
        chosen != config.bootstraps.end() ? chosen->second
                                          : config.functions_dir / kebab_case(function.name) / function.handler);
    if (!std::filesystem::is_regular_file(bootstrap) || access(bootstrap.c_str(), X_OK) != 0) {
      throw std::runtime_error("the bootstrap of " + function.name + " is not an executable file: " + bootstrap.string() +
                               " (build it first, or map it with --bootstrap " + function.name + "=PATH)");
    }

    PoolOptions options;
    options.function = function;
    options.bootstrap = bootstrap;
    options.variables = std::move(resolved.variables);
    options.region = region_from(caller);
    options.credentials = credentials_from(caller);
    options.max_instances = config.max_instances;
    options.child_stdout_fd = config.child_stdout_fd;
    options.log = log;
    pools.push_back(std::move(options));
  }
  return pools;
}

RouteTable route_table_from(const std::vector<PoolOptions>& functions) {
  std::vector<Route> routes;
  for (const PoolOptions& options : functions) {
    for (const HttpRoute& route : options.function.routes) routes.push_back({route.method, route.path, options.function.name});
  }
  return RouteTable(std::move(routes));
}

}  // namespace birthday::local
