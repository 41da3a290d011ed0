#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

// The interface of a pinned registry module — its variables and outputs — read from the files
// vendored under testdata/terraform-modules/<repository>-<tag>/, so that deploy/*.tf can be checked
// against it without terraform, the registry or a network.
namespace deploy_test {

struct ModuleInterface {
  std::string location;                           // e.g. testdata/terraform-modules/terraform-aws-lambda-v8.8.1//modules/alias
  std::map<std::string, nlohmann::json> variables;  // name -> {"required": bool, "type": parsed type}
  std::set<std::string> outputs;
};

// The vendored interface a `module` block's source and version name, e.g.
// "terraform-aws-modules/lambda/aws//modules/alias" "~> 8.8". Throws std::runtime_error when no
// vendored tag satisfies the version or the submodule path does not exist there.
ModuleInterface vendored_interface(const std::string& source, const std::string& version);

// What is wrong with one module call (a `module` block as hcl2json gives it) for its interface:
// arguments that are no variable, variables without a default that are not given, and keys of
// object literals that their variable's type does not declare.
std::vector<std::string> module_call_problems(const std::string& module_name, const nlohmann::json& call,
                                              const ModuleInterface& interface);

// Every `module.NAME.OUTPUT` read in `blocks` (TerraformConfig::blocks(), also through
// `for k, v in module.NAME : ... v.OUTPUT`) that NAME's interface does not declare.
std::vector<std::string> output_reference_problems(const nlohmann::json& blocks,
                                                   const std::map<std::string, ModuleInterface>& interfaces);

}  // namespace deploy_test
