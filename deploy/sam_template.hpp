#pragma once

#include <filesystem>
#include <map>
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
  std::string code_uri;                 // "." : the Makefile's folder, for BuildMethod makefile
  std::string build_method;             // Metadata.BuildMethod
  std::string package;                  // the zip `make dist` writes for it: dist/get-birthday.zip
  std::vector<std::string> alarms;      // DeploymentPreference.Alarms, as "!Ref X"
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
  bool point_in_time_recovery = false;
  bool encrypted = false;  // SSESpecification.SSEEnabled
  bool deletion_protection = false;
  std::string deletion_policy;
  std::string update_replace_policy;
};

struct SamAlarm {
  std::string metric_namespace;
  std::string metric_name;
  std::map<std::string, std::string> dimensions;  // values with their tag: "!Sub ${GetBirthday}:live"
  std::string statistic;
  int period = 0;
  int evaluation_periods = 0;
  double threshold = 0;
  std::string comparison_operator;
  std::string treat_missing_data;
};

struct SamParameter {
  std::string default_value;
  std::vector<std::string> allowed_values;
};

struct SamTemplate {
  std::map<std::string, SamParameter> parameters;  // by name
  SamGlobals globals;
  std::vector<SamFunction> functions;
  SamTable table;
  std::map<std::string, SamAlarm> alarms;  // by logical id

  static SamTemplate load(const std::filesystem::path& path);
};

}  // namespace deploy_test
