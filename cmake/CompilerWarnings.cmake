# Warnings are errors in our own targets only (third-party headers come in as SYSTEM includes).
# Not -Wnull-dereference: with GCC 12 at -O2 it fires inside inlined Boost.Asio code, where
# system-header suppression does not reach.
set(IRO_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation
    -Wsuggest-override -Werror)
# GCC's own checks; clang (the fuzzing build) has no such options and would reject them.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND IRO_WARNINGS -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wuseless-cast)
endif()

function(iro_target_warnings target)
  target_compile_options(${target} PRIVATE ${IRO_WARNINGS})
endfunction()
