// A module as a third party built it against an earlier minor of the plugin API: this file is
// compiled once per minor with that minor's headers as they shipped (tests/abi/api-1.<N>/, copied
// from the release's tree and never edited), links today's libiro-plugin-api.so, and is loaded by
// today's host (tests/integration/abi_compatibility_test.cpp). Every value it reads from the host
// or hands to it crosses the boundary in the layout of its own minor, so a struct changed under a
// released minor shows here as wrong values or a sanitizer report.
//
// ABI_PROBE_MINOR (set by tests/abi/CMakeLists.txt) is the minor it is built from.

#include "iro/plugin_api/module.hpp"

namespace {

using namespace iro::plugin;

std::string day_or_dash(const std::optional<Date>& day) {
    return day ? to_iso(*day) : std::string("-");
}

class AbiProbe final : public Module {
  public:
    using Module::Module;

    // 1.0: case records read through CaseRecords, kept in the module's storage.
    void on_review_held(const ReviewHeld& event) override {
        const auto child = host().records().child(event.header.child_id);
        std::string facts =
            child ? child->id + "," + child->sex + "," + day_or_dash(child->date_of_birth)
                  : std::string("unknown");
        for (const auto& episode : host().records().episodes(event.header.child_id)) {
            facts += ";" + to_iso(episode.start) + "," + day_or_dash(episode.end) + "," +
                     episode.legal_status + "," + episode.placement;
        }
        for (const auto& review : host().records().reviews(event.header.child_id)) {
            facts += ";review " + review.id + "," + day_or_dash(review.held_on) + "," +
                     review.participation;
        }
        host().storage().put("review:" + event.review_id, facts + "|" + event.participation);
    }

#if ABI_PROBE_MINOR >= 2
    // 1.2: a prompt raised and listed, in the layout 1.2 shipped with (revision included).
    void on_daily_tick(const DailyTick& event) override {
        PromptDraft draft;
        draft.key = "abi-probe:1001";
        draft.child_id = "1001";
        draft.kind = "abi_probe";
        draft.audience = "iro";
        draft.visible_to = {"iro_manager"};
        draft.due_on = event.header.occurred_on;
        draft.body = {{ "title", "ABI probe" }};
        draft.revision = "r1";
        const auto raised = host().prompts().raise(draft, event.header.occurred_on);
        std::string seen = raised.key + "," + raised.kind + "," + raised.audience + "," +
                           raised.revision + "," + to_iso(raised.due_on) + "," +
                           raised.body.value("title", std::string());
        for (const auto& open : host().prompts().open_prompts("1001")) {
            seen += ";" + open.key + "," + open.kind + "," + open.revision + "," +
                    to_iso(open.due_on) + "," + std::string(to_string(open.state));
        }
        host().storage().put("tick", seen);
    }
#else
    void on_daily_tick(const DailyTick& event) override {
        host().storage().put("tick", to_iso(event.header.occurred_on));
    }
#endif

#if ABI_PROBE_MINOR >= 1
    // 1.1: a request answered with what the hooks kept.
    nlohmann::json handle_request(const Request& request) override {
        nlohmann::json kept = nlohmann::json::object();
        for (const auto& key : host().storage().keys("")) {
            kept[key] = host().storage().get(key).value_or("");
        }
        return {{"minor", ABI_PROBE_MINOR},
                {"actor", request.actor.worker_id + "/" + request.actor.role},
                {"input", request.input},
                { "kept",
                  kept }};
    }
#endif
};

}  // namespace

IRO_DEFINE_PLUGIN(AbiProbe)
