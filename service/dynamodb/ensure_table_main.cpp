// ensure_table: creates a DynamoDB table unless it exists, then waits until it is ACTIVE.
// Used by `make run` against dynalite or dynamodb-local; works against AWS too.
#include <gflags/gflags.h>

#include <chrono>
#include <exception>
#include <iostream>

#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/environment.hpp"
#include "service/dynamodb/table_setup.hpp"

DEFINE_string(endpoint, "",
              "DynamoDB endpoint URL (default: AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL, else the regional "
              "endpoint)");
DEFINE_string(region, "", "signing region (default: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1 with an endpoint)");
DEFINE_string(spec, "testdata/create-table.json", "CreateTable input, JSON");
DEFINE_string(table, "", "table name, replacing the spec's TableName");
DEFINE_int32(timeout, 30, "seconds to wait for the table to become ACTIVE");

namespace {

birthday::dynamodb::Config config_from_flags_and_environment() {
  namespace environment = birthday::dynamodb::environment;
  birthday::dynamodb::Config config;
  const std::string endpoint = FLAGS_endpoint.empty() ? environment::endpoint_override() : FLAGS_endpoint;
  config.region = FLAGS_region.empty() ? environment::region(endpoint) : FLAGS_region;
  config.endpoint = endpoint.empty() ? environment::regional_endpoint(config.region) : endpoint;
  config.credentials = environment::credentials();
  config.trust = environment::trust_store(config.endpoint);
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace birthday;
  gflags::SetUsageMessage(
      "creates a DynamoDB table unless it exists, then waits until it is ACTIVE\n"
      "  ensure_table [--endpoint=URL] [--region=REGION] [--spec=FILE] [--table=NAME] [--timeout=SECONDS]\n"
      "credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (dummy values do for a local DynamoDB)");
  gflags::ParseCommandLineFlags(&argc, &argv, true);
  try {
    const dynamodb::Config config = config_from_flags_and_environment();
    Result<nlohmann::json> spec = dynamodb::read_table_spec(FLAGS_spec, FLAGS_table);
    if (!spec) throw std::runtime_error(spec.error().detail);
    const std::string table = spec.value()["TableName"];

    dynamodb::DynamoDbClient client(config);
    const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::seconds{FLAGS_timeout};
    if (const Status status = dynamodb::ensure_table(client, spec.value(), deadline); !status)
      throw std::runtime_error(status.error().detail);
    std::cerr << "ensure_table: table " << table << " is ACTIVE at " << config.endpoint << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "ensure_table: " << error.what() << "\n";
    return 1;
  }
}
