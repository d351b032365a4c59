#pragma once
// The binary boundary between the host and a plugin library.
//
// Loading order (host side): manifest validated -> file checks -> ELF pre-flight -> dlopen ->
// iro_plugin_descriptor_v1() -> descriptor checked (size, API version, toolchain, id) ->
// create(host services) -> start(). Until the descriptor has been checked, no C++ object crosses.
//
// Compatibility policy: API 1.x keeps this class and the descriptor exactly as they are. Hooks
// added in 1.1 go in `class PluginHooks_1_1 : public Plugin`, those of 1.2 in PluginHooks_1_2
// derived from it; the host finds them with dynamic_cast, so an older plugin keeps working
// unchanged in a newer host.
//
// No exception crosses this boundary: every virtual is noexcept and reports failure as a
// HookResult. Module authors do not implement Plugin directly; they derive from iro::plugin::Module
// and use IRO_DEFINE_PLUGIN (module.hpp), which adds the guards.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "iro/plugin_api/api_version.hpp"
#include "iro/plugin_api/events.hpp"
#include "iro/plugin_api/export.hpp"
#include "iro/plugin_api/requests.hpp"
#include "iro/plugin_api/services.hpp"
#include "iro/plugin_api/toolchain_fingerprint.hpp"

namespace iro::plugin {

/// Outcome of a lifecycle call or hook: a typed error instead of an exception.
struct HookResult {
    bool ok = true;
    std::string error;  ///< why it failed; empty when ok

    static HookResult success() { return {}; }
    static HookResult failure(std::string message) { return {false, std::move(message)}; }
};

/// A live plugin instance as the host sees it (API 1.0).
class IRO_API_VISIBLE Plugin {
  public:
    Plugin() = default;
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;
    Plugin(Plugin&&) = delete;
    Plugin& operator=(Plugin&&) = delete;
    virtual ~Plugin();

    /// Called once after creation, before any hook.
    virtual HookResult start() noexcept = 0;
    /// Called once before destruction; must not fail.
    virtual void stop() noexcept = 0;

    virtual HookResult on_entered_care(const EnteredCare& event) noexcept = 0;
    virtual HookResult on_episode_changed(const EpisodeChanged& event) noexcept = 0;
    virtual HookResult on_legal_status_changed(const LegalStatusChanged& event) noexcept = 0;
    virtual HookResult on_placement_changed(const PlacementChanged& event) noexcept = 0;
    virtual HookResult on_review_held(const ReviewHeld& event) noexcept = 0;
    virtual HookResult on_allocation_changed(const AllocationChanged& event) noexcept = 0;
    virtual HookResult on_significant_change(const SignificantChange& event) noexcept = 0;
    virtual HookResult on_left_care(const LeftCare& event) noexcept = 0;
    virtual HookResult on_daily_tick(const DailyTick& event) noexcept = 0;
};

/// The hooks API 1.1 added: requests from people, and the note_recorded event. The host reaches
/// them with dynamic_cast, so a 1.0 plugin (which is not a PluginHooks_1_1) keeps working.
class IRO_API_VISIBLE PluginHooks_1_1 : public Plugin {
  public:
    ~PluginHooks_1_1() override;

    /// Handles a request named in the manifest's "requests". Runs inside one store transaction,
    /// committed only when the outcome is ok.
    virtual RequestOutcome handle_request(const Request& request) noexcept = 0;
    virtual HookResult on_note_recorded(const NoteRecorded& event) noexcept = 0;
};

/// The hooks API 1.2 added: the questionnaire_completed event. Found with dynamic_cast, like 1.1.
class IRO_API_VISIBLE PluginHooks_1_2 : public PluginHooks_1_1 {
  public:
    ~PluginHooks_1_2() override;

    virtual HookResult on_questionnaire_completed(const QuestionnaireCompleted& event) noexcept = 0;
};

/// The hooks API 1.5 added: the record_removed event, and the module's own check of settings
/// before an administrator's change is saved. Found with dynamic_cast, like 1.1.
class IRO_API_VISIBLE PluginHooks_1_5 : public PluginHooks_1_2 {
  public:
    ~PluginHooks_1_5() override;
    virtual HookResult on_record_removed(const RecordRemoved& event) noexcept = 0;
    /// Checks `settings` (valid against the manifest's config_schema, defaults filled in) for
    /// what the schema cannot say, appending each problem with the JSON pointer of its field. The
    /// host calls it on an instance that has not been started, in the process that saves the
    /// change (and before start(), so a module that could not run with its settings says why).
    /// A failed result means the check itself could not run.
    virtual HookResult check_settings(const nlohmann::json& settings,
                                      std::vector<SchemaViolation>& problems) noexcept = 0;
};

}  // namespace iro::plugin

extern "C" {

/// Creates the instance, or returns nullptr and writes why into `error` (NUL-terminated).
using iro_plugin_create_fn = iro::plugin::Plugin* (*)(iro::plugin::HostServices* host, char* error,
                                                      std::size_t error_size) noexcept;
/// Destroys an instance made by the same library's create.
using iro_plugin_destroy_fn = void (*)(iro::plugin::Plugin* instance) noexcept;

/// What a plugin library says about itself, returned by its entry point. Plain data: the host can
/// read it whatever the plugin was built with. Fields are only ever appended.
struct iro_plugin_descriptor {
    std::uint32_t struct_size;  ///< sizeof(iro_plugin_descriptor) as the plugin saw it
    std::uint16_t api_major;
    std::uint16_t api_minor;
    const char* plugin_id;
    const char* plugin_version;
    iro_toolchain_fingerprint toolchain;
    iro_plugin_create_fn create;
    iro_plugin_destroy_fn destroy;
};

/// Signature of the entry point.
using iro_plugin_entry_fn = const iro_plugin_descriptor* (*)() noexcept;
}

/// Name of the entry point every API 1.x plugin exports with C linkage. The major version is part
/// of the name, so a plugin for another major is recognised before it is opened.
#define IRO_PLUGIN_ENTRY_POINT "iro_plugin_descriptor_v1"
/// Prefix shared by the entry points of every API major.
#define IRO_PLUGIN_ENTRY_POINT_PREFIX "iro_plugin_descriptor_v"
