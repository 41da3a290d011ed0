#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "transport/local/template_reader.hpp"

namespace birthday::local {

using Environment = std::map<std::string, std::string>;

// The template's variables of one function resolved as SAM CLI resolves them, from lowest to
// highest priority: the template's value (a `!Ref X` is "X", the logical id); the caller's
// environment (`shell`); an env.json in the shape of `sam local --env-vars`
// ({"Parameters": {...}, "GetBirthday": {"DYNAMODB_TABLE": "..."}}, the function's own object
// over "Parameters"). Only variables the template declares are set. Another intrinsic
// (`!GetAtt ...`) left without a value is dropped. Everything skipped is said in `warnings`.
struct ResolvedEnvironment {
  Environment variables;
  std::vector<std::string> warnings;
};
ResolvedEnvironment resolve_environment(const FunctionSpec& function, const nlohmann::json& env_vars,
                                        const Environment& shell = {});

// Reads an env.json file; throws std::runtime_error when it is unreadable or not a JSON object.
nlohmann::json read_env_vars(const std::filesystem::path& file);

// What Lambda itself puts into a function's environment, for one instance.
struct LambdaContext {
  std::string runtime_api;   // host:port of the instance's Runtime API
  std::string task_root;     // the folder holding the bootstrap
  std::string log_stream;    // e.g. 2024/05/17/[$LATEST]0f1e...
  std::string region;
  Environment credentials;   // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY[, AWS_SESSION_TOKEN]
};

// AWS_REGION and credentials as the gateway's own environment gives them (like SAM, which
// passes the caller's), or a default region and dummy keys, which a local DynamoDB accepts.
std::string region_from(const Environment& caller);
Environment credentials_from(const Environment& caller);

// The whole environment of an instance: Lambda's reserved variables (AWS_LAMBDA_RUNTIME_API,
// AWS_LAMBDA_FUNCTION_NAME/MEMORY_SIZE/VERSION, AWS_LAMBDA_LOG_GROUP_NAME/STREAM_NAME,
// LAMBDA_TASK_ROOT, _HANDLER, TZ, PATH, LANG, region, credentials), then the function's
// variables, which may replace the region and credentials but nothing Lambda owns.
Environment instance_environment(const FunctionSpec& function, const Environment& variables,
                                 const LambdaContext& context);

// The caller's environment (environ) as a map.
Environment current_environment();

}  // namespace birthday::local
