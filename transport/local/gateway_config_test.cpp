#include "transport/local/gateway_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "transport/local/test_support.hpp"

namespace birthday::local {
namespace {

TEST(KebabCase, NamesTheFolderOfAFunctionsBootstrap) {
  EXPECT_EQ(kebab_case("GetBirthday"), "get-birthday");
  EXPECT_EQ(kebab_case("PutBirthday"), "put-birthday");
  EXPECT_EQ(kebab_case("Worker"), "worker");
  EXPECT_EQ(kebab_case("lowercase"), "lowercase");
}

TEST(ParseAssignments, ReadsCommaSeparatedNameValuePairs) {
  EXPECT_EQ(parse_assignments(""), (std::map<std::string, std::string>{}));
  EXPECT_EQ(parse_assignments("A=1,B=x=y,C="),
            (std::map<std::string, std::string>{{"A", "1"}, {"B", "x=y"}, {"C", ""}}));
  EXPECT_THROW(parse_assignments("A=1,B"), std::invalid_argument);
  EXPECT_THROW(parse_assignments("=1"), std::invalid_argument);
}

class PoolOptionsFrom : public ::testing::Test {
 protected:
  testing::TempDir dir;
  std::vector<std::string> warnings;
  LogSink log = [this](const std::string& line) { warnings.push_back(line); };

  GatewayConfig config() {
    GatewayConfig config;
    config.template_file = dir.write("template.yaml", R"(
Globals:
  Function:
    Timeout: 7
    Environment:
      Variables:
        DYNAMODB_TABLE: !Ref Table
Resources:
  GetBirthday:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get: {Type: HttpApi, Properties: {Path: "/hello/{username}", Method: GET}}
  Scripted:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 512
)");
    config.env_vars_file = dir.write("env.json", R"({"Parameters": {"DYNAMODB_TABLE": "Birthdays"}})");
    config.functions_dir = dir.path() / "functions";
    std::filesystem::create_directories(config.functions_dir / "get-birthday");
    std::filesystem::copy_file(SCRIPTED_FUNCTION_PATH, config.functions_dir / "get-birthday" / "bootstrap");
    config.bootstraps["Scripted"] = SCRIPTED_FUNCTION_PATH;
    config.extra_variables["EXTRA"] = "yes";
    config.max_instances = 3;
    return config;
  }
};

TEST_F(PoolOptionsFrom, CombinesTemplateEnvJsonFlagsAndBootstraps) {
  const std::vector<PoolOptions> pools = pool_options_from(config(), {{"AWS_REGION", "eu-west-1"}}, log);
  ASSERT_EQ(pools.size(), 2u);
  EXPECT_EQ(pools[0].function.name, "GetBirthday");
  EXPECT_EQ(pools[0].bootstrap, dir.path() / "functions" / "get-birthday" / "bootstrap");
  EXPECT_EQ(pools[0].function.timeout, std::chrono::seconds(7));
  EXPECT_EQ(pools[0].variables, (Environment{{"DYNAMODB_TABLE", "Birthdays"}, {"EXTRA", "yes"}}));
  EXPECT_EQ(pools[0].region, "eu-west-1");
  EXPECT_EQ(pools[0].max_instances, 3u);
  EXPECT_EQ(pools[1].function.name, "Scripted");
  EXPECT_EQ(pools[1].bootstrap, SCRIPTED_FUNCTION_PATH);
  EXPECT_EQ(pools[1].function.memory_mb, 512);
  EXPECT_TRUE(warnings.empty());

  const RouteTable routes = route_table_from(pools);
  ASSERT_EQ(routes.routes().size(), 1u);
  EXPECT_EQ(routes.match("GET", "/hello/alice")->function, "GetBirthday");
}

TEST_F(PoolOptionsFrom, RefusesAMissingBootstrapAndSaysHowToFixIt) {
  GatewayConfig missing = config();
  missing.bootstraps["Scripted"] = dir.path() / "nothing-here";
  try {
    pool_options_from(missing, {}, log);
    FAIL() << "no error for a missing bootstrap";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("nothing-here"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("--bootstrap Scripted=PATH"), std::string::npos);
  }
}

TEST_F(PoolOptionsFrom, PassesOnWarningsAboutEnvJson) {
  GatewayConfig with_unknown = config();
  with_unknown.env_vars_file = dir.write("env.json", R"({"GetBirthday": {"UNDECLARED": "x"}})");
  pool_options_from(with_unknown, {}, log);
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(),
                          [](const std::string& line) { return line.find("UNDECLARED") != std::string::npos; }));
}

}  // namespace
}  // namespace birthday::local
