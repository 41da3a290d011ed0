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

// The regional DynamoDB endpoint: https://dynamodb.<region>.amazonaws.com
std::string regional_endpoint(const std::string& region);

// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY required; AWS_SESSION_TOKEN when present.
Credentials credentials();

// SSL_CERT_FILE, else the first existing of the Amazon Linux and Debian bundles; empty if none.
std::string ca_file();

}  // namespace birthday::dynamodb::environment
