# The hardening flags Debian builds its packages with, from dpkg-buildflags (hardening=+all:
# stack protector, _FORTIFY_SOURCE, format checks, RELRO and immediate binding; PIE is GCC 12's
# default on Debian), and stack clash protection. The release preset, which makes the packages,
# turns it on; tests/install/package_quality_test.cpp checks every packaged binary with
# hardening-check.
option(IRO_DEBIAN_BUILDFLAGS "Compile and link with dpkg-buildflags' hardening flags" OFF)
if(IRO_DEBIAN_BUILDFLAGS)
  find_program(IRO_DPKG_BUILDFLAGS dpkg-buildflags REQUIRED)
  set(iro_buildflags_env "DEB_BUILD_MAINT_OPTIONS=hardening=+all")
  foreach(kind IN ITEMS CPPFLAGS CXXFLAGS LDFLAGS)
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -E env "${iro_buildflags_env}" "${IRO_DPKG_BUILDFLAGS}" --get ${kind}
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
      OUTPUT_VARIABLE iro_${kind} OUTPUT_STRIP_TRAILING_WHITESPACE
      COMMAND_ERROR_IS_FATAL ANY)
  endforeach()
  # Stack clash protection: what hardening=+all adds from dpkg 1.22 (Debian 13) on; GCC 12 has it.
  # Not -fcf-protection, the other addition: Debian 12's glibc start files (crti.o, crtn.o) carry
  # no CET property, so the linker drops it from every binary built here whatever the flag.
  set(iro_extra "-fstack-clash-protection")
  # The build type's own optimisation and debug flags come after these and win (-O2 -g1).
  string(APPEND CMAKE_CXX_FLAGS " ${iro_CPPFLAGS} ${iro_CXXFLAGS} ${iro_extra}")
  foreach(kind IN ITEMS EXE SHARED MODULE)
    string(APPEND CMAKE_${kind}_LINKER_FLAGS " ${iro_LDFLAGS}")
  endforeach()
  message(STATUS "dpkg-buildflags (hardening=+all): ${iro_CPPFLAGS} ${iro_CXXFLAGS} ${iro_LDFLAGS}; and ${iro_extra}")
endif()
