// The midpoint-prompts module: the IRO's checks between reviews and the prompts around each review
// (DOMAIN.md sections 2 and 3). It plans each child's obligations from the case file
// (cycle_plan), and keeps the host's prompts in line with the plan (prompt_reconcile): on every
// case event for the child that could change the plan, and for every child on the daily tick.
//
// "As of" which day: the tick's own day; for an event, the later of the event's day and the last
// tick's, so a record entered late does not take the child's prompts back in time.

#include <span>
#include <string_view>
#include <vector>

#include "cycle_plan.hpp"
#include "iro/plugin_api/module.hpp"
#include "iro/plugin_api/settings_check.hpp"
#include "prompt_reconcile.hpp"
#include "prompt_settings.hpp"

namespace {

using iro::midpoint_prompts::ChildPlan;
using iro::midpoint_prompts::PromptSettings;
using iro::midpoint_prompts::ReconcileContext;
using iro::midpoint_prompts::Tally;
using iro::plugin::Date;
using iro::plugin::OpenPrompt;

constexpr const char* kLastTickKey = "last_tick";

class MidpointPromptsModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override { settings_ = iro::midpoint_prompts::settings_from(host().config()); }

    // The amber window in order, and a questionnaire that exists to close the QAF prompt.
    std::vector<iro::plugin::SchemaViolation> check_settings(
        const nlohmann::json& settings) const override {
        auto problems =
            iro::plugin::problems_reading([&] { iro::midpoint_prompts::settings_from(settings); });
        if (auto p = iro::plugin::questionnaire_setting_problem(
                host().questionnaires(), "/qaf_questionnaire",
                settings.value("qaf_questionnaire", std::string()))) {
            problems.push_back(std::move(*p));
        }
        return problems;
    }

    void on_entered_care(const iro::plugin::EnteredCare& e) override { evaluate(e.header); }
    void on_episode_changed(const iro::plugin::EpisodeChanged& e) override { evaluate(e.header); }
    void on_legal_status_changed(const iro::plugin::LegalStatusChanged& e) override {
        evaluate(e.header);
    }
    void on_review_held(const iro::plugin::ReviewHeld& e) override { evaluate(e.header); }
    void on_review_record_distributed(const iro::plugin::ReviewRecordDistributed& e) override {
        evaluate(e.header);
    }
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
        const ReconcileContext context{as_of, settings_,
                                       host().module_enabled(settings_.qaf_module),
                                       host().prompts(), host().prompts().go_live()};
        // Every open prompt, in child order like the scan: each child's slice is handed over as
        // the scan reaches them, and whoever the scan passes over has left care since.
        const std::vector<OpenPrompt> open = host().prompts().open_prompts({});
        Tally tally;
        TickVisitor visitor(*this, open, context, tally);
        host().records().scan_case_files(as_of, visitor);
        visitor.skip_to({});
        for (const auto& prompts : visitor.passed_over()) {
            const std::string child_id = prompts.front().child_id;
            iro::midpoint_prompts::reconcile(child_id, plan(case_file(child_id), context), prompts,
                                             context, tally);
        }
        // Recorded after the scan, which reads fastest while this hook has written nothing.
        if (const auto last = last_tick(); !last || *last < as_of) {
            host().storage().put(kLastTickKey, iro::plugin::to_iso(as_of));
        }
        host().logger().log(iro::plugin::LogLevel::info,
                            "event=tick as_of=" + iro::plugin::to_iso(as_of) +
                                " opened=" + std::to_string(tally.opened) +
                                " updated=" + std::to_string(tally.updated) +
                                " done=" + std::to_string(tally.done) +
                                " dismissed=" + std::to_string(tally.dismissed));
    }

  private:
    // Walks the open prompts (in child order) alongside the scan (in the same order).
    class TickVisitor final : public iro::plugin::CaseFileVisitor {
      public:
        TickVisitor(const MidpointPromptsModule& module, std::span<const OpenPrompt> open,
                    const ReconcileContext& context, Tally& tally)
            : module_(module), rest_(open), context_(context), tally_(tally) {}

        void visit(const iro::plugin::CaseFile& file) override {
            skip_to(file.child.id);
            std::size_t n = 0;
            while (n < rest_.size() && rest_[n].child_id == file.child.id) {
                ++n;
            }
            iro::midpoint_prompts::reconcile(file.child.id, module_.plan(file, context_),
                                             rest_.first(n), context_, tally_);
            rest_ = rest_.subspan(n);
        }

        /// Sets aside the prompts of children before `child_id` (all that are left, when empty):
        /// the scan did not visit them.
        void skip_to(std::string_view child_id) {
            while (!rest_.empty() && (child_id.empty() || rest_.front().child_id < child_id)) {
                std::size_t n = 1;
                while (n < rest_.size() && rest_[n].child_id == rest_.front().child_id) {
                    ++n;
                }
                passed_over_.push_back(rest_.first(n));
                rest_ = rest_.subspan(n);
            }
        }

        const std::vector<std::span<const OpenPrompt>>& passed_over() const { return passed_over_; }

      private:
        const MidpointPromptsModule& module_;
        std::span<const OpenPrompt> rest_;
        const ReconcileContext& context_;
        Tally& tally_;
        std::vector<std::span<const OpenPrompt>> passed_over_;
    };

    std::optional<Date> last_tick() const {
        const auto text = host().storage().get(kLastTickKey);
        return text ? iro::plugin::parse_iso_date(*text) : std::nullopt;
    }

    ChildPlan plan(const iro::plugin::CaseFile& file, const ReconcileContext& context) const {
        // Read only for a child with a review the distribution prompts cover: most ticks, for
        // most children, read nothing more than the scan did.
        const auto sent = iro::midpoint_prompts::may_owe_distribution(file, settings_)
                              ? host().records().review_distributions(file.child.id)
                              : std::vector<iro::plugin::ReviewDistribution>{};
        return iro::midpoint_prompts::plan_child(
            file, settings_,
            {host().calendar(), host().practice_calendar(), host().short_breaks_reviewed()},
            context.as_of, context.qaf_enabled, sent);
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
        const ReconcileContext context{as_of, settings_,
                                       host().module_enabled(settings_.qaf_module),
                                       host().prompts(), host().prompts().go_live()};
        Tally tally;
        iro::midpoint_prompts::reconcile(header.child_id, plan(case_file(header.child_id), context),
                                         host().prompts().open_prompts(header.child_id), context,
                                         tally);
    }

    PromptSettings settings_;
};

}  // namespace

IRO_DEFINE_PLUGIN(MidpointPromptsModule)
