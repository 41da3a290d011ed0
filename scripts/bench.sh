#!/usr/bin/env bash
# Runs every Google Benchmark executable the build produced (targets made with project_benchmark).
set -euo pipefail
build_dir=${1:-build}
mapfile -t benchmarks < <(find "$build_dir" -type f -name '*_benchmark' -perm -u+x | sort)
if ((${#benchmarks[@]} == 0)); then
  echo "bench: no benchmarks found under $build_dir" >&2
  exit 1
fi
for benchmark in "${benchmarks[@]}"; do
  echo "== $(basename "$benchmark")"
  "$benchmark" --benchmark_min_time=0.2 "${@:2}"
done
