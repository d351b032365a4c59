# iro_add_plugin(<target>
#                SOURCES <src>...
#                MANIFEST <manifest.json>
#                [ID <id>] [VERSION <version>]      # default: read from the manifest
#                [OUTPUT_DIR <dir>]                 # default: the build tree's plugin directory
#                [LIBRARY_NAME <name>]              # default: <target>
#                [ALLOW_UNDEFINED])                 # only for tests of the loader
#
# Builds a MODULE library named <name>.so (no "lib" prefix) with hidden visibility, stamps the
# plugin id and version into the descriptor, and copies the manifest beside it as <name>.json.
function(iro_add_plugin target)
  cmake_parse_arguments(ARG "ALLOW_UNDEFINED" "MANIFEST;ID;VERSION;OUTPUT_DIR;LIBRARY_NAME" "SOURCES" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "iro_add_plugin(${target}): MANIFEST is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(READ "${manifest}" manifest_text)
  if(NOT ARG_ID)
    string(JSON ARG_ID ERROR_VARIABLE err GET "${manifest_text}" id)
    if(err)
      message(FATAL_ERROR "${manifest}: cannot read \"id\": ${err}")
    endif()
  endif()
  if(NOT ARG_VERSION)
    string(JSON ARG_VERSION ERROR_VARIABLE err GET "${manifest_text}" version)
    if(err)
      message(FATAL_ERROR "${manifest}: cannot read \"version\": ${err}")
    endif()
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${IRO_BUILD_PLUGIN_DIR}")
  endif()
  if(NOT ARG_LIBRARY_NAME)
    set(ARG_LIBRARY_NAME "${target}")
  endif()

  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE iro::plugin_api)
  target_compile_definitions(${target} PRIVATE IRO_PLUGIN_ID="${ARG_ID}" IRO_PLUGIN_VERSION="${ARG_VERSION}")
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${ARG_LIBRARY_NAME}"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(NOT ARG_ALLOW_UNDEFINED)
    target_link_options(${target} PRIVATE "LINKER:-z,defs")
  endif()
  iro_target_warnings(${target})
  # At configure time, which re-runs whenever the manifest changes (CMAKE_CONFIGURE_DEPENDS above):
  # the copy never lags behind the manifest, whether or not the library is rebuilt.
  configure_file("${manifest}" "${ARG_OUTPUT_DIR}/${ARG_LIBRARY_NAME}.json" COPYONLY)
endfunction()
