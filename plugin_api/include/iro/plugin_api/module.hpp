#pragma once
// What a module author writes against: derive from Module, override the hooks you subscribed to in
// the manifest, and put IRO_DEFINE_PLUGIN(YourModule) in one source file. Hooks may throw; the
// generated adapter catches inside the plugin and reports a typed failure to the host.

#include <cstring>
#include <exception>
#include <utility>

#include "iro/plugin_api/plugin.hpp"

namespace iro::plugin {

/// Base class of a module. Construction receives the host services and must be cheap and free of
/// side effects; real work begins in start().
class Module {
  public:
    explicit Module(HostServices& host) : host_(&host) {}
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;
    Module(Module&&) = delete;
    Module& operator=(Module&&) = delete;
    virtual ~Module() = default;

    virtual void start() {}
    virtual void stop() noexcept {}

    virtual void on_entered_care(const EnteredCare& /*event*/) {}
    virtual void on_episode_changed(const EpisodeChanged& /*event*/) {}
    virtual void on_legal_status_changed(const LegalStatusChanged& /*event*/) {}
    virtual void on_placement_changed(const PlacementChanged& /*event*/) {}
    virtual void on_review_held(const ReviewHeld& /*event*/) {}
    virtual void on_allocation_changed(const AllocationChanged& /*event*/) {}
    virtual void on_significant_change(const SignificantChange& /*event*/) {}
    virtual void on_left_care(const LeftCare& /*event*/) {}
    virtual void on_daily_tick(const DailyTick& /*event*/) {}
    virtual void on_note_recorded(const NoteRecorded& /*event*/) {}
    virtual void on_questionnaire_completed(const QuestionnaireCompleted& /*event*/) {}
    virtual void on_record_removed(const RecordRemoved& /*event*/) {}
    virtual void on_review_record_distributed(const ReviewRecordDistributed& /*event*/) {}
    virtual void on_review_date_changed(const ReviewDateChanged& /*event*/) {}

    /// What is wrong with `settings` beyond the manifest's schema (API 1.5): each problem with
    /// the JSON pointer of its field. Runs on an instance that was not started; it may read the
    /// host's records and questionnaire definitions, and must not write. Empty: acceptable.
    virtual std::vector<SchemaViolation> check_settings(const nlohmann::json& /*settings*/) const {
        return {};
    }

    /// Handles a request the manifest lists under "requests" and returns its reply. Throw
    /// RequestRefused to refuse it with a status; any other exception counts as `failed`.
    virtual nlohmann::json handle_request(const Request& request) {
        throw RequestRefused(RequestStatus::not_found,
                             "this module does not handle the request '" + request.name + "'");
    }

  protected:
    HostServices& host() const { return *host_; }

  private:
    HostServices* host_;
};

namespace detail {

/// Runs `call` and turns any exception into a failed HookResult, inside the plugin.
template <class Call>
HookResult guarded(Call&& call) noexcept {
    try {
        std::forward<Call>(call)();
        return HookResult::success();
    } catch (const std::exception& error) {
        try {
            return HookResult::failure(error.what());
        } catch (...) {
            return HookResult{false, {}};
        }
    } catch (...) {
        try {
            return HookResult::failure("exception of a type not derived from std::exception");
        } catch (...) {
            return HookResult{false, {}};
        }
    }
}

/// Runs a request handler and turns what it throws into a RequestOutcome, inside the plugin.
template <class Call>
RequestOutcome guarded_request(Call&& call) noexcept {
    try {
        try {
            return RequestOutcome{RequestStatus::ok, {}, std::forward<Call>(call)()};
        } catch (const RequestRefused& refused) {
            return RequestOutcome{refused.status(), refused.what(), nlohmann::json::object()};
        } catch (const std::exception& error) {
            return RequestOutcome{RequestStatus::failed, error.what(), nlohmann::json::object()};
        } catch (...) {
            return RequestOutcome{RequestStatus::failed,
                                  "exception of a type not derived from std::exception",
                                  nlohmann::json::object()};
        }
    } catch (...) {
        // Building the outcome itself failed (out of memory).
        return RequestOutcome{RequestStatus::failed, {}, nullptr};
    }
}

/// The boundary object for a module type: every call guarded.
template <class M>
class ModuleAdapter final : public PluginHooks_1_6 {
  public:
    explicit ModuleAdapter(HostServices& host) : module_(host) {}

    HookResult start() noexcept override {
        return guarded([&] { module_.start(); });
    }
    void stop() noexcept override { module_.stop(); }

    HookResult on_entered_care(const EnteredCare& e) noexcept override {
        return guarded([&] { module_.on_entered_care(e); });
    }
    HookResult on_episode_changed(const EpisodeChanged& e) noexcept override {
        return guarded([&] { module_.on_episode_changed(e); });
    }
    HookResult on_legal_status_changed(const LegalStatusChanged& e) noexcept override {
        return guarded([&] { module_.on_legal_status_changed(e); });
    }
    HookResult on_placement_changed(const PlacementChanged& e) noexcept override {
        return guarded([&] { module_.on_placement_changed(e); });
    }
    HookResult on_review_held(const ReviewHeld& e) noexcept override {
        return guarded([&] { module_.on_review_held(e); });
    }
    HookResult on_allocation_changed(const AllocationChanged& e) noexcept override {
        return guarded([&] { module_.on_allocation_changed(e); });
    }
    HookResult on_significant_change(const SignificantChange& e) noexcept override {
        return guarded([&] { module_.on_significant_change(e); });
    }
    HookResult on_left_care(const LeftCare& e) noexcept override {
        return guarded([&] { module_.on_left_care(e); });
    }
    HookResult on_daily_tick(const DailyTick& e) noexcept override {
        return guarded([&] { module_.on_daily_tick(e); });
    }
    HookResult on_note_recorded(const NoteRecorded& e) noexcept override {
        return guarded([&] { module_.on_note_recorded(e); });
    }
    HookResult on_questionnaire_completed(const QuestionnaireCompleted& e) noexcept override {
        return guarded([&] { module_.on_questionnaire_completed(e); });
    }
    HookResult on_record_removed(const RecordRemoved& e) noexcept override {
        return guarded([&] { module_.on_record_removed(e); });
    }
    HookResult on_review_record_distributed(const ReviewRecordDistributed& e) noexcept override {
        return guarded([&] { module_.on_review_record_distributed(e); });
    }
    HookResult on_review_date_changed(const ReviewDateChanged& e) noexcept override {
        return guarded([&] { module_.on_review_date_changed(e); });
    }
    HookResult check_settings(const nlohmann::json& settings,
                              std::vector<SchemaViolation>& problems) noexcept override {
        return guarded([&] {
            auto found = module_.check_settings(settings);
            problems.insert(problems.end(), found.begin(), found.end());
        });
    }
    RequestOutcome handle_request(const Request& request) noexcept override {
        return guarded_request([&] { return module_.handle_request(request); });
    }

  private:
    M module_;
};

inline void copy_error(const char* message, char* buffer, std::size_t size) noexcept {
    if (buffer == nullptr || size == 0) {
        return;
    }
    std::strncpy(buffer, message, size - 1);
    buffer[size - 1] = '\0';
}

template <class M>
Plugin* create(HostServices* host, char* error, std::size_t error_size) noexcept {
    try {
        return new ModuleAdapter<M>(*host);
    } catch (const std::exception& e) {
        copy_error(e.what(), error, error_size);
    } catch (...) {
        copy_error("exception of a type not derived from std::exception", error, error_size);
    }
    return nullptr;
}

template <class M>
void destroy(Plugin* instance) noexcept {
    delete instance;
}

/// The descriptor for module type M, built at compile time in the plugin.
template <class M>
constexpr iro_plugin_descriptor make_descriptor(const char* id, const char* version) {
    return iro_plugin_descriptor{
        static_cast<std::uint32_t>(sizeof(iro_plugin_descriptor)),
        kApiMajor,
        kApiMinor,
        id,
        version,
        IRO_THIS_TOOLCHAIN_FINGERPRINT,
        &create<M>,
        &destroy<M>,
    };
}

}  // namespace detail
}  // namespace iro::plugin

/// Defines the plugin's entry point for module class ModuleType. IRO_PLUGIN_ID and
/// IRO_PLUGIN_VERSION come from the manifest (iro_add_plugin sets them).
#define IRO_DEFINE_PLUGIN(ModuleType)                                                              \
    extern "C" IRO_API_VISIBLE const iro_plugin_descriptor* iro_plugin_descriptor_v1() noexcept {  \
        static constexpr iro_plugin_descriptor kDescriptor =                                       \
            ::iro::plugin::detail::make_descriptor<ModuleType>(IRO_PLUGIN_ID, IRO_PLUGIN_VERSION); \
        return &kDescriptor;                                                                       \
    }
