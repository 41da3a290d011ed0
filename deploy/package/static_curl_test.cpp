// The libcurl a bootstrap links (cmake/Packaging.cmake): static, with OpenSSL, and with the
// features Debian ships no static archive for left out. Plain HTTPS with peer verification
// works; a left-out feature, if ever reached, stops the process and names itself.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "deploy/package/empty_root.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"

namespace birthday::packaging {
namespace {

using dynamodb::testing::free_local_port;

bool accepts_connections(int port) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  close(socket_fd);
  return connected;
}

// `openssl s_server -www` on 127.0.0.1 with a throwaway self-signed certificate, offering HTTP/2
// first in ALPN, as many HTTPS servers do.
class LocalTlsServer {
 public:
  LocalTlsServer() {
    std::string pattern = (std::filesystem::temp_directory_path() / "static-curl-tls-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    directory_ = pattern;
    const std::string key = (directory_ / "key.pem").string();
    if (run_and_wait({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out",
             certificate()}) != 0)
      throw std::runtime_error("openssl req could not make a certificate");
    port_ = free_local_port();
    pid_ = fork();
    if (pid_ == 0) {
      execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-alpn", "h2,http/1.1", "-accept",
             ("127.0.0.1:" + std::to_string(port_)).c_str(), "-cert", certificate().c_str(), "-key", key.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(port_)) {
      if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("openssl s_server did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~LocalTlsServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  LocalTlsServer(const LocalTlsServer&) = delete;
  LocalTlsServer& operator=(const LocalTlsServer&) = delete;

  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }
  std::string certificate() const { return (directory_ / "certificate.pem").string(); }

 private:
  std::filesystem::path directory_;
  int port_ = -1;
  pid_t pid_ = -1;
};

struct EasyHandleCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// A GET of `url` trusting only `ca_file`; returns the HTTP status, or the curl error text.
std::string get(const std::string& url, const std::string& ca_file, long http_version) {
  const std::unique_ptr<CURL, EasyHandleCleanup> curl(curl_easy_init());
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTP_VERSION, http_version);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code != CURLE_OK) return curl_easy_strerror(code);
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  return std::to_string(status);
}

class StaticCurl : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  static void TearDownTestSuite() { curl_global_cleanup(); }
};

TEST_F(StaticCurl, HttpsOverHttp1VerifiesThePeerAndWorks) {
  const LocalTlsServer server;
  EXPECT_EQ(get(server.url(), server.certificate(), CURL_HTTP_VERSION_1_1), "200");
}

TEST_F(StaticCurl, HttpsRefusesAPeerOutsideTheCaFile) {
  const LocalTlsServer server;
  const LocalTlsServer stranger;
  EXPECT_EQ(get(server.url(), stranger.certificate(), CURL_HTTP_VERSION_1_1),
            curl_easy_strerror(CURLE_PEER_FAILED_VERIFICATION));
}

// Why the bootstraps' clients pin CURLOPT_HTTP_VERSION to 1.1: libcurl would otherwise offer
// HTTP/2, and nghttp2 is one of the libraries left out.
TEST_F(StaticCurl, NegotiatingHttp2StopsTheProcessNamingTheLeftOutLibrary) {
  const LocalTlsServer server;
  EXPECT_DEATH(get(server.url(), server.certificate(), CURL_HTTP_VERSION_2TLS),
               "libcurl feature left out of this Lambda build was called: nghttp2_");
}

}  // namespace
}  // namespace birthday::packaging
