#!/usr/bin/env bash
# Usage: deploy/package/check_elf_dependencies.sh DIST_DIR [ARCHITECTURE]
# For every ELF file in every zip of DIST_DIR, lists its machine, loader, library path, the shared
# libraries it needs and the symbol versions (GLIBC_, GLIBCXX_, CXXABI_, ...) it needs from each.
# Fails unless every file is for ARCHITECTURE's machine (x86_64, the default, or arm64) and every
# need is met: by a file the zip ships (which must define that version), or, for anything taken
# from the machine, by what provided.al2023 offers.
set -euo pipefail

dist_dir=${1:?usage: check_elf_dependencies.sh DIST_DIR [ARCHITECTURE]}
architecture=${2:-x86_64}
# readelf's name for the Lambda architecture's machine, and provided.al2023's loader on it.
case $architecture in
  x86_64) machine="Advanced Micro Devices X86-64" al2023_loader=/lib64/ld-linux-x86-64.so.2 ;;
  arm64) machine=AArch64 al2023_loader=/lib/ld-linux-aarch64.so.1 ;;
  *) echo "unknown architecture $architecture (x86_64 or arm64)"; exit 2 ;;
esac
readonly task_root=/var/task
# The newest symbol versions Amazon Linux 2023 provides: glibc 2.34 and GCC 11's libstdc++.
declare -A al2023_newest=([GLIBC]=2.34 [GLIBCXX]=3.4.29 [CXXABI]=1.3.13)

failures=0
fail() {
  echo "  FAIL: $*"
  failures=$((failures + 1))
}

is_elf() { [[ $(head -c 4 "$1" | od -An -c | tr -d ' ') == '177ELF' ]]; }

# "library version" lines: the versions $1 needs, per library.
version_needs() {
  readelf --version-info --wide "$1" | awk '
    /^Version needs section/ { in_needs = 1; next }
    /^Version (definition|symbols) section/ { in_needs = 0 }
    in_needs && /File:/ { for (i = 1; i <= NF; i++) if ($i == "File:") library = $(i + 1) }
    in_needs && /Name:/ { for (i = 1; i <= NF; i++) if ($i == "Name:") print library, $(i + 1) }'
}

# The versions the shared library $1 defines.
version_definitions() {
  readelf --version-info --wide "$1" | awk '
    /^Version definition section/ { in_definitions = 1; next }
    /^Version (needs|symbols) section/ { in_definitions = 0 }
    in_definitions && /Name:/ { for (i = 1; i <= NF; i++) if ($i == "Name:") print $(i + 1) }'
}

dynamic_entries() {  # file, tag (NEEDED, RPATH, RUNPATH): the bracketed values
  readelf --dynamic --wide "$1" | sed -n "s/.*($2).*\[\(.*\)\]/\1/p"
}

newer_than_al2023() {  # version such as GLIBC_2.35
  local family=${1%%_*} number=${1#*_}
  [[ -n ${al2023_newest[$family]:-} ]] || return 0  # e.g. GLIBC_PRIVATE: no stable promise at all
  [[ $(printf '%s\n%s\n' "$number" "${al2023_newest[$family]}" | sort -V | tail -n 1) != "${al2023_newest[$family]}" ]]
}

check_zip() {
  local zip=$1 unpacked=$2 file relative file_machine interpreter rpath library versions version shipped origin dir
  local -a search_dirs=()
  unzip -q "$zip" -d "$unpacked"
  [[ -x $unpacked/bootstrap ]] || fail "no executable bootstrap at the root of $(basename "$zip")"

  # Where the loader looks first: the bootstrap's DT_RPATH (it also serves the libraries' own needs).
  rpath=$(dynamic_entries "$unpacked/bootstrap" RPATH)
  [[ -z $(dynamic_entries "$unpacked/bootstrap" RUNPATH) ]] \
    || fail "bootstrap has DT_RUNPATH, which Lambda's LD_LIBRARY_PATH overrides; use DT_RPATH"
  IFS=: read -r -a search_dirs <<<"$rpath"

  while IFS= read -r -d '' file; do
    is_elf "$file" || continue
    relative=${file#"$unpacked"/}
    echo "$relative"
    file_machine=$(readelf --file-header "$file" | sed -n 's/^ *Machine: *//p')
    [[ $file_machine == "$machine" ]] || fail "$relative is for $file_machine, not $architecture ($machine)"
    echo "  machine $file_machine"
    # Only the program Lambda starts has its loader used (libc.so.6 has one too, to run on its own).
    if [[ $relative == bootstrap ]]; then
      interpreter=$(readelf --program-headers --wide "$file" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
      if [[ -z $interpreter ]]; then
        echo "  no loader (statically linked)"
      elif [[ $interpreter == "$task_root"/* && -f $unpacked/${interpreter#"$task_root"/} ]]; then
        echo "  loader $interpreter (shipped)"
      elif [[ $interpreter == "$al2023_loader" ]]; then
        echo "  loader $interpreter (from the machine)"
      else
        fail "loader $interpreter is neither shipped in the zip nor provided.al2023's"
      fi
    fi
    [[ -z $rpath || $relative != bootstrap ]] || echo "  library path $rpath"

    while read -r library; do
      shipped=""
      for dir in "${search_dirs[@]}"; do
        [[ $dir == "$task_root"/* && -f $unpacked/${dir#"$task_root"/}/$library ]] && shipped=$unpacked/${dir#"$task_root"/}/$library
      done
      origin="from the machine"
      [[ -z $shipped ]] || origin=shipped
      versions=$(version_needs "$file" | awk -v library="$library" '$1 == library { print $2 }' | sort -V | tr '\n' ' ')
      echo "  needs $library ($origin): ${versions:-no versioned symbols}"
      for version in $versions; do
        if [[ -n $shipped ]]; then
          version_definitions "$shipped" | grep -qxF "$version" || fail "$library in the zip does not define $version"
        elif newer_than_al2023 "$version"; then
          fail "$relative needs $version from the machine's $library; provided.al2023 has only ${al2023_newest[${version%%_*}]:-no such version}"
        fi
      done
    done < <(dynamic_entries "$file" NEEDED)
  done < <(find "$unpacked" -type f -print0 | sort -z)
}

zips=("$dist_dir"/*.zip)
[[ -e ${zips[0]} ]] || { echo "no zips in $dist_dir"; exit 1; }
for zip in "${zips[@]}"; do
  echo "== $(basename "$zip")"
  unpacked=$(mktemp -d)
  check_zip "$zip" "$unpacked"
  rm -rf "$unpacked"
done

if ((failures)); then
  echo "$failures problem(s)"
  exit 1
fi
echo "every shipped ELF file finds what it needs inside its zip"
