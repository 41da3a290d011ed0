#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/endpoint.hpp"

namespace birthday::dynamodb {
namespace {

const char* const kVariables[] = {"DYNAMODB_TABLE",        "AWS_REGION",        "AWS_DEFAULT_REGION",
                                  "AWS_ACCESS_KEY_ID",     "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                  "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL",  "SSL_CERT_FILE",
                                  "LAMBDA_TASK_ROOT"};

std::string first_system_bundle() {
  for (const char* bundle : {"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"})
    if (std::filesystem::exists(bundle)) return bundle;
  return "";
}

// Each test starts from a Lambda-like environment and restores the real one afterwards.
class ConfigFromEnvironment : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kVariables) {
      if (const char* value = std::getenv(name)) saved_[name] = value;
      unsetenv(name);
    }
    set("DYNAMODB_TABLE", "birthdays-prod");
    set("AWS_REGION", "eu-west-1");
    set("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE");
    set("AWS_SECRET_ACCESS_KEY", "secret");
  }
  void TearDown() override {
    for (const char* name : kVariables) unsetenv(name);
    for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
  }
  static void set(const char* name, const char* value) { setenv(name, value, 1); }

  static std::string error_of_from_environment() {
    try {
      Config::from_environment();
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  }

 private:
  std::map<std::string, std::string> saved_;
};

TEST_F(ConfigFromEnvironment, LambdaEnvironmentGivesTheRegionalEndpoint) {
  set("AWS_SESSION_TOKEN", "token");
  const Config config = Config::from_environment();
  EXPECT_EQ(config.table, "birthdays-prod");
  EXPECT_EQ(config.region, "eu-west-1");
  EXPECT_EQ(config.endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(config.credentials.access_key_id, "ASIAEXAMPLE");
  EXPECT_EQ(config.credentials.secret_access_key, "secret");
  EXPECT_EQ(config.credentials.session_token, "token");
}

TEST_F(ConfigFromEnvironment, SessionTokenIsOptional) {
  EXPECT_EQ(Config::from_environment().credentials.session_token, "");
}

TEST_F(ConfigFromEnvironment, DefaultRegionIsTheFallback) {
  unsetenv("AWS_REGION");
  set("AWS_DEFAULT_REGION", "ap-southeast-2");
  const Config config = Config::from_environment();
  EXPECT_EQ(config.region, "ap-southeast-2");
  EXPECT_EQ(config.endpoint, "https://dynamodb.ap-southeast-2.amazonaws.com");
}

TEST_F(ConfigFromEnvironment, DynamoDbEndpointOverrideWinsOverTheGeneralOne) {
  set("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
  set("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");
  EXPECT_EQ(Config::from_environment().endpoint, "http://127.0.0.1:8000");
}

TEST_F(ConfigFromEnvironment, GeneralEndpointOverrideIsUsedAlone) {
  set("AWS_ENDPOINT_URL", "http://localhost:4566");
  EXPECT_EQ(Config::from_environment().endpoint, "http://localhost:4566");
}

TEST_F(ConfigFromEnvironment, EndpointOverrideMakesTheRegionOptional) {
  unsetenv("AWS_REGION");
  set("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000");
  EXPECT_EQ(Config::from_environment().region, "us-east-1");
}

TEST_F(ConfigFromEnvironment, MalformedEndpointOverrideIsNamed) {
  set("AWS_ENDPOINT_URL_DYNAMODB", "127.0.0.1 port 8000");
  EXPECT_NE(error_of_from_environment().find("AWS_ENDPOINT_URL_DYNAMODB"), std::string::npos);
}

class MissingVariable : public ConfigFromEnvironment, public ::testing::WithParamInterface<const char*> {};

TEST_P(MissingVariable, IsNamedInTheError) {
  unsetenv(GetParam());
  EXPECT_NE(error_of_from_environment().find(GetParam()), std::string::npos) << error_of_from_environment();
}

INSTANTIATE_TEST_SUITE_P(Required, MissingVariable,
                         ::testing::Values("DYNAMODB_TABLE", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));

TEST_F(ConfigFromEnvironment, EmptyIsTheSameAsUnset) {
  set("DYNAMODB_TABLE", "");
  EXPECT_NE(error_of_from_environment().find("DYNAMODB_TABLE"), std::string::npos);
}

TEST_F(ConfigFromEnvironment, SslCertFileIsTheCaBundleWhenSet) {
  const std::filesystem::path bundle =
      std::filesystem::temp_directory_path() / ("config-test-bundle-" + std::to_string(getpid()) + ".pem");
  std::ofstream(bundle) << "-----BEGIN CERTIFICATE-----\n";
  set("SSL_CERT_FILE", bundle.c_str());
  EXPECT_EQ(Config::from_environment().trust.ca_file, bundle.string());
  std::filesystem::remove(bundle);
}

// An init error, reported once, rather than a failed handshake on every request.
TEST_F(ConfigFromEnvironment, MissingSslCertFileIsAnErrorNamingTheVariableAndTheFile) {
  set("SSL_CERT_FILE", "/nonexistent/certs/bundle.pem");
  EXPECT_EQ(error_of_from_environment(), "SSL_CERT_FILE /nonexistent/certs/bundle.pem does not exist");
}

TEST_F(ConfigFromEnvironment, MissingRegionWithoutAnEndpointOverrideIsNamed) {
  unsetenv("AWS_REGION");
  EXPECT_EQ(error_of_from_environment(), "AWS_REGION is not set (nor AWS_DEFAULT_REGION, nor an endpoint override)");
}

TEST_F(ConfigFromEnvironment, MalformedGeneralEndpointOverrideIsNamed) {
  set("AWS_ENDPOINT_URL", "https://dynamodb.example.com/some/path");
  EXPECT_NE(error_of_from_environment().find("AWS_ENDPOINT_URL must be an http(s) URL"), std::string::npos)
      << error_of_from_environment();
}

TEST_F(ConfigFromEnvironment, WithoutSslCertFileTheFirstExistingSystemBundleIsUsed) {
  const Config config = Config::from_environment();
  EXPECT_EQ(config.trust.ca_file, first_system_bundle());
  EXPECT_EQ(config.trust.fallback_ca_file, "");
}

TEST_F(ConfigFromEnvironment, TheRepositoryConnectsAtStartWithinASecond) {
  EXPECT_EQ(Config::from_environment().connect_at_start_within, std::chrono::seconds(1));
}

// A task root (/var/task) whose zip carries the Amazon Trust Services roots.
class TrustStoreInTaskRoot : public ConfigFromEnvironment {
 protected:
  void SetUp() override {
    ConfigFromEnvironment::SetUp();
    std::filesystem::create_directories(amazon_roots_.parent_path());
    std::ofstream(amazon_roots_) << "-----BEGIN CERTIFICATE-----\n";
    set("LAMBDA_TASK_ROOT", task_root_.c_str());
  }
  void TearDown() override {
    std::filesystem::remove_all(task_root_);
    ConfigFromEnvironment::TearDown();
  }
  const std::filesystem::path task_root_ =
      std::filesystem::temp_directory_path() / ("trust-store-test-" + std::to_string(getpid()));
  const std::filesystem::path amazon_roots_ = task_root_ / "certs/amazon-trust-services.pem";
};

TEST_F(TrustStoreInTaskRoot, TheRegionalEndpointIsVerifiedWithTheAmazonRootsFirst) {
  const Config config = Config::from_environment();
  EXPECT_EQ(config.trust.ca_file, amazon_roots_.string());
  EXPECT_EQ(config.trust.fallback_ca_file, first_system_bundle());
}

TEST_F(TrustStoreInTaskRoot, SslCertFileWinsOverTheAmazonRoots) {
  const std::filesystem::path own_bundle = task_root_ / "own-bundle.pem";
  std::ofstream(own_bundle) << "-----BEGIN CERTIFICATE-----\n";
  set("SSL_CERT_FILE", own_bundle.c_str());
  const Config config = Config::from_environment();
  EXPECT_EQ(config.trust.ca_file, own_bundle.string());
  EXPECT_EQ(config.trust.fallback_ca_file, "");
}

TEST_F(TrustStoreInTaskRoot, AnEndpointOutsideAmazonawsComUsesTheSystemBundle) {
  for (const char* endpoint : {"https://dynamodb.example.com", "http://127.0.0.1:8000",
                               "https://dynamodb.cn-north-1.amazonaws.com.cn", "https://amazonaws.com.evil.example"}) {
    set("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
    const Config config = Config::from_environment();
    EXPECT_EQ(config.trust.ca_file, first_system_bundle()) << endpoint;
    EXPECT_EQ(config.trust.fallback_ca_file, "") << endpoint;
  }
}

TEST_F(TrustStoreInTaskRoot, WithoutTheFileInTheZipTheSystemBundleIsUsed) {
  std::filesystem::remove(amazon_roots_);
  const Config config = Config::from_environment();
  EXPECT_EQ(config.trust.ca_file, first_system_bundle());
  EXPECT_EQ(config.trust.fallback_ca_file, "");
}

struct EndpointRow {
  const char* url;
  std::optional<Endpoint> expected;
};

class ParseEndpoint : public ::testing::TestWithParam<EndpointRow> {};

TEST_P(ParseEndpoint, GivesTheRootUrlAndTheSignedHost) {
  const auto endpoint = parse_endpoint(GetParam().url);
  ASSERT_EQ(endpoint.has_value(), GetParam().expected.has_value()) << GetParam().url;
  if (!endpoint) return;
  EXPECT_EQ(endpoint->url, GetParam().expected->url);
  EXPECT_EQ(endpoint->host, GetParam().expected->host);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseEndpoint,
    ::testing::Values(
        EndpointRow{"https://dynamodb.eu-west-1.amazonaws.com",
                    Endpoint{"https://dynamodb.eu-west-1.amazonaws.com/", "dynamodb.eu-west-1.amazonaws.com"}},
        EndpointRow{"http://127.0.0.1:8000", Endpoint{"http://127.0.0.1:8000/", "127.0.0.1:8000"}},
        EndpointRow{"http://localhost:8000/", Endpoint{"http://localhost:8000/", "localhost:8000"}},
        EndpointRow{"http://[::1]:8000", Endpoint{"http://[::1]:8000/", "[::1]:8000"}},
        EndpointRow{"ftp://example.com", std::nullopt}, EndpointRow{"127.0.0.1 port 8000", std::nullopt},
        EndpointRow{"http://127.0.0.1:8000/prefix", std::nullopt}, EndpointRow{"", std::nullopt}));

}  // namespace
}  // namespace birthday::dynamodb
