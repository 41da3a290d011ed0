// TLS peer verification against a real DynamoDB API over HTTPS (dynalite --ssl): the trust
// store decides, the fallback is taken only when the first CA file fails, and a server no
// trusted root vouches for is refused whichever store is tried.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/dynamodb/testing/test_pki.hpp"

namespace birthday::dynamodb {
namespace {

using namespace std::chrono_literals;

class TlsTrust : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                           ("tls-trust-test-" + std::to_string(getpid())));
    server_pki_ = new testing::TestPki(*directory_ / "server", "localhost", "Server's Root CA");
    unrelated_pki_ = new testing::TestPki(*directory_ / "unrelated", "localhost", "Unrelated Root CA");
    testing::LocalDynamoDb::Options options;
    options.tls = testing::LocalDynamoDb::Tls{server_pki_->server_certificate.string(),
                                              server_pki_->server_key.string(), server_pki_->root_certificate.string()};
    dynalite_ = new testing::LocalDynamoDb(options);
  }
  static void TearDownTestSuite() {
    delete dynalite_;
    delete unrelated_pki_;
    delete server_pki_;
    std::filesystem::remove_all(*directory_);
    delete directory_;
  }

  static Result<nlohmann::json> list_tables(TrustStore trust) {
    Config config = dynalite_->config();
    config.trust = std::move(trust);
    DynamoDbClient client(config);
    return client.call("ListTables", nlohmann::json::object(), std::chrono::steady_clock::now() + 5s);
  }

  static std::string trusted_root() { return server_pki_->root_certificate.string(); }
  static std::string unrelated_root() { return unrelated_pki_->root_certificate.string(); }

  static inline std::filesystem::path* directory_ = nullptr;
  static inline testing::TestPki* server_pki_ = nullptr;
  static inline testing::TestPki* unrelated_pki_ = nullptr;
  static inline testing::LocalDynamoDb* dynalite_ = nullptr;
};

TEST_F(TlsTrust, TheServersRootAloneIsEnough) {
  const auto tables = list_tables({trusted_root(), ""});
  ASSERT_TRUE(tables.ok()) << tables.error().detail;
  EXPECT_TRUE(tables.value().contains("TableNames"));
}

TEST_F(TlsTrust, AServerNoTrustedRootVouchesForIsRefused) {
  const auto tables = list_tables({unrelated_root(), ""});
  ASSERT_FALSE(tables.ok());
  EXPECT_EQ(tables.error().kind, ErrorKind::Internal);
  EXPECT_NE(tables.error().detail.find("certificate"), std::string::npos) << tables.error().detail;
}

TEST_F(TlsTrust, IsRefusedWithTheFallbackTooWhenNeitherStoreTrustsIt) {
  const auto tables = list_tables({unrelated_root(), unrelated_root()});
  ASSERT_FALSE(tables.ok());
  EXPECT_EQ(tables.error().kind, ErrorKind::Internal);
}

TEST_F(TlsTrust, TheFallbackVerifiesWhatTheFirstStoreCannot) {
  const auto tables = list_tables({unrelated_root(), trusted_root()});
  ASSERT_TRUE(tables.ok()) << tables.error().detail;
}

TEST_F(TlsTrust, AMissingFirstStoreFallsBackToo) {
  const auto tables = list_tables({"/nonexistent/amazon-trust-services.pem", trusted_root()});
  ASSERT_TRUE(tables.ok()) << tables.error().detail;
}

TEST_F(TlsTrust, TheFallbackIsKeptForLaterCalls) {
  Config config = dynalite_->config();
  config.trust = {unrelated_root(), trusted_root()};
  DynamoDbClient client(config);
  for (int call = 0; call < 3; ++call) {
    const auto tables = client.call("ListTables", nlohmann::json::object(), std::chrono::steady_clock::now() + 5s);
    ASSERT_TRUE(tables.ok()) << "call " << call << ": " << tables.error().detail;
  }
}

}  // namespace
}  // namespace birthday::dynamodb
