option(IRO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# The fuzz targets (tests/fuzz) need clang: libFuzzer's coverage instrumentation goes into every
# library they link, so the whole build is compiled with it (it costs the suite a few per cent).
option(IRO_FUZZ "Instrument the build for libFuzzer and build the fuzz targets (clang only)" OFF)
if(IRO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
if(IRO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IRO_FUZZ needs clang (libFuzzer); this build uses ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

