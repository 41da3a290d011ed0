#include "service/dynamodb/testing/test_pki.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

namespace birthday::dynamodb::testing {
namespace {

// Runs openssl with `arguments`, its chatter on stderr kept out of the test's output.
void openssl(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "openssl");
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawned != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("openssl " + arguments.at(1) + " failed (is openssl installed?)");
}

}  // namespace

TestPki::TestPki(const std::filesystem::path& directory, const std::string& server_name, const std::string& root_name)
    : root_certificate(directory / "root.pem"), server_certificate(directory / "server.pem"),
      server_key(directory / "server.key") {
  std::filesystem::create_directories(directory);
  const std::string root_key = (directory / "root.key").string();
  openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + root_name, "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout",
           root_key, "-out", root_certificate.string()});
  openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-CA", root_certificate.string(), "-CAkey",
           root_key, "-subj", "/CN=" + server_name, "-addext", "subjectAltName=DNS:" + server_name + ",IP:127.0.0.1",
           "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "extendedKeyUsage=serverAuth", "-keyout",
           server_key.string(), "-out", server_certificate.string()});
}

}  // namespace birthday::dynamodb::testing
