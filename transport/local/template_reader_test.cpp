#include "transport/local/template_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace birthday::local {
namespace {

const FunctionSpec& function_named(const std::vector<FunctionSpec>& functions, const std::string& name) {
  const auto found = std::find_if(functions.begin(), functions.end(), [&](const auto& f) { return f.name == name; });
  if (found == functions.end()) throw std::runtime_error("no function " + name);
  return *found;
}

TEST(ReadTemplate, ReadsTheProjectsTwoFunctionsAndTheirRoutes) {
  const std::vector<FunctionSpec> functions = read_template(PROJECT_SOURCE_DIR "/template.yaml");
  ASSERT_EQ(functions.size(), 2u);

  const FunctionSpec& get = function_named(functions, "GetBirthday");
  ASSERT_EQ(get.routes.size(), 1u);
  EXPECT_EQ(get.routes[0].method, "GET");
  EXPECT_EQ(get.routes[0].path, "/hello/{username}");

  const FunctionSpec& put = function_named(functions, "PutBirthday");
  ASSERT_EQ(put.routes.size(), 1u);
  EXPECT_EQ(put.routes[0].method, "PUT");
  EXPECT_EQ(put.routes[0].path, "/hello/{username}");
}

TEST(ReadTemplate, GivesEachFunctionTheGlobals) {
  for (const FunctionSpec& function : read_template(PROJECT_SOURCE_DIR "/template.yaml")) {
    EXPECT_EQ(function.handler, "bootstrap") << function.name;
    EXPECT_EQ(function.timeout, std::chrono::seconds(5)) << function.name;
    EXPECT_EQ(function.memory_mb, 128) << function.name;
    ASSERT_TRUE(function.environment.contains("DYNAMODB_TABLE")) << function.name;
    EXPECT_TRUE(function.environment.at("DYNAMODB_TABLE").intrinsic);
    EXPECT_EQ(function.environment.at("DYNAMODB_TABLE").text, "!Ref BirthdaysTable");
    ASSERT_TRUE(function.environment.contains("LOG_LEVEL")) << function.name;
    EXPECT_FALSE(function.environment.at("LOG_LEVEL").intrinsic);
    EXPECT_EQ(function.environment.at("LOG_LEVEL").text, "info");
  }
}

TEST(ParseTemplate, FunctionPropertiesOverrideGlobalsAndVariablesMerge) {
  const auto functions = parse_template(R"(
Globals:
  Function:
    Timeout: 5
    MemorySize: 256
    Environment:
      Variables:
        SHARED: from-globals
        LOG_LEVEL: info
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: main
      Timeout: 30
      Environment:
        Variables:
          LOG_LEVEL: debug
          PORT: 8080
          TABLE_ARN: !GetAtt Table.Arn
          LONG_FORM: {"Ref": "Table"}
)");
  ASSERT_EQ(functions.size(), 1u);
  const FunctionSpec& worker = functions[0];
  EXPECT_EQ(worker.name, "Worker");
  EXPECT_EQ(worker.handler, "main");
  EXPECT_EQ(worker.timeout, std::chrono::seconds(30));
  EXPECT_EQ(worker.memory_mb, 256);
  EXPECT_EQ(worker.environment.at("SHARED").text, "from-globals");
  EXPECT_EQ(worker.environment.at("LOG_LEVEL").text, "debug");
  EXPECT_EQ(worker.environment.at("PORT").text, "8080");
  EXPECT_TRUE(worker.environment.at("TABLE_ARN").intrinsic);
  EXPECT_EQ(worker.environment.at("TABLE_ARN").text, "!GetAtt Table.Arn");
  EXPECT_TRUE(worker.environment.at("LONG_FORM").intrinsic);
  EXPECT_TRUE(worker.routes.empty());
}

TEST(ParseTemplate, UsesSamDefaultsWithoutGlobals) {
  const auto functions = parse_template("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n");
  ASSERT_EQ(functions.size(), 1u);
  EXPECT_EQ(functions[0].timeout, std::chrono::seconds(3));
  EXPECT_EQ(functions[0].memory_mb, 128);
  EXPECT_EQ(functions[0].handler, "bootstrap");
}

TEST(ParseTemplate, ReadsHttpApiEventsOnly) {
  const auto functions = parse_template(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Everything:
          Type: HttpApi
        Lower:
          Type: HttpApi
          Properties: {Path: "/items/{id}", Method: delete}
        Rest:
          Type: Api
          Properties: {Path: /rest, Method: get}
        Timer:
          Type: Schedule
          Properties: {Schedule: rate(1 minute)}
)");
  ASSERT_EQ(functions.size(), 1u);
  ASSERT_EQ(functions[0].routes.size(), 2u);
  EXPECT_EQ(functions[0].routes[0].method, "ANY");
  EXPECT_EQ(functions[0].routes[0].path, "$default");
  EXPECT_EQ(functions[0].routes[1].method, "DELETE");
  EXPECT_EQ(functions[0].routes[1].path, "/items/{id}");
}

TEST(ParseTemplate, RejectsWhatItCannotUse) {
  const char* broken[] = {
      "Resources: [",
      "Globals: {}",
      "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: soon\n",
      "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 0\n",
      "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      MemorySize: !Ref Size\n",
      "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n"
      "          Type: HttpApi\n          Properties: {Path: /x}\n",
  };
  for (const char* text : broken) EXPECT_THROW(parse_template(text), std::runtime_error) << text;
  EXPECT_THROW(read_template("/no/such/template.yaml"), std::runtime_error);
}

}  // namespace
}  // namespace birthday::local
