// deploy/*.tf against the interfaces of the module versions it pins, vendored under
// testdata/terraform-modules/: every argument is a declared variable, every required variable is
// given, object literals use declared attributes only, every module output read exists, submodule
// paths exist. Offline: no terraform, no registry. The planted mistakes prove the check bites.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "deploy/module_interface.hpp"
#include "deploy/terraform_config.hpp"
#include "deploy/terraform_type.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::ThrowsMessage;

const json& modules() { return TerraformConfig::load().blocks().at("module"); }

const std::map<std::string, ModuleInterface>& interfaces() {
  static const std::map<std::string, ModuleInterface> loaded = [] {
    std::map<std::string, ModuleInterface> by_name;
    for (const auto& [name, call] : modules().items()) {
      by_name.emplace(name, vendored_interface(call.at("source"), call.at("version")));
    }
    return by_name;
  }();
  return loaded;
}

std::vector<std::string> problems_of(const std::string& name, const json& call) {
  return module_call_problems(name, call, interfaces().at(name));
}

// --- the configuration as it is -------------------------------------------------------------------

TEST(ModuleInterface, EveryModuleCallPassesOnlyDeclaredVariablesAndAllRequiredOnes) {
  for (const auto& [name, call] : modules().items()) {
    EXPECT_THAT(problems_of(name, call), IsEmpty()) << "module " << name;
  }
}

TEST(ModuleInterface, EveryModuleOutputReadIsDeclared) {
  EXPECT_THAT(output_reference_problems(TerraformConfig::load().blocks(), interfaces()), IsEmpty());
}

TEST(ModuleInterface, PinnedVersionsResolveToTheVendoredTagsAndTheirSubmodules) {
  EXPECT_EQ(interfaces().at("function").location, "testdata/terraform-modules/terraform-aws-lambda-v8.8.1");
  EXPECT_EQ(interfaces().at("live_alias").location,
            "testdata/terraform-modules/terraform-aws-lambda-v8.8.1//modules/alias");
  EXPECT_EQ(interfaces().at("deployment").location,
            "testdata/terraform-modules/terraform-aws-lambda-v8.8.1//modules/deploy");
  EXPECT_EQ(interfaces().at("http_api").location, "testdata/terraform-modules/terraform-aws-apigateway-v2-v6.1.0");
  EXPECT_EQ(interfaces().at("birthdays_table").location,
            "testdata/terraform-modules/terraform-aws-dynamodb-table-v5.5.0");
}

TEST(ModuleInterface, EveryVendoredModuleKeepsItsLicence) {
  for (const auto& entry : fs::directory_iterator(project_source_dir() / "testdata" / "terraform-modules")) {
    if (entry.is_directory()) {
      EXPECT_TRUE(fs::is_regular_file(entry.path() / "LICENSE")) << entry.path();
    }
  }
}

// --- planted mistakes -----------------------------------------------------------------------------

TEST(ModuleInterface, FindsAMisspelledArgument) {
  json call = modules().at("function");
  call["memory_sizes"] = call.at("memory_size");
  call.erase("memory_size");
  EXPECT_THAT(problems_of("function", call),
              ElementsAre(HasSubstr("module.function: memory_sizes is not a variable of "
                                    "testdata/terraform-modules/terraform-aws-lambda-v8.8.1")));
}

TEST(ModuleInterface, FindsAMissingRequiredVariable) {
  ModuleInterface interface = interfaces().at("birthdays_table");
  interface.variables.at("hash_key")["required"] = true;  // as if the module had no default for it
  json call = modules().at("birthdays_table");
  EXPECT_THAT(module_call_problems("birthdays_table", call, interface), IsEmpty());
  call.erase("hash_key");
  EXPECT_THAT(module_call_problems("birthdays_table", call, interface),
              ElementsAre(HasSubstr("the required variable hash_key of")));
}

TEST(ModuleInterface, FindsAnUndeclaredKeyInsideAnObjectTypedArgument) {
  json call = modules().at("http_api");
  call["routes"]["GET /hello/{username}"]["integration"]["payload_format"] = "2.0";
  call["stage_access_log_settings"]["retention_in_days"] = 7;
  EXPECT_THAT(problems_of("http_api", call),
              ElementsAre(HasSubstr("module.http_api.routes[\"GET /hello/{username}\"].integration.payload_format "
                                    "is not an attribute"),
                          HasSubstr("module.http_api.stage_access_log_settings.retention_in_days is not an attribute")));
}

TEST(ModuleInterface, FindsAnUnknownOutput) {
  json blocks = TerraformConfig::load().blocks();
  blocks["output"]["planted"] = {{"value", "${module.http_api.api_url}"}};
  blocks["output"]["planted_loop"] = {{"value", "${{ for k, f in module.function : k => f.function_arn }}"}};
  EXPECT_THAT(output_reference_problems(blocks, interfaces()),
              ElementsAre(HasSubstr("module.http_api.api_url is not an output of"),
                          HasSubstr("module.function.function_arn is not an output of")));
}

TEST(ModuleInterface, FindsAMissingSubmoduleOrAnUnvendoredVersion) {
  EXPECT_THAT([] { vendored_interface("terraform-aws-modules/lambda/aws//modules/aliases", "~> 8.8"); },
              ThrowsMessage<std::runtime_error>(HasSubstr("has no submodule modules/aliases")));
  EXPECT_THAT([] { vendored_interface("terraform-aws-modules/lambda/aws", "~> 7.0"); },
              ThrowsMessage<std::runtime_error>(HasSubstr("no vendored terraform-aws-lambda satisfies ~> 7.0")));
  EXPECT_THAT([] { vendored_interface("terraform-aws-modules/lambda/aws", "~> 8.8.2"); },
              ThrowsMessage<std::runtime_error>(HasSubstr("satisfies ~> 8.8.2")));
}

// --- type constraints -----------------------------------------------------------------------------

TEST(TerraformType, ParsesNestedObjectsWithOptionalAttributesDefaultsAndComments) {
  const json type = parse_terraform_type(
      "${map(object({\n  # a comment\n  uri = optional(string)\n  scopes = optional(list(string), [])\n"
      "  key = optional(string, \"$default\")\n  integration = object({ type = optional(string, \"AWS_PROXY\") })\n"
      "  pair = tuple([string, number])\n}))}");
  EXPECT_EQ(type.at("kind"), "map");
  const json& attributes = type.at("element").at("attributes");
  EXPECT_EQ(attributes.at("uri"), json({{"kind", "string"}, {"optional", true}}));
  EXPECT_EQ(attributes.at("scopes").at("element").at("kind"), "string");
  EXPECT_EQ(attributes.at("key").at("optional"), true);
  EXPECT_FALSE(attributes.at("integration").contains("optional"));
  EXPECT_EQ(attributes.at("pair").at("elements").size(), 2U);
  EXPECT_THROW(parse_terraform_type("${mapp(string)}"), std::invalid_argument);
}

TEST(TerraformType, ObjectLiteralsMissingARequiredAttributeAreReported) {
  const json type = parse_terraform_type("list(object({ name = string, type = optional(string) }))");
  EXPECT_THAT(literal_type_problems(json::array({{{"type", "S"}}}), type, "attributes"),
              ElementsAre("attributes[0] lacks the required attribute name"));
  EXPECT_THAT(literal_type_problems("${var.attributes}", type, "attributes"), IsEmpty());
}

}  // namespace
}  // namespace deploy_test
