#include <cstdlib>
#include <stdexcept>

#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/endpoint.hpp"
#include "service/dynamodb/environment.hpp"
#include "service/dynamodb/trust_store.hpp"

namespace birthday::dynamodb {
namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string required(const char* name) {
  std::string value = variable(name);
  if (value.empty()) throw std::runtime_error(std::string(name) + " is not set");
  return value;
}

}  // namespace

namespace environment {

std::string endpoint_override() {
  for (const char* name : {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"}) {
    std::string value = variable(name);
    if (value.empty()) continue;
    if (!parse_endpoint(value))
      throw std::runtime_error(std::string(name) + " must be an http(s) URL such as http://127.0.0.1:8000, not '" +
                               value + "'");
    return value;
  }
  return {};
}

std::string region(const std::string& endpoint_override) {
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (std::string value = variable(name); !value.empty()) return value;
  if (!endpoint_override.empty()) return "us-east-1";
  throw std::runtime_error("AWS_REGION is not set (nor AWS_DEFAULT_REGION, nor an endpoint override)");
}

std::string regional_endpoint(const std::string& region) {
  return "https://dynamodb." + region + "." + partition_dns_suffix(region);
}

Credentials credentials() {
  return Credentials{required("AWS_ACCESS_KEY_ID"), required("AWS_SECRET_ACCESS_KEY"), variable("AWS_SESSION_TOKEN")};
}

TrustStore trust_store(const std::string& endpoint) {
  return choose_trust_store({endpoint, variable("SSL_CERT_FILE"), variable("LAMBDA_TASK_ROOT")},
                            CaLocations::of_this_machine());
}

}  // namespace environment

Config Config::from_environment() {
  Config config;
  config.table = required("DYNAMODB_TABLE");
  const std::string endpoint_override = environment::endpoint_override();
  config.region = environment::region(endpoint_override);
  config.endpoint = endpoint_override.empty() ? environment::regional_endpoint(config.region) : endpoint_override;
  config.credentials = environment::credentials();
  config.trust = environment::trust_store(config.endpoint);
  config.connect_at_start_within = std::chrono::seconds(1);
  return config;
}

}  // namespace birthday::dynamodb
