#include "transport/local/template_reader.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "transport/local/unemulated_features.hpp"

namespace birthday::local {
namespace {

std::runtime_error template_error(const std::string& what) { return std::runtime_error("template: " + what); }

// node[key] that is simply undefined (false) when node is not a map or has no such key;
// yaml-cpp throws when indexing into a missing node.
YAML::Node child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return node[key];
}

std::string text_of(const YAML::Node& node) { return node && node.IsScalar() ? node.Scalar() : std::string(); }

// `{Ref: X}` and `{Fn::GetAtt: [...]}` are the long forms of `!Ref X` and `!GetAtt ...`.
bool is_long_form_intrinsic(const YAML::Node& node) {
  if (!node.IsMap() || node.size() != 1) return false;
  const std::string key = node.begin()->first.as<std::string>();
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

std::string flow_text(const YAML::Node& node) {
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

TemplateValue value_of(const YAML::Node& node, const std::string& where) {
  const std::string& tag = node.Tag();
  if (!tag.empty() && tag != "?" && tag != "!") {
    return {tag + " " + (node.IsScalar() ? node.Scalar() : flow_text(node)), true};
  }
  if (is_long_form_intrinsic(node)) return {flow_text(node), true};
  if (!node.IsScalar()) throw template_error(where + " must be a plain value or an intrinsic function");
  return {node.Scalar(), false};
}

int integer_of(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar() || value_of(node, where).intrinsic) throw template_error(where + " must be a number");
  try {
    return node.as<int>();
  } catch (const YAML::Exception&) {
    throw template_error(where + " must be a number, not '" + node.Scalar() + "'");
  }
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Applies the function-level properties a FunctionSpec holds; used for Globals.Function
// first, then for the function's own Properties.
void apply_properties(const YAML::Node& properties, const std::string& where, FunctionSpec& spec) {
  if (!properties || !properties.IsMap()) return;
  if (const YAML::Node handler = child(properties, "Handler")) spec.handler = value_of(handler, where + ".Handler").text;
  if (const YAML::Node timeout = child(properties, "Timeout")) {
    const int seconds = integer_of(timeout, where + ".Timeout");
    if (seconds < 1 || seconds > 900) throw template_error(where + ".Timeout must be 1 to 900 seconds");
    spec.timeout = std::chrono::seconds(seconds);
  }
  if (const YAML::Node memory = child(properties, "MemorySize")) {
    const int megabytes = integer_of(memory, where + ".MemorySize");
    if (megabytes < 128 || megabytes > 10240) throw template_error(where + ".MemorySize must be 128 to 10240 MB");
    spec.memory_mb = megabytes;
  }
  const YAML::Node variables = child(child(properties, "Environment"), "Variables");
  if (variables && variables.IsMap()) {
    for (const auto& entry : variables) {
      const std::string name = entry.first.as<std::string>();
      spec.environment[name] = value_of(entry.second, where + ".Environment.Variables." + name);
    }
  }
}

std::vector<HttpRoute> http_routes(const YAML::Node& events, const std::string& where) {
  std::vector<HttpRoute> routes;
  if (!events || !events.IsMap()) return routes;
  for (const auto& event : events) {
    const YAML::Node definition = event.second;
    if (text_of(child(definition, "Type")) != "HttpApi") continue;
    const std::string event_where = where + ".Events." + event.first.as<std::string>();
    const YAML::Node path = child(child(definition, "Properties"), "Path");
    const YAML::Node method = child(child(definition, "Properties"), "Method");
    if (!path && !method) {
      routes.push_back({"ANY", "$default"});
      continue;
    }
    if (!path || !method) throw template_error(event_where + " needs both Path and Method");
    const std::string route_path = value_of(path, event_where + ".Path").text;
    if (route_path.empty() || route_path.front() != '/') throw template_error(event_where + ".Path must start with /");
    routes.push_back({upper(value_of(method, event_where + ".Method").text), route_path});
  }
  return routes;
}

}  // namespace

std::vector<FunctionSpec> parse_template(const std::string& yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& error) {
    throw template_error(std::string("not valid YAML: ") + error.what());
  }
  const YAML::Node resources = child(root, "Resources");
  if (!resources || !resources.IsMap()) throw template_error("no Resources section");
  refuse_unemulated_features(root);

  FunctionSpec defaults;
  apply_properties(child(child(root, "Globals"), "Function"), "Globals.Function", defaults);

  std::vector<FunctionSpec> functions;
  for (const auto& resource : resources) {
    if (text_of(child(resource.second, "Type")) != "AWS::Serverless::Function") continue;
    FunctionSpec spec = defaults;
    spec.name = resource.first.as<std::string>();
    const std::string where = "Resources." + spec.name + ".Properties";
    const YAML::Node properties = child(resource.second, "Properties");
    apply_properties(properties, where, spec);
    spec.routes = http_routes(child(properties, "Events"), where);
    functions.push_back(std::move(spec));
  }
  return functions;
}

std::vector<FunctionSpec> read_template(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw template_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse_template(text.str());
}

}  // namespace birthday::local
