#!/usr/bin/env bash
# Usage: scripts/bench.sh BUILD_DIR
# `make bench`: every micro benchmark (targets made with project_benchmark), the cold-start and
# warm harness, the end-to-end load; then one report, bench/results/latest.md and latest.json,
# printed at the end. Exits non-zero when a figure misses its target.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
results=bench/results
rm -rf "$results/parts" "$results/micro"
mkdir -p "$results/parts" "$results/micro"

mapfile -t benchmarks < <(find "$build_dir" -type f -name '*_benchmark' -perm -u+x | sort)
if ((${#benchmarks[@]} == 0)); then
  echo "bench: no benchmarks found under $build_dir" >&2
  exit 1
fi
for benchmark in "${benchmarks[@]}"; do
  echo "== $(basename "$benchmark")"
  "$benchmark" --benchmark_min_time=0.2 --benchmark_out="$results/micro/$(basename "$benchmark").json" \
    --benchmark_out_format=json
done

echo "== cold start and warm (packaged zip vs naive baseline)"
"$build_dir/bench/cold_start/cold_start_harness" --output_dir="$results/parts"

echo "== end to end (local gateway + dynalite under hey)"
"$build_dir/bench/end_to_end/end_to_end_bench" --output="$results/parts/end_to_end.json"

echo "== report"
"$build_dir/bench/report/bench_report_writer" --parts_dir="$results/parts" --micro_dir="$results/micro" \
  --output_dir="$results"
