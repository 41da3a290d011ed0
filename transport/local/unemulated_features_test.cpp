#include "transport/local/unemulated_features.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "transport/local/template_reader.hpp"

namespace birthday::local {
namespace {

using ::testing::HasSubstr;

std::string function_with_event_properties(const std::string& extra) {
  return "Resources:\n  GetBirthday:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n"
         "        GetHello:\n          Type: HttpApi\n          Properties:\n            Path: /hello/{username}\n"
         "            Method: GET\n" +
         extra;
}

std::string refusal(const std::string& yaml) {
  try {
    parse_template(yaml);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "(accepted)";
}

TEST(UnemulatedFeatures, PayloadFormat10IsRefusedAndNamed) {
  EXPECT_THAT(refusal(function_with_event_properties("            PayloadFormatVersion: \"1.0\"\n")),
              HasSubstr("Resources.GetBirthday.Properties.Events.GetHello.PayloadFormatVersion: \"1.0\" asks for payload "
                        "1.0 events"));
  EXPECT_EQ(refusal(function_with_event_properties("            PayloadFormatVersion: \"2.0\"\n")), "(accepted)");
}

TEST(UnemulatedFeatures, ACustomIntegrationTimeoutIsRefused) {
  EXPECT_THAT(refusal(function_with_event_properties("            TimeoutInMillis: 5000\n")),
              HasSubstr("GetHello.TimeoutInMillis: a custom integration timeout"));
}

TEST(UnemulatedFeatures, AnExplicitApiIsRefused) {
  EXPECT_THAT(refusal(function_with_event_properties("            ApiId: !Ref MyApi\n")),
              HasSubstr("GetHello.ApiId: an explicit HTTP API"));
}

TEST(UnemulatedFeatures, ANamedStageIsRefusedTheDefaultStageIsNot) {
  const std::string api = "  MyApi:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      StageName: prod\n";
  EXPECT_THAT(refusal(function_with_event_properties("") + api),
              HasSubstr("Resources.MyApi.Properties.StageName: a named stage"));
  EXPECT_THAT(refusal("Globals:\n  HttpApi:\n    StageName: v1\n" + function_with_event_properties("")),
              HasSubstr("Globals.HttpApi.StageName"));
  EXPECT_EQ(refusal("Globals:\n  HttpApi:\n    StageName: $default\n" + function_with_event_properties("")), "(accepted)");
}

TEST(UnemulatedFeatures, TheProjectTemplateUsesNone) {
  EXPECT_NO_THROW(read_template(PROJECT_SOURCE_DIR "/template.yaml"));
}

}  // namespace
}  // namespace birthday::local
