#include "bench/end_to_end/hey_runner.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "transport/local/test_support.hpp"

namespace birthday::bench::end_to_end {

std::vector<HeyRequest> run_hey(const std::filesystem::path& hey, const HeyLoad& load) {
  const auto milliseconds = static_cast<long long>(std::llround(load.seconds * 1000.0));
  const std::vector<std::string> arguments = {"-z",    std::to_string(milliseconds) + "ms",
                                              "-c",    std::to_string(load.concurrency),
                                              "-m",    load.method,
                                              "-o",    "csv",
                                              load.url};
  const local::testing::ProgramRun run =
      local::testing::run_program(hey.string(), arguments, std::filesystem::temp_directory_path());
  if (run.exit_code != 0) throw std::runtime_error("hey exited with " + std::to_string(run.exit_code) + ": " + run.err);
  return parse_hey_csv(run.out);
}

std::filesystem::path program_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream folders(path ? path : "/usr/bin:/bin");
  for (std::string folder; std::getline(folders, folder, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(folder) / name;
    if (!folder.empty() && access(candidate.c_str(), X_OK) == 0) return std::filesystem::absolute(candidate);
  }
  throw std::runtime_error(name + " is not on PATH (Debian package `" + name + "`; scripts/setup.sh installs it)");
}

}  // namespace birthday::bench::end_to_end
