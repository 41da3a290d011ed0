// Proves offline what can be proved of deploy/ without an AWS account: every file parses and is
// formatted as `terraform fmt` would write it, the modules and providers are the pinned ones, and
// the configuration agrees with template.yaml (the source of truth for the local gateway and SAM)
// on runtime, packages, routes, permissions and the table. Where terraform or tofu is installed and
// the registry is reachable, `terraform validate` runs too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "deploy/command.hpp"
#include "deploy/sam_template.hpp"
#include "deploy/terraform_config.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

const TerraformConfig& config() { return TerraformConfig::load(); }

const SamTemplate& sam() {
  static const SamTemplate loaded = SamTemplate::load(project_source_dir() / "template.yaml");
  return loaded;
}

// template.yaml's GetBirthday, built into dist/get-birthday.zip, is the Terraform function "get-birthday".
std::string function_key(const SamFunction& function) {
  return fs::path(function.package).stem().string();
}

std::vector<std::string> keys(const json& object) {
  std::vector<std::string> names;
  for (const auto& [name, value] : object.items()) names.push_back(name);
  return names;
}

bool is_false_or_absent(const json& block, const std::string& name) {
  return !block.contains(name) || block.at(name) == false;
}

std::string unified_diff(const TerraformFile& file) {
  const TempDirectory scratch;
  const fs::path formatted = scratch.path() / "formatted";
  std::ofstream(formatted, std::ios::binary) << file.formatted;
  return run_command("diff -u --label " + shell_quote(file.path) + " --label " +
                     shell_quote(file.path + " (formatted)") + " " +
                     shell_quote((project_source_dir() / file.path).string()) + " " +
                     shell_quote(formatted.string()))
      .output;
}

std::string terraform_binary() {
  if (on_path("terraform")) return "terraform";
  if (on_path("tofu")) return "tofu";
  return "";
}

// --- files ---------------------------------------------------------------------------------------

TEST(TerraformFiles, AreSplitByConcern) {
  std::vector<std::string> paths;
  for (const auto& file : config().files()) paths.push_back(file.path);
  EXPECT_THAT(paths, IsSupersetOf({"deploy/alarms.tf", "deploy/api_gateway.tf", "deploy/backend.tf.example",
                                          "deploy/deploy.tf", "deploy/dynamodb.tf", "deploy/lambdas.tf",
                                          "deploy/outputs.tf", "deploy/terraform.tfvars.example",
                                          "deploy/variables.tf", "deploy/versions.tf"}));
}

TEST(TerraformFiles, EveryFileParses) {
  for (const auto& file : config().files()) {
    EXPECT_EQ(file.error, "") << file.path << " does not parse";
  }
}

TEST(TerraformFiles, EveryFileIsFormattedAsTerraformFmtWouldWriteIt) {
  for (const auto& file : config().files()) {
    if (!file.error.empty()) continue;  // reported by EveryFileParses
    EXPECT_TRUE(file.source == file.formatted)
        << file.path << " is not formatted; fix with: node scripts/hcl.mjs fmt " << file.path << "\n"
        << unified_diff(file);
  }
}

TEST(TerraformFiles, PassTerraformFmtCheckWhenTerraformIsInstalled) {
  const std::string terraform = terraform_binary();
  if (terraform.empty()) GTEST_SKIP() << "neither terraform nor tofu is on PATH; the formatter check above covers it";
  const CommandResult result = run_command("cd " + shell_quote(project_source_dir().string()) + " && " + terraform +
                                           " fmt -check -diff -no-color deploy");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

// --- versions and modules -----------------------------------------------------------------------

TEST(TerraformVersions, PinTerraformAndTheAwsProvider) {
  const json& terraform = config().terraform();
  EXPECT_EQ(terraform.at("required_version"), ">= 1.5.7");
  const json& aws = terraform.at("required_providers").at(0).at("aws");
  EXPECT_EQ(aws.at("source"), "hashicorp/aws");
  // Minor updates only: a provider major version may change what the pinned modules rely on.
  EXPECT_EQ(aws.at("version"), "~> 6.28");
}

TEST(TerraformModules, ComeFromServerlessTfAtPinnedVersions) {
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"function", {"terraform-aws-modules/lambda/aws", "~> 8.8"}},
      {"live_alias", {"terraform-aws-modules/lambda/aws//modules/alias", "~> 8.8"}},
      {"deployment", {"terraform-aws-modules/lambda/aws//modules/deploy", "~> 8.8"}},
      {"http_api", {"terraform-aws-modules/apigateway-v2/aws", "~> 6.1"}},
      {"birthdays_table", {"terraform-aws-modules/dynamodb-table/aws", "~> 5.5"}},
  };
  std::vector<std::string> expected_names;
  for (const auto& [name, pin] : expected) {
    expected_names.push_back(name);
    const json& module = config().module(name);
    EXPECT_EQ(module.at("source"), pin.first) << "module " << name;
    EXPECT_EQ(module.at("version"), pin.second) << "module " << name;
  }
  EXPECT_THAT(keys(config().blocks().at("module")), UnorderedElementsAreArray(expected_names));
}

TEST(TerraformModules, CreateOneFunctionAliasAndDeploymentPerTemplateFunction) {
  std::vector<std::string> template_keys;
  for (const auto& function : sam().functions) template_keys.push_back(function_key(function));
  EXPECT_THAT(keys(config().local("functions")), UnorderedElementsAreArray(template_keys));
  for (const char* name : {"function", "live_alias", "deployment"}) {
    EXPECT_EQ(config().module(name).at("for_each"), "${local.functions}") << "module " << name;
  }
}

// --- functions ----------------------------------------------------------------------------------

TEST(LambdaFunctions, RunAsTheTemplateGlobalsSay) {
  const json& function = config().module("function");
  const SamGlobals& globals = sam().globals;
  EXPECT_EQ(function.at("runtime"), globals.runtime);
  EXPECT_EQ(function.at("handler"), globals.handler);
  EXPECT_EQ(function.at("memory_size"), globals.memory_size);
  EXPECT_EQ(function.at("timeout"), globals.timeout);
  EXPECT_EQ(function.at("tracing_mode"), globals.tracing);
  EXPECT_EQ(function.at("attach_tracing_policy"), true);
  EXPECT_EQ(function.at("publish"), true);
  EXPECT_THAT(keys(function.at("environment_variables")), UnorderedElementsAreArray(globals.environment));
  EXPECT_EQ(function.at("environment_variables").at("DYNAMODB_TABLE"), "${module.birthdays_table.dynamodb_table_id}");
  EXPECT_EQ(globals.local_only_environment, std::vector<std::string>{"AWS_ENDPOINT_URL_DYNAMODB"});
}

TEST(LambdaFunctions, RunOnTheChosenArchitectureX86ByDefaultAsTheTemplateParameterSays) {
  const json& variable = config().variable("architecture");
  EXPECT_EQ(config().module("function").at("architectures"), json::array({"${var.architecture}"}));
  EXPECT_EQ(variable.at("default"), "x86_64");
  EXPECT_EQ(variable.at("validation").at(0).at("condition"), "${contains([\"x86_64\", \"arm64\"], var.architecture)}");

  EXPECT_EQ(sam().globals.architectures, std::vector<std::string>{"!Ref Architecture"});
  ASSERT_TRUE(sam().parameters.contains("Architecture"));
  const SamParameter& parameter = sam().parameters.at("Architecture");
  EXPECT_EQ(parameter.default_value, variable.at("default"));
  EXPECT_THAT(parameter.allowed_values, ElementsAre("x86_64", "arm64"));
}

TEST(LambdaFunctions, LogJsonWithBoundedRetention) {
  const json& function = config().module("function");
  EXPECT_EQ(function.at("logging_log_format"), "JSON");
  EXPECT_EQ(function.at("cloudwatch_logs_retention_in_days"), "${var.log_retention_days}");
  EXPECT_EQ(config().variable("log_retention_days").at("default"), 14);
}

TEST(LambdaFunctions, DeployTheZipsMakeDistWrites) {
  const json& function = config().module("function");
  EXPECT_EQ(function.at("create_package"), false);
  // The module hashes the zip (source_code_hash = filebase64sha256) unless told not to.
  EXPECT_TRUE(is_false_or_absent(function, "ignore_source_code_hash"));

  const std::string prefix = "${path.module}/../";
  const std::string package = function.at("local_existing_package");
  ASSERT_THAT(package, StartsWith(prefix));
  // The zips of one architecture, as Terraform resolves local_existing_package for it.
  const auto packages_for = [&](const std::string& architecture) {
    const std::string directory = "${local.package_directories[var.architecture]}";
    std::vector<std::string> packages;
    for (const auto& key : keys(config().local("functions"))) {
      std::string path = package.substr(prefix.size());
      path.replace(path.find(directory), directory.size(), config().local("package_directories").at(architecture));
      path.replace(path.find("${each.key}"), std::string("${each.key}").size(), key);
      packages.push_back(path);
    }
    return packages;
  };
  EXPECT_THAT(keys(config().local("package_directories")), UnorderedElementsAre("x86_64", "arm64"));
  // `sam build` makes the same files with the Makefile's build-<LogicalId> (deploy/package/sam_build_test.sh).
  std::vector<std::string> code_uris;
  for (const auto& sam_function : sam().functions) {
    code_uris.push_back(sam_function.package);
    EXPECT_EQ(sam_function.build_method, "makefile") << sam_function.logical_id;
    EXPECT_EQ(sam_function.code_uri, ".") << sam_function.logical_id;
  }
  EXPECT_THAT(packages_for("x86_64"), UnorderedElementsAreArray(code_uris));
  EXPECT_THAT(packages_for("x86_64"), UnorderedElementsAre("dist/get-birthday.zip", "dist/put-birthday.zip"));
  // Where `make dist ARCH=arm64` (scripts/package.sh into dist/arm64) writes them.
  EXPECT_THAT(packages_for("arm64"), UnorderedElementsAre("dist/arm64/get-birthday.zip", "dist/arm64/put-birthday.zip"));
}

TEST(LambdaFunctions, EachMayOnlyUseItsOneDynamoDbActionOnTheTable) {
  const json& function = config().module("function");
  EXPECT_EQ(function.at("attach_policy_statements"), true);
  ASSERT_THAT(keys(function.at("policy_statements")), ElementsAre("dynamodb"));
  const json& statement = function.at("policy_statements").at("dynamodb");
  EXPECT_EQ(statement.at("effect"), "Allow");
  EXPECT_EQ(statement.at("actions"), "${each.value.dynamodb_actions}");
  EXPECT_EQ(statement.at("resources"), json::array({"${module.birthdays_table.dynamodb_table_arn}"}));

  const std::map<std::string, std::vector<std::string>> expected = {
      {"get-birthday", {"dynamodb:GetItem"}},
      {"put-birthday", {"dynamodb:PutItem"}},
  };
  const json& functions = config().local("functions");
  for (const auto& [key, actions] : expected) {
    EXPECT_EQ(functions.at(key).at("dynamodb_actions"), json(actions)) << key;
  }
  for (const auto& sam_function : sam().functions) {
    const std::string key = function_key(sam_function);
    EXPECT_EQ(functions.at(key).at("dynamodb_actions"), json(sam_function.actions)) << key << " vs template.yaml";
    EXPECT_THAT(sam_function.resources, ElementsAre("!GetAtt " + sam().table.logical_id + ".Arn"));
  }
}

TEST(LambdaFunctions, GetNoOtherPermissions) {
  const json& function = config().module("function");
  for (const char* grant : {"attach_policy", "attach_policies", "attach_policy_json", "attach_policy_jsons",
                            "attach_network_policy", "attach_dead_letter_policy", "attach_async_event_policy"}) {
    EXPECT_TRUE(is_false_or_absent(function, grant)) << grant;
  }
  EXPECT_EQ(function.at("attach_create_log_group_permission"), false);
}

// --- HTTP API -----------------------------------------------------------------------------------

TEST(HttpApi, RoutesEqualTheTemplateHttpApiEvents) {
  const json& api = config().module("http_api");
  EXPECT_EQ(api.at("protocol_type"), "HTTP");
  EXPECT_EQ(api.at("create_domain_name"), false);

  std::vector<std::string> template_routes;
  for (const auto& sam_function : sam().functions) {
    const std::string key = function_key(sam_function);
    for (const auto& route_key : sam_function.routes) {
      template_routes.push_back(route_key);
      ASSERT_TRUE(api.at("routes").contains(route_key)) << route_key;
      const json& integration = api.at("routes").at(route_key).at("integration");
      EXPECT_EQ(integration.at("uri"), "${module.live_alias[\"" + key + "\"].lambda_alias_arn}") << route_key;
      EXPECT_EQ(integration.at("payload_format_version"), "2.0") << route_key;
      EXPECT_EQ(config().local("functions").at(key).at("method"), route_key.substr(0, route_key.find(' ')));
    }
  }
  EXPECT_THAT(keys(api.at("routes")), UnorderedElementsAreArray(template_routes));
  EXPECT_THAT(template_routes, UnorderedElementsAre("GET /hello/{username}", "PUT /hello/{username}"));
}

TEST(HttpApi, MayInvokeOnlyTheLiveAliases) {
  const json& alias = config().module("live_alias");
  for (const auto& sam_function : sam().functions) EXPECT_EQ(alias.at("name"), sam_function.alias);
  EXPECT_EQ(alias.at("name"), "live");
  EXPECT_EQ(alias.at("refresh_alias"), false);  // CodeDeploy, not Terraform, moves the alias
  EXPECT_EQ(alias.at("create_version_allowed_triggers"), false);
  ASSERT_THAT(keys(alias.at("allowed_triggers")), ElementsAre("HttpApi"));
  const json& trigger = alias.at("allowed_triggers").at("HttpApi");
  EXPECT_EQ(trigger.at("service"), "apigateway");
  EXPECT_EQ(trigger.at("source_arn"), "${module.http_api.api_execution_arn}/*/${each.value.method}/*");

  const json& function = config().module("function");
  EXPECT_FALSE(function.contains("allowed_triggers"));
  EXPECT_EQ(function.at("create_current_version_allowed_triggers"), false);
  EXPECT_EQ(function.at("create_unqualified_alias_allowed_triggers"), false);
}

TEST(HttpApi, LogsEachRequestAsOneJsonLineWithoutTheUsername) {
  const json& logs = config().module("http_api").at("stage_access_log_settings");
  EXPECT_EQ(logs.at("create_log_group"), true);
  EXPECT_EQ(logs.at("log_group_retention_in_days"), "${var.log_retention_days}");
  const std::string format = logs.at("format");
  EXPECT_THAT(format, StartsWith("${jsonencode({"));
  for (const char* field : {"$context.requestId", "$context.routeKey", "$context.status", "$context.responseLatency",
                            "$context.integrationErrorMessage"}) {
    EXPECT_THAT(format, HasSubstr(std::string("\"") + field + "\"")) << field;
  }
  EXPECT_THAT(format, Not(HasSubstr("$context.path")));
  EXPECT_THAT(format, Not(HasSubstr("$context.identity.sourceIp")));
}

TEST(HttpApi, ThrottlesEveryRouteByDefault) {
  const json& settings = config().module("http_api").at("stage_default_route_settings");
  EXPECT_EQ(settings.at("throttling_burst_limit"), "${var.throttling_burst_limit}");
  EXPECT_EQ(settings.at("throttling_rate_limit"), "${var.throttling_rate_limit}");
  EXPECT_GT(config().variable("throttling_burst_limit").at("default").get<int>(), 0);
  EXPECT_GT(config().variable("throttling_rate_limit").at("default").get<int>(), 0);
}

// --- table --------------------------------------------------------------------------------------

TEST(DynamoDbTable, MatchesTheTemplateAndKeepsBackupsEncrypted) {
  const json& table = config().module("birthdays_table");
  EXPECT_EQ(table.at("hash_key"), sam().table.hash_key);
  EXPECT_EQ(table.at("hash_key"), "Id");
  EXPECT_EQ(table.at("attributes"), json::array({{{"name", "Id"}, {"type", sam().table.hash_key_type}}}));
  EXPECT_EQ(table.at("billing_mode"), sam().table.billing_mode);
  EXPECT_EQ(table.at("billing_mode"), "PAY_PER_REQUEST");
  EXPECT_EQ(table.at("point_in_time_recovery_enabled"), true);
  EXPECT_EQ(table.at("server_side_encryption_enabled"), true);
  EXPECT_EQ(table.at("deletion_protection_enabled"), "${var.table_deletion_protection}");
  EXPECT_EQ(config().variable("table_deletion_protection").at("default"), true);
}

TEST(DynamoDbTable, TemplateKeepsBackupsEncryptionAndTheDataAsTerraformDoes) {
  const SamTable& table = sam().table;
  EXPECT_TRUE(table.point_in_time_recovery);
  EXPECT_TRUE(table.encrypted);
  EXPECT_EQ(table.deletion_protection, config().variable("table_deletion_protection").at("default").get<bool>());
  EXPECT_EQ(table.deletion_policy, "Retain");
  EXPECT_EQ(table.update_replace_policy, "Retain");
}

// --- gradual deployment -------------------------------------------------------------------------

TEST(GradualDeployment, IsCanaryByDefaultAmongCodeDeploysLambdaConfigs) {
  const json& type = config().variable("deployment_type");
  EXPECT_EQ(type.at("default"), "Canary10Percent5Minutes");
  for (const auto& sam_function : sam().functions) EXPECT_EQ(type.at("default"), sam_function.deployment_type);
  const std::string condition = type.at("validation").at(0).at("condition");
  for (const char* name : {"AllAtOnce", "Canary10Percent5Minutes", "Canary10Percent10Minutes",
                           "Canary10Percent15Minutes", "Canary10Percent30Minutes", "Linear10PercentEvery1Minute",
                           "Linear10PercentEvery2Minutes", "Linear10PercentEvery3Minutes",
                           "Linear10PercentEvery10Minutes"}) {
    EXPECT_THAT(condition, HasSubstr(std::string("\"") + name + "\"")) << name;
  }
  EXPECT_EQ(config().local("deployment_config_name"), "CodeDeployDefault.Lambda${var.deployment_type}");
}

TEST(GradualDeployment, ShiftsTheLiveAliasToTheNewVersionWithCodeDeploy) {
  const json& deployment = config().module("deployment");
  EXPECT_EQ(deployment.at("deployment_config_name"), "${local.deployment_config_name}");
  EXPECT_EQ(deployment.at("function_name"), "${module.function[each.key].lambda_function_name}");
  // A value dependency on the alias (its name taken from its ARN), never a module-level depends_on,
  // which would defer all the module's data sources whenever the alias has a pending change.
  EXPECT_EQ(deployment.at("alias_name"), "${element(split(\":\", module.live_alias[each.key].lambda_alias_arn), 7)}");
  EXPECT_FALSE(deployment.contains("depends_on"));
  EXPECT_EQ(deployment.at("target_version"), "${module.function[each.key].lambda_function_version}");
  EXPECT_EQ(deployment.at("create_deployment_group"), true);
  EXPECT_EQ(deployment.at("create_deployment"), true);
  EXPECT_EQ(deployment.at("run_deployment"), true);
  EXPECT_EQ(deployment.at("codedeploy_role_name"), "${var.name}-${each.key}-codedeploy");  // one role per function
  // Always waits: without waiting the module's script ends with `echo` and hides a failed create-deployment.
  EXPECT_EQ(deployment.at("wait_deployment_completion"), true);
  EXPECT_THROW(config().variable("wait_for_deployment"), std::out_of_range);
  EXPECT_THAT(deployment.at("aws_cli_command").get<std::string>(), HasSubstr("--no-cli-pager"));
}

TEST(GradualDeployment, RollsBackOnFailureAndOnAlarm) {
  const json& deployment = config().module("deployment");
  EXPECT_EQ(deployment.at("auto_rollback_enabled"), true);
  EXPECT_THAT(deployment.at("auto_rollback_events").get<std::vector<std::string>>(),
              UnorderedElementsAre("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"));
  EXPECT_EQ(deployment.at("alarm_enabled"), true);
  EXPECT_THAT(deployment.at("alarms").get<std::vector<std::string>>(),
              UnorderedElementsAre("${aws_cloudwatch_metric_alarm.function_errors[each.key].alarm_name}",
                                   "${aws_cloudwatch_metric_alarm.api_5xx.alarm_name}"));
}

TEST(GradualDeployment, AlarmsWatchTheLiveAliasErrorsAndTheApi5xx) {
  const json& errors = config().resource("aws_cloudwatch_metric_alarm", "function_errors");
  EXPECT_EQ(errors.at("for_each"), "${local.functions}");
  EXPECT_EQ(errors.at("namespace"), "AWS/Lambda");
  EXPECT_EQ(errors.at("metric_name"), "Errors");
  EXPECT_EQ(errors.at("dimensions").at("Resource"),
            "${module.function[each.key].lambda_function_name}:${module.live_alias[each.key].lambda_alias_name}");

  const json& api_5xx = config().resource("aws_cloudwatch_metric_alarm", "api_5xx");
  EXPECT_EQ(api_5xx.at("namespace"), "AWS/ApiGateway");
  EXPECT_EQ(api_5xx.at("metric_name"), "5xx");
  EXPECT_EQ(api_5xx.at("dimensions").at("ApiId"), "${module.http_api.api_id}");

  for (const json* alarm : {&errors, &api_5xx}) {
    EXPECT_EQ(alarm->at("statistic"), "Sum");
    EXPECT_EQ(alarm->at("threshold"), 1);
    EXPECT_EQ(alarm->at("comparison_operator"), "GreaterThanOrEqualToThreshold");
    EXPECT_EQ(alarm->at("treat_missing_data"), "notBreaching");
  }
}

TEST(GradualDeployment, TemplateCanaryWatchesTheSameAlarmsAsTerraform) {
  const json& errors = config().resource("aws_cloudwatch_metric_alarm", "function_errors");
  const json& api_5xx = config().resource("aws_cloudwatch_metric_alarm", "api_5xx");
  for (const auto& function : sam().functions) {
    const std::string errors_alarm = function.logical_id + "LiveErrorsAlarm";
    EXPECT_THAT(function.alarms, UnorderedElementsAre("!Ref " + errors_alarm, "!Ref Api5xxAlarm")) << function.logical_id;
    ASSERT_TRUE(sam().alarms.contains(errors_alarm)) << errors_alarm;
    const SamAlarm& alarm = sam().alarms.at(errors_alarm);
    EXPECT_EQ(alarm.metric_namespace, errors.at("namespace"));
    EXPECT_EQ(alarm.metric_name, errors.at("metric_name"));
    EXPECT_EQ(alarm.dimensions.at("FunctionName"), "!Ref " + function.logical_id);
    EXPECT_EQ(alarm.dimensions.at("Resource"), "!Sub ${" + function.logical_id + "}:" + function.alias);
  }
  ASSERT_TRUE(sam().alarms.contains("Api5xxAlarm"));
  EXPECT_EQ(sam().alarms.at("Api5xxAlarm").metric_namespace, api_5xx.at("namespace"));
  EXPECT_EQ(sam().alarms.at("Api5xxAlarm").metric_name, api_5xx.at("metric_name"));
  EXPECT_EQ(sam().alarms.at("Api5xxAlarm").dimensions.at("ApiId"), "!Ref ServerlessHttpApi");
  for (const auto& [name, alarm] : sam().alarms) {
    const json& terraform = name == "Api5xxAlarm" ? api_5xx : errors;
    EXPECT_EQ(alarm.statistic, terraform.at("statistic")) << name;
    EXPECT_EQ(alarm.period, terraform.at("period")) << name;
    EXPECT_EQ(alarm.evaluation_periods, terraform.at("evaluation_periods")) << name;
    EXPECT_EQ(alarm.threshold, terraform.at("threshold").get<double>()) << name;
    EXPECT_EQ(alarm.comparison_operator, terraform.at("comparison_operator")) << name;
    EXPECT_EQ(alarm.treat_missing_data, terraform.at("treat_missing_data")) << name;
  }
}

// --- outputs, state, variables ------------------------------------------------------------------

TEST(TerraformOutputs, NameTheUrlTheTableTheFunctionsAndTheAliases) {
  EXPECT_EQ(config().output("api_url").at("value"), "${module.http_api.api_endpoint}");
  EXPECT_EQ(config().output("table_name").at("value"), "${module.birthdays_table.dynamodb_table_id}");
  EXPECT_THAT(config().output("function_names").at("value").get<std::string>(), HasSubstr("lambda_function_name"));
  EXPECT_THAT(config().output("live_alias_arns").at("value").get<std::string>(), HasSubstr("lambda_alias_arn"));
}

TEST(TerraformOutputs, NameTheRegionAndTheLogGroupsMakeLogsFollows) {
  EXPECT_EQ(config().output("region").at("value"), "${var.region}");
  const std::string groups = config().output("log_groups").at("value");
  EXPECT_THAT(groups, HasSubstr("function.lambda_cloudwatch_log_group_name"));
  EXPECT_THAT(groups, HasSubstr("api-access = module.http_api.stage_access_logs_cloudwatch_log_group_name"));
}

TEST(TerraformState, IsLocalByDefaultWithAnS3ExampleThatLocks) {
  EXPECT_FALSE(config().terraform().contains("backend"));
  const json& example = config().file("deploy/backend.tf.example").json;
  const json& s3 = example.at("terraform").at(0).at("backend").at("s3").at(0);
  EXPECT_EQ(s3.at("use_lockfile"), true);
  EXPECT_EQ(s3.at("encrypt"), true);
  EXPECT_FALSE(s3.contains("dynamodb_table"));  // the legacy lock table is no longer needed
}

TEST(TerraformVariables, TfvarsExampleSetsDeclaredVariablesToTheirDefaults) {
  const json& example = config().file("deploy/terraform.tfvars.example").json;
  EXPECT_THAT(keys(example), UnorderedElementsAreArray(keys(config().blocks().at("variable"))));
  for (const auto& [name, value] : example.items()) {
    EXPECT_EQ(value, config().variable(name).at("default")) << name;
  }
}

// --- terraform validate -------------------------------------------------------------------------

bool registry_unreachable(const std::string& init_output) {
  for (const char* symptom : {"no such host", "dial tcp", "i/o timeout", "connection refused", "network is unreachable",
                              "Could not retrieve the list of available versions", "Failed to query available provider",
                              "Error accessing remote module registry", "Failed to download module",
                              "could not connect to registry"}) {
    if (init_output.find(symptom) != std::string::npos) return true;
  }
  return false;
}

TEST(Terraform, ValidatesWhenTerraformOrTofuIsInstalled) {
  const std::string terraform = terraform_binary();
  if (terraform.empty()) {
    GTEST_SKIP() << "neither terraform nor tofu is on PATH: parse, format and template checks only";
  }

  // A copy, so that init writes neither .terraform/ nor a lock file into the source tree.
  const TempDirectory work;
  for (const auto& file : config().files()) {
    if (file.path.ends_with(".tf")) {
      fs::copy_file(project_source_dir() / file.path, work.path() / fs::path(file.path).filename());
    }
  }
  const fs::path plugin_cache = fs::path(PROJECT_BINARY_DIR) / "deploy" / "terraform-plugin-cache";
  fs::create_directories(plugin_cache);
  const std::string environment = "CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 AWS_EC2_METADATA_DISABLED=true " +
                                  ("TF_PLUGIN_CACHE_DIR=" + shell_quote(plugin_cache.string())) + " ";
  const std::string chdir = " -chdir=" + shell_quote(work.path().string());

  const CommandResult init =
      run_command(environment + terraform + chdir + " init -backend=false -input=false -no-color");
  if (init.exit_code != 0 && registry_unreachable(init.output)) {
    GTEST_SKIP() << terraform << " init cannot reach the registry (offline?); validate needs the modules:\n"
                 << init.output.substr(0, 600);
  }
  ASSERT_EQ(init.exit_code, 0) << init.output;
  const CommandResult validate = run_command(environment + terraform + chdir + " validate -no-color");
  EXPECT_EQ(validate.exit_code, 0) << validate.output;
}

}  // namespace
}  // namespace deploy_test
