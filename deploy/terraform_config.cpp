#include "deploy/terraform_config.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "deploy/command.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> deploy_files() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(project_source_dir() / "deploy")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".tf" || name.ends_with(".tf.example") || name.ends_with(".tfvars.example")) {
      paths.push_back("deploy/" + name);
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Loading the two WebAssembly tools takes node about a second and every test case runs in its own
// process, so the dump is cached in the build tree, keyed by everything it depends on.
fs::path cache_path(const std::vector<std::string>& paths, const std::string& script) {
  std::string key = script;
  for (const auto& path : paths) key += path + '\0' + read_file(project_source_dir() / path) + '\0';
  std::ostringstream name;
  name << "hcl-dump-" << std::hex << std::hash<std::string>{}(key) << ".json";
  return fs::path(PROJECT_BINARY_DIR) / "deploy" / name.str();
}

}  // namespace

json hcl_dump(const std::vector<std::string>& paths) {
  const fs::path script = project_source_dir() / "scripts" / "hcl.mjs";
  const fs::path cached = cache_path(paths, read_file(script));
  if (fs::exists(cached)) return json::parse(read_file(cached));

  std::string command = "cd " + shell_quote(project_source_dir().string()) + " && node scripts/hcl.mjs dump";
  for (const auto& path : paths) {
    command += ' ';
    command += shell_quote(path);
  }
  const CommandResult result = run_command(command);
  if (result.exit_code != 0) {
    throw std::runtime_error("node scripts/hcl.mjs dump failed (is `make setup` done, node on PATH?):\n" +
                             result.output);
  }
  json parsed = json::parse(result.output);
  fs::create_directories(cached.parent_path());
  fs::path partial = cached;
  partial += ".partial-";
  partial += std::to_string(::getpid());
  std::ofstream(partial, std::ios::binary) << result.output;
  fs::rename(partial, cached);  // atomic: concurrent test processes never see half a file
  return parsed;
}

namespace {

// hcl2json gives `kind "name" { ... }` as {kind: {name: [ {...} ]}}; keep the one block per name.
void merge_named(json& into, const json& blocks, const std::string& file) {
  for (const auto& [name, list] : blocks.items()) {
    if (into.contains(name)) throw std::runtime_error(file + " declares \"" + name + "\" again");
    into[name] = list.at(0);
  }
}

json merge(const std::vector<TerraformFile>& files) {
  json blocks = {{"terraform", json::array()}, {"locals", json::object()},  {"module", json::object()},
                 {"resource", json::object()}, {"variable", json::object()}, {"output", json::object()},
                 {"provider", json::object()}};
  for (const auto& file : files) {
    if (!file.path.ends_with(".tf") || !file.error.empty()) continue;
    for (const auto& [kind, content] : file.json.items()) {
      if (kind == "terraform") {
        for (const auto& block : content) blocks["terraform"].push_back(block);
      } else if (kind == "locals") {
        for (const auto& block : content) {
          for (const auto& [name, value] : block.items()) {
            if (blocks["locals"].contains(name)) {
              throw std::runtime_error(file.path + " declares local." + name + " again");
            }
            blocks["locals"][name] = value;
          }
        }
      } else if (kind == "resource") {
        for (const auto& [type, named] : content.items()) merge_named(blocks["resource"][type], named, file.path);
      } else if (blocks.contains(kind)) {
        merge_named(blocks[kind], content, file.path);
      }
    }
  }
  return blocks;
}

const json& named(const json& blocks, std::string_view what, std::string_view name) {
  const auto found = blocks.find(std::string(name));
  if (found == blocks.end()) {
    throw std::out_of_range("no " + std::string(what) + " \"" + std::string(name) + "\" in deploy/*.tf");
  }
  return *found;
}

}  // namespace

fs::path project_source_dir() { return fs::path(PROJECT_SOURCE_DIR); }

const TerraformConfig& TerraformConfig::load() {
  static const TerraformConfig config = [] {
    TerraformConfig loaded;
    const std::vector<std::string> paths = deploy_files();
    const json dumped = hcl_dump(paths);
    for (const auto& path : paths) {
      const json& entry = dumped.at("files").at(path);
      TerraformFile file{path, read_file(project_source_dir() / path), "", "", json::object()};
      if (entry.contains("error")) {
        file.error = entry.at("error").get<std::string>();
      } else {
        file.formatted = entry.at("formatted").get<std::string>();
        file.json = entry.at("json");
      }
      loaded.files_.push_back(std::move(file));
    }
    loaded.blocks_ = merge(loaded.files_);
    return loaded;
  }();
  return config;
}

const TerraformFile& TerraformConfig::file(std::string_view path) const {
  const auto found = std::find_if(files_.begin(), files_.end(), [&](const auto& f) { return f.path == path; });
  if (found == files_.end()) throw std::out_of_range("no file " + std::string(path));
  return *found;
}

const json& TerraformConfig::terraform() const {
  if (blocks_.at("terraform").size() != 1) throw std::out_of_range("expected exactly one terraform {} block");
  return blocks_.at("terraform").at(0);
}

const json& TerraformConfig::module(std::string_view name) const {
  return named(blocks_.at("module"), "module", name);
}

const json& TerraformConfig::resource(std::string_view type, std::string_view name) const {
  const auto found = blocks_.at("resource").find(std::string(type));
  if (found == blocks_.at("resource").end()) throw std::out_of_range("no resource of type " + std::string(type));
  return named(*found, "resource", name);
}

const json& TerraformConfig::variable(std::string_view name) const {
  return named(blocks_.at("variable"), "variable", name);
}

const json& TerraformConfig::output(std::string_view name) const {
  return named(blocks_.at("output"), "output", name);
}

const json& TerraformConfig::local(std::string_view name) const {
  return named(blocks_.at("locals"), "local", name);
}

}  // namespace deploy_test
