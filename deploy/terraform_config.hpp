#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

// The Terraform configuration in deploy/, read offline through scripts/hcl.mjs: each file parsed
// (as @cdktf/hcl2json gives it: blocks as arrays, expressions as "${...}" strings) and formatted
// (as @cdktf/hcl-tools, i.e. `terraform fmt`, writes it).
namespace deploy_test {

struct TerraformFile {
  std::string path;       // relative to the project root, e.g. deploy/lambdas.tf
  std::string source;
  std::string formatted;  // empty when parsing failed
  std::string error;      // why parsing failed, empty when it did not
  nlohmann::json json;
};

class TerraformConfig {
 public:
  // deploy/*.tf and the *.example files, read once per process.
  static const TerraformConfig& load();

  const std::vector<TerraformFile>& files() const { return files_; }
  const TerraformFile& file(std::string_view path) const;

  // Blocks merged across the *.tf files (the examples stay apart); each throws if the block is absent.
  const nlohmann::json& terraform() const;  // the terraform {} block
  const nlohmann::json& module(std::string_view name) const;
  const nlohmann::json& resource(std::string_view type, std::string_view name) const;
  const nlohmann::json& variable(std::string_view name) const;
  const nlohmann::json& output(std::string_view name) const;
  const nlohmann::json& local(std::string_view name) const;

  const nlohmann::json& blocks() const { return blocks_; }

 private:
  std::vector<TerraformFile> files_;
  nlohmann::json blocks_;
};

std::filesystem::path project_source_dir();

// Any HCL files (paths relative to the project root) through scripts/hcl.mjs dump, cached in the
// build tree: {"files": {path: {"json": ..., "formatted": ...} or {"error": ...}}}.
nlohmann::json hcl_dump(const std::vector<std::string>& paths);

}  // namespace deploy_test
