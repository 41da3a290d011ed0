#include "transport/local/child_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace birthday::local {
namespace {

// Only async-signal-safe calls between fork and exec: the gateway is multi-threaded.
[[noreturn]] void become_child(const ChildSpec& spec, char* const argv[], char* const envp[], pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);  // the parent died before prctl took effect
  setpgid(0, 0);

  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &default_action, nullptr);

  if (spec.stdout_fd != STDOUT_FILENO) dup2(spec.stdout_fd, STDOUT_FILENO);
  if (spec.stderr_fd != STDERR_FILENO) dup2(spec.stderr_fd, STDERR_FILENO);
  close_range(3, ~0U, 0);
  if (!spec.working_directory.empty() && chdir(spec.working_directory.c_str()) != 0) _exit(126);

  execve(spec.program.c_str(), argv, envp);
  static constexpr char message[] = "local-gateway: cannot execute the bootstrap\n";
  [[maybe_unused]] const ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
  _exit(127);
}

}  // namespace

pid_t start_child(const ChildSpec& spec) {
  // Everything exec needs is built before fork.
  std::vector<std::string> entries;
  entries.reserve(spec.environment.size());
  for (const auto& [name, value] : spec.environment) entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> words{spec.program};
  words.insert(words.end(), spec.arguments.begin(), spec.arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);

  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) become_child(spec, argv.data(), envp.data(), parent);
  return pid;
}

int open_pidfd(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

bool wait_for_exit_readiness(int pidfd, std::chrono::milliseconds limit) {
  pollfd watch{pidfd, POLLIN, 0};
  while (true) {
    const int ready = poll(&watch, 1, static_cast<int>(limit.count()));
    if (ready >= 0) return ready > 0;
    if (errno != EINTR) return false;
  }
}

void wait_until_exited(pid_t pid) {
  siginfo_t info{};
  while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0) {
    if (errno != EINTR) return;
  }
}

int reap_child(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;
  }
  return status;
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return "signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  }
  return "wait status " + std::to_string(status);
}

std::optional<long> status_kb(pid_t pid, std::string_view field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) return std::stol(line.substr(field.size()));
  }
  return std::nullopt;
}

std::optional<long> peak_memory_kb(pid_t pid) { return status_kb(pid, "VmHWM:"); }

}  // namespace birthday::local
