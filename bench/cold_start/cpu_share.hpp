#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace birthday::bench {

// A share of one CPU, as Lambda gives a function in proportion to its memory: a fresh cgroup
// whose CPU bandwidth is `quota` per `period` (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us where
// the v1 cpu controller is mounted). Removed again when destroyed, once its processes are gone.
class CpuShare {
 public:
  // Lambda's share for `memory_mb`: 1,769 MB is one whole vCPU.
  static std::chrono::microseconds quota_for(int memory_mb, std::chrono::microseconds period);

  // Nothing (with `why_not` said) when no cgroup can be made here: not root, no cpu controller.
  static std::unique_ptr<CpuShare> create(std::chrono::microseconds quota, std::chrono::microseconds period,
                                          std::string& why_not);
  ~CpuShare();
  CpuShare(const CpuShare&) = delete;
  CpuShare& operator=(const CpuShare&) = delete;

  // An open cgroup.procs of this cgroup: writing a PID moves that process (all its threads) in.
  int procs_descriptor() const { return procs_; }
  void move_in(pid_t pid) const;

  // "cgroup v1 cpu.cfs_quota_us" or "cgroup v2 cpu.max", for the report.
  const std::string& mechanism() const { return mechanism_; }

 private:
  CpuShare(std::filesystem::path directory, int procs, std::string mechanism);

  std::filesystem::path directory_;
  int procs_ = -1;
  std::string mechanism_;
};

}  // namespace birthday::bench
