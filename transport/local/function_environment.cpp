#include "transport/local/function_environment.hpp"

#include <fstream>
#include <optional>
#include <stdexcept>

extern char** environ;

namespace birthday::local {
namespace {

// env.json values may be strings, numbers or booleans; Lambda only has strings.
std::optional<std::string> text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

void apply_overrides(const nlohmann::json& overrides, const std::string& source, const FunctionSpec& function,
                     std::map<std::string, std::optional<std::string>>& values, std::vector<std::string>& warnings) {
  if (!overrides.is_object()) return;
  for (const auto& [name, value] : overrides.items()) {
    if (!function.environment.contains(name)) {
      warnings.push_back("env.json " + source + " sets " + name + ", which template.yaml does not declare for " +
                         function.name + ": ignored, as SAM ignores it");
      continue;
    }
    const std::optional<std::string> text = text_of(value);
    if (!text) {
      warnings.push_back("env.json " + source + " gives " + name + " a value that is not text: ignored");
      continue;
    }
    values[name] = *text;
  }
}

// SAM CLI resolves a Ref to a resource as its logical id; other intrinsics have no local value.
std::optional<std::string> local_value(const TemplateValue& value) {
  if (!value.intrinsic) return value.text;
  for (const std::string prefix : {"!Ref ", "{Ref: "}) {
    if (value.text.starts_with(prefix)) {
      std::string id = value.text.substr(prefix.size());
      if (prefix.front() == '{' && id.ends_with("}")) id.pop_back();
      return id;
    }
  }
  return std::nullopt;
}

}  // namespace

ResolvedEnvironment resolve_environment(const FunctionSpec& function, const nlohmann::json& env_vars,
                                        const Environment& shell) {
  std::map<std::string, std::optional<std::string>> values;
  for (const auto& [name, value] : function.environment) {
    const auto from_shell = shell.find(name);
    values[name] = from_shell != shell.end() ? std::optional<std::string>(from_shell->second) : local_value(value);
  }

  ResolvedEnvironment resolved;
  if (env_vars.is_object()) {
    if (env_vars.contains("Parameters")) apply_overrides(env_vars["Parameters"], "Parameters", function, values, resolved.warnings);
    if (env_vars.contains(function.name)) apply_overrides(env_vars[function.name], function.name, function, values, resolved.warnings);
  }
  for (const auto& [name, value] : values) {
    if (value) {
      resolved.variables[name] = *value;
    } else {
      resolved.warnings.push_back(function.name + "'s " + name + " is " + function.environment.at(name).text +
                                  " in template.yaml and env.json gives no value for it: left unset");
    }
  }
  return resolved;
}

nlohmann::json read_env_vars(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("env vars: cannot read " + file.string());
  nlohmann::json parsed = nlohmann::json::parse(in, nullptr, false);
  if (!parsed.is_object()) throw std::runtime_error("env vars: " + file.string() + " is not a JSON object");
  return parsed;
}

std::string region_from(const Environment& caller) {
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (const auto found = caller.find(name); found != caller.end() && !found->second.empty()) return found->second;
  }
  return "us-east-1";
}

Environment credentials_from(const Environment& caller) {
  const auto key = caller.find("AWS_ACCESS_KEY_ID");
  const auto secret = caller.find("AWS_SECRET_ACCESS_KEY");
  if (key == caller.end() || secret == caller.end() || key->second.empty() || secret->second.empty()) {
    return {{"AWS_ACCESS_KEY_ID", "local"}, {"AWS_SECRET_ACCESS_KEY", "local"}};
  }
  Environment credentials{{"AWS_ACCESS_KEY_ID", key->second}, {"AWS_SECRET_ACCESS_KEY", secret->second}};
  if (const auto token = caller.find("AWS_SESSION_TOKEN"); token != caller.end() && !token->second.empty()) {
    credentials["AWS_SESSION_TOKEN"] = token->second;
  }
  return credentials;
}

Environment instance_environment(const FunctionSpec& function, const Environment& variables,
                                 const LambdaContext& context) {
  Environment environment{
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"LANG", "en_US.UTF-8"},
      {"AWS_REGION", context.region},
      {"AWS_DEFAULT_REGION", context.region},
      // Nothing local may reach for the EC2 instance-metadata address.
      {"AWS_EC2_METADATA_DISABLED", "true"},
  };
  environment.insert(context.credentials.begin(), context.credentials.end());
  for (const auto& [name, value] : variables) environment[name] = value;

  // Lambda owns these; a function cannot change them.
  environment["AWS_LAMBDA_RUNTIME_API"] = context.runtime_api;
  environment["AWS_LAMBDA_FUNCTION_NAME"] = function.name;
  environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
  environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(function.memory_mb);
  environment["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.name;
  environment["AWS_LAMBDA_LOG_STREAM_NAME"] = context.log_stream;
  environment["LAMBDA_TASK_ROOT"] = context.task_root;
  environment["_HANDLER"] = function.handler;
  environment["TZ"] = ":UTC";
  return environment;
}

Environment current_environment() {
  Environment environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text = *entry;
    const std::size_t equals = text.find('=');
    if (equals != std::string::npos) environment[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return environment;
}

}  // namespace birthday::local
