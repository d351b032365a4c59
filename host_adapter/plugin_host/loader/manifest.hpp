#pragma once
// A plugin's manifest: what the host knows about a module before opening its library.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "iro/plugin_api/events.hpp"

namespace iro::loader {

/// The manifest cannot be used; the message names the file and the field.
class ManifestError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Manifest {
    std::filesystem::path manifest_path;  ///< absolute
    std::filesystem::path library_path;   ///< absolute, in the manifest's directory
    std::string id;
    std::string version;
    std::uint16_t api_major = 0;
    std::uint16_t api_minor = 0;
    std::string description;
    std::vector<plugin::EventKind> events;
    nlohmann::json config_schema;
    nlohmann::json config_defaults;  ///< top-level "default" values of config_schema
    bool enabled_by_default = false;
    std::set<std::string> reads;
    std::set<std::string> writes;
    std::set<std::string> requests;  ///< request names the module handles (API 1.1)

    bool subscribes_to(plugin::EventKind kind) const;
};

/// Reads and validates a manifest against schemas/plugin-manifest.schema.json, checks that its
/// config_schema is a usable JSON Schema and that its defaults satisfy it. Runs no plugin code.
Manifest read_manifest(const std::filesystem::path& manifest_path);

/// The "id" a manifest declares, read leniently so an invalid manifest can still be reported under
/// the name its author meant; nullopt when not even that can be read.
std::optional<std::string> declared_id(const std::filesystem::path& manifest_path) noexcept;

/// The manifest files (*.json) in `plugin_dir`, absolute and sorted by name. Throws
/// std::runtime_error when the directory cannot be read.
std::vector<std::filesystem::path> manifest_files(const std::filesystem::path& plugin_dir);

/// Configuration a module would run with: the manifest's defaults overlaid with `stored`.
nlohmann::json effective_config(const Manifest& manifest, const nlohmann::json* stored);

}  // namespace iro::loader
