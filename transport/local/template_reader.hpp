#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace birthday::local {

// A template value: literal text, or an intrinsic function (`!Ref X`, `!GetAtt X.Arn`, ...)
// that only CloudFormation can resolve; locally it takes its value from env.json.
struct TemplateValue {
  std::string text;         // the literal, or the intrinsic as written, e.g. "!Ref BirthdaysTable"
  bool intrinsic = false;
};

// One `HttpApi` event: a route of the HTTP API. Method is upper-case, "ANY" for any method;
// an event without Path/Method is the `$default` route (Method "ANY", Path "$default").
struct HttpRoute {
  std::string method;
  std::string path;
};

// What the local gateway needs of one AWS::Serverless::Function, Globals.Function merged in.
struct FunctionSpec {
  std::string name;  // the logical id, e.g. GetBirthday
  std::string handler = "bootstrap";
  std::chrono::seconds timeout{3};  // SAM's defaults
  int memory_mb = 128;
  std::map<std::string, TemplateValue> environment;  // Environment.Variables
  std::vector<HttpRoute> routes;
};

// Reads a SAM template. Function properties override Globals.Function; environment
// variables are merged key by key. Events of other types than HttpApi are ignored.
// Throws std::runtime_error saying what is wrong (unreadable file, bad YAML, a Timeout that
// is not a number...).
std::vector<FunctionSpec> read_template(const std::filesystem::path& file);
std::vector<FunctionSpec> parse_template(const std::string& yaml_text);

}  // namespace birthday::local
