#include "modules/module_status.hpp"

#include <array>

namespace iro::modules {

namespace {
constexpr std::array<std::pair<ModuleState, std::string_view>, 5> kNames{{
    {ModuleState::enabled, "enabled"},
    {ModuleState::disabled, "disabled"},
    {ModuleState::incompatible, "incompatible"},
    {ModuleState::failed_to_load, "failed_to_load"},
    {ModuleState::errored, "errored"},
}};
}  // namespace

std::string_view to_string(ModuleState state) {
    for (const auto& [s, name] : kNames) {
        if (s == state) {
            return name;
        }
    }
    return "unknown";
}

std::optional<ModuleState> module_state_from_string(std::string_view text) {
    for (const auto& [s, name] : kNames) {
        if (name == text) {
            return s;
        }
    }
    return std::nullopt;
}

nlohmann::json to_json(const ModuleStatus& s) {
    return {
        {"id", s.id},
        {"version", s.version},
        {"state", to_string(s.state)},
        {"reason", s.reason},
        {"description", s.description},
        {"manifest", s.manifest_path},
        {"library", s.library_path},
        {"events", s.events},
        {"config", s.config},
        {"consecutive_failures", s.consecutive_failures},
        {"last_error", s.last_error},
    };
}

ModuleStatus status_from_json(const nlohmann::json& j) {
    ModuleStatus s;
    s.id = j.at("id").get<std::string>();
    s.version = j.at("version").get<std::string>();
    s.state =
        module_state_from_string(j.at("state").get<std::string>()).value_or(ModuleState::disabled);
    s.reason = j.at("reason").get<std::string>();
    s.description = j.at("description").get<std::string>();
    s.manifest_path = j.at("manifest").get<std::string>();
    s.library_path = j.at("library").get<std::string>();
    s.events = j.at("events").get<std::vector<std::string>>();
    s.config = j.at("config");
    s.consecutive_failures = j.at("consecutive_failures").get<int>();
    s.last_error = j.at("last_error").get<std::string>();
    return s;
}

}  // namespace iro::modules
