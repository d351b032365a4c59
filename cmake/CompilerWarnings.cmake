# Our own targets' warnings (third-party headers come in as SYSTEM includes). They are errors
# where IRO_WARNINGS_AS_ERRORS is on, as the presets have it for development and CI; a packager's
# newer compiler with new warnings still builds the product.
# Not -Wnull-dereference: with GCC 12 at -O2 it fires inside inlined Boost.Asio code, where
# system-header suppression does not reach.
set(IRO_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation
    -Wsuggest-override)
option(IRO_WARNINGS_AS_ERRORS "Make warnings in the product's own code errors (the presets do)" OFF)
if(IRO_WARNINGS_AS_ERRORS)
  list(APPEND IRO_WARNINGS -Werror)
endif()
# GCC's own checks; clang (the fuzzing build) has no such options and would reject them.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND IRO_WARNINGS -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wuseless-cast)
endif()

function(iro_target_warnings target)
  target_compile_options(${target} PRIVATE ${IRO_WARNINGS})
endfunction()
