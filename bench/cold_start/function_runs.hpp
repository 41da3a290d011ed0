#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bench/cold_start/lambda_sandbox.hpp"

namespace birthday::bench {

// A packaged program in its sandbox, the settings it is deployed with (NAME=value: Lambda's own
// environment is added), and the event every invoke hands it.
struct SandboxedFunction {
  std::string name;
  const LambdaSandbox* sandbox;
  std::vector<std::string> settings;
  std::string event;
};

// How much CPU the process gets: all of a core, Lambda's 128 MB share from exec on, or that
// share from its first GET /next on (Lambda runs the init phase at full speed).
enum class CpuColumn { Full, Share, ShareAfterInit };

struct ColdStart {
  double init_ms = 0;          // exec → first GET /next
  double first_answer_ms = 0;  // first event handed out → its answer posted
  double cpu_ms = 0;           // CPU time the process used, user and system, to its first answer
};

// One fresh process: started, timed to its first answer (which must be a 200 greeting), killed.
// Throws std::runtime_error with the process's output when it does not answer in time or well.
ColdStart cold_start(const SandboxedFunction& function, CpuColumn column);

struct MemoryReading {
  long max_rss_kib = 0;   // VmHWM: the peak resident set, code pages included
  long anon_rss_kib = 0;  // RssAnon: heap and stacks, where a leak would show
};

struct WarmRun {
  std::vector<double> turnaround_ms;  // event handed out → answer posted, all but the first invoke
  MemoryReading after_checkpoint;
  MemoryReading after_all;
};

// One process at full CPU answering `total` invokes; its memory read after `checkpoint` and
// after `total` invokes, while it waits for the next. Throws like cold_start.
WarmRun warm_run(const SandboxedFunction& function, std::size_t checkpoint, std::size_t total);

}  // namespace birthday::bench
