// The scripts a deployment runs on a developer's machine (deploy, smoke, logs) must work with
// macOS's /bin/bash, 3.2, and be shellcheck-clean. Bash before 4.4 treats "${a[@]}" of an empty
// array as unbound under `set -u`; no such bash is at hand here, so the rule is checked in the
// text: an array that may be empty is only expanded as ${a[@]+"${a[@]}"}.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "deploy/command.hpp"
#include "deploy/terraform_config.hpp"

namespace deploy_test {
namespace {

using ::testing::IsEmpty;

const std::vector<std::string> scripts = {"scripts/deploy.sh", "scripts/smoke.sh", "scripts/logs.sh"};

std::string read(const std::string& path) {
  std::ifstream in(project_source_dir() / path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Expansions of arrays assigned empty somewhere (`a=()`, `local a=()`) that are not guarded.
std::vector<std::string> unguarded_empty_array_expansions(const std::string& text) {
  static const std::regex empty_assignment(R"(\b([A-Za-z_]\w*)=\(\))");
  std::set<std::string> names;
  for (std::sregex_iterator it(text.begin(), text.end(), empty_assignment), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  std::vector<std::string> problems;
  for (const auto& name : names) {
    for (const char* all : {"[@]", "[*]"}) {
      const std::string plain = "\"${" + name + all + "}\"";
      const std::string guarded = "${" + name + all + "+" + plain + "}";
      if (count(text, plain) != count(text, guarded)) problems.push_back(plain + " without ${" + name + all + "+...}");
    }
  }
  return problems;
}

TEST(ScriptPortability, ArraysThatMayBeEmptyAreExpandedAsBash32Needs) {
  for (const auto& script : scripts) {
    EXPECT_THAT(unguarded_empty_array_expansions(read(script)), IsEmpty()) << script;
  }
}

TEST(ScriptPortability, TheRuleCatchesAPlantedBareExpansion) {
  EXPECT_THAT(unguarded_empty_array_expansions("flags=()\ncmd \"${flags[@]}\"\n"),
              ::testing::ElementsAre("\"${flags[@]}\" without ${flags[@]+...}"));
  EXPECT_THAT(unguarded_empty_array_expansions("flags=()\ncmd ${flags[@]+\"${flags[@]}\"}\n"), IsEmpty());
}

TEST(ScriptPortability, AreShellcheckClean) {
  if (!on_path("shellcheck")) GTEST_SKIP() << "shellcheck is not installed (scripts/setup.sh installs it)";
  std::string command = "cd " + shell_quote(project_source_dir().string()) + " && shellcheck";
  for (const auto& script : scripts) command += " " + script;
  const CommandResult result = run_command(command);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace deploy_test
