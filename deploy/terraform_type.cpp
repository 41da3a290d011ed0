#include "deploy/terraform_type.hpp"

#include <cctype>
#include <stdexcept>

namespace deploy_test {
namespace {

using nlohmann::json;

class TypeParser {
 public:
  explicit TypeParser(std::string_view text) : text_(text) {}

  json parse_all() {
    json type = parse_type();
    skip_space();
    if (pos_ != text_.size()) fail("trailing text");
    return type;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("type constraint: " + why + " at offset " + std::to_string(pos_) + " of " +
                                std::string(text_));
  }

  // Blanks, newlines and the comments HCL allows inside a type expression.
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '#' || text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        const auto end = text_.find("*/", pos_ + 2);
        pos_ = end == std::string_view::npos ? text_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }

  std::string identifier() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' || text_[pos_] == '-')) {
      ++pos_;
    }
    if (start == pos_) fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  // An optional attribute's default: any expression, skipped up to the ')' that closes optional(.
  void skip_expression() {
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
          if (text_[pos_] == '\\') ++pos_;
        }
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) return;
        --depth;
      }
      ++pos_;
    }
    fail("unterminated default");
  }

  json parse_type() {
    const std::string name = identifier();
    if (name == "string" || name == "number" || name == "bool" || name == "any") return {{"kind", name}};
    if (name == "list" || name == "set" || name == "map") {
      expect('(');
      json element = parse_type();
      expect(')');
      return {{"kind", name}, {"element", std::move(element)}};
    }
    if (name == "tuple") {
      expect('(');
      expect('[');
      json elements = json::array();
      while (!accept(']')) {
        elements.push_back(parse_type());
        accept(',');
      }
      expect(')');
      return {{"kind", "tuple"}, {"elements", std::move(elements)}};
    }
    if (name == "object") {
      expect('(');
      expect('{');
      json attributes = json::object();
      while (!accept('}')) {
        const std::string attribute = identifier();
        if (!accept('=')) expect(':');
        attributes[attribute] = parse_attribute_type();
        accept(',');
      }
      expect(')');
      return {{"kind", "object"}, {"attributes", std::move(attributes)}};
    }
    fail("unknown type " + name);
  }

  json parse_attribute_type() {
    skip_space();
    if (text_.substr(pos_, 8) != "optional") return parse_type();
    identifier();
    expect('(');
    json type = parse_type();
    if (accept(',')) skip_expression();
    expect(')');
    type["optional"] = true;
    return type;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_expression(const json& value) {
  return value.is_string() && value.get_ref<const std::string&>().starts_with("${");
}

void collect(const json& value, const json& type, const std::string& where, std::vector<std::string>& problems) {
  if (is_expression(value) || value.is_null()) return;
  const std::string& kind = type.at("kind").get_ref<const std::string&>();
  if (kind == "object" && value.is_object()) {
    const json& attributes = type.at("attributes");
    for (const auto& [key, member] : value.items()) {
      if (!attributes.contains(key)) {
        problems.push_back(where + "." + key + " is not an attribute of the declared object type");
      } else {
        collect(member, attributes.at(key), where + "." + key, problems);
      }
    }
    for (const auto& [key, attribute] : attributes.items()) {
      if (!attribute.value("optional", false) && !value.contains(key)) {
        problems.push_back(where + " lacks the required attribute " + key);
      }
    }
  } else if (kind == "map" && value.is_object()) {
    for (const auto& [key, member] : value.items()) collect(member, type.at("element"), where + "[\"" + key + "\"]", problems);
  } else if ((kind == "list" || kind == "set") && value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect(value[i], type.at("element"), where + "[" + std::to_string(i) + "]", problems);
    }
  } else if (kind == "tuple" && value.is_array()) {
    const json& elements = type.at("elements");
    for (std::size_t i = 0; i < value.size() && i < elements.size(); ++i) {
      collect(value[i], elements[i], where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

}  // namespace

json parse_terraform_type(std::string_view text) {
  if (text.starts_with("${") && text.ends_with("}")) text = text.substr(2, text.size() - 3);
  return TypeParser(text).parse_all();
}

std::vector<std::string> literal_type_problems(const json& value, const json& type, const std::string& where) {
  std::vector<std::string> problems;
  collect(value, type, where, problems);
  return problems;
}

}  // namespace deploy_test
