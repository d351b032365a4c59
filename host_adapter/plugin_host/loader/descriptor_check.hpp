#pragma once
// Checks a plugin's descriptor against the host and the plugin's manifest, field by field, before
// the host calls anything else in the library.

#include <optional>
#include <string>

#include "iro/plugin_api/plugin.hpp"
#include "loader/manifest.hpp"

namespace iro::loader {

/// Why a library may not be used.
struct Rejection {
    bool incompatible;  ///< API or toolchain mismatch, as opposed to a broken or foreign library
    std::string reason;
};

/// Checks the manifest's declared API version; runs before the library is opened.
std::optional<Rejection> check_manifest_api(const Manifest& manifest);

/// Checks size, API version (same major, minor not newer), toolchain, id and version.
std::optional<Rejection> check_descriptor(const iro_plugin_descriptor& descriptor,
                                          const Manifest& manifest,
                                          const iro_toolchain_fingerprint& host_toolchain);

}  // namespace iro::loader
