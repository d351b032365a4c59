#pragma once
// The module registry: every module found in the plugin directory, its state, and the live
// instance of each enabled one. It is the only owner of plugin instances and keeps one invariant:
// a module has a live instance exactly when its state is `enabled` (and the registry runs
// modules). Calls take turns: it reads and writes through the store's writing connection, so in a
// serving host every call holds that connection's turn (store/serial_writer.hpp).

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "events/case_event.hpp"
#include "loader/library_keeper.hpp"
#include "loader/manifest.hpp"
#include "module_store/module_settings_store.hpp"
#include "modules/module_status.hpp"
#include "modules/start_markers.hpp"
#include "services/module_services.hpp"

namespace iro::modules {

struct RegistryOptions {
    /// A module whose hooks fail on this many consecutive events becomes `errored`.
    int error_threshold = 3;
    /// False for one-off CLI commands: modules are created (which proves they load) and then
    /// destroyed without being started.
    bool run_modules = true;
    /// Where a module being loaded and started is marked (modules/start_markers.hpp); empty for
    /// none. The host uses its data directory's module-starts/.
    std::filesystem::path start_markers;
};

/// Outcome of one dispatch.
struct DispatchReport {
    int delivered = 0;                                          ///< hooks that succeeded
    std::vector<std::pair<std::string, std::string>> failures;  ///< module id, error
    std::vector<std::string> newly_errored;                     ///< modules this event tipped over
};

/// Outcome of a request: which module answered (empty when none could) and how.
struct RequestResult {
    std::string module_id;
    plugin::RequestOutcome outcome;
};

class ModuleRegistry {
  public:
    ModuleRegistry(services::SharedServices shared, loader::LibraryKeeper& libraries,
                   RegistryOptions options);
    ModuleRegistry(const ModuleRegistry&) = delete;
    ModuleRegistry& operator=(const ModuleRegistry&) = delete;
    /// Stops every running module, in reverse load order.
    ~ModuleRegistry();

    /// Reads every *.json manifest in `plugin_dir` (sorted by name) and brings each module to the
    /// state its settings ask for. A broken module never stops the others.
    void load_from(const std::filesystem::path& plugin_dir);

    std::vector<ModuleStatus> statuses() const;
    std::optional<ModuleStatus> status(std::string_view id) const;
    /// A module's state and the reason for it, safe to ask from any thread (the HTTP service's
    /// readers ask while its writer changes states); nullopt for a module not installed.
    std::optional<std::pair<ModuleState, std::string>> state_of(std::string_view id) const;
    /// Re-reads the module's stored settings and converges on them: starts, stops or restarts
    /// with new configuration. Returns the resulting status; nullopt for an unknown id.
    std::optional<ModuleStatus> apply_settings(std::string_view id);

    /// Delivers `event` to every enabled module subscribed to its kind, in load order.
    DispatchReport dispatch(const dispatch::CaseEvent& event);

    /// Hands a person's request to the enabled module whose manifest lists it, inside one store
    /// transaction that is committed only when the module answers ok: whatever the module
    /// records (notes, outbox items, case events) is kept together or not at all. The module
    /// sees `request.actor` as the author of what it records.
    RequestResult handle_request(const plugin::Request& request);

    /// Stops every running module, in reverse load order. Idempotent.
    void stop_all() noexcept;

    /// What module `id`'s own rules find wrong with `settings` (valid against its schema,
    /// defaults filled in), from an unstarted instance made for the purpose. Empty when the
    /// module is of an API before 1.5 (schema-only checks) or cannot be loaded at all.
    std::vector<plugin::SchemaViolation> check_settings(std::string_view id,
                                                        const nlohmann::json& settings);

  private:
    struct Entry;
    /// Why a module's library cannot be used.
    struct Refusal {
        ModuleState state;
        std::string reason;
    };
    std::variant<const iro_plugin_descriptor*, Refusal> open_library(
        const loader::Manifest& manifest, const nlohmann::json& config);
    static std::vector<plugin::SchemaViolation> settings_problems(plugin::Plugin& instance,
                                                                  const nlohmann::json& settings);
    Entry* find(std::string_view id) const;
    void converge(Entry& entry);
    void open_and_create(Entry& entry, const nlohmann::json& config);
    void teardown(Entry& entry) noexcept;
    void set_state(Entry& entry, ModuleState state, std::string reason);
    ModuleStatus status_of(const Entry& entry) const;

    services::SharedServices shared_;
    loader::LibraryKeeper& libraries_;
    RegistryOptions options_;
    store::ModuleSettingsStore settings_;
    StartMarkers markers_;
    std::vector<std::unique_ptr<Entry>> entries_;
    /// Each module's state as set_state last set it, for state_of.
    mutable std::mutex published_mutex_;
    std::map<std::string, std::pair<ModuleState, std::string>, std::less<>> published_;
};

}  // namespace iro::modules
