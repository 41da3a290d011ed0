#include "transport/local/test_support.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "transport/local/child_process.hpp"
#include "transport/local/function_environment.hpp"

namespace birthday::local::testing {
namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

class OpenFile {
 public:
  explicit OpenFile(const std::filesystem::path& path) : fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)) {
    if (fd_ < 0) throw std::runtime_error("cannot create " + path.string());
  }
  ~OpenFile() { close(fd_); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

pid_t start(const std::string& program, std::vector<std::string> arguments, const std::filesystem::path& directory,
            const std::filesystem::path& out, const std::filesystem::path& err) {
  const OpenFile out_file(out);
  const OpenFile err_file(err);
  ChildSpec spec{program, current_environment(), directory.string(), out_file.fd(), err_file.fd(), std::move(arguments)};
  return start_child(spec);
}

}  // namespace

ProgramRun run_program(const std::string& program, const std::vector<std::string>& arguments,
                       const std::filesystem::path& working_directory) {
  const TempDir dir;
  const pid_t pid = start(program, arguments, working_directory, dir.path() / "out", dir.path() / "err");
  const int status = reap_child(pid);
  return {exit_code_of(status), read_file(dir.path() / "out"), read_file(dir.path() / "err")};
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / ("local-gateway-test-" + std::to_string(getpid()) + "-" +
                                                    std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  const std::filesystem::path file = path_ / name;
  std::ofstream(file) << content;
  return file;
}

GatewayProcess::GatewayProcess(const std::string& program, std::vector<std::string> arguments,
                               const std::filesystem::path& working_directory) {
  port_ = free_port();
  arguments.push_back("--port=" + std::to_string(port_));
  pid_ = start(program, std::move(arguments), working_directory, dir_.path() / "out", dir_.path() / "err");

  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(std::chrono::milliseconds(200));
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    if (client.Get("/ready")) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the gateway exited (" + std::to_string(exit_code_of(status)) + "): " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("the gateway did not answer within 20 s: " + log());
}

GatewayProcess::~GatewayProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    reap_child(pid_);
  }
}

std::vector<pid_t> GatewayProcess::children() const { return children_of(pid_); }

int GatewayProcess::signal_and_wait(int signal, int limit_ms) {
  kill(pid_, signal);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
  while (std::chrono::steady_clock::now() < give_up) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return exit_code_of(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1000;
}

std::string GatewayProcess::log() const { return read_file(dir_.path() / "err"); }

std::string GatewayProcess::output() const { return read_file(dir_.path() / "out"); }

int free_port() {
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  if (bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(sock);
    throw std::runtime_error("no free port");
  }
  close(sock);
  return ntohs(address.sin_port);
}

std::string raw_http_exchange(int port, const std::string& request, int timeout_ms) {
  const int sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0) throw std::runtime_error("socket failed");
  const timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const sockaddr_in address = loopback(port);
  if (connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      send(sock, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    close(sock);
    throw std::runtime_error("cannot send to port " + std::to_string(port));
  }
  std::string answer;
  char buffer[4096];
  for (ssize_t received; (received = recv(sock, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(received));
  }
  close(sock);
  return answer;
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> children;
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream in(task.path() / "children");
    pid_t child = 0;
    while (in >> child) children.push_back(child);
  }
  return children;
}

bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  // pid (comm) state ...: the state follows the last ')'.
  const std::size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z' && line[paren + 2] != 'X';
}

bool exits_within(pid_t pid, int limit_ms) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms);
  while (process_alive(pid)) {
    if (std::chrono::steady_clock::now() >= limit) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace birthday::local::testing
