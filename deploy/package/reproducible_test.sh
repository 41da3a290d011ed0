#!/usr/bin/env bash
# Usage: deploy/package/reproducible_test.sh SOURCE_DIR REFERENCE_DIST_DIR BUILD_TYPE CXX_COMPILER|arm64
# Copies the source tree to another path, configures and builds the bootstraps there from
# nothing (with CXX_COMPILER, or cross-built for arm64 by scripts/build-arm64.sh), packages them,
# and requires the zips to be byte for byte those in REFERENCE_DIST_DIR (packaged from this
# build). Slow: one clean build of the two bootstraps.
set -euo pipefail
source_dir=${1:?usage: reproducible_test.sh SOURCE_DIR REFERENCE_DIST_DIR BUILD_TYPE CXX_COMPILER|arm64}
reference_dir=${2:?}
build_type=${3:?}
compiler=${4:?}
jobs=${JOBS:-$(nproc)}  # ctest runs this test alone (RUN_SERIAL)

work=$(mktemp -d /tmp/dist-reproducible-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/source"

# The working tree as it is (committed or not), without anything git ignores (builds, dist).
if git -C "$source_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$source_dir" && git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do [[ -e $file ]] && printf '%s\0' "$file"; done \
    | tar --null --files-from=- -cf -) | tar -xf - -C "$work/source"
else
  (cd "$source_dir" && tar --exclude='./build*' --exclude=./dist --exclude=./node_modules -cf - .) \
    | tar -xf - -C "$work/source"
fi

started=$SECONDS
if [[ $compiler == arm64 ]]; then
  JOBS=$jobs bash "$work/source/scripts/build-arm64.sh" "$work/build" "$build_type" >"$work/build.log" 2>&1 \
    || { tail -n 50 "$work/build.log"; exit 1; }
else
  cmake -S "$work/source" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_CXX_COMPILER="$compiler" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
  cmake --build "$work/build" --target get_birthday_bootstrap put_birthday_bootstrap -j "$jobs" \
    >"$work/build.log" 2>&1 || { tail -n 50 "$work/build.log"; exit 1; }
fi
bash "$work/source/scripts/package.sh" "$work/build" "$work/dist"
echo "clean build and packaging took $((SECONDS - started)) s"

status=0
for reference in "$reference_dir"/*.zip; do
  name=$(basename "$reference")
  expected=$(sha256sum "$reference" | cut -d' ' -f1)
  actual=$(sha256sum "$work/dist/$name" | cut -d' ' -f1)
  if [[ $expected == "$actual" ]]; then
    echo "$name: identical ($actual)"
    continue
  fi
  status=1
  echo "FAIL: $name differs: $expected here, $actual from the clean tree"
  mkdir -p "$work/compare/$name"/{here,clean}
  unzip -q "$reference" -d "$work/compare/$name/here"
  unzip -q "$work/dist/$name" -d "$work/compare/$name/clean"
  diff -r "$work/compare/$name/here" "$work/compare/$name/clean" || true
  unzip -Zv "$reference" >"$work/compare/$name/here.txt"
  unzip -Zv "$work/dist/$name" >"$work/compare/$name/clean.txt"
  diff "$work/compare/$name/here.txt" "$work/compare/$name/clean.txt" | head -n 40 || true
done
exit $status
