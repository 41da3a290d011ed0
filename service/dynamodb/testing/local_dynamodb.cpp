#include "service/dynamodb/testing/local_dynamodb.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "service/dynamodb/dynamodb_client.hpp"
#include "service/dynamodb/table_setup.hpp"

namespace birthday::dynamodb::testing {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

const std::string kProjectDir = PROJECT_SOURCE_DIR;
const std::string kDynalite = kProjectDir + "/node_modules/.bin/dynalite";
const std::string kTableSpec = kProjectDir + "/testdata/create-table.json";

// Closes the descriptor on every path out.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool accepts_connections(int port) {
  const Socket socket_fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  const sockaddr_in address = loopback(port);
  return socket_fd.fd() >= 0 &&
         connect(socket_fd.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

// Reaps the child if it has exited.
bool has_exited(pid_t pid) {
  int status = 0;
  const pid_t reaped = waitpid(pid, &status, WNOHANG);
  return reaped == pid || (reaped < 0 && errno == ECHILD);
}

// fork + exec with everything the child needs prepared first: after fork in a threaded
// process only async-signal-safe calls are allowed.
pid_t spawn(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Never outlive the test that started us, even if it crashes.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    const int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) dup2(null_fd, STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

int free_local_port() {
  const Socket socket_fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (socket_fd.fd() < 0 || bind(socket_fd.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(socket_fd.fd(), reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

LocalDynamoDb::LocalDynamoDb() : LocalDynamoDb(Options{}) {}

LocalDynamoDb::LocalDynamoDb(Options options) : options_(std::move(options)) {
  try {
    start(options_);
  } catch (...) {
    stop();
    throw;
  }
}

void LocalDynamoDb::restart() {
  stop();
  Options same_place = options_;
  same_place.port = port_;
  start(same_place);
}

void LocalDynamoDb::start(const Options& options) {
  if (access(kDynalite.c_str(), X_OK) != 0)
    throw std::runtime_error(kDynalite + " is missing: run `npm ci` in " + kProjectDir);
  Result<nlohmann::json> spec = read_table_spec(kTableSpec, options.table);
  if (!spec) throw std::runtime_error(spec.error().detail);
  table_ = spec.value()["TableName"].get<std::string>();
  const auto give_up = steady_clock::now() + options.startup_timeout;

  // Another process may take the free port before dynalite binds it; then try another.
  bool started = false;
  if (options.port != 0) {
    started = start_on(options.port, options, give_up);
  } else {
    for (int attempt = 0; attempt < 3 && !started; ++attempt) started = start_on(free_local_port(), options, give_up);
  }
  if (!started) throw std::runtime_error("dynalite did not start");
  if (!options.create_table) return;

  DynamoDbClient client(config());
  if (const Status created = ensure_table(client, spec.value(), give_up); !created)
    throw std::runtime_error("cannot create the table in dynalite: " + created.error().detail);
}

LocalDynamoDb::~LocalDynamoDb() { stop(); }

bool LocalDynamoDb::start_on(int port, const Options& options, steady_clock::time_point give_up) {
  std::vector<std::string> arguments = {kDynalite, "--host", "127.0.0.1", "--port", std::to_string(port),
                                        "--createTableMs", "0"};
  if (!options.data_directory.empty()) arguments.insert(arguments.end(), {"--path", options.data_directory});
  if (options.tls) {
    // dynalite takes the PEM texts themselves; "--name=value" keeps their leading dashes a value.
    arguments.insert(arguments.end(), {"--ssl", "--cert=" + read_file(options.tls->certificate_file),
                                       "--key=" + read_file(options.tls->key_file),
                                       "--ca=" + read_file(options.tls->ca_file)});
    ca_file_ = options.tls->ca_file;
  }
  pid_ = spawn(arguments);
  port_ = port;
  endpoint_ = (options.tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port);

  // Listening is not the same as ready: wait for the port, then for a real request to succeed.
  while (!accepts_connections(port)) {
    if (has_exited(pid_)) {
      pid_ = -1;
      return false;
    }
    if (steady_clock::now() > give_up)
      throw std::runtime_error("dynalite did not listen on port " + std::to_string(port) + " in time");
    std::this_thread::sleep_for(10ms);
  }
  DynamoDbClient client(config());
  const Result<nlohmann::json> tables = client.call("ListTables", nlohmann::json::object(), give_up);
  if (has_exited(pid_)) {
    pid_ = -1;
    return false;
  }
  if (!tables) throw std::runtime_error("dynalite does not answer ListTables: " + tables.error().detail);
  return true;
}

Config LocalDynamoDb::config() const {
  Config config;
  config.table = table_;
  config.region = "us-east-1";
  config.endpoint = endpoint_;
  config.credentials = {"local", "local", ""};
  config.trust.ca_file = ca_file_;
  return config;
}

void LocalDynamoDb::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto patience = steady_clock::now() + 3s;
  while (!has_exited(pid_)) {
    if (steady_clock::now() > patience) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(5ms);
  }
  pid_ = -1;
}

}  // namespace birthday::dynamodb::testing
