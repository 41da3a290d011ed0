#!/usr/bin/env bash
# Usage: deploy/package/check_elf_dependencies_test.sh PROGRAM
# The dependency check must catch a zip that leans on the machine's glibc: a zip whose bootstrap
# is PROGRAM (built here, needing GLIBC_2.36 from the machine's libc.so.6) has to fail it,
# naming the version provided.al2023 lacks; checked as an arm64 zip, it has to fail for its machine.
set -euo pipefail
program=${1:?usage: check_elf_dependencies_test.sh PROGRAM}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/dist" "$work/function"
install -m 0755 "$program" "$work/function/bootstrap"
(cd "$work/function" && zip -q -X "$work/dist/function.zip" bootstrap)

if bash "$(dirname "$0")/check_elf_dependencies.sh" "$work/dist" >"$work/report" 2>&1; then
  cat "$work/report"
  echo "FAIL: the check passed a zip that needs the machine's glibc 2.36"
  exit 1
fi
cat "$work/report"
grep -q "needs GLIBC_2.36 from the machine's libc.so.6" "$work/report" \
  || { echo "FAIL: the check failed, but not for glibc 2.36"; exit 1; }
echo "the check rejects a zip that needs the machine's glibc 2.36"

if bash "$(dirname "$0")/check_elf_dependencies.sh" "$work/dist" arm64 >"$work/report" 2>&1; then
  cat "$work/report"
  echo "FAIL: the arm64 check passed an x86_64 zip"
  exit 1
fi
grep -q "bootstrap is for Advanced Micro Devices X86-64, not arm64 (AArch64)" "$work/report" \
  || { cat "$work/report"; echo "FAIL: the arm64 check failed, but not for the machine"; exit 1; }
echo "the arm64 check rejects an x86_64 zip"
