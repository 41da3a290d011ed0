#include "bench/cold_start/cpu_share.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

namespace birthday::bench {
namespace {

using std::chrono::microseconds;

TEST(CpuShareQuota, Of128MbIsLambdasShareOfOneVcpu) {
  EXPECT_EQ(CpuShare::quota_for(128, microseconds(100'000)), microseconds(7'236));
  EXPECT_EQ(CpuShare::quota_for(1769, microseconds(100'000)), microseconds(100'000));
  EXPECT_EQ(CpuShare::quota_for(3538, microseconds(100'000)), microseconds(200'000));
}

TEST(CpuShare, TakesAProcessInAndIsGoneAfterwards) {
  std::string why_not;
  auto share = CpuShare::create(microseconds(7'236), microseconds(100'000), why_not);
  if (!share) GTEST_SKIP() << why_not;
  const pid_t child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  share->move_in(child);
  std::ifstream cgroup("/proc/" + std::to_string(child) + "/cgroup");
  const std::string memberships{std::istreambuf_iterator<char>(cgroup), std::istreambuf_iterator<char>()};
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_NE(memberships.find("lambda-cpu-share-" + std::to_string(getpid())), std::string::npos) << memberships;
  share.reset();
  std::ifstream after("/proc/self/cgroup");
  EXPECT_TRUE(after.good());
}

}  // namespace
}  // namespace birthday::bench
