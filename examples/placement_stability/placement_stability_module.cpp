// placement-stability: an example IRO Oversight module, built out of tree against the plugin SDK.
//
// When a child moves placement, it counts the child's moves within a year; from the threshold on it
// opens a prompt for the child's IRO to consider whether the care plan needs a review (a
// significant change), due a few working days after the latest move. A later move replaces the
// prompt; leaving care dismisses it.
//
// What it shows: hooks for subscribed events only; everything through host services (case records
// in, prompts out, the host's clock and working-day calendar, its logger); settings read in
// start() and kept in the instance, never in globals; no network, no files, no other module.

#include <string>

#include "iro/plugin_api/module.hpp"
#include "stability_rule.hpp"

namespace {

using iro::plugin::Date;
using iro::plugin::PromptState;

class PlacementStabilityModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override {
        const auto& config = host().config();  // validated and completed with defaults by the host
        settings_.moves_threshold = config.at("moves_threshold").get<int>();
        settings_.window_days = config.at("window_days").get<int>();
        settings_.response_working_days = config.at("response_working_days").get<int>();
    }

    void on_placement_changed(const iro::plugin::PlacementChanged& event) override {
        const std::string& child = event.header.child_id;
        const auto finding =
            placement_stability::assess(host().records().episodes(child), settings_);
        if (!finding) {
            return;
        }
        const Date today = host().clock().today();
        const Date due = host().calendar().add_working_days(finding->latest_move,
                                                            settings_.response_working_days);
        iro::plugin::PromptDraft draft;
        // One prompt per latest move: the same move evaluated twice updates the same prompt.
        draft.key = child + "/" + iro::plugin::to_iso(finding->latest_move);
        draft.child_id = child;
        draft.kind = "placement_stability";
        draft.audience = "iro";
        draft.visible_to = {"social_worker", "team_manager"};
        draft.due_on = due;
        draft.overdue = due < today;
        draft.body = {
            {"title", "Placement stability: consider a review"},
            {"detail", std::to_string(finding->moves) + " placement moves in " +
                           std::to_string(settings_.window_days) + " days, the latest on " +
                           iro::plugin::to_iso(finding->latest_move) +
                           ". Consider whether this is a significant change to the care plan "
                           "that calls for a review."},
            {"moves", finding->moves},
            {"window_days", settings_.window_days},
        };
        host().prompts().raise(draft, today);
        close_others(child, draft.key,
                     "superseded by the move on " + iro::plugin::to_iso(finding->latest_move));
        // Ids only: never a child's name.
        host().logger().log(
            iro::plugin::LogLevel::info,
            "event=stability_prompt child=" + child + " moves=" + std::to_string(finding->moves));
    }

    void on_left_care(const iro::plugin::LeftCare& event) override {
        close_others(event.header.child_id, {}, "the child left care");
    }

  private:
    // Dismisses the child's open prompts of this module other than `keep`.
    void close_others(const std::string& child, const std::string& keep,
                      const std::string& reason) {
        auto& prompts = host().prompts();
        for (const auto& open : prompts.open_prompts(child)) {
            if (open.key == keep) {
                continue;
            }
            iro::plugin::PromptClosure closure;
            closure.record_type = "module";
            closure.closed_on = host().clock().today();
            closure.reason = reason;
            closure.by = "module:placement-stability";
            prompts.close(open.key, PromptState::dismissed, closure);
        }
    }

    placement_stability::Settings settings_;
};

}  // namespace

IRO_DEFINE_PLUGIN(PlacementStabilityModule)
