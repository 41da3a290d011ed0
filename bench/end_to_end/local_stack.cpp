#include "bench/end_to_end/local_stack.hpp"

#include <utility>

#include <nlohmann/json.hpp>

namespace birthday::bench::end_to_end {
namespace {

// env.json in SAM's shape: the table dynalite holds, and the log level `make run` uses.
std::string env_json(const std::string& table) {
  const nlohmann::json function = {{"DYNAMODB_TABLE", table}, {"LOG_LEVEL", "info"}};
  return nlohmann::json{{"GetBirthday", function}, {"PutBirthday", function}}.dump();
}

}  // namespace

LocalStack::LocalStack(const LocalStackPaths& paths, dynamodb::testing::LocalDynamoDb::Options store_options)
    : store_(std::move(store_options)) {
  const std::filesystem::path env_file = dir_.write("env.json", env_json(store_.table()));
  gateway_ = std::make_unique<local::testing::GatewayProcess>(
      paths.gateway.string(),
      std::vector<std::string>{"--template", paths.template_file.string(), "--env-vars", env_file.string(), "--env",
                               "AWS_ENDPOINT_URL_DYNAMODB=" + store_.endpoint(), "--functions-dir",
                               paths.functions_dir.string()},
      dir_.path());
}

std::string LocalStack::base_url() const { return "http://127.0.0.1:" + std::to_string(gateway_->port()); }

}  // namespace birthday::bench::end_to_end
