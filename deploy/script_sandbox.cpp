#include "deploy/script_sandbox.hpp"

#include <fstream>
#include <stdexcept>

#include "deploy/terraform_config.hpp"

namespace deploy_test {

namespace fs = std::filesystem;

ScriptSandbox::ScriptSandbox(const std::string& script, const std::vector<std::string>& tools)
    : project_(scratch_.path() / "project"), script_(script) {
  fs::create_directories(bin());
  fs::create_directories(scratch_.path() / "home");
  fs::create_directories(project_ / "scripts");
  fs::copy_file(project_source_dir() / "scripts" / script, project_ / "scripts" / script);
  for (const auto& tool : tools) {
    const CommandResult found = run_command("command -v " + tool);
    if (found.exit_code != 0) throw std::runtime_error(tool + " is not installed");
    fs::create_symlink(found.output.substr(0, found.output.find('\n')), bin() / tool);
  }
}

void ScriptSandbox::fake(const std::string& program, const std::string& body) const {
  const fs::path path = bin() / program;
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(path, fs::perms::owner_all);
}

void ScriptSandbox::write(const std::string& relative_path, const std::string& content) const {
  const fs::path path = project_ / relative_path;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

CommandResult ScriptSandbox::run(const std::string& arguments, const std::string& environment) const {
  return run_command("env -i HOME=" + shell_quote((scratch_.path() / "home").string()) +
                     " PATH=" + shell_quote(bin().string()) + " " + environment + " /bin/bash " +
                     shell_quote((project_ / "scripts" / script_).string()) + " " + arguments);
}

}  // namespace deploy_test
