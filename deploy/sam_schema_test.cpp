// template.yaml against SAM's published JSON schema (testdata/sam/sam.schema.json, from
// aws/serverless-application-model v1.109.0, with its licence), validated offline by the pinned ajv
// (scripts/sam-schema.mjs). A planted misspelt property and a wrongly typed one must fail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "deploy/cfn_yaml.hpp"
#include "deploy/command.hpp"
#include "deploy/terraform_config.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

CommandResult validate(const json& sam_template) {
  const TempDirectory scratch;
  const fs::path file = scratch.path() / "template.json";
  std::ofstream(file) << sam_template.dump();
  return run_command("cd " + shell_quote(project_source_dir().string()) +
                     " && node scripts/sam-schema.mjs testdata/sam/sam.schema.json " + shell_quote(file.string()));
}

json the_template() { return cloudformation_yaml_to_json(project_source_dir() / "template.yaml"); }

TEST(SamSchema, TemplateIsValid) {
  const CommandResult result = validate(the_template());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("valid"));
}

TEST(SamSchema, RejectsAMisspeltFunctionProperty) {
  json sam = the_template();
  sam["Resources"]["GetBirthday"]["Properties"].erase("AutoPublishAlias");
  sam["Resources"]["GetBirthday"]["Properties"]["AutoPublishAlais"] = "live";
  const CommandResult result = validate(sam);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("\"additionalProperty\":\"AutoPublishAlais\""));
}

TEST(SamSchema, RejectsAWronglyTypedProperty) {
  json sam = the_template();
  sam["Resources"]["PutBirthday"]["Properties"]["DeploymentPreference"]["Alarms"] = "Api5xxAlarm";
  const CommandResult result = validate(sam);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("/Resources/PutBirthday/Properties/DeploymentPreference/Alarms must be array"));
}

TEST(SamSchema, ReadsIntrinsicsInTheirLongForm) {
  const json sam = the_template();
  EXPECT_EQ(sam["Globals"]["Function"]["Environment"]["Variables"]["DYNAMODB_TABLE"], json({{"Ref", "BirthdaysTable"}}));
  EXPECT_EQ(sam["Globals"]["Function"]["MemorySize"], 128);
  EXPECT_EQ(sam["AWSTemplateFormatVersion"], "2010-09-09");
  EXPECT_EQ(sam["Resources"]["GetBirthday"]["Properties"]["Policies"][0]["Statement"][0]["Resource"],
            json({{"Fn::GetAtt", {"BirthdaysTable", "Arn"}}}));
}

TEST(SamSchema, IsVendoredWithItsLicence) {
  EXPECT_TRUE(fs::is_regular_file(project_source_dir() / "testdata" / "sam" / "LICENSE"));
}

}  // namespace
}  // namespace deploy_test
