#include "deploy/package/empty_root.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace birthday::packaging {
namespace {

const std::filesystem::path task_root = "/var/task";

}  // namespace

int run_and_wait(std::vector<std::string> arguments) {
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

EmptyRoot::EmptyRoot(const std::filesystem::path& zip, const std::optional<std::filesystem::path>& emulator) {
  std::string pattern = (std::filesystem::temp_directory_path() / "lambda-empty-root-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp");
  directory_ = pattern;
  root_ = directory_ / "root";
  output_ = directory_ / "output.log";
  const std::filesystem::path task = root_ / task_root.relative_path();
  std::filesystem::create_directories(task);
  if (run_and_wait({"unzip", "-q", zip.string(), "-d", task.string()}) != 0)
    throw std::runtime_error("cannot unzip " + zip.string() + " (is unzip installed?)");
  if (emulator) {
    emulator_ = "/" / emulator->filename();
    std::error_code error;
    std::filesystem::copy_file(*emulator, root_ / emulator->filename(), error);
    if (error)
      throw std::runtime_error("cannot copy the emulator " + emulator->string() + " (" + error.message() +
                               "; run scripts/setup.sh --arm64)");
  }
}

EmptyRoot::~EmptyRoot() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

bool EmptyRoot::can_run() { return geteuid() == 0; }

pid_t EmptyRoot::start(const std::vector<std::string>& environment, int cgroup_procs) const {
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  const std::string root = root_.string();
  const std::string working_directory = task_root.string();
  const std::string bootstrap = (task_root / "bootstrap").string();
  const std::string program = emulator_ ? emulator_->string() : bootstrap;
  std::vector<std::string> entries = environment;
  std::vector<char*> envp;
  for (std::string& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  if (emulator_) argv.push_back(const_cast<char*>(program.c_str()));
  argv.push_back(const_cast<char*>(bootstrap.c_str()));
  argv.push_back(nullptr);

  const int output = open(output_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (output < 0) throw std::system_error(errno, std::generic_category(), "open " + output_.string());
  const pid_t pid = fork();
  if (pid == 0) {
    if (cgroup_procs >= 0 && write(cgroup_procs, "0", 1) != 1) _exit(126);  // "0": the writer itself
    if (dup2(output, STDOUT_FILENO) < 0 || dup2(output, STDERR_FILENO) < 0) _exit(126);
    close_range(STDERR_FILENO + 1, ~0U, 0);  // nothing of the test's sockets or pipes
    if (chroot(root.c_str()) != 0 || chdir(working_directory.c_str()) != 0) _exit(126);
    execve(program.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  const int fork_error = errno;
  close(output);
  if (pid < 0) throw std::system_error(fork_error, std::generic_category(), "fork");
  return pid;
}

std::string EmptyRoot::output() const {
  std::ifstream file(output_);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> lambda_environment(const std::string& runtime_api, std::vector<std::string> extra) {
  std::vector<std::string> environment = {
      "AWS_LAMBDA_RUNTIME_API=" + runtime_api,
      "LAMBDA_TASK_ROOT=/var/task",
      "LAMBDA_RUNTIME_DIR=/var/runtime",
      "_HANDLER=bootstrap",
      "LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
      "PATH=/usr/local/bin:/usr/bin/:/bin:/opt/bin",
      "LANG=en_US.UTF-8",
      "TZ=:UTC",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
  };
  environment.insert(environment.end(), extra.begin(), extra.end());
  return environment;
}

std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < give_up) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return std::nullopt;
}

}  // namespace birthday::packaging
