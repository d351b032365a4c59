#include "modules/module_admin.hpp"

#include "schema/json_schema.hpp"

namespace iro::modules {

loader::Manifest find_manifest(const std::filesystem::path& plugin_dir, const std::string& id) {
    std::string known;
    for (const auto& file : loader::manifest_files(plugin_dir)) {
        try {
            loader::Manifest manifest = loader::read_manifest(file);
            if (manifest.id == id) {
                return manifest;
            }
            known += (known.empty() ? "" : ", ") + manifest.id;
        } catch (const loader::ManifestError&) {
            // A broken manifest is reported by `modules list`; it cannot be the one asked for.
        }
    }
    throw AdminRefused("no module '" + id + "' in " + plugin_dir.string() +
                       (known.empty() ? std::string(" (no valid manifests there)")
                                      : " (known modules: " + known + ")"));
}

nlohmann::json configure_module(store::ModuleSettingsStore& settings,
                                const loader::Manifest& manifest, const ConfigEdit& edit,
                                const store::Change& change, const ModuleCheck& module_check) {
    const auto current = settings.get(manifest.id);
    nlohmann::json stored =
        current && current->config ? *current->config : nlohmann::json::object();
    if (edit.replace) {
        if (!edit.replace->is_object()) {
            throw AdminRefused("configuration of " + manifest.id + " must be a JSON object");
        }
        stored = *edit.replace;
    }
    for (const auto& [key, value] : edit.set) {
        stored[key] = value;
    }
    for (const auto& key : edit.unset) {
        stored.erase(key);
    }
    nlohmann::json effective = loader::effective_config(manifest, &stored);
    const auto violations = schema::JsonSchema::compile(manifest.config_schema).validate(effective);
    if (!violations.empty()) {
        throw AdminRefused("configuration of " + manifest.id +
                           " refused, nothing saved: " + schema::describe(violations));
    }
    if (module_check) {
        if (const auto problems = module_check(effective); !problems.empty()) {
            throw AdminRefused(
                "configuration of " + manifest.id +
                " refused by the module, nothing saved: " + schema::describe(problems));
        }
    }
    settings.set_config(manifest.id, stored, change);
    return effective;
}

std::pair<std::string, nlohmann::json> parse_assignment(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw AdminRefused("'" + text + "' is not key=value");
    }
    const std::string key = text.substr(0, eq);
    const std::string raw = text.substr(eq + 1);
    nlohmann::json value = nlohmann::json::parse(raw, nullptr, false);
    if (value.is_discarded()) {
        value = raw;
    }
    return {key, value};
}

}  // namespace iro::modules
