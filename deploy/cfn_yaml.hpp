#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

// A CloudFormation/SAM template in YAML as the JSON CloudFormation itself reads: short-form
// intrinsics in their long form (`!Ref X` -> {"Ref":"X"}, `!GetAtt A.B` -> {"Fn::GetAtt":["A","B"]},
// `!Sub s` -> {"Fn::Sub":"s"}), plain scalars typed as YAML 1.2's core schema types them.
namespace deploy_test {

nlohmann::json cloudformation_yaml_to_json(const std::filesystem::path& template_file);

}  // namespace deploy_test
