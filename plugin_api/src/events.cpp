#include "iro/plugin_api/events.hpp"

#include "iro/plugin_api/services.hpp"

namespace iro::plugin {

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::entered_care:
            return "entered_care";
        case EventKind::episode_changed:
            return "episode_changed";
        case EventKind::legal_status_changed:
            return "legal_status_changed";
        case EventKind::placement_changed:
            return "placement_changed";
        case EventKind::review_held:
            return "review_held";
        case EventKind::allocation_changed:
            return "allocation_changed";
        case EventKind::significant_change:
            return "significant_change";
        case EventKind::left_care:
            return "left_care";
        case EventKind::daily_tick:
            return "daily_tick";
        case EventKind::note_recorded:
            return "note_recorded";
        case EventKind::questionnaire_completed:
            return "questionnaire_completed";
        case EventKind::record_removed:
            return "record_removed";
        case EventKind::review_record_distributed:
            return "review_record_distributed";
        case EventKind::review_date_changed:
            return "review_date_changed";
    }
    return "unknown";
}

std::optional<EventKind> event_kind_from_string(std::string_view name) {
    for (EventKind kind : kAllEventKinds) {
        if (to_string(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

std::string_view to_string(PromptState state) {
    switch (state) {
        case PromptState::open:
            return "open";
        case PromptState::acknowledged:
            return "acknowledged";
        case PromptState::done:
            return "done";
        case PromptState::dismissed:
            return "dismissed";
    }
    return "unknown";
}

}  // namespace iro::plugin
