# Compile time. CI's whole run (a build and the suite) has to fit 20 minutes on two cores, and
# most of a build was the same headers compiled again in every file: nlohmann/json and the standard
# library cost about a third of each host file under ASan, so they are precompiled once per target;
# CLI11, header-only, cost 40% of each subcommand's file, so those files compile in three groups.
#
# ccache only caches files compiled with a precompiled header when told the PCH's macros and
# __DATE__ are not a concern (the presets' launcher sets CCACHE_SLOPPINESS); without it, it
# compiles them uncached, which is slower but still correct.
set(IRO_COMMON_HEADERS
    <nlohmann/json.hpp> <fmt/format.h>
    <chrono> <filesystem> <functional> <map> <optional> <sstream> <string> <vector>)

# Both off in the dev preset: clang-tidy reads that build's compile commands, clang cannot use a
# GCC precompiled header, and a unity file hides the files it holds.
option(IRO_PRECOMPILE_HEADERS "Precompile the common headers" ON)
option(IRO_UNITY_GROUPS "Compile the files iro_unity_groups names as unity files" ON)

# Precompiles the common headers, and any more headers given, for `target`.
function(iro_precompile_common_headers target)
  if(IRO_PRECOMPILE_HEADERS)
    target_precompile_headers(${target} PRIVATE ${IRO_COMMON_HEADERS} ${ARGN})
  endif()
endfunction()

# Uses the precompiled headers of `from` in `target`: both must be built with the same flags, so a
# library's not in an executable (-fPIC against -fPIE).
function(iro_reuse_common_headers target from)
  if(IRO_PRECOMPILE_HEADERS)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()

# Compiles `sources` of `target` as `groups` unity files instead of one object each. For files
# that all include one heavy header-only library (CLI11 emits most of itself in every file that
# includes it), so the library is compiled `groups` times rather than once per file; more than one
# group keeps both cores busy. The files must not clash in their anonymous namespaces.
function(iro_unity_groups target prefix groups)
  if(NOT IRO_UNITY_GROUPS)
    return()
  endif()
  set(sources ${ARGN})
  list(LENGTH sources count)
  math(EXPR per_group "(${count} + ${groups} - 1) / ${groups}")
  set(index 0)
  foreach(source IN LISTS sources)
    math(EXPR group "${index} / ${per_group}")
    set_source_files_properties(${source} TARGET_DIRECTORY ${target} PROPERTIES UNITY_GROUP "${prefix}_${group}")
    math(EXPR index "${index} + 1")
  endforeach()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
endfunction()
