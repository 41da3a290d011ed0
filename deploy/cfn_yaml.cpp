#include "deploy/cfn_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <string>

namespace deploy_test {
namespace {

using nlohmann::json;

json plain_scalar(const std::string& text) {
  static const std::regex integer(R"([-+]?[0-9]+)");
  static const std::regex real(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (std::regex_match(text, integer)) return std::stoll(text);
  if (std::regex_match(text, real)) return std::stod(text);
  return text;
}

json convert(const YAML::Node& node) {
  json value;
  switch (node.Type()) {
    case YAML::NodeType::Map:
      value = json::object();
      for (const auto& entry : node) value[entry.first.as<std::string>()] = convert(entry.second);
      break;
    case YAML::NodeType::Sequence:
      value = json::array();
      for (const auto& item : node) value.push_back(convert(item));
      break;
    case YAML::NodeType::Scalar:
      value = node.Tag() == "?" ? plain_scalar(node.Scalar()) : json(node.Scalar());
      break;
    default:
      value = nullptr;
  }
  const std::string& tag = node.Tag();
  if (tag.size() < 2 || tag.front() != '!' || tag == "!") return value;
  const std::string function = tag.substr(1);
  if (function == "Ref") return {{"Ref", value}};
  if (function == "GetAtt" && value.is_string()) {
    const std::string text = value;
    const auto dot = text.find('.');
    return {{"Fn::GetAtt", json::array({text.substr(0, dot), dot == std::string::npos ? "" : text.substr(dot + 1)})}};
  }
  return {{"Fn::" + function, value}};
}

}  // namespace

json cloudformation_yaml_to_json(const std::filesystem::path& template_file) {
  return convert(YAML::LoadFile(template_file.string()));
}

}  // namespace deploy_test
