// The midpoint-prompts module: the IRO's checks between reviews and the prompts around each review
// (DOMAIN.md sections 2 and 3). It plans each child's obligations from the case file
// (cycle_plan), and keeps the host's prompts in line with the plan (prompt_reconcile): on every
// case event for the child that could change the plan, and for every child on the daily tick.
//
// "As of" which day: the tick's own day; for an event, the later of the event's day and the last
// tick's, so a record entered late does not take the child's prompts back in time.

#include <map>

#include "cycle_plan.hpp"
#include "iro/plugin_api/module.hpp"
#include "prompt_reconcile.hpp"
#include "prompt_settings.hpp"

namespace {

using iro::midpoint_prompts::ChildPlan;
using iro::midpoint_prompts::PromptSettings;
using iro::midpoint_prompts::Tally;
using iro::plugin::Date;

constexpr const char* kLastTickKey = "last_tick";

class MidpointPromptsModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override { settings_ = iro::midpoint_prompts::settings_from(host().config()); }

    void on_entered_care(const iro::plugin::EnteredCare& e) override { evaluate(e.header); }
    void on_episode_changed(const iro::plugin::EpisodeChanged& e) override { evaluate(e.header); }
    void on_legal_status_changed(const iro::plugin::LegalStatusChanged& e) override {
        evaluate(e.header);
    }
    void on_review_held(const iro::plugin::ReviewHeld& e) override { evaluate(e.header); }
    void on_significant_change(const iro::plugin::SignificantChange& e) override {
        evaluate(e.header);
    }
    void on_left_care(const iro::plugin::LeftCare& e) override { evaluate(e.header); }
    void on_note_recorded(const iro::plugin::NoteRecorded& e) override {
        if (e.module_id == settings_.notes_module) {
            evaluate(e.header);
        }
    }
    void on_questionnaire_completed(const iro::plugin::QuestionnaireCompleted& e) override {
        if (e.module_id == settings_.qaf_module) {
            evaluate(e.header);
        }
    }

    void on_daily_tick(const iro::plugin::DailyTick& e) override {
        const Date as_of = e.header.occurred_on;
        const auto last = last_tick();
        if (!last || *last < as_of) {
            host().storage().put(kLastTickKey, iro::plugin::to_iso(as_of));
        }
        const bool qaf = host().module_enabled(settings_.qaf_module);
        // Every open prompt, by child: the scan visits the children still looked after, and
        // whoever is left afterwards has left care since their prompts opened.
        std::map<std::string, std::vector<iro::plugin::PromptRecord>, std::less<>> open;
        for (auto& p : host().prompts().open_prompts({})) {
            open[p.child_id].push_back(std::move(p));
        }
        Tally tally;
        TickVisitor visitor(*this, open, as_of, qaf, tally);
        host().records().scan_case_files(as_of, visitor);
        for (const auto& [child_id, prompts] : open) {
            if (!prompts.empty()) {
                const auto file = case_file(child_id);
                iro::midpoint_prompts::reconcile(child_id, plan(file, as_of, qaf), prompts, as_of,
                                                 qaf, host().prompts(), tally);
            }
        }
        host().logger().log(iro::plugin::LogLevel::info,
                            "event=tick as_of=" + iro::plugin::to_iso(as_of) +
                                " opened=" + std::to_string(tally.opened) +
                                " updated=" + std::to_string(tally.updated) +
                                " done=" + std::to_string(tally.done) +
                                " dismissed=" + std::to_string(tally.dismissed));
    }

  private:
    class TickVisitor final : public iro::plugin::CaseFileVisitor {
      public:
        TickVisitor(
            MidpointPromptsModule& module,
            std::map<std::string, std::vector<iro::plugin::PromptRecord>, std::less<>>& open,
            Date as_of, bool qaf, Tally& tally)
            : module_(module), open_(open), as_of_(as_of), qaf_(qaf), tally_(tally) {}

        void visit(const iro::plugin::CaseFile& file) override {
            std::vector<iro::plugin::PromptRecord> none;
            auto it = open_.find(file.child.id);
            auto& prompts = it == open_.end() ? none : it->second;
            iro::midpoint_prompts::reconcile(file.child.id, module_.plan(file, as_of_, qaf_),
                                             prompts, as_of_, qaf_, module_.host().prompts(),
                                             tally_);
            if (it != open_.end()) {
                open_.erase(it);
            }
        }

      private:
        MidpointPromptsModule& module_;
        std::map<std::string, std::vector<iro::plugin::PromptRecord>, std::less<>>& open_;
        Date as_of_;
        bool qaf_;
        Tally& tally_;
    };

    std::optional<Date> last_tick() const {
        const auto text = host().storage().get(kLastTickKey);
        return text ? iro::plugin::parse_iso_date(*text) : std::nullopt;
    }

    ChildPlan plan(const iro::plugin::CaseFile& file, Date as_of, bool qaf) const {
        return iro::midpoint_prompts::plan_child(file, settings_, host().calendar(), as_of, qaf);
    }

    iro::plugin::CaseFile case_file(const std::string& child_id) const {
        const auto& records = host().records();
        iro::plugin::CaseFile file;
        file.child = records.child(child_id).value_or(iro::plugin::Child{child_id, {}, {}});
        file.episodes = records.episodes(child_id);
        file.reviews = records.reviews(child_id);
        file.notes = host().outputs().notes(child_id);
        file.responses = host().outputs().responses(child_id);
        return file;
    }

    void evaluate(const iro::plugin::EventHeader& header) {
        if (header.child_id.empty()) {
            return;
        }
        const auto last = last_tick();
        const Date as_of = last && *last > header.occurred_on ? *last : header.occurred_on;
        const bool qaf = host().module_enabled(settings_.qaf_module);
        Tally tally;
        iro::midpoint_prompts::reconcile(
            header.child_id, plan(case_file(header.child_id), as_of, qaf),
            host().prompts().open_prompts(header.child_id), as_of, qaf, host().prompts(), tally);
    }

    PromptSettings settings_;
};

}  // namespace

IRO_DEFINE_PLUGIN(MidpointPromptsModule)
