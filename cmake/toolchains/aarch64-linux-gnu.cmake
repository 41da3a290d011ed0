# Cross-compiles for arm64 (AWS Graviton) with Debian's aarch64 toolchain (g++-aarch64-linux-gnu)
# against Debian's arm64 packages installed through multiarch (`scripts/setup.sh --arm64`).
# scripts/build-arm64.sh configures with this file and builds the two bootstraps only; it also
# passes bootstraps_only.cmake, which stands in for the test libraries an arm64 build never links.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# The cross compiler's own glibc (libc6-dev-arm64-cross) is a snapshot that misses Debian's
# security updates. Link against libc6-dev:arm64 instead: -B for its start files, -L for its
# libraries. scripts/package.sh ships that same glibc (libc6:arm64) in the zip.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-B/usr/lib/aarch64-linux-gnu/ -L/usr/lib/aarch64-linux-gnu")

# Libraries and headers are the arm64 ones; programs (nm, pkg-config) are the build machine's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_FIND_ROOT_PATH /)
# FindCURL and FindOpenSSL take hints from pkg-config: they must see the arm64 .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig:${CMAKE_CURRENT_LIST_DIR}/stand-ins")

set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static)
