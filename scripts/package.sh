#!/usr/bin/env bash
# Usage: scripts/package.sh BUILD_DIR OUTPUT_DIR [NAME=BOOTSTRAP ...]
# Turns each built bootstrap into OUTPUT_DIR/<function>.zip for the provided.al2023 runtime
# (the two functions by default; NAME=BOOTSTRAP pairs package other programs the same way):
#   bootstrap                    the function, stripped, its loader and library path patched to lib/
#   lib/ld-linux-x86-64.so.2     the dynamic loader it was linked against (ld-linux-aarch64.so.1 on arm64)
#   lib/<soname>...              every shared library it needs (glibc only, see cmake/Packaging.cmake)
#   certs/amazon-trust-services.pem  the roots AWS endpoints chain to, from Debian's ca-certificates:
#                                the function verifies *.amazonaws.com with these five certificates
#                                instead of parsing the system's ~150 at every cold start
# The zip needs nothing from the machine it lands on, and the same build gives the same bytes:
# fixed timestamps and modes, sorted entries, no extra zip attributes.
# A bootstrap cross-built for another machine (arm64: scripts/build-arm64.sh) gets that machine's
# glibc from Debian's multiarch directory, e.g. libc6:arm64's in /usr/lib/aarch64-linux-gnu.
set -euo pipefail

# --stage BUILD_DIR DIR NAME=BOOTSTRAP: one function's files as the zip holds them, unzipped, into DIR
# (what `sam build` wants in $ARTIFACTS_DIR: the Makefile's build-GetBirthday/build-PutBirthday).
stage_only=0
if [[ ${1:-} == --stage ]]; then
  stage_only=1
  shift
fi

build_dir=${1:?usage: scripts/package.sh BUILD_DIR OUTPUT_DIR [NAME=BOOTSTRAP ...]}
output_dir=${2:?usage: scripts/package.sh BUILD_DIR OUTPUT_DIR [NAME=BOOTSTRAP ...]}
programs=("${@:3}")
if ((${#programs[@]} == 0)); then
  programs=("get-birthday=$build_dir/functions/get-birthday/bootstrap" "put-birthday=$build_dir/functions/put-birthday/bootstrap")
fi

readonly mozilla_roots=/usr/share/ca-certificates/mozilla
readonly amazon_roots=(Amazon_Root_CA_1 Amazon_Root_CA_2 Amazon_Root_CA_3 Amazon_Root_CA_4
                       Starfield_Services_Root_Certificate_Authority_-_G2)

readonly task_root=/var/task
readonly lib_dir=$task_root/lib
# A constant, not the last commit's time: a commit that leaves the binaries alone must leave the
# zips (and so the deployed functions) alone too.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-946684800}  # 2000-01-01T00:00:00Z
export TZ=UTC LC_ALL=C  # zip stores local time; sort order must not depend on the locale
umask 022

die() { echo "package: $*" >&2; exit 1; }

for tool in strip patchelf zip readelf ldd sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (run scripts/setup.sh)"
done

# The Debian multiarch triplet of the machine the ELF file $1 is for.
triplet() {
  case $(readelf --file-header "$1" | sed -n 's/^ *Machine: *//p') in
    *X86-64) echo x86_64-linux-gnu ;;
    AArch64) echo aarch64-linux-gnu ;;
    *) die "$1 is for a machine this script does not package for" ;;
  esac
}

is_foreign() { [[ $(triplet "$1") != "$(uname -m)-linux-gnu" ]]; }

# The loader and libraries the ELF file $1 needs, one "name path" per line.
shared_libraries() {
  if is_foreign "$1"; then
    foreign_libraries "$1" "/usr/lib/$(triplet "$1")"
  else
    echo "$(basename "$(interpreter "$1")") $(readlink -f "$(interpreter "$1")")"
    ldd "$1" | while read -r name arrow path _; do
      [[ $arrow == "=>" ]] || continue  # the vdso and the loader's own line
      [[ -f $path ]] || die "$1 needs $name, which this machine does not have"
      echo "$name $(readlink -f "$path")"
    done
  fi | sort -u
}

# ldd cannot run another machine's loader: follow DT_NEEDED (the loader is one of them) in the
# multiarch directory $2 instead.
foreign_libraries() {
  local name
  readelf --dynamic --wide "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r name; do
    [[ -f $2/$name ]] || die "$1 needs $name, which $2 does not have (run scripts/setup.sh --arm64)"
    echo "$name $(readlink -f "$2/$name")"
    foreign_libraries "$2/$name" "$2"
  done
}

strip_program() {  # ELF file: the strip that knows its machine
  if is_foreign "$1"; then echo "$(triplet "$1")-strip"; else echo strip; fi
}

interpreter() {
  local path
  path=$(readelf --program-headers "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
  [[ -n $path ]] || die "$1 is not a dynamically linked executable"
  echo "$path"
}

stage_function() {  # bootstrap, function directory
  local bootstrap=$1 dir=$2 libraries name path mode
  libraries=$(shared_libraries "$bootstrap")  # not `< <(...)`, which would hide its failure
  mkdir -p "$dir/lib"
  while read -r name path; do
    # The loader must be executable: the kernel opens it like a program.
    if [[ $name == ld-linux* ]]; then mode=0755; else mode=0644; fi
    install -m "$mode" "$path" "$dir/lib/$name"
  done <<<"$libraries"

  mkdir -p "$dir/certs"
  for root in "${amazon_roots[@]}"; do
    [[ -f $mozilla_roots/$root.crt ]] || die "$mozilla_roots/$root.crt is missing (install ca-certificates)"
    cat "$mozilla_roots/$root.crt"
  done >"$dir/certs/amazon-trust-services.pem"
  chmod 0644 "$dir/certs/amazon-trust-services.pem"

  install -m 0755 "$bootstrap" "$dir/bootstrap"
  "$(strip_program "$bootstrap")" --strip-all "$dir/bootstrap"
  # DT_RPATH, unlike DT_RUNPATH, comes before LD_LIBRARY_PATH, which Lambda points at its own
  # (older) glibc; it also serves the libraries' own dependencies.
  patchelf --set-interpreter "$lib_dir/$(basename "$(interpreter "$bootstrap")")" \
           --force-rpath --set-rpath "$lib_dir" "$dir/bootstrap"
  find "$dir" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
}

zip_function() {  # function directory, zip
  local dir=$1 zip=$2
  rm -f "$zip"
  (cd "$dir" && find . -type f -printf '%P\n' | sort | zip -X -D -9 -q "$zip" -@)
  if command -v strip-nondeterminism >/dev/null; then
    strip-nondeterminism --type zip --timestamp "$SOURCE_DATE_EPOCH" "$zip" >/dev/null
  fi
}

megabytes() { awk -v bytes="$1" 'BEGIN { printf "%.1f MB", bytes / 1000000 }'; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$output_dir"
output_dir=$(cd "$output_dir" && pwd)

if ((stage_only)); then
  ((${#programs[@]} == 1)) || die "--stage takes exactly one NAME=BOOTSTRAP"
  [[ -x ${programs[0]#*=} ]] || die "${programs[0]#*=} is missing: build first (make build)"
  stage_function "${programs[0]#*=}" "$output_dir"
  exit 0
fi

for program in "${programs[@]}"; do
  function=${program%%=*}
  bootstrap=${program#*=}
  [[ -x $bootstrap ]] || die "$bootstrap is missing: build first (make build)"
  dir=$stage/$function
  stage_function "$bootstrap" "$dir"
  zip_function "$dir" "$stage/$function.zip"

  zipped=$(stat --format=%s "$stage/$function.zip")
  unpacked=$(find "$dir" -type f -printf '%s\n' | awk '{ sum += $1 } END { print sum }')
  ((zipped <= 50 * 1024 * 1024)) || die "$function.zip is over Lambda's 50 MB limit for a zip"
  ((unpacked <= 250 * 1024 * 1024)) || die "$function unpacks to over Lambda's 250 MB limit"
  mv "$stage/$function.zip" "$output_dir/$function.zip"
  printf '%s: %s zipped, %s unpacked (%s files), sha256 %s\n' "$output_dir/$function.zip" \
    "$(megabytes "$zipped")" "$(megabytes "$unpacked")" "$(find "$dir" -type f | wc -l)" \
    "$(sha256sum "$output_dir/$function.zip" | cut -d' ' -f1)"
done
