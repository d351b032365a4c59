# Warnings are errors in our own targets only (third-party headers come in as SYSTEM includes).
# Not -Wnull-dereference: with GCC 12 at -O2 it fires inside inlined Boost.Asio code, where
# system-header suppression does not reach.
set(IRO_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation
    -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wuseless-cast -Wsuggest-override
    -Werror)

function(iro_target_warnings target)
  target_compile_options(${target} PRIVATE ${IRO_WARNINGS})
endfunction()
