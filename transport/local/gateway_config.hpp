#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "transport/local/function_pool.hpp"
#include "transport/local/route_table.hpp"

namespace birthday::local {

// Where the gateway's settings come from (its command-line flags).
struct GatewayConfig {
  std::filesystem::path template_file = "template.yaml";
  std::filesystem::path env_vars_file;  // SAM's --env-vars file; empty for none
  std::filesystem::path functions_dir;  // <functions_dir>/<kebab-case name>/bootstrap
  std::map<std::string, std::filesystem::path> bootstraps;  // explicit NAME=PATH, over functions_dir
  Environment extra_variables;  // set in every function, over template and env.json
  std::size_t max_instances = 4;
  int child_stdout_fd = 1;
};

// The pool settings of every function in the template. Warnings (env.json values that do
// not apply, intrinsics left without a value) go to `log`. Throws std::runtime_error for a
// bad template or env.json, or a bootstrap that is not an executable file.
std::vector<PoolOptions> pool_options_from(const GatewayConfig& config, const Environment& caller, const LogSink& log);

// The HTTP API's routes: every HttpApi event of every function.
RouteTable route_table_from(const std::vector<PoolOptions>& functions);

// GetBirthday -> get-birthday: the folder of a function's bootstrap under functions_dir.
std::string kebab_case(std::string_view name);

// "A=1,B=2" -> {A: 1, B: 2}; throws std::invalid_argument on an item without '='.
std::map<std::string, std::string> parse_assignments(std::string_view text);

}  // namespace birthday::local
