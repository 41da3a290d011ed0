#include "transport/local/function_environment.hpp"

#include <gtest/gtest.h>

namespace birthday::local {
namespace {

FunctionSpec get_birthday() {
  FunctionSpec spec;
  spec.name = "GetBirthday";
  spec.memory_mb = 256;
  spec.environment = {
      {"DYNAMODB_TABLE", {"!Ref BirthdaysTable", true}},
      {"LOG_LEVEL", {"info", false}},
      {"AWS_ENDPOINT_URL_DYNAMODB", {"", false}},
  };
  return spec;
}

TEST(ResolveEnvironment, TakesEnvJsonValuesForTheFunction) {
  const auto resolved = resolve_environment(
      get_birthday(), nlohmann::json::parse(R"({"GetBirthday": {"DYNAMODB_TABLE": "Birthdays",
                                                                "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000"}})"));
  EXPECT_EQ(resolved.variables, (Environment{{"DYNAMODB_TABLE", "Birthdays"},
                                             {"LOG_LEVEL", "info"},
                                             {"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"}}));
  EXPECT_TRUE(resolved.warnings.empty());
}

TEST(ResolveEnvironment, ParametersApplyToEveryFunctionAndTheFunctionsOwnValuesWin) {
  const auto resolved = resolve_environment(
      get_birthday(),
      nlohmann::json::parse(R"({"Parameters": {"DYNAMODB_TABLE": "Shared", "LOG_LEVEL": "warn"},
                                "GetBirthday": {"LOG_LEVEL": "debug"},
                                "PutBirthday": {"DYNAMODB_TABLE": "Other"}})"));
  EXPECT_EQ(resolved.variables.at("DYNAMODB_TABLE"), "Shared");
  EXPECT_EQ(resolved.variables.at("LOG_LEVEL"), "debug");
}

TEST(ResolveEnvironment, IgnoresUndeclaredVariablesAsSamDoes) {
  const auto resolved =
      resolve_environment(get_birthday(), nlohmann::json::parse(R"({"GetBirthday": {"DYNAMODB_TABLE": "T", "EXTRA": "x"}})"));
  EXPECT_FALSE(resolved.variables.contains("EXTRA"));
  ASSERT_EQ(resolved.warnings.size(), 1u);
  EXPECT_NE(resolved.warnings[0].find("EXTRA"), std::string::npos);
}

// As SAM CLI: a Ref without an env.json value is the logical id it names.
TEST(ResolveEnvironment, ResolvesARefWithoutAValueToItsLogicalId) {
  const auto resolved = resolve_environment(get_birthday(), nlohmann::json::object());
  EXPECT_EQ(resolved.variables.at("DYNAMODB_TABLE"), "BirthdaysTable");
  EXPECT_EQ(resolved.variables.at("LOG_LEVEL"), "info");
  EXPECT_TRUE(resolved.warnings.empty());

  FunctionSpec spec = get_birthday();
  spec.environment["DYNAMODB_TABLE"] = {"{Ref: BirthdaysTable}", true};
  EXPECT_EQ(resolve_environment(spec, nlohmann::json::object()).variables.at("DYNAMODB_TABLE"), "BirthdaysTable");
}

TEST(ResolveEnvironment, LeavesAnotherIntrinsicWithoutAValueUnsetAndSaysSo) {
  FunctionSpec spec = get_birthday();
  spec.environment["TABLE_ARN"] = {"!GetAtt BirthdaysTable.Arn", true};
  const auto resolved = resolve_environment(spec, nlohmann::json::object());
  EXPECT_FALSE(resolved.variables.contains("TABLE_ARN"));
  ASSERT_EQ(resolved.warnings.size(), 1u);
  EXPECT_NE(resolved.warnings[0].find("!GetAtt BirthdaysTable.Arn"), std::string::npos);
}

// As SAM CLI: the shell sets variables the template declares (LOG_LEVEL=error make run), and
// env.json wins over the shell; undeclared shell variables stay out.
TEST(ResolveEnvironment, TheShellSetsDeclaredVariablesAndEnvJsonWinsOverIt) {
  const Environment shell{{"LOG_LEVEL", "error"}, {"DYNAMODB_TABLE", "FromShell"}, {"HOME", "/root"}};
  const auto from_shell = resolve_environment(get_birthday(), nlohmann::json::object(), shell);
  EXPECT_EQ(from_shell.variables.at("LOG_LEVEL"), "error");
  EXPECT_EQ(from_shell.variables.at("DYNAMODB_TABLE"), "FromShell");
  EXPECT_FALSE(from_shell.variables.contains("HOME"));

  const auto env_json_wins = resolve_environment(
      get_birthday(), nlohmann::json::parse(R"({"Parameters": {"LOG_LEVEL": "warn"}, "GetBirthday": {"DYNAMODB_TABLE": "T"}})"),
      shell);
  EXPECT_EQ(env_json_wins.variables.at("LOG_LEVEL"), "warn");
  EXPECT_EQ(env_json_wins.variables.at("DYNAMODB_TABLE"), "T");
}

// env.json.example leaves LOG_LEVEL to the template and the shell: `LOG_LEVEL=error make run` works.
TEST(ResolveEnvironment, TheExampleEnvJsonLetsTheShellChooseTheLogLevel) {
  const nlohmann::json example = read_env_vars(PROJECT_SOURCE_DIR "/env.json.example");
  for (const FunctionSpec& function : read_template(PROJECT_SOURCE_DIR "/template.yaml")) {
    EXPECT_EQ(resolve_environment(function, example, {{"LOG_LEVEL", "error"}}).variables.at("LOG_LEVEL"), "error")
        << function.name;
  }
}

TEST(ResolveEnvironment, WritesNumbersAndBooleansAsText) {
  FunctionSpec spec;
  spec.name = "Fn";
  spec.environment = {{"RETRIES", {"1", false}}, {"DEBUG", {"false", false}}};
  const auto resolved = resolve_environment(spec, nlohmann::json::parse(R"({"Fn": {"RETRIES": 3, "DEBUG": true}})"));
  EXPECT_EQ(resolved.variables.at("RETRIES"), "3");
  EXPECT_EQ(resolved.variables.at("DEBUG"), "true");
}

TEST(InstanceEnvironment, HasLambdasVariablesAndTheFunctionsOwn) {
  const LambdaContext context{"127.0.0.1:4567", "/opt/fn", "2024/05/17/[$LATEST]abc", "eu-west-1",
                              {{"AWS_ACCESS_KEY_ID", "key"}, {"AWS_SECRET_ACCESS_KEY", "secret"}}};
  const Environment environment =
      instance_environment(get_birthday(), {{"DYNAMODB_TABLE", "Birthdays"}, {"LOG_LEVEL", "debug"}}, context);
  const Environment expected_subset{
      {"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:4567"},
      {"AWS_LAMBDA_FUNCTION_NAME", "GetBirthday"},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"},
      {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
      {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/GetBirthday"},
      {"AWS_LAMBDA_LOG_STREAM_NAME", "2024/05/17/[$LATEST]abc"},
      {"AWS_REGION", "eu-west-1"},
      {"AWS_DEFAULT_REGION", "eu-west-1"},
      {"AWS_ACCESS_KEY_ID", "key"},
      {"AWS_SECRET_ACCESS_KEY", "secret"},
      {"AWS_EC2_METADATA_DISABLED", "true"},
      {"LAMBDA_TASK_ROOT", "/opt/fn"},
      {"_HANDLER", "bootstrap"},
      {"TZ", ":UTC"},
      {"DYNAMODB_TABLE", "Birthdays"},
      {"LOG_LEVEL", "debug"},
  };
  for (const auto& [name, value] : expected_subset) EXPECT_EQ(environment.at(name), value) << name;
}

TEST(InstanceEnvironment, AFunctionCannotReplaceWhatLambdaOwns) {
  const LambdaContext context{"127.0.0.1:4567", "/opt/fn", "stream", "eu-west-1", {}};
  const Environment environment = instance_environment(
      get_birthday(), {{"AWS_LAMBDA_RUNTIME_API", "elsewhere:1"}, {"TZ", "Europe/Paris"}, {"AWS_REGION", "us-west-2"}},
      context);
  EXPECT_EQ(environment.at("AWS_LAMBDA_RUNTIME_API"), "127.0.0.1:4567");
  EXPECT_EQ(environment.at("TZ"), ":UTC");
  EXPECT_EQ(environment.at("AWS_REGION"), "us-west-2");
}

TEST(Credentials, ComeFromTheCallerOrAreDummies) {
  EXPECT_EQ(credentials_from({}), (Environment{{"AWS_ACCESS_KEY_ID", "local"}, {"AWS_SECRET_ACCESS_KEY", "local"}}));
  EXPECT_EQ(credentials_from({{"AWS_ACCESS_KEY_ID", "AKID"}}),
            (Environment{{"AWS_ACCESS_KEY_ID", "local"}, {"AWS_SECRET_ACCESS_KEY", "local"}}));
  EXPECT_EQ(credentials_from({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SESSION_TOKEN", "t"}}),
            (Environment{{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SESSION_TOKEN", "t"}}));
}

TEST(Region, ComesFromTheCallerOrDefaults) {
  EXPECT_EQ(region_from({}), "us-east-1");
  EXPECT_EQ(region_from({{"AWS_DEFAULT_REGION", "eu-west-1"}}), "eu-west-1");
  EXPECT_EQ(region_from({{"AWS_REGION", "eu-central-1"}, {"AWS_DEFAULT_REGION", "eu-west-1"}}), "eu-central-1");
}

}  // namespace
}  // namespace birthday::local
