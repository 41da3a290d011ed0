#pragma once

#include <filesystem>
#include <string>
#include <vector>

// The parts of the SAM template (template.yaml) the Terraform configuration must agree with.
namespace deploy_test {

struct SamGlobals {
  std::string runtime;
  std::string handler;
  std::vector<std::string> architectures;
  int memory_size = 0;
  int timeout = 0;
  std::string tracing;
  std::vector<std::string> environment;  // variable names, sorted, without the local-only ones
  std::vector<std::string> local_only_environment;  // declared empty, for `sam local --env-vars` to set
};

struct SamFunction {
  std::string logical_id;
  std::string code_uri;                 // e.g. dist/get-birthday.zip
  std::string alias;                    // AutoPublishAlias
  std::string deployment_type;          // DeploymentPreference.Type
  std::vector<std::string> actions;     // IAM actions of its policy statements, sorted
  std::vector<std::string> resources;   // their resources, tag included: "!GetAtt Table.Arn"
  std::vector<std::string> routes;      // HttpApi events as route keys: "GET /hello/{username}"
};

struct SamTable {
  std::string logical_id;
  std::string hash_key;
  std::string hash_key_type;
  std::string billing_mode;
};

struct SamTemplate {
  SamGlobals globals;
  std::vector<SamFunction> functions;
  SamTable table;

  static SamTemplate load(const std::filesystem::path& path);
};

}  // namespace deploy_test
