#!/usr/bin/env bash
# Usage: scripts/fuzz.sh FUZZ_BUILD_DIR SECONDS
# `make fuzz`: runs every libFuzzer target of FUZZ_BUILD_DIR (fuzz/targets.txt) for SECONDS,
# growing its corpus in the build folder, and prints executions per second and in total for each.
# A crash leaves its input in FUZZ_BUILD_DIR/fuzz/crashes/<target>/ and fails the run; once fixed,
# the input goes to testdata/fuzz/<target>/, where `make test` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:?usage: scripts/fuzz.sh FUZZ_BUILD_DIR SECONDS}
seconds=${2:?usage: scripts/fuzz.sh FUZZ_BUILD_DIR SECONDS}
targets=$build_dir/fuzz/targets.txt
[[ -f $targets ]] || { echo "fuzz: no $targets (configure with clang first)" >&2; exit 1; }

failed=()
printf '%-20s %12s %16s %s\n' target exec/s executions result
while read -r name program corpus saved; do
  [[ -n $name ]] || continue
  log=$build_dir/fuzz/$name.log
  result=ok
  "$program" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build_dir/fuzz/crashes/$name/" "$corpus" "$saved" >"$log" 2>&1 || result="CRASH (see $log)"
  [[ $result == ok ]] || failed+=("$name")
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  total=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  printf '%-20s %12s %16s %s\n' "$name" "${per_second:-?}" "${total:-?}" "$result"
done <"$targets"

if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]}" >&2
  exit 1
fi
