#include "bench/cold_start/cpu_share.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

namespace birthday::bench {
namespace {

const std::filesystem::path cgroup_root = "/sys/fs/cgroup";

bool write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

bool contains_word(const std::filesystem::path& file, std::string_view word) {
  std::ifstream in(file);
  for (std::string token; in >> token;)
    if (token == word) return true;
  return false;
}

std::string unique_name() {
  static std::atomic<int> counter{0};
  return "lambda-cpu-share-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

}  // namespace

std::chrono::microseconds CpuShare::quota_for(int memory_mb, std::chrono::microseconds period) {
  constexpr long long one_vcpu_mb = 1769;
  return std::chrono::microseconds((period.count() * memory_mb + one_vcpu_mb / 2) / one_vcpu_mb);
}

std::unique_ptr<CpuShare> CpuShare::create(std::chrono::microseconds quota, std::chrono::microseconds period,
                                           std::string& why_not) {
  if (geteuid() != 0) {
    why_not = "making a cgroup needs root";
    return nullptr;
  }
  std::filesystem::path directory;
  std::string mechanism;
  // A unified (v2) hierarchy with the cpu controller, else the v1 cpu controller.
  if (contains_word(cgroup_root / "cgroup.controllers", "cpu")) {
    write_file(cgroup_root / "cgroup.subtree_control", "+cpu");
    directory = cgroup_root / unique_name();
    mechanism = "cgroup v2 cpu.max";
  } else if (std::filesystem::exists(cgroup_root / "cpu" / "cpu.cfs_quota_us")) {
    directory = cgroup_root / "cpu" / unique_name();
    mechanism = "cgroup v1 cpu.cfs_quota_us";
  } else {
    why_not = "no cgroup cpu controller is mounted under /sys/fs/cgroup";
    return nullptr;
  }
  std::error_code error;
  if (!std::filesystem::create_directory(directory, error)) {
    why_not = "cannot make " + directory.string() + ": " + error.message();
    return nullptr;
  }
  const bool limited =
      mechanism.starts_with("cgroup v2")
          ? write_file(directory / "cpu.max", std::to_string(quota.count()) + " " + std::to_string(period.count()))
          : write_file(directory / "cpu.cfs_period_us", std::to_string(period.count())) &&
                write_file(directory / "cpu.cfs_quota_us", std::to_string(quota.count()));
  const int procs = limited ? open((directory / "cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC) : -1;
  if (procs < 0) {
    std::filesystem::remove(directory, error);
    why_not = "cannot set the CPU quota of " + directory.string();
    return nullptr;
  }
  return std::unique_ptr<CpuShare>(new CpuShare(directory, procs, mechanism));
}

CpuShare::CpuShare(std::filesystem::path directory, int procs, std::string mechanism)
    : directory_(std::move(directory)), procs_(procs), mechanism_(std::move(mechanism)) {}

CpuShare::~CpuShare() {
  close(procs_);
  // rmdir, not remove_all: a cgroup's files cannot be deleted, only the empty group itself,
  // which the kernel may still count as busy for a moment after its last process was reaped.
  for (int attempt = 0; attempt < 100 && rmdir(directory_.c_str()) != 0 && errno == EBUSY; ++attempt)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void CpuShare::move_in(pid_t pid) const {
  const std::string text = std::to_string(pid);
  if (write(procs_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    throw std::system_error(errno, std::generic_category(), "moving " + text + " into " + directory_.string());
}

}  // namespace birthday::bench
