# iro_add_plugin(<target>
#                SOURCES <src>...
#                MANIFEST <manifest.json>
#                [ID <id>] [VERSION <version>]      # default: read from the manifest
#                [OUTPUT_DIR <dir>]                 # default: the build tree's plugin directory
#                [LIBRARY_NAME <name>]              # default: <target>
#                [COMPONENT <component>]            # install component; default: <target>
#                [NO_INSTALL]                       # build only (tests)
#                [SKIP_MANIFEST_CHECK]              # only for tests of the loader
#                [ALLOW_UNDEFINED])                 # only for tests of the loader
#
# Builds a MODULE library named <name>.so (no "lib" prefix) with hidden visibility, stamps the
# plugin id and version into the descriptor (IRO_DEFINE_PLUGIN adds the toolchain fingerprint),
# checks the manifest with `iro-host modules check-manifest` (schema, configuration schema and
# defaults, API version, and that id, version and library name agree with what is built), copies it
# beside the library as <name>.json, and installs both into the host's plugin directory
# (IRO_PLUGIN_INSTALL_DIR, relative to the install prefix).
#
# The same file serves the source tree and the installed SDK (find_package(IroPluginSdk)): both
# provide the targets iro::plugin_api and iro::host.
# Links the shared library `target` with -z defs, so that a missing symbol fails the build, not the
# load. Except in a clang-sanitized build: clang keeps the sanitizer runtime in the executable, not
# in a shared library the way GCC does, so there a library's sanitizer symbols are undefined on
# purpose; the other builds keep the check.
function(iro_link_no_undefined target)
  if(NOT (IRO_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang"))
    target_link_options(${target} PRIVATE "LINKER:-z,defs")
  endif()
endfunction()

function(iro_add_plugin target)
  cmake_parse_arguments(ARG "ALLOW_UNDEFINED;NO_INSTALL;SKIP_MANIFEST_CHECK"
    "MANIFEST;ID;VERSION;OUTPUT_DIR;LIBRARY_NAME;COMPONENT" "SOURCES" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "iro_add_plugin(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "iro_add_plugin(${target}): MANIFEST is required")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "iro_add_plugin(${target}): SOURCES is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  if(NOT EXISTS "${manifest}")
    message(FATAL_ERROR "iro_add_plugin(${target}): MANIFEST ${manifest} does not exist")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(READ "${manifest}" manifest_text)
  foreach(field IN ITEMS id version)
    string(TOUPPER "${field}" upper)
    if(NOT ARG_${upper})
      string(JSON ARG_${upper} ERROR_VARIABLE err GET "${manifest_text}" ${field})
      if(err)
        message(FATAL_ERROR "${manifest}: cannot read \"${field}\": ${err}")
      endif()
    endif()
  endforeach()
  if(NOT ARG_OUTPUT_DIR)
    if(IRO_BUILD_PLUGIN_DIR)
      set(ARG_OUTPUT_DIR "${IRO_BUILD_PLUGIN_DIR}")
    else()
      set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/plugins")
    endif()
  endif()
  if(NOT ARG_LIBRARY_NAME)
    set(ARG_LIBRARY_NAME "${target}")
  endif()
  if(NOT ARG_COMPONENT)
    set(ARG_COMPONENT "${target}")
  endif()

  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE iro::plugin_api)
  target_compile_definitions(${target} PRIVATE IRO_PLUGIN_ID="${ARG_ID}" IRO_PLUGIN_VERSION="${ARG_VERSION}")
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${ARG_LIBRARY_NAME}"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # Installed, the plugin API library is one level up, in the host's private library directory.
    INSTALL_RPATH "$ORIGIN/..")
  if(NOT ARG_ALLOW_UNDEFINED)
    iro_link_no_undefined(${target})
  endif()
  if(COMMAND iro_target_warnings)
    iro_target_warnings(${target})
  endif()

  set(copied "${ARG_OUTPUT_DIR}/${ARG_LIBRARY_NAME}.json")
  if(ARG_SKIP_MANIFEST_CHECK)
    # At configure time, which re-runs whenever the manifest changes (CMAKE_CONFIGURE_DEPENDS
    # above): the copy never lags behind the manifest, whether or not the library is rebuilt.
    configure_file("${manifest}" "${copied}" COPYONLY)
  else()
    # A manifest the host would refuse never reaches the plugin directory.
    add_custom_command(OUTPUT "${copied}"
      COMMAND iro::host modules check-manifest "${manifest}" --expect-id "${ARG_ID}"
              --expect-version "${ARG_VERSION}" --expect-library "${ARG_LIBRARY_NAME}.so"
      COMMAND "${CMAKE_COMMAND}" -E copy "${manifest}" "${copied}"
      DEPENDS "${manifest}"
      COMMENT "Checking the manifest of module ${ARG_ID}"
      VERBATIM)
    target_sources(${target} PRIVATE "${copied}")
  endif()

  if(NOT ARG_NO_INSTALL)
    if(NOT IRO_PLUGIN_INSTALL_DIR)
      message(FATAL_ERROR "iro_add_plugin(${target}): IRO_PLUGIN_INSTALL_DIR is not set")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${IRO_PLUGIN_INSTALL_DIR}" COMPONENT "${ARG_COMPONENT}")
    install(FILES "${manifest}" DESTINATION "${IRO_PLUGIN_INSTALL_DIR}" COMPONENT "${ARG_COMPONENT}"
      RENAME "${ARG_LIBRARY_NAME}.json")
  endif()
endfunction()
