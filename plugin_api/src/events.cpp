#include "iro/plugin_api/events.hpp"

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

}  // namespace iro::plugin
