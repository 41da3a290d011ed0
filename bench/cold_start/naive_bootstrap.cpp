// The baseline the cold-start harness measures the functions against: what a careful first
// attempt at a C++ Lambda looks like. Debian's shared libcurl and OpenSSL, the system CA bundle,
// libcurl's own SigV4, one reused handle for the Runtime API and one for DynamoDB, and one
// GetItem per invoke. BASELINE_STORE=memory skips DynamoDB (a Runtime API loop only).
#include <curl/curl.h>
#include <openssl/sha.h>

#include <strings.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

size_t append(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

size_t request_id_header(char* data, size_t size, size_t count, void* target) {
  const std::string line(data, size * count);
  const std::string name = "lambda-runtime-aws-request-id:";
  if (line.size() > name.size() && strncasecmp(line.c_str(), name.c_str(), name.size()) == 0) {
    std::string value = line.substr(name.size());
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    *static_cast<std::string*>(target) = value;
  }
  return size * count;
}

std::string sha256_hex(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  for (unsigned char byte : digest) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", byte);
    hex += pair;
  }
  return hex;
}

std::string get_item(CURL* curl, const std::string& username) {
  const std::string region = env("AWS_REGION");
  const nlohmann::json input = {{"TableName", env("DYNAMODB_TABLE")},
                                {"Key", {{"Id", {{"S", sha256_hex(username)}}}}},
                                {"ConsistentRead", true}};
  const std::string body = input.dump();
  std::string answer;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-amz-json-1.0");
  headers = curl_slist_append(headers, "X-Amz-Target: DynamoDB_20120810.GetItem");
  if (const std::string token = env("AWS_SESSION_TOKEN"); !token.empty())
    headers = curl_slist_append(headers, ("X-Amz-Security-Token: " + token).c_str());
  const std::string url = "https://dynamodb." + region + ".amazonaws.com/";
  const std::string sigv4 = "aws:amz:" + region + ":dynamodb";
  const std::string user = env("AWS_ACCESS_KEY_ID") + ":" + env("AWS_SECRET_ACCESS_KEY");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CAINFO, "/etc/pki/tls/certs/ca-bundle.crt");
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(curl, CURLOPT_USERPWD, user.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) throw std::runtime_error(curl_easy_strerror(code));
  return answer;
}

std::string greet(CURL* dynamodb, const nlohmann::json& event) {
  const std::string username = event["pathParameters"]["username"];
  nlohmann::json item;
  if (env("BASELINE_STORE") == "memory") {
    item = {{"Item", {{"Dob", {{"S", "1990-05-17"}}}}}};
  } else {
    item = nlohmann::json::parse(get_item(dynamodb, username));
  }
  if (!item.contains("Item")) return R"({"statusCode":404,"body":"{\"message\":\"username not found\"}"})";
  if (item["Item"]["Dob"]["S"].get<std::string>().size() != 10) throw std::runtime_error("bad item");
  const nlohmann::json body = {{"message", "Hello, " + username + "!"}};
  return nlohmann::json{{"statusCode", 200}, {"body", body.dump()}}.dump();
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const std::string runtime = "http://" + env("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
  CURL* api = curl_easy_init();
  CURL* dynamodb = curl_easy_init();
  for (;;) {
    std::string event, request_id;
    curl_easy_setopt(api, CURLOPT_URL, (runtime + "next").c_str());
    curl_easy_setopt(api, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(api, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(api, CURLOPT_WRITEDATA, &event);
    curl_easy_setopt(api, CURLOPT_HEADERFUNCTION, request_id_header);
    curl_easy_setopt(api, CURLOPT_HEADERDATA, &request_id);
    if (curl_easy_perform(api) != CURLE_OK) return 1;
    std::string answer, outcome = "/response";
    try {
      answer = greet(dynamodb, nlohmann::json::parse(event));
    } catch (const std::exception& error) {
      answer = nlohmann::json{{"errorMessage", error.what()}, {"errorType", "Error"}}.dump();
      outcome = "/error";
    }
    std::string ignored;
    curl_easy_setopt(api, CURLOPT_URL, (runtime + request_id + outcome).c_str());
    curl_easy_setopt(api, CURLOPT_POSTFIELDS, answer.c_str());
    curl_easy_setopt(api, CURLOPT_WRITEDATA, &ignored);
    curl_easy_setopt(api, CURLOPT_HEADERFUNCTION, nullptr);
    if (curl_easy_perform(api) != CURLE_OK) return 1;
  }
}
