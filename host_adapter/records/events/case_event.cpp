#include "events/case_event.hpp"

namespace iro::dispatch {

namespace {
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

plugin::EventKind kind_of(const CaseEvent& event) {
    return std::visit(
        Overloaded{
            [](const plugin::EnteredCare&) { return plugin::EventKind::entered_care; },
            [](const plugin::EpisodeChanged&) { return plugin::EventKind::episode_changed; },
            [](const plugin::LegalStatusChanged&) {
                return plugin::EventKind::legal_status_changed;
            },
            [](const plugin::PlacementChanged&) { return plugin::EventKind::placement_changed; },
            [](const plugin::ReviewHeld&) { return plugin::EventKind::review_held; },
            [](const plugin::AllocationChanged&) { return plugin::EventKind::allocation_changed; },
            [](const plugin::SignificantChange&) { return plugin::EventKind::significant_change; },
            [](const plugin::LeftCare&) { return plugin::EventKind::left_care; },
            [](const plugin::DailyTick&) { return plugin::EventKind::daily_tick; },
            [](const plugin::NoteRecorded&) { return plugin::EventKind::note_recorded; },
            [](const plugin::QuestionnaireCompleted&) {
                return plugin::EventKind::questionnaire_completed;
            },
            [](const plugin::RecordRemoved&) { return plugin::EventKind::record_removed; },
            [](const plugin::ReviewRecordDistributed&) {
                return plugin::EventKind::review_record_distributed;
            },
            [](const plugin::ReviewDateChanged&) { return plugin::EventKind::review_date_changed; },
        },
        event);
}

const plugin::EventHeader& header_of(const CaseEvent& event) {
    return std::visit([](const auto& e) -> const plugin::EventHeader& { return e.header; }, event);
}

plugin::HookResult call_hook(plugin::Plugin& p, const CaseEvent& event) noexcept {
    return std::visit(
        Overloaded{
            [&](const plugin::EnteredCare& e) { return p.on_entered_care(e); },
            [&](const plugin::EpisodeChanged& e) { return p.on_episode_changed(e); },
            [&](const plugin::LegalStatusChanged& e) { return p.on_legal_status_changed(e); },
            [&](const plugin::PlacementChanged& e) { return p.on_placement_changed(e); },
            [&](const plugin::ReviewHeld& e) { return p.on_review_held(e); },
            [&](const plugin::AllocationChanged& e) { return p.on_allocation_changed(e); },
            [&](const plugin::SignificantChange& e) { return p.on_significant_change(e); },
            [&](const plugin::LeftCare& e) { return p.on_left_care(e); },
            [&](const plugin::DailyTick& e) { return p.on_daily_tick(e); },
            [&](const plugin::NoteRecorded& e) {
                auto* hooks = dynamic_cast<plugin::PluginHooks_1_1*>(&p);
                return hooks != nullptr
                           ? hooks->on_note_recorded(e)
                           : plugin::HookResult::failure("note_recorded needs a plugin of API 1.1");
            },
            [&](const plugin::QuestionnaireCompleted& e) {
                auto* hooks = dynamic_cast<plugin::PluginHooks_1_2*>(&p);
                return hooks != nullptr ? hooks->on_questionnaire_completed(e)
                                        : plugin::HookResult::failure(
                                              "questionnaire_completed needs a plugin of API 1.2");
            },
            [&](const plugin::RecordRemoved& e) {
                auto* hooks = dynamic_cast<plugin::PluginHooks_1_5*>(&p);
                return hooks != nullptr ? hooks->on_record_removed(e)
                                        : plugin::HookResult::failure(
                                              "record_removed needs a plugin of API 1.5");
            },
            [&](const plugin::ReviewRecordDistributed& e) {
                auto* hooks = dynamic_cast<plugin::PluginHooks_1_6*>(&p);
                return hooks != nullptr
                           ? hooks->on_review_record_distributed(e)
                           : plugin::HookResult::failure(
                                 "review_record_distributed needs a plugin of API 1.6");
            },
            [&](const plugin::ReviewDateChanged& e) {
                auto* hooks = dynamic_cast<plugin::PluginHooks_1_6*>(&p);
                return hooks != nullptr ? hooks->on_review_date_changed(e)
                                        : plugin::HookResult::failure(
                                              "review_date_changed needs a plugin of API 1.6");
            },
        },
        event);
}

}  // namespace iro::dispatch
