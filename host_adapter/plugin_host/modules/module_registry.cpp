#include "modules/module_registry.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <variant>

#include "clock/timestamps.hpp"
#include "loader/descriptor_check.hpp"
#include "loader/elf_preflight.hpp"
#include "loader/file_checks.hpp"
#include "schema/json_schema.hpp"

namespace iro::modules {

namespace {
constexpr iro_toolchain_fingerprint kHostToolchain = IRO_THIS_TOOLCHAIN_FINGERPRINT;
constexpr std::size_t kCreateErrorSize = 1024;
constexpr std::string_view kHostActor = "iro-host";
}  // namespace

struct ModuleRegistry::Entry {
    std::optional<loader::Manifest> manifest;  // absent when the manifest could not be used
    std::string id;
    std::filesystem::path manifest_path;
    ModuleState state = ModuleState::disabled;
    std::string reason;
    const iro_plugin_descriptor* descriptor = nullptr;
    std::unique_ptr<services::ModuleServices> services;
    plugin::Plugin* instance = nullptr;  // owned; released through descriptor->destroy
    nlohmann::json config;
    int consecutive_failures = 0;
    std::string last_error;
};

ModuleRegistry::ModuleRegistry(services::SharedServices shared, loader::LibraryKeeper& libraries,
                               RegistryOptions options)
    : shared_(std::move(shared)),
      libraries_(libraries),
      options_(std::move(options)),
      settings_(shared_.db),
      markers_(options_.start_markers) {
    shared_.module_enabled = [this](std::string_view id) {
        const Entry* entry = find(id);
        return entry != nullptr && entry->state == ModuleState::enabled;
    };
}

ModuleRegistry::~ModuleRegistry() {
    stop_all();
}

void ModuleRegistry::load_from(const std::filesystem::path& plugin_dir) {
    const auto manifests = loader::manifest_files(plugin_dir);
    for (const auto& path : manifests) {
        auto entry = std::make_unique<Entry>();
        entry->manifest_path = path;
        entry->id = loader::declared_id(path).value_or(path.stem().string());
        try {
            entry->manifest = loader::read_manifest(path);
            entry->id = entry->manifest->id;
        } catch (const std::exception& e) {
            set_state(*entry, ModuleState::failed_to_load, e.what());
            entries_.push_back(std::move(entry));
            continue;
        }
        if (const Entry* other = find(entry->id); other != nullptr) {
            set_state(*entry, ModuleState::failed_to_load,
                      "module id '" + entry->id + "' is already declared by " +
                          other->manifest_path.string());
            entry->manifest.reset();
            entries_.push_back(std::move(entry));
            continue;
        }
        Entry& added = *entries_.emplace_back(std::move(entry));
        converge(added);
    }
}

ModuleRegistry::Entry* ModuleRegistry::find(std::string_view id) const {
    for (const auto& entry : entries_) {
        if (entry->id == id && entry->manifest) {
            return entry.get();
        }
    }
    return nullptr;
}

void ModuleRegistry::set_state(Entry& entry, ModuleState state, std::string reason) {
    const bool changed = entry.state != state || entry.reason != reason;
    entry.state = state;
    entry.reason = std::move(reason);
    {
        const std::lock_guard lock(published_mutex_);
        published_[entry.id] = {state, entry.reason};
    }
    if (!changed) {
        return;
    }
    if (state == ModuleState::enabled || state == ModuleState::disabled) {
        spdlog::info("event=module_state module={} state={} reason=\"{}\"", entry.id,
                     to_string(state), entry.reason);
    } else {
        spdlog::warn("event=module_state module={} state={} reason=\"{}\"", entry.id,
                     to_string(state), entry.reason);
    }
}

void ModuleRegistry::converge(Entry& entry) {
    if (!entry.manifest) {
        return;  // nothing to converge on: the manifest itself is unusable
    }
    const loader::Manifest& manifest = *entry.manifest;
    if (const auto when = markers_.crashed_start(entry.id)) {
        // A process ended while loading or starting it: do not start it into the same end again.
        settings_.mark_errored(
            entry.id,
            "crashed while starting: the process loading it ended at " + *when +
                " before its start() returned",
            {std::string(kHostActor), clock::utc_timestamp(shared_.clock.now())});
    }
    const auto settings = settings_.get(entry.id);

    if (settings && settings->errored_reason) {
        teardown(entry);
        set_state(entry, ModuleState::errored,
                  *settings->errored_reason + " (since " + settings->errored_at.value_or("?") +
                      "; enable the module to retry)");
        return;
    }
    const bool wanted =
        settings && settings->enabled ? *settings->enabled : manifest.enabled_by_default;
    if (!wanted) {
        teardown(entry);
        set_state(entry, ModuleState::disabled,
                  settings && settings->enabled
                      ? "disabled by " + settings->updated_by + " at " + settings->updated_at
                      : std::string("disabled by default (manifest)"));
        return;
    }

    const nlohmann::json config = loader::effective_config(
        manifest, settings && settings->config ? &*settings->config : nullptr);
    if (entry.instance != nullptr && entry.config == config) {
        return;  // already running with this configuration
    }
    teardown(entry);
    entry.consecutive_failures = 0;
    entry.last_error.clear();
    open_and_create(entry, config);
}

// The module's library opened and its descriptor checked, or why it cannot be: every check
// before any of the library's code runs, then dlopen (through the library keeper) and the
// descriptor. Changes no state.
std::variant<const iro_plugin_descriptor*, ModuleRegistry::Refusal> ModuleRegistry::open_library(
    const loader::Manifest& manifest, const nlohmann::json& config) {
    if (auto rejection = loader::check_manifest_api(manifest)) {
        return Refusal{ModuleState::incompatible, rejection->reason};
    }
    const auto config_violations =
        schema::JsonSchema::compile(manifest.config_schema).validate(config);
    if (!config_violations.empty()) {
        return Refusal{ModuleState::failed_to_load,
                       "stored configuration does not satisfy the module's schema: " +
                           schema::describe(config_violations)};
    }
    if (auto problem = loader::unsafe_plugin_file(manifest.library_path)) {
        return Refusal{ModuleState::failed_to_load, "refused: " + *problem};
    }

    // Pre-flight: look for the entry point in the file before letting the dynamic linker run any
    // of the library's code (static initialisers run at dlopen).
    std::vector<std::string> symbols;
    try {
        symbols = loader::exported_symbols(manifest.library_path);
    } catch (const loader::NotLoadable& e) {
        return Refusal{ModuleState::failed_to_load, e.what()};
    }
    if (std::find(symbols.begin(), symbols.end(), IRO_PLUGIN_ENTRY_POINT) == symbols.end()) {
        const auto other_major = std::find_if(
            symbols.begin(), symbols.end(),
            [](const std::string& s) { return s.rfind(IRO_PLUGIN_ENTRY_POINT_PREFIX, 0) == 0; });
        if (other_major != symbols.end()) {
            return Refusal{ModuleState::incompatible,
                           manifest.library_path.filename().string() + " exports " + *other_major +
                               ", an entry point of another plugin API major; this host "
                               "provides API " +
                               std::to_string(plugin::kApiMajor) + ".x"};
        }
        return Refusal{ModuleState::failed_to_load,
                       "not an IRO plugin: " + manifest.library_path.filename().string() +
                           " does not export the entry point " IRO_PLUGIN_ENTRY_POINT};
    }

    const iro_plugin_descriptor* descriptor = nullptr;
    try {
        descriptor = &libraries_.open(manifest.library_path);
    } catch (const loader::OpenFailure& e) {
        return Refusal{
            ModuleState::failed_to_load,
            "cannot load " + manifest.library_path.filename().string() + ": " + e.what()};
    }
    if (auto rejection = loader::check_descriptor(*descriptor, manifest, kHostToolchain)) {
        return Refusal{
            rejection->incompatible ? ModuleState::incompatible : ModuleState::failed_to_load,
            rejection->reason};
    }
    return descriptor;
}

void ModuleRegistry::open_and_create(Entry& entry, const nlohmann::json& config) {
    const loader::Manifest& manifest = *entry.manifest;
    entry.config = config;
    // From before the library's static initialisers run until start() returns.
    std::optional<StartMarkers::Guard> starting;
    try {
        starting.emplace(markers_.starting(entry.id, clock::utc_timestamp(shared_.clock.now())));
    } catch (const std::exception& e) {
        set_state(entry, ModuleState::failed_to_load, e.what());
        return;
    }
    const auto opened = open_library(manifest, config);
    if (const auto* refusal = std::get_if<Refusal>(&opened)) {
        set_state(entry, refusal->state, refusal->reason);
        return;
    }
    const iro_plugin_descriptor* descriptor = std::get<const iro_plugin_descriptor*>(opened);

    entry.descriptor = descriptor;
    entry.services = std::make_unique<services::ModuleServices>(shared_, manifest, config);
    std::array<char, kCreateErrorSize> error{};
    entry.instance = descriptor->create(entry.services.get(), error.data(), error.size());
    if (entry.instance == nullptr) {
        entry.services.reset();
        set_state(entry, ModuleState::failed_to_load,
                  std::string("the module's factory failed: ") +
                      (error[0] != '\0' ? error.data() : "no reason given"));
        return;
    }
    // A module of API 1.5 says what its own rules find wrong with its settings before it runs:
    // one that cannot run with them is shown as such, whether or not a host serves.
    if (const auto problems = settings_problems(*entry.instance, config); !problems.empty()) {
        teardown(entry);
        set_state(entry, ModuleState::failed_to_load,
                  "its settings are refused by the module: " + schema::describe(problems) +
                      " (iro-host modules config " + entry.id + " to correct them)");
        return;
    }
    if (!options_.run_modules) {
        teardown(entry);
        set_state(entry, ModuleState::enabled, "");
        return;
    }
    const plugin::HookResult started = entry.instance->start();
    if (!started.ok) {
        teardown(entry);
        set_state(entry, ModuleState::failed_to_load, "start() failed: " + started.error);
        return;
    }
    set_state(entry, ModuleState::enabled, "");
}

void ModuleRegistry::teardown(Entry& entry) noexcept {
    if (entry.instance != nullptr) {
        entry.instance->stop();
        entry.descriptor->destroy(entry.instance);
        entry.instance = nullptr;
    }
    entry.services.reset();
}

std::vector<plugin::SchemaViolation> ModuleRegistry::settings_problems(
    plugin::Plugin& instance, const nlohmann::json& settings) {
    auto* hooks = dynamic_cast<plugin::PluginHooks_1_5*>(&instance);
    if (hooks == nullptr) {
        return {};  // an older module: its schema is all the host knows of its rules
    }
    std::vector<plugin::SchemaViolation> problems;
    const plugin::HookResult checked = hooks->check_settings(settings, problems);
    if (!checked.ok) {
        problems.push_back({"", "the module could not check them: " + checked.error});
    }
    return problems;
}

std::vector<plugin::SchemaViolation> ModuleRegistry::check_settings(
    std::string_view id, const nlohmann::json& settings) {
    Entry* entry = find(id);
    if (entry == nullptr) {
        return {};
    }
    const auto opened = open_library(*entry->manifest, settings);
    if (std::holds_alternative<Refusal>(opened)) {
        return {};  // it cannot load at all; its state says why, and the schema has spoken
    }
    const iro_plugin_descriptor* descriptor = std::get<const iro_plugin_descriptor*>(opened);
    // A separate, unstarted instance with the proposed settings: the running one is untouched.
    services::ModuleServices services(shared_, *entry->manifest, settings);
    std::array<char, kCreateErrorSize> error{};
    plugin::Plugin* instance = descriptor->create(&services, error.data(), error.size());
    if (instance == nullptr) {
        return {{"", std::string("the module's factory refused them: ") +
                         (error[0] != '\0' ? error.data() : "no reason given")}};
    }
    auto problems = settings_problems(*instance, settings);
    descriptor->destroy(instance);
    return problems;
}

std::optional<ModuleStatus> ModuleRegistry::apply_settings(std::string_view id) {
    Entry* entry = find(id);
    if (entry == nullptr) {
        return std::nullopt;
    }
    converge(*entry);
    return status_of(*entry);
}

DispatchReport ModuleRegistry::dispatch(const dispatch::CaseEvent& event) {
    DispatchReport report;
    const plugin::EventKind kind = dispatch::kind_of(event);
    const plugin::EventHeader& header = dispatch::header_of(event);
    for (const auto& holder : entries_) {
        Entry& entry = *holder;
        if (entry.instance == nullptr || !entry.manifest->subscribes_to(kind)) {
            continue;
        }
        // What a hook writes is kept together or not at all: a failed hook leaves nothing behind.
        const plugin::HookResult result = [&] {
            store::Savepoint unit(shared_.db);
            plugin::HookResult r = dispatch::call_hook(*entry.instance, event);
            if (auto failed = entry.services->take_failed_write(); failed && r.ok) {
                r = {false, "a host write failed and the module carried on: " + *failed};
            }
            if (auto failed = entry.services->end_unit(r.ok); failed && r.ok) {
                r = {false, "the host could not finish the module's writes: " + *failed};
            }
            if (r.ok) {
                unit.commit();
            }
            return r;
        }();
        if (result.ok) {
            entry.consecutive_failures = 0;
            ++report.delivered;
            continue;
        }
        ++entry.consecutive_failures;
        entry.last_error = std::string(plugin::to_string(kind)) + " " + header.event_id + ": " +
                           (result.error.empty() ? "unknown error" : result.error);
        report.failures.emplace_back(entry.id, entry.last_error);
        spdlog::warn("event=hook_failed module={} event_kind={} event_id={} consecutive={}",
                     entry.id, plugin::to_string(kind), header.event_id,
                     entry.consecutive_failures);
        if (entry.consecutive_failures >= options_.error_threshold) {
            const std::string reason = "failed on " + std::to_string(entry.consecutive_failures) +
                                       " consecutive events; last error: " + entry.last_error;
            teardown(entry);
            settings_.mark_errored(
                entry.id, reason,
                {std::string(kHostActor), clock::utc_timestamp(shared_.clock.now())});
            report.newly_errored.push_back(entry.id);
            converge(entry);
        }
    }
    return report;
}

RequestResult ModuleRegistry::handle_request(const plugin::Request& request) {
    using plugin::RequestStatus;
    Entry* handler = nullptr;
    for (const auto& holder : entries_) {
        if (holder->manifest && holder->manifest->requests.count(request.name) != 0) {
            handler = holder.get();
            break;
        }
    }
    if (handler == nullptr) {
        return {{},
                {RequestStatus::not_found, "no installed module handles '" + request.name + "'",
                 nlohmann::json::object()}};
    }
    auto* hooks = dynamic_cast<plugin::PluginHooks_1_1*>(handler->instance);
    if (hooks == nullptr) {
        const std::string why =
            handler->instance == nullptr
                ? "module " + handler->id + " is " + std::string(to_string(handler->state)) +
                      (handler->reason.empty() ? "" : " (" + handler->reason + ")")
                : "module " + handler->id + " is not a plugin of API 1.1";
        return {handler->id, {RequestStatus::failed, why, nlohmann::json::object()}};
    }
    // A savepoint: inside the HTTP service's unit when the request carries an Idempotency-Key.
    store::Savepoint tx(shared_.db);
    handler->services->set_actor(request.actor);
    plugin::RequestOutcome outcome = hooks->handle_request(request);
    handler->services->set_actor(std::nullopt);
    if (auto failed = handler->services->take_failed_write();
        failed && outcome.status == RequestStatus::ok) {
        outcome = {RequestStatus::failed,
                   "a host write failed and the module carried on: " + *failed,
                   nlohmann::json::object()};
    }
    if (auto failed = handler->services->end_unit(outcome.status == RequestStatus::ok);
        failed && outcome.status == RequestStatus::ok) {
        outcome = {RequestStatus::failed,
                   "the host could not finish the module's writes: " + *failed,
                   nlohmann::json::object()};
    }
    if (outcome.status == RequestStatus::ok) {
        tx.commit();
    } else if (outcome.status == RequestStatus::failed) {
        spdlog::warn("event=request_failed module={} request={} error=\"{}\"", handler->id,
                     request.name, outcome.message);
    }
    return {handler->id, std::move(outcome)};
}

void ModuleRegistry::stop_all() noexcept {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        teardown(**it);
    }
}

ModuleStatus ModuleRegistry::status_of(const Entry& e) const {
    ModuleStatus s;
    s.id = e.id;
    s.state = e.state;
    s.reason = e.reason;
    s.manifest_path = e.manifest_path.string();
    s.consecutive_failures = e.consecutive_failures;
    s.last_error = e.last_error;
    if (e.manifest) {
        s.version = e.manifest->version;
        s.description = e.manifest->description;
        s.library_path = e.manifest->library_path.string();
        for (const plugin::EventKind kind : e.manifest->events) {
            s.events.emplace_back(plugin::to_string(kind));
        }
        const auto settings = settings_.get(e.id);
        s.config = loader::effective_config(
            *e.manifest, settings && settings->config ? &*settings->config : nullptr);
    }
    return s;
}

std::vector<ModuleStatus> ModuleRegistry::statuses() const {
    std::vector<ModuleStatus> result;
    result.reserve(entries_.size());
    for (const auto& entry : entries_) {
        result.push_back(status_of(*entry));
    }
    return result;
}

std::optional<std::pair<ModuleState, std::string>> ModuleRegistry::state_of(
    std::string_view id) const {
    const std::lock_guard lock(published_mutex_);
    if (const auto it = published_.find(id); it != published_.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::optional<ModuleStatus> ModuleRegistry::status(std::string_view id) const {
    for (const auto& entry : entries_) {
        if (entry->id == id) {
            return status_of(*entry);
        }
    }
    return std::nullopt;
}

}  // namespace iro::modules
