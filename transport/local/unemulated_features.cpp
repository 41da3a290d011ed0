#include "transport/local/unemulated_features.hpp"

#include <stdexcept>
#include <string>

namespace birthday::local {
namespace {

YAML::Node child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return node[key];
}

std::string text_of(const YAML::Node& node) { return node && node.IsScalar() ? node.Scalar() : std::string(); }

[[noreturn]] void refuse(const std::string& where, const std::string& why) {
  throw std::runtime_error("template: " + where + ": " + why +
                           "; the local gateway does not emulate it (sam local start-api, or a deployment, does)");
}

void refuse_in_event(const YAML::Node& properties, const std::string& where) {
  if (const YAML::Node version = child(properties, "PayloadFormatVersion"); version && text_of(version) != "2.0") {
    std::string why = "\"";
    why += text_of(version);
    why += "\" asks for payload 1.0 events, it builds 2.0 only";
    refuse(where + ".PayloadFormatVersion", why);
  }
  if (child(properties, "TimeoutInMillis")) refuse(where + ".TimeoutInMillis", "a custom integration timeout (it uses 30 s)");
  if (child(properties, "ApiId")) refuse(where + ".ApiId", "an explicit HTTP API (it serves the implicit one)");
}

void refuse_in_api(const YAML::Node& properties, const std::string& where) {
  if (const YAML::Node stage = child(properties, "StageName"); stage && text_of(stage) != "$default") {
    refuse(where + ".StageName", "a named stage (it serves $default, without a stage in the path)");
  }
}

}  // namespace

void refuse_unemulated_features(const YAML::Node& root) {
  refuse_in_api(child(child(root, "Globals"), "HttpApi"), "Globals.HttpApi");
  const YAML::Node resources = child(root, "Resources");
  if (!resources || !resources.IsMap()) return;
  for (const auto& resource : resources) {
    const std::string name = resource.first.as<std::string>();
    const std::string type = text_of(child(resource.second, "Type"));
    const YAML::Node properties = child(resource.second, "Properties");
    if (type == "AWS::Serverless::HttpApi") refuse_in_api(properties, "Resources." + name + ".Properties");
    if (type != "AWS::Serverless::Function") continue;
    const YAML::Node events = child(properties, "Events");
    if (!events || !events.IsMap()) continue;
    for (const auto& event : events) {
      if (text_of(child(event.second, "Type")) != "HttpApi") continue;
      refuse_in_event(child(event.second, "Properties"),
                      "Resources." + name + ".Properties.Events." + event.first.as<std::string>());
    }
  }
}

}  // namespace birthday::local
