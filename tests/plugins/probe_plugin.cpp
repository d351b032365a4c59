// One test plugin, built in many variants by tests/plugins/CMakeLists.txt. Each PROBE_* macro
// breaks the plugin in one specific way the host must survive.

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "iro/plugin_api/module.hpp"

#ifdef PROBE_UNRESOLVED_SYMBOL
// Declared, never defined anywhere: RTLD_NOW must refuse the library at load time.
extern "C" void iro_probe_symbol_nobody_defines();
#endif

namespace {

using namespace iro::plugin;

class ProbeModule final : public Module {
  public:
    explicit ProbeModule(HostServices& host) : Module(host) {
#ifdef PROBE_FACTORY_THROWS
        throw std::runtime_error("probe factory refuses to construct: licence server unreachable");
#endif
    }

    void start() override {
#ifdef PROBE_START_CRASHES
        std::abort();  // takes the whole process with it, as a segfault would
#endif
#ifdef PROBE_UNRESOLVED_SYMBOL
        iro_probe_symbol_nobody_defines();
#endif
        host().storage().put("started", host().config().value("greeting", std::string()));
    }

    // Its own rule beyond the schema (API 1.5): one greeting it will not start with.
    std::vector<SchemaViolation> check_settings(const nlohmann::json& settings) const override {
        if (settings.value("greeting", std::string()) == "refuse-me") {
            return {{"/greeting", "the probe refuses to greet with 'refuse-me'"}};
        }
        return {};
    }

    void on_review_held(const ReviewHeld& event) override {
#ifdef PROBE_HOOK_THROWS
        // Succeeds only for reviews whose id starts with "ok-", so tests can interleave.
        if (event.review_id.rfind("ok-", 0) != 0) {
            throw std::runtime_error("probe hook failed on review " + event.review_id);
        }
#endif
        const auto seen = host().storage().get("review_held_count");
        host().storage().put("review_held_count", std::to_string(seen ? std::stoi(*seen) + 1 : 1));
        host().outputs().emit_note({event.header.child_id,
                                    "probe_seen",
                                    std::nullopt,
                                    {{"review_id", event.review_id},
                                     {"greeting", host().config().value("greeting", "")}}});
    }

    void on_daily_tick(const DailyTick& event) override {
        host().storage().put("last_tick", to_iso(event.header.occurred_on));
    }

#ifdef PROBE_RECORDS_RESPONSES
    // Stands in for the QAF module: records a york-qaf response as the acting worker.
    nlohmann::json handle_request(const Request& request) override {
        const auto& in = request.input;
        const auto day = parse_iso_date(in.value("completed_on", ""));
        if (!day) {
            throw RequestRefused(RequestStatus::invalid, "completed_on must be a day");
        }
        const auto r = host().outputs().record_response(
            {in.value("child_id", ""), "york-qaf", in.value("review_id", ""), *day,
             in.value("answers", nlohmann::json::object())});
        return {{ "response_id", r.response_id }};
    }
#endif
};

// Unused in the variant without an entry point.
[[maybe_unused]] constexpr iro_plugin_descriptor make_probe_descriptor() {
    auto d = detail::make_descriptor<ProbeModule>(IRO_PLUGIN_ID, IRO_PLUGIN_VERSION);
#ifdef PROBE_API_MAJOR
    d.api_major = PROBE_API_MAJOR;
#endif
#ifdef PROBE_API_MINOR
    d.api_minor = PROBE_API_MINOR;
#endif
#ifdef PROBE_STRUCT_SHORT
    d.struct_size = static_cast<std::uint32_t>(sizeof(iro_plugin_descriptor) - 2 * sizeof(void*));
#endif
#ifdef PROBE_JSON_VERSION
    d.toolchain.nlohmann_json_version = PROBE_JSON_VERSION;
#endif
    return d;
}

}  // namespace

#if defined(PROBE_OTHER_MAJOR_ENTRY)
extern "C" IRO_API_VISIBLE const iro_plugin_descriptor* iro_plugin_descriptor_v2() noexcept {
    static constexpr iro_plugin_descriptor kDescriptor = make_probe_descriptor();
    return &kDescriptor;
}
#elif !defined(PROBE_NO_ENTRY_POINT)
extern "C" IRO_API_VISIBLE const iro_plugin_descriptor* iro_plugin_descriptor_v1() noexcept {
    static constexpr iro_plugin_descriptor kDescriptor = make_probe_descriptor();
    return &kDescriptor;
}
#else
// Exports something, just not the entry point.
extern "C" IRO_API_VISIBLE int iro_probe_something_else() {
    return 42;
}
#endif
