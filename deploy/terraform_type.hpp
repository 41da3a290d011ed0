#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

// Terraform type constraints (`map(object({ uri = optional(string) }))`), as the module interface
// check needs them: which keys an object literal may hold and which it must.
namespace deploy_test {

// Parses a variable's `type` as hcl2json gives it ("${...}", comments and defaults included) into
//   {"kind":"string"|"number"|"bool"|"any"}
//   {"kind":"list"|"set"|"map", "element":T}
//   {"kind":"tuple", "elements":[T...]}
//   {"kind":"object", "attributes":{name: T}}   where T of an optional(...) attribute has "optional":true
// Throws std::invalid_argument on text that is not a type constraint.
nlohmann::json parse_terraform_type(std::string_view text);

// What is wrong with `value` (a literal as hcl2json gives it) for `type`: undeclared keys of
// objects and missing required attributes, each named by its path from `where`. Expressions
// ("${...}" strings) are not evaluated, so they pass.
std::vector<std::string> literal_type_problems(const nlohmann::json& value, const nlohmann::json& type,
                                               const std::string& where);

}  // namespace deploy_test
