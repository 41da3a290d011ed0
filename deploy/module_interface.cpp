#include "deploy/module_interface.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>

#include "deploy/terraform_config.hpp"
#include "deploy/terraform_type.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path vendored_root = "testdata/terraform-modules";

std::vector<int> version_numbers(const std::string& text) {
  std::vector<int> numbers;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, '.');) numbers.push_back(std::stoi(part));
  return numbers;
}

// Terraform's pessimistic constraint "~> A.B" admits A.B <= v < (A+1).0, "~> A.B.C" A.B.C <= v < A.(B+1).0.
bool admits(const std::string& constraint, const std::vector<int>& version) {
  const std::string prefix = "~> ";
  if (!constraint.starts_with(prefix)) throw std::runtime_error("unsupported version constraint " + constraint);
  std::vector<int> low = version_numbers(constraint.substr(prefix.size()));
  std::vector<int> high(low.begin(), low.end() - 1);
  ++high.back();
  low.resize(3, 0);
  high.resize(3, 0);
  return version >= low && version < high;
}

// "terraform-aws-modules/lambda/aws" is GitHub's terraform-aws-modules/terraform-aws-lambda.
std::string repository_name(const std::string& registry_source) {
  const auto first = registry_source.find('/');
  const auto second = registry_source.find('/', first + 1);
  if (first == std::string::npos || second == std::string::npos) {
    throw std::runtime_error("not a registry source: " + registry_source);
  }
  return "terraform-" + registry_source.substr(second + 1) + "-" + registry_source.substr(first + 1, second - first - 1);
}

fs::path vendored_tag(const std::string& repository, const std::string& version) {
  std::vector<std::string> seen;
  for (const auto& entry : fs::directory_iterator(project_source_dir() / vendored_root)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(repository + "-v")) continue;
    seen.push_back(name);
    if (admits(version, version_numbers(name.substr(repository.size() + 2)))) return vendored_root / name;
  }
  std::string known;
  for (const auto& name : seen) known += " " + name;
  throw std::runtime_error("no vendored " + repository + " satisfies " + version + " (vendored:" + known + ")");
}

json first_block_map(const json& file, const std::string& kind) {
  json merged = json::object();
  if (!file.contains(kind)) return merged;
  for (const auto& [name, blocks] : file.at(kind).items()) merged[name] = blocks.at(0);
  return merged;
}

bool is_meta_argument(const std::string& name) {
  return name == "source" || name == "version" || name == "for_each" || name == "count" || name == "depends_on" ||
         name == "providers";
}

}  // namespace

ModuleInterface vendored_interface(const std::string& source, const std::string& version) {
  const auto split = source.find("//");
  const std::string registry_source = source.substr(0, split);
  const std::string submodule = split == std::string::npos ? "" : source.substr(split + 2);
  const fs::path root = vendored_tag(repository_name(registry_source), version);
  const fs::path directory = submodule.empty() ? root : root / submodule;
  if (!fs::is_directory(project_source_dir() / directory)) {
    throw std::runtime_error(source + ": the module has no submodule " + submodule + " (no " + directory.string() + ")");
  }

  const std::string variables_file = (directory / "variables.tf").string();
  const std::string outputs_file = (directory / "outputs.tf").string();
  const json dumped = hcl_dump({variables_file, outputs_file});
  ModuleInterface interface{root.string() + (submodule.empty() ? "" : "//" + submodule), {}, {}};
  for (const auto& path : {variables_file, outputs_file}) {
    if (dumped.at("files").at(path).contains("error")) {
      throw std::runtime_error(path + " does not parse: " + dumped.at("files").at(path).at("error").get<std::string>());
    }
  }
  const json variables = first_block_map(dumped.at("files").at(variables_file).at("json"), "variable");
  for (const auto& [name, block] : variables.items()) {
    interface.variables[name] = {{"required", !block.contains("default")},
                                 {"type", block.contains("type") ? parse_terraform_type(block.at("type").get<std::string>())
                                                                 : json{{"kind", "any"}}}};
  }
  const json outputs = first_block_map(dumped.at("files").at(outputs_file).at("json"), "output");
  for (const auto& [name, block] : outputs.items()) {
    interface.outputs.insert(name);
  }
  return interface;
}

std::vector<std::string> module_call_problems(const std::string& module_name, const json& call,
                                              const ModuleInterface& interface) {
  std::vector<std::string> problems;
  const std::string where = "module." + module_name;
  for (const auto& [argument, value] : call.items()) {
    if (is_meta_argument(argument)) continue;
    const auto variable = interface.variables.find(argument);
    if (variable == interface.variables.end()) {
      problems.push_back(where + ": " + argument + " is not a variable of " + interface.location);
      continue;
    }
    for (auto& problem : literal_type_problems(value, variable->second.at("type"), where + "." + argument)) {
      problems.push_back(std::move(problem));
    }
  }
  for (const auto& [name, variable] : interface.variables) {
    if (variable.at("required").get<bool>() && !call.contains(name)) {
      problems.push_back(where + ": the required variable " + name + " of " + interface.location + " is not given");
    }
  }
  return problems;
}

std::vector<std::string> output_reference_problems(const json& blocks,
                                                   const std::map<std::string, ModuleInterface>& interfaces) {
  static const std::regex direct(R"(\bmodule\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*))");
  static const std::regex loop(R"(\bfor\s+\w+\s*,\s*(\w+)\s+in\s+module\.([A-Za-z_][\w-]*)\s*:)");
  std::vector<std::string> problems;
  auto check = [&](const std::string& module, const std::string& output, const std::string& text) {
    const auto found = interfaces.find(module);
    if (found == interfaces.end()) {
      problems.push_back("module." + module + " is read but not declared: " + text);
    } else if (!found->second.outputs.contains(output)) {
      problems.push_back("module." + module + "." + output + " is not an output of " + found->second.location);
    }
  };
  auto visit = [&](const json& value, auto&& self) -> void {
    if (value.is_structured()) {
      for (const auto& member : value) self(member, self);
      return;
    }
    if (!value.is_string()) return;
    const std::string& text = value.get_ref<const std::string&>();
    for (std::sregex_iterator it(text.begin(), text.end(), direct), end; it != end; ++it) {
      check((*it)[1], (*it)[2], text);
    }
    for (std::sregex_iterator it(text.begin(), text.end(), loop), end; it != end; ++it) {
      const std::regex member("\\b" + (*it)[1].str() + R"(\.([A-Za-z_][\w-]*))");
      const std::string rest = it->suffix().str();
      for (std::sregex_iterator m(rest.begin(), rest.end(), member); m != end; ++m) check((*it)[2], (*m)[1], text);
    }
  };
  visit(blocks, visit);
  return problems;
}

}  // namespace deploy_test
