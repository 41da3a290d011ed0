#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace birthday::packaging {

// A Lambda zip unpacked as /var/task of an otherwise empty directory (no /lib, /etc, /dev,
// /proc, /tmp: nothing from this machine), whose /var/task/bootstrap runs chrooted there,
// the way Lambda runs it in its own root. Chroot needs root: check can_run() first.
// A zip for another machine (arm64 here) runs under a user-mode emulator (qemu-aarch64-static,
// statically linked): the only file of the root outside /var/task, and the program exec'd, so that
// nothing depends on the kernel having binfmt_misc set up for it.
class EmptyRoot {
 public:
  // Unpacks `zip` into a fresh temporary directory, with `emulator` copied to its top if given;
  // throws std::runtime_error if it cannot.
  explicit EmptyRoot(const std::filesystem::path& zip, const std::optional<std::filesystem::path>& emulator = {});
  ~EmptyRoot();  // removes the directory
  EmptyRoot(const EmptyRoot&) = delete;
  EmptyRoot& operator=(const EmptyRoot&) = delete;

  static bool can_run();

  // Starts /var/task/bootstrap with exactly `environment` ("NAME=value" entries) and stdout
  // and stderr going to output(). Returns its PID. With a `cgroup_procs` descriptor (an open
  // cgroup.procs file) the process joins that cgroup before its exec.
  pid_t start(const std::vector<std::string>& environment, int cgroup_procs = -1) const;

  // What the bootstrap has written so far.
  std::string output() const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path directory_;  // holds root/ and the output file
  std::filesystem::path root_;
  std::filesystem::path output_;
  std::optional<std::filesystem::path> emulator_;  // inside the root
};

// The environment Lambda gives a provided.al2023 function, pointed at `runtime_api` (host:port),
// plus `extra` entries. LD_LIBRARY_PATH is Lambda's, which names its own system libraries first.
std::vector<std::string> lambda_environment(const std::string& runtime_api, std::vector<std::string> extra = {});

// Runs a program (looked up in PATH) to completion; its exit code, or -1 if a signal ended it.
int run_and_wait(std::vector<std::string> arguments);

// Waits up to `timeout` for `pid` to exit and returns its wait status; on timeout kills it
// (SIGKILL), reaps it and returns nothing.
std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

}  // namespace birthday::packaging
