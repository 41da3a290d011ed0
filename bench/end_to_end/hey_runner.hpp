#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench/end_to_end/hey_csv.hpp"

namespace birthday::bench::end_to_end {

// One hey run: `concurrency` workers sending `method url` for `seconds`, as fast as answered.
struct HeyLoad {
  std::string url;
  std::string method = "GET";
  int concurrency = 1;
  double seconds = 10;
};

// Runs hey to completion and returns its per-request rows; throws std::runtime_error when hey
// fails. `hey` is the program's absolute path.
std::vector<HeyRequest> run_hey(const std::filesystem::path& hey, const HeyLoad& load);

// The absolute path of `name` in one of $PATH's folders; throws std::runtime_error when absent.
std::filesystem::path program_on_path(const std::string& name);

}  // namespace birthday::bench::end_to_end
