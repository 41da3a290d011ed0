# For cross builds (CMAKE_PROJECT_TOP_LEVEL_INCLUDES, see aarch64-linux-gnu.cmake), which make the
# two Lambda bootstraps and nothing else. The tests, benchmarks and local tools beside them link
# libraries Debian installs for the build machine only (the gflags and yaml-cpp -dev packages
# cannot be installed for two architectures at once). This dependency provider answers the
# project's find_package for those with empty stand-in targets, so that every folder still
# configures; no target a cross build makes links them.
set(BOOTSTRAPS_ONLY_STAND_INS GTest benchmark gflags yaml-cpp)

macro(bootstraps_only_find_package method package_name)
  if("${package_name}" IN_LIST BOOTSTRAPS_ONLY_STAND_INS)
    if("${package_name}" STREQUAL "GTest")
      set(_bootstraps_only_targets GTest::gtest GTest::gmock GTest::gtest_main GTest::gmock_main)
    elseif("${package_name}" STREQUAL "benchmark")
      set(_bootstraps_only_targets benchmark::benchmark benchmark::benchmark_main)
    else()
      set(_bootstraps_only_targets ${package_name})
    endif()
    foreach(_bootstraps_only_target IN LISTS _bootstraps_only_targets)
      if(NOT TARGET ${_bootstraps_only_target})
        add_library(${_bootstraps_only_target} INTERFACE IMPORTED GLOBAL)
      endif()
    endforeach()
    set(${package_name}_FOUND TRUE)
  endif()
endmacro()

cmake_language(SET_DEPENDENCY_PROVIDER bootstraps_only_find_package SUPPORTED_METHODS FIND_PACKAGE)
