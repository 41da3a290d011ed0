#include "service/dynamodb/trust_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace birthday::dynamodb {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRegional = "https://dynamodb.eu-west-1.amazonaws.com";
constexpr const char* kLocal = "http://127.0.0.1:8000";

// A scratch machine: system bundles, libcurl's built-in locations and a task root, each
// present, absent or broken as a test makes them.
class ChooseTrustStore : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(root_); }
  void TearDown() override { fs::remove_all(root_); }

  std::string pem(const std::string& name) const {
    const fs::path path = root_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "-----BEGIN CERTIFICATE-----\n";
    return path.string();
  }
  std::string directory(const std::string& name) const {
    fs::create_directories(root_ / name);
    return (root_ / name).string();
  }
  std::string absent(const std::string& name) const { return (root_ / name).string(); }
  std::string task_root() const { return (root_ / "task").string(); }
  std::string amazon_roots() const { return (root_ / "task/certs/amazon-trust-services.pem").string(); }

  // Two system bundles (Amazon Linux's, Debian's) and libcurl's built-in file and directory,
  // all absent unless a test creates them.
  CaLocations locations() const {
    return {{absent("pki/ca-bundle.crt"), absent("ssl/ca-certificates.crt")},
            [this] { return std::vector<std::string>{absent("curl/cacert.pem"), absent("curl/certs")}; }};
  }

  static std::string error_of(const TrustSettings& settings, const CaLocations& locations) {
    try {
      choose_trust_store(settings, locations);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  }

  const fs::path root_ = fs::temp_directory_path() / ("choose-trust-store-test-" + std::to_string(getpid()));
};

TEST_F(ChooseTrustStore, SslCertFileIsUsedAloneWhenSet) {
  pem("pki/ca-bundle.crt");
  const std::string own = pem("own/bundle.pem");
  const TrustStore trust = choose_trust_store({kRegional, own, ""}, locations());
  EXPECT_EQ(trust.ca_file, own);
  EXPECT_EQ(trust.fallback_ca_file, "");
}

TEST_F(ChooseTrustStore, MissingSslCertFileIsAnErrorNamingTheVariableAndTheFile) {
  pem("pki/ca-bundle.crt");
  const std::string missing = absent("own/bundle.pem");
  EXPECT_EQ(error_of({kRegional, missing, ""}, locations()), "SSL_CERT_FILE " + missing + " does not exist");
}

TEST_F(ChooseTrustStore, SslCertFileNamingADirectoryIsAnError) {
  const std::string folder = directory("own");
  EXPECT_EQ(error_of({kRegional, folder, ""}, locations()), "SSL_CERT_FILE " + folder + " is a directory, not a PEM file");
}

TEST_F(ChooseTrustStore, EmptySslCertFileIsAnError) {
  const std::string empty = absent("own/empty.pem");
  fs::create_directories(root_ / "own");
  std::ofstream{empty};
  EXPECT_EQ(error_of({kRegional, empty, ""}, locations()), "SSL_CERT_FILE " + empty + " is empty");
}

TEST_F(ChooseTrustStore, UnreadableSslCertFileIsAnErrorSayingWhy) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const std::string locked = pem("own/bundle.pem");
  fs::permissions(locked, fs::perms::none);
  EXPECT_EQ(error_of({kRegional, locked, ""}, locations()), "SSL_CERT_FILE " + locked + " cannot be read: Permission denied");
}

// Whoever set it meant it: a plain http endpoint does not excuse a wrong SSL_CERT_FILE.
TEST_F(ChooseTrustStore, SslCertFileIsCheckedForAPlainHttpEndpointToo) {
  EXPECT_NE(error_of({kLocal, absent("own/bundle.pem"), ""}, locations()).find("SSL_CERT_FILE"), std::string::npos);
}

TEST_F(ChooseTrustStore, TheFirstReadableSystemBundleIsUsed) {
  const std::string debian = pem("ssl/ca-certificates.crt");
  EXPECT_EQ(choose_trust_store({kRegional, "", ""}, locations()).ca_file, debian);
  const std::string amazon_linux = pem("pki/ca-bundle.crt");
  EXPECT_EQ(choose_trust_store({kRegional, "", ""}, locations()).ca_file, amazon_linux);
}

TEST_F(ChooseTrustStore, AnUnusableSystemBundleIsPassedOverForTheNext) {
  directory("pki/ca-bundle.crt");
  const std::string debian = pem("ssl/ca-certificates.crt");
  EXPECT_EQ(choose_trust_store({kRegional, "", ""}, locations()).ca_file, debian);
}

TEST_F(ChooseTrustStore, WithoutASystemBundleLibcurlsBuiltInFileIsUsed) {
  pem("curl/cacert.pem");
  const TrustStore trust = choose_trust_store({kRegional, "", ""}, locations());
  EXPECT_EQ(trust.ca_file, "") << "empty: libcurl's built-in default";
  EXPECT_EQ(trust.fallback_ca_file, "");
}

TEST_F(ChooseTrustStore, WithoutASystemBundleLibcurlsBuiltInDirectoryIsUsed) {
  directory("curl/certs");
  EXPECT_EQ(choose_trust_store({kRegional, "", ""}, locations()).ca_file, "");
}

TEST_F(ChooseTrustStore, AnHttpsEndpointWithNoCertificateAnywhereIsAnErrorListingWhatWasTried) {
  directory("pki/ca-bundle.crt");
  EXPECT_EQ(error_of({kRegional, "", ""}, locations()),
            std::string("no CA certificates to verify ") + kRegional + " with: SSL_CERT_FILE is not set; " +
                absent("pki/ca-bundle.crt") + " is a directory, not a PEM file; " + absent("ssl/ca-certificates.crt") +
                " does not exist; libcurl's built-in " + absent("curl/cacert.pem") + " does not exist; libcurl's built-in " +
                absent("curl/certs") + " does not exist");
}

TEST_F(ChooseTrustStore, ALibcurlWithoutBuiltInLocationsIsSaidSo) {
  const std::string error =
      error_of({kRegional, "", ""}, {{absent("pki/ca-bundle.crt")}, [] { return std::vector<std::string>(); }});
  EXPECT_NE(error.find("libcurl has no built-in CA location"), std::string::npos) << error;
}

// A local DynamoDB over plain http verifies nothing: no certificate is needed anywhere.
TEST_F(ChooseTrustStore, APlainHttpEndpointNeedsNoCertificate) {
  const TrustStore trust = choose_trust_store({kLocal, "", ""}, locations());
  EXPECT_EQ(trust.ca_file, "");
  EXPECT_EQ(trust.fallback_ca_file, "");
}

TEST_F(ChooseTrustStore, TheZipsAmazonRootsComeFirstWithTheSystemBundleAsFallback) {
  pem("task/certs/amazon-trust-services.pem");
  const std::string debian = pem("ssl/ca-certificates.crt");
  const TrustStore trust = choose_trust_store({kRegional, "", task_root()}, locations());
  EXPECT_EQ(trust.ca_file, amazon_roots());
  EXPECT_EQ(trust.fallback_ca_file, debian);
}

TEST_F(ChooseTrustStore, TheAmazonRootsAloneNeedNoSystemBundle) {
  pem("task/certs/amazon-trust-services.pem");
  const TrustStore trust = choose_trust_store({kRegional, "", task_root()}, locations());
  EXPECT_EQ(trust.ca_file, amazon_roots());
  EXPECT_EQ(trust.fallback_ca_file, "");
}

// Falling back to the system bundle is what they have a fallback for: not an init error.
TEST_F(ChooseTrustStore, UnusableAmazonRootsGiveWayToTheSystemBundle) {
  const std::string debian = pem("ssl/ca-certificates.crt");
  fs::create_directories(root_ / "task/certs");
  std::ofstream{amazon_roots()};
  const TrustStore trust = choose_trust_store({kRegional, "", task_root()}, locations());
  EXPECT_EQ(trust.ca_file, debian);
  EXPECT_EQ(trust.fallback_ca_file, "");
}

TEST_F(ChooseTrustStore, UnusableAmazonRootsAndNothingElseIsAnErrorNamingThem) {
  directory("task/certs/amazon-trust-services.pem");
  const std::string error = error_of({kRegional, "", task_root()}, locations());
  EXPECT_NE(error.find(amazon_roots() + " is a directory, not a PEM file"), std::string::npos) << error;
}

TEST_F(ChooseTrustStore, TheAmazonRootsAreOnlyForAmazonawsComOverHttps) {
  pem("task/certs/amazon-trust-services.pem");
  const std::string debian = pem("ssl/ca-certificates.crt");
  for (const char* endpoint : {"https://dynamodb.example.com", kLocal, "https://dynamodb.cn-north-1.amazonaws.com.cn",
                               "https://amazonaws.com.evil.example"}) {
    const TrustStore trust = choose_trust_store({endpoint, "", task_root()}, locations());
    EXPECT_EQ(trust.ca_file, debian) << endpoint;
    EXPECT_EQ(trust.fallback_ca_file, "") << endpoint;
  }
}

TEST_F(ChooseTrustStore, LibcurlIsNotAskedWhileASystemBundleIsReadable) {
  pem("ssl/ca-certificates.crt");
  bool asked = false;
  choose_trust_store({kRegional, "", ""}, {locations().system_bundles, [&asked] {
                                             asked = true;
                                             return std::vector<std::string>();
                                           }});
  EXPECT_FALSE(asked);
}

TEST(CaLocationsOfThisMachine, ProbeAmazonLinuxThenDebian) {
  const CaLocations locations = CaLocations::of_this_machine();
  EXPECT_EQ(locations.system_bundles,
            (std::vector<std::string>{"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"}));
}

}  // namespace
}  // namespace birthday::dynamodb
