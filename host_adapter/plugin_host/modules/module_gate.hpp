#pragma once
// What the faces offer of each module only while it runs: a disabled module's commands, routes
// and panel parts say it is disabled instead of reading or writing its records.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "modules/module_registry.hpp"

namespace iro::modules {

/// The manifest ids of the modules whose features the faces offer.
inline constexpr std::string_view kOversightNotes = "oversight-notes";
inline constexpr std::string_view kMidpointPrompts = "midpoint-prompts";
inline constexpr std::string_view kQualityAlerts = "quality-alerts";
inline constexpr std::string_view kQaf = "qaf";

/// Whether module `id` is enabled (and, in a host that runs modules, running).
bool module_enabled(const ModuleRegistry& registry, std::string_view id);

/// A module's state and the reason for it; nullopt for a module not installed.
using ModuleStateAndReason = std::optional<std::pair<ModuleState, std::string>>;

/// Throws iro::Error (not_found) naming the module, its state and why, and how an administrator
/// enables it, unless module `id`, in `state`, is enabled.
void require_module_enabled(std::string_view id, const ModuleStateAndReason& state);

/// The same for module `id` as `registry` has it.
void require_module_enabled(const ModuleRegistry& registry, std::string_view id);

}  // namespace iro::modules
