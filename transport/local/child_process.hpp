#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transport/local/function_environment.hpp"

namespace birthday::local {

struct ChildSpec {
  std::string program;                 // absolute path
  Environment environment;             // the whole environment; nothing is inherited
  std::string working_directory;
  int stdout_fd = 1;                   // where the child's stdout goes
  int stderr_fd = 2;                   // and its stderr
  std::vector<std::string> arguments;  // after argv[0]
};

// Starts `program` with fork + exec. The child:
// - gets SIGKILL when the thread that started it ends (PR_SET_PDEATHSIG), so a gateway that
//   is killed outright leaves no orphans; start children from a thread that outlives them;
// - runs in its own process group, so a terminal's Ctrl-C reaches the gateway only, which
//   then stops its children in order;
// - inherits no descriptor but 0, 1 and 2, and no blocked signals.
// Throws std::system_error when fork fails; a failed exec ends the child with status 127.
pid_t start_child(const ChildSpec& spec);

// A pidfd for the child (Linux 5.3+): readable once it has exited. -1 when unavailable.
int open_pidfd(pid_t pid);

// Waits until the child (not yet reaped) exits or `limit` passes; true when it has exited.
bool wait_for_exit_readiness(int pidfd, std::chrono::milliseconds limit);

// Blocks until the child has exited, leaving it unreaped: until reap_child, its pid cannot be
// reused, so signalling it stays safe.
void wait_until_exited(pid_t pid);

// Reaps the child (blocking until it exits) and returns the wait status.
int reap_child(pid_t pid);

// "exit status 1", "signal 9 (Killed)".
std::string describe_wait_status(int status);

// A memory figure of the process in kB from /proc/<pid>/status, `field` being e.g. "VmHWM:" or
// "RssAnon:"; nullopt once the process is gone.
std::optional<long> status_kb(pid_t pid, std::string_view field);

// The child's peak resident set (VmHWM) in kB, from /proc/<pid>/status; nullopt once gone.
std::optional<long> peak_memory_kb(pid_t pid);

}  // namespace birthday::local
