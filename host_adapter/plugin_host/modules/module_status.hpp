#pragma once
// What an administrator sees about a module.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro::modules {

enum class ModuleState { enabled, disabled, incompatible, failed_to_load, errored };

std::string_view to_string(ModuleState state);
std::optional<ModuleState> module_state_from_string(std::string_view text);

struct ModuleStatus {
    std::string id;
    std::string version;  ///< from the manifest; empty when the manifest is unreadable
    ModuleState state = ModuleState::disabled;
    std::string reason;  ///< why it is in this state; empty for a healthy enabled module
    std::string description;
    std::string manifest_path;
    std::string library_path;
    std::vector<std::string> events;
    nlohmann::json config;  ///< effective configuration (defaults + stored)
    int consecutive_failures = 0;
    std::string last_error;
};

nlohmann::json to_json(const ModuleStatus& status);
ModuleStatus status_from_json(const nlohmann::json& json);

}  // namespace iro::modules
