#pragma once

#include <cstdio>
#include <cstdlib>

namespace birthday::fuzz {

// A property the code under test promises. A broken one aborts, which libFuzzer reports as a
// crash and keeps the input of, like any sanitizer finding.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", property);
  std::abort();
}

}  // namespace birthday::fuzz
