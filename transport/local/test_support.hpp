#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

// Helpers for the gateway's process-level tests: run programs, start the gateway on a free
// port, look at processes by PID. Test-only.
namespace birthday::local::testing {

struct ProgramRun {
  int exit_code = -1;  // or -signal when killed
  std::string out;
  std::string err;
};

// Runs a program to completion in `working_directory`, with this process's environment.
ProgramRun run_program(const std::string& program, const std::vector<std::string>& arguments,
                       const std::filesystem::path& working_directory);

// A folder under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// The local gateway as a child process serving on 127.0.0.1 and a free port. The constructor
// returns once it answers HTTP; the destructor kills it by PID if it is still there.
class GatewayProcess {
 public:
  GatewayProcess(const std::string& program, std::vector<std::string> arguments,
                 const std::filesystem::path& working_directory);
  ~GatewayProcess();
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::vector<pid_t> children() const;

  // Sends `signal` and waits up to `limit_ms` for the exit; returns the exit code (-signal
  // when killed by one), or -1000 when it is still running.
  int signal_and_wait(int signal, int limit_ms = 10'000);

  // Everything it wrote to stderr so far.
  std::string log() const;
  // Everything it wrote to stdout so far: its functions' own log lines.
  std::string output() const;

 private:
  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A port on 127.0.0.1 that nothing listens on right now.
int free_port();

// Sends `request` as written to 127.0.0.1:`port` and returns all the bytes that come back
// until the server closes the connection or `timeout_ms` passes without data. For requests an
// HTTP client library would not send (no Content-Length, a malformed request line).
std::string raw_http_exchange(int port, const std::string& request, int timeout_ms = 3000);

// The direct children of a process, from /proc/<pid>/task/*/children.
std::vector<pid_t> children_of(pid_t pid);

// Whether the process exists and has not exited (a zombie has exited).
bool process_alive(pid_t pid);
// Whether the process has exited by `limit_ms` from now (a SIGKILL is not instantaneous).
bool exits_within(pid_t pid, int limit_ms);

}  // namespace birthday::local::testing
