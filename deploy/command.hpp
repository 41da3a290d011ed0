#pragma once

#include <filesystem>
#include <string>
#include <string_view>

// Running shell commands from the deploy tests.
namespace deploy_test {

struct CommandResult {
  int exit_code;       // the command's exit status, or -1 when it did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// Runs `command` with /bin/sh and waits for it.
CommandResult run_command(const std::string& command);

// `text` as one single-quoted shell word.
std::string shell_quote(std::string_view text);

// Whether `program` is found on PATH.
bool on_path(std::string_view program);

// A fresh directory under the system temp directory, removed with everything in it on destruction.
class TempDirectory {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace deploy_test
