# Sanitizer builds, each in its own build folder (Makefile: test-asan, test-tsan, fuzz).
# SANITIZE is what -fsanitize= gets for every target, e.g. "address,undefined" or "thread".
# -fno-sanitize-recover makes the first report end the process, so UBSan fails a test instead of
# printing a line nobody reads.
set(SANITIZE "" CACHE STRING "sanitizers for every target (-fsanitize=...), empty for none")
if(SANITIZE)
  add_compile_options(-fsanitize=${SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g1)
  add_link_options(-fsanitize=${SANITIZE})
  # GCC's -Wmaybe-uninitialized misfires on instrumented code (here inside libstdc++'s <regex>,
  # which cannot be changed); the normal build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
