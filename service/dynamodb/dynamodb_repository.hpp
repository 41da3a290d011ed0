#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "service/dynamodb/trust_store.hpp"
#include "service/repository.hpp"

namespace birthday::dynamodb {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys; Lambda's are temporary
};

struct Config {
  std::string table;
  std::string region;
  std::string endpoint;  // e.g. https://dynamodb.eu-west-1.amazonaws.com or http://127.0.0.1:8000
  Credentials credentials;
  TrustStore trust;
  // Above zero: the repository opens its connection (TCP and TLS) when it is made, waiting at
  // most this long, so that the first request finds it open. A failure is only logged.
  std::chrono::milliseconds connect_at_start_within{0};

  // From the Lambda environment (DYNAMODB_TABLE, AWS_REGION, AWS_ACCESS_KEY_ID, ...,
  // AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL, SSL_CERT_FILE, LAMBDA_TASK_ROOT), connecting
  // at start. Throws std::runtime_error naming what is missing.
  static Config from_environment();
};

// Makes the DynamoDB-backed repository (one kept-alive HTTPS connection per process).
std::shared_ptr<BirthdayRepository> make_dynamodb_repository(Config config);

}  // namespace birthday::dynamodb
