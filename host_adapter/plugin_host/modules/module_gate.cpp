#include "modules/module_gate.hpp"

#include <fmt/format.h>

#include "common/error.hpp"

namespace iro::modules {

bool module_enabled(const ModuleRegistry& registry, std::string_view id) {
    const auto state = registry.state_of(id);
    return state && state->first == ModuleState::enabled;
}

void require_module_enabled(const ModuleRegistry& registry, std::string_view id) {
    require_module_enabled(id, registry.state_of(id));
}

void require_module_enabled(std::string_view id, const ModuleStateAndReason& state) {
    if (!state) {
        throw Error(
            ErrorKind::not_found,
            fmt::format("the {} module is not installed in this host's plugin directory", id));
    }
    if (state->first == ModuleState::enabled) {
        return;
    }
    throw Error(ErrorKind::not_found,
                fmt::format("the {} module is {}{}: an administrator enables it with `iro-host "
                            "modules enable {}`",
                            id, to_string(state->first),
                            state->second.empty() ? "" : " (" + state->second + ")", id));
}

}  // namespace iro::modules
