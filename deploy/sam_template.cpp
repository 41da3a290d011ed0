#include "deploy/sam_template.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace deploy_test {
namespace {

// A scalar or a sequence of scalars, as a list; the tag is kept for intrinsic functions (!GetAtt x).
std::vector<std::string> scalars(const YAML::Node& node) {
  std::vector<std::string> values;
  const auto add = [&values](const YAML::Node& scalar) {
    const std::string& tag = scalar.Tag();
    const bool intrinsic = !tag.empty() && tag != "?" && tag != "!";
    values.push_back(intrinsic ? tag + " " + scalar.as<std::string>() : scalar.as<std::string>());
  };
  if (node.IsSequence()) {
    for (const auto& item : node) add(item);
  } else if (node.IsScalar()) {
    add(node);
  }
  return values;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// GetBirthday -> get-birthday, as the local gateway and `make dist` name a function's folder and zip.
std::string kebab_case(const std::string& logical_id) {
  std::string name;
  for (const char c : logical_id) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!name.empty()) name += '-';
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      name += c;
    }
  }
  return name;
}

SamGlobals read_globals(const YAML::Node& function) {
  SamGlobals globals;
  globals.runtime = function["Runtime"].as<std::string>();
  globals.handler = function["Handler"].as<std::string>();
  globals.architectures = scalars(function["Architectures"]);
  globals.memory_size = function["MemorySize"].as<int>();
  globals.timeout = function["Timeout"].as<int>();
  globals.tracing = function["Tracing"].as<std::string>();
  for (const auto& variable : function["Environment"]["Variables"]) {
    const bool local_only = variable.second.IsScalar() && variable.second.Scalar().empty();
    (local_only ? globals.local_only_environment : globals.environment).push_back(variable.first.as<std::string>());
  }
  globals.environment = sorted(std::move(globals.environment));
  return globals;
}

SamFunction read_function(const std::string& logical_id, const YAML::Node& properties) {
  SamFunction function;
  function.logical_id = logical_id;
  function.code_uri = properties["CodeUri"].as<std::string>();
  function.package = "dist/" + kebab_case(logical_id) + ".zip";
  for (auto& alarm : scalars(properties["DeploymentPreference"]["Alarms"])) function.alarms.push_back(std::move(alarm));
  function.alias = properties["AutoPublishAlias"].as<std::string>();
  function.deployment_type = properties["DeploymentPreference"]["Type"].as<std::string>();
  for (const auto& policy : properties["Policies"]) {
    for (const auto& statement : policy["Statement"]) {
      for (auto& action : scalars(statement["Action"])) function.actions.push_back(std::move(action));
      for (auto& resource : scalars(statement["Resource"])) function.resources.push_back(std::move(resource));
    }
  }
  function.actions = sorted(std::move(function.actions));
  for (const auto& event : properties["Events"]) {
    const YAML::Node& http = event.second;
    if (http["Type"].as<std::string>() != "HttpApi") continue;
    function.routes.push_back(http["Properties"]["Method"].as<std::string>() + " " +
                              http["Properties"]["Path"].as<std::string>());
  }
  return function;
}

SamTable read_table(const std::string& logical_id, const YAML::Node& properties) {
  SamTable table;
  table.logical_id = logical_id;
  table.billing_mode = properties["BillingMode"].as<std::string>();
  table.point_in_time_recovery =
      properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"].as<bool>(false);
  table.encrypted = properties["SSESpecification"]["SSEEnabled"].as<bool>(false);
  table.deletion_protection = properties["DeletionProtectionEnabled"].as<bool>(false);
  for (const auto& key : properties["KeySchema"]) {
    if (key["KeyType"].as<std::string>() == "HASH") table.hash_key = key["AttributeName"].as<std::string>();
  }
  for (const auto& attribute : properties["AttributeDefinitions"]) {
    if (attribute["AttributeName"].as<std::string>() == table.hash_key) {
      table.hash_key_type = attribute["AttributeType"].as<std::string>();
    }
  }
  return table;
}

SamAlarm read_alarm(const YAML::Node& properties) {
  SamAlarm alarm;
  alarm.metric_namespace = properties["Namespace"].as<std::string>();
  alarm.metric_name = properties["MetricName"].as<std::string>();
  for (const auto& dimension : properties["Dimensions"]) {
    alarm.dimensions[dimension["Name"].as<std::string>()] = scalars(dimension["Value"]).at(0);
  }
  alarm.statistic = properties["Statistic"].as<std::string>();
  alarm.period = properties["Period"].as<int>();
  alarm.evaluation_periods = properties["EvaluationPeriods"].as<int>();
  alarm.threshold = properties["Threshold"].as<double>();
  alarm.comparison_operator = properties["ComparisonOperator"].as<std::string>();
  alarm.treat_missing_data = properties["TreatMissingData"].as<std::string>();
  return alarm;
}

}  // namespace

SamTemplate SamTemplate::load(const std::filesystem::path& path) {
  const YAML::Node root = YAML::LoadFile(path.string());
  SamTemplate sam;
  for (const auto& parameter : root["Parameters"]) {
    sam.parameters[parameter.first.as<std::string>()] = {parameter.second["Default"].as<std::string>(""),
                                                         scalars(parameter.second["AllowedValues"])};
  }
  sam.globals = read_globals(root["Globals"]["Function"]);
  for (const auto& resource : root["Resources"]) {
    const std::string logical_id = resource.first.as<std::string>();
    const std::string type = resource.second["Type"].as<std::string>();
    if (type == "AWS::Serverless::Function") {
      sam.functions.push_back(read_function(logical_id, resource.second["Properties"]));
      sam.functions.back().build_method = resource.second["Metadata"]["BuildMethod"].as<std::string>("");
    } else if (type == "AWS::DynamoDB::Table") {
      sam.table = read_table(logical_id, resource.second["Properties"]);
      sam.table.deletion_policy = resource.second["DeletionPolicy"].as<std::string>("Delete");
      sam.table.update_replace_policy = resource.second["UpdateReplacePolicy"].as<std::string>("Delete");
    } else if (type == "AWS::CloudWatch::Alarm") {
      sam.alarms[logical_id] = read_alarm(resource.second["Properties"]);
    }
  }
  if (sam.functions.empty()) throw std::runtime_error(path.string() + " declares no function");
  return sam;
}

}  // namespace deploy_test
