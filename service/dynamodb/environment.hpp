#pragma once

#include <string>

#include "service/dynamodb/dynamodb_repository.hpp"

// The pieces of Config::from_environment(), for tools that take some settings from flags.
// Each throws std::runtime_error naming the variable that is missing or malformed.
namespace birthday::dynamodb::environment {

// AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL; empty when neither is set.
std::string endpoint_override();

// AWS_REGION, else AWS_DEFAULT_REGION. Required unless an endpoint override is set, in which
// case it defaults to us-east-1 (a local DynamoDB still wants a signature scope).
std::string region(const std::string& endpoint_override);

// The regional DynamoDB endpoint: https://dynamodb.<region>.<the partition's DNS suffix>,
// e.g. https://dynamodb.cn-north-1.amazonaws.com.cn
std::string regional_endpoint(const std::string& region);

// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY required; AWS_SESSION_TOKEN when present.
Credentials credentials();

// Where the zip keeps the Amazon Trust Services roots: $LAMBDA_TASK_ROOT/certs/amazon-trust-services.pem.
inline constexpr const char* amazon_roots_in_task = "certs/amazon-trust-services.pem";

// choose_trust_store (trust_store.hpp) for SSL_CERT_FILE, LAMBDA_TASK_ROOT and this machine's CA
// locations. For an *.amazonaws.com endpoint the Amazon roots the zip ships come first, the
// system bundle as fallback: parsing five certificates instead of the system's ~150 is most of
// what a cold TLS connection costs. Throws when an https endpoint would have no CA certificate.
TrustStore trust_store(const std::string& endpoint);

}  // namespace birthday::dynamodb::environment
