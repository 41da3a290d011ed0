#!/usr/bin/env bash
# Installs what building, running and testing need, and nothing when it is already there.
# Safe to run any number of times; works as root on a bare Debian 12.
# --arm64 (`make test`, `make dist ARCH=arm64`, `make run ARCH=arm64`) adds the arm64 (Graviton)
# cross build: Debian's aarch64 toolchain, Debian's arm64 libraries through multiarch, and
# qemu-user to run what it builds. An x86_64-only `make build`/`make dist` never installs those.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libgflags-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev libyaml-cpp-dev
  zip unzip strip-nondeterminism inotify-tools curl
  # load and deployment checks (scripts/load-check.sh, scripts/check-deployment.sh and its tests)
  hey gnuplot-nox shellcheck
  # fuzzing (fuzz/, make fuzz): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
  # Lambda zips (cmake/Packaging.cmake, scripts/package.sh): static archives, ELF patching, and
  # openssl's s_server for the static libcurl test.
  libbrotli-dev zlib1g-dev patchelf binutils openssl
)
# The arm64 -dev packages must be the same versions as their amd64 twins (Multi-Arch: same), so
# installing them may also update the amd64 ones to the archive's current versions.
arm64_packages=(g++-aarch64-linux-gnu qemu-user-static
                libcurl4-openssl-dev:arm64 libssl-dev:arm64 zlib1g-dev:arm64 libbrotli-dev:arm64)
[[ ${1:-} == --arm64 ]] && packages+=("${arm64_packages[@]}")
# Node.js may come from elsewhere (NodeSource ships npm inside its nodejs); only add Debian's when absent.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done

if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  echo "setup: installing ${missing[*]}" >&2
  if [[ ${missing[*]} == *:arm64* ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools (local DynamoDB, Terraform parser/formatter), pinned by package-lock.json.
if [[ -f package-lock.json ]]; then
  stamp=node_modules/.package-lock.json
  if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
    echo "setup: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
