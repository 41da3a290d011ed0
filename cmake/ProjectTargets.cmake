# Warnings for our own code only; third-party headers come in as system includes.
add_library(project_options INTERFACE)
target_compile_options(project_options INTERFACE -Wall -Wextra -Werror -Wconversion -Wsign-conversion)
target_include_directories(project_options INTERFACE ${PROJECT_SOURCE_DIR})

include(GoogleTest)

# project_test(<name> SOURCES <files...> LIBS <targets...>)
# A GoogleTest executable whose tests ctest lists one by one.
function(project_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE project_options ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE PROJECT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             PROJECT_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

# project_benchmark(<name> SOURCES <files...> LIBS <targets...>)
function(project_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE project_options ${ARG_LIBS} benchmark::benchmark benchmark::benchmark_main)
  set_property(GLOBAL APPEND PROPERTY PROJECT_BENCHMARKS ${name})
endfunction()
