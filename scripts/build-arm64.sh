#!/usr/bin/env bash
# Usage: scripts/build-arm64.sh BUILD_DIR [BUILD_TYPE]  (`make dist ARCH=arm64`, and `make test`)
# Cross-compiles the two Lambda bootstraps for arm64 (Graviton) into BUILD_DIR with Debian's
# aarch64 toolchain (cmake/toolchains/aarch64-linux-gnu.cmake); nothing else of the project is
# built for arm64. scripts/setup.sh --arm64 installs the toolchain and the arm64 libraries.
set -euo pipefail
build_dir=${1:?usage: scripts/build-arm64.sh BUILD_DIR [BUILD_TYPE]}
build_type=${2:-Release}
source_dir=$(cd "$(dirname "$0")/.." && pwd)

command -v aarch64-linux-gnu-g++ >/dev/null \
  || { echo "build-arm64: aarch64-linux-gnu-g++ is missing (run scripts/setup.sh --arm64)" >&2; exit 1; }

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
  -DCMAKE_TOOLCHAIN_FILE="$source_dir/cmake/toolchains/aarch64-linux-gnu.cmake" \
  -DCMAKE_PROJECT_TOP_LEVEL_INCLUDES="$source_dir/cmake/toolchains/bootstraps_only.cmake" >/dev/null
cmake --build "$build_dir" --target get_birthday_bootstrap put_birthday_bootstrap -j "${JOBS:-$(nproc)}"
