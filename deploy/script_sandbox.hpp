#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "deploy/command.hpp"

// A scratch copy of one of scripts/ to run with nothing from this machine but the tools it names:
// PATH holds only symlinks to those and the stand-ins a test writes (`aws`, `terraform`), HOME is
// empty, and the script runs from project()/scripts/, so the dist/ and deploy/ it sees are the test's.
namespace deploy_test {

class ScriptSandbox {
 public:
  ScriptSandbox(const std::string& script, const std::vector<std::string>& tools);

  const std::filesystem::path& project() const { return project_; }
  std::filesystem::path bin() const { return scratch_.path() / "bin"; }

  // A stand-in program: a /bin/sh script with `body`.
  void fake(const std::string& program, const std::string& body) const;
  void write(const std::string& relative_path, const std::string& content) const;

  // Runs the script with ARGUMENTS under `env -i` plus HOME, PATH and `environment` (NAME=value ...).
  CommandResult run(const std::string& arguments, const std::string& environment = "") const;

 private:
  TempDirectory scratch_;
  std::filesystem::path project_;
  std::string script_;
};

}  // namespace deploy_test
