#pragma once
// Administrative changes to modules, validated before anything is written: the operations behind
// `iro-host modules enable|disable|config` (and, later, the admin API).

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "iro/plugin_api/services.hpp"
#include "loader/manifest.hpp"
#include "module_store/module_settings_store.hpp"

namespace iro::modules {

/// The change was refused; nothing was written.
class AdminRefused : public Error {
  public:
    explicit AdminRefused(const std::string& what) : Error(ErrorKind::invalid, what) {}
};

/// The manifest of module `id` in `plugin_dir`. Throws AdminRefused when no valid manifest
/// declares it, naming the ids that do exist.
loader::Manifest find_manifest(const std::filesystem::path& plugin_dir, const std::string& id);

/// One edit of a module's stored configuration.
struct ConfigEdit {
    std::optional<nlohmann::json> replace;                    ///< whole new stored config
    std::vector<std::pair<std::string, nlohmann::json>> set;  ///< top-level key = value
    std::vector<std::string> unset;                           ///< top-level keys back to default
};

/// What a module's own rules find wrong with settings its schema accepts (API 1.5): the
/// registry's check_settings, or nothing for a check the caller cannot make.
using ModuleCheck =
    std::function<std::vector<plugin::SchemaViolation>(const nlohmann::json& effective)>;

/// Applies `edit` to the stored configuration, validates the result (with defaults) against the
/// module's config_schema and then the module's own rules (`module_check`), and stores it with an
/// audit entry. Returns the new effective config. Throws AdminRefused listing every violation
/// with its field; nothing is stored then.
nlohmann::json configure_module(store::ModuleSettingsStore& settings,
                                const loader::Manifest& manifest, const ConfigEdit& edit,
                                const store::Change& change, const ModuleCheck& module_check);

/// Parses "key=value" as given on the command line: the value is JSON when it parses as JSON
/// (numbers, booleans, arrays, quoted strings), otherwise a plain string.
std::pair<std::string, nlohmann::json> parse_assignment(const std::string& text);

}  // namespace iro::modules
