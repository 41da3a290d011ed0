#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "transport/local/test_support.hpp"

namespace birthday::bench::end_to_end {

struct LocalStackPaths {
  std::filesystem::path gateway;        // the local-gateway binary
  std::filesystem::path template_file;  // template.yaml
  std::filesystem::path functions_dir;  // <build>/functions
};

// What `make run` starts, on free ports of 127.0.0.1 and with nothing kept: an in-memory
// dynalite holding the table, and the local gateway running the real bootstraps against it.
// Both are stopped by PID when this goes.
class LocalStack {
 public:
  explicit LocalStack(const LocalStackPaths& paths, dynamodb::testing::LocalDynamoDb::Options store_options = {});

  std::string base_url() const;  // "http://127.0.0.1:<port>"
  int gateway_port() const { return gateway_->port(); }
  // Everything the gateway wrote to stderr so far: its START/END/REPORT lines.
  std::string gateway_log() const { return gateway_->log(); }
  // The function instances (bootstraps) the gateway runs right now.
  std::vector<pid_t> function_processes() const { return gateway_->children(); }
  // The local DynamoDB, to stop and restart it under load.
  dynamodb::testing::LocalDynamoDb& store() { return store_; }

 private:
  dynamodb::testing::LocalDynamoDb store_;
  local::testing::TempDir dir_;
  std::unique_ptr<local::testing::GatewayProcess> gateway_;
};

}  // namespace birthday::bench::end_to_end
