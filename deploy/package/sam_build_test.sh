#!/usr/bin/env bash
# `sam build` runs `make build-GetBirthday` / `make build-PutBirthday` (template.yaml: BuildMethod
# makefile) with ARTIFACTS_DIR set. Their recipes must build the function's bootstrap and stage into
# ARTIFACTS_DIR exactly the files, modes and bytes of the zip `make dist` ships (made here from the
# same build, after the recipe's own build step).
#   sam_build_test.sh PROJECT_DIR BUILD_DIR
set -euo pipefail
project=$1 build_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for pair in GetBirthday=get-birthday PutBirthday=put-birthday; do
  logical_id=${pair%%=*} function=${pair#*=}
  artifacts=$scratch/$logical_id
  mkdir -p "$artifacts"
  # The recipe only: its prerequisites (setup, configure) would reconfigure this very build folder
  # while ctest runs from it.
  recipe=$(make --no-print-directory -s -n -C "$project" "build-$logical_id" BUILD_DIR="$build_dir" \
    ARTIFACTS_DIR="$artifacts" | sed -n '/--target/,$p')
  grep -q -- "--target ${function//-/_}_bootstrap" <<<"$recipe" \
    || fail "build-$logical_id does not build ${function//-/_}_bootstrap: $recipe"
  (cd "$project" && bash -c "$recipe") >/dev/null

  bash "$project/scripts/package.sh" "$build_dir" "$scratch/dist" \
    "$function=$build_dir/functions/$function/bootstrap" >/dev/null
  unzipped=$scratch/$function.zip.d
  unzip -q "$scratch/dist/$function.zip" -d "$unzipped"
  listing() { (cd "$1" && find . -printf '%P %y %m\n' | sort); }
  diff <(listing "$unzipped") <(listing "$artifacts") || fail "build-$logical_id stages other files or modes than $function.zip"
  diff -r "$unzipped" "$artifacts" || fail "build-$logical_id stages other bytes than $function.zip"
  for file in bootstrap lib/libc.so.6 certs/amazon-trust-services.pem; do
    [[ -s $artifacts/$file ]] || fail "build-$logical_id left out $file"
  done
  echo "build-$logical_id: the files of $function.zip"
done
