#pragma once
// Case events the host dispatches to modules. Each kind has a typed payload; a module names the
// kinds it subscribes to in its manifest and receives only those. New kinds arrive with a new API
// minor version and a derived hooks interface (see plugin.hpp); these structs never change shape
// within API major 1.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "iro/plugin_api/dates.hpp"

namespace iro::plugin {

/// What every event carries.
struct EventHeader {
    std::string event_id;  ///< unique; replays of the same id are dropped by the host
    std::string child_id;  ///< empty only for events about no single child (the daily tick)
    Date occurred_on;      ///< the day the change happened in the case record
};

/// A child started a period of care.
struct EnteredCare {
    EventHeader header;
    std::string legal_status;  ///< SSDA903 LS code, e.g. "C2"
    std::string placement;     ///< SSDA903 PLACE code, e.g. "U1"
};

/// A new episode began inside a period of care (903 RNE other than S).
struct EpisodeChanged {
    EventHeader header;
    std::string reason_new_episode;  ///< 903 RNE: L, P, T, U, B
    std::string legal_status;
    std::string placement;
};

/// The child's legal status changed.
struct LegalStatusChanged {
    EventHeader header;
    std::string previous;
    std::string current;
};

/// The child moved placement.
struct PlacementChanged {
    EventHeader header;
    std::string previous;
    std::string current;
};

/// A statutory review was held.
struct ReviewHeld {
    EventHeader header;
    std::string review_id;
    std::string participation;  ///< 903 REVIEW_CODE PN0..PN7
    std::string rag;            ///< "red", "amber", "green" or empty when not rated
};

/// The allocated IRO, social worker or team manager changed.
struct AllocationChanged {
    EventHeader header;
    std::string role;  ///< "iro", "social_worker", "team_manager"
    std::string worker_id;
    std::string team_id;
};

/// A significant change to the care plan was notified (may call for an early review).
struct SignificantChange {
    EventHeader header;
    std::string description;
};

/// The period of care ended.
struct LeftCare {
    EventHeader header;
    std::string reason_ceased;  ///< 903 REC code
};

/// The host's daily evaluation, for any "as of" day.
struct DailyTick {
    EventHeader header;
};

/// A note was stored on the child's file (API 1.1): an original or an amendment. occurred_on is
/// the day the oversight took place, not the day it was typed.
struct NoteRecorded {
    EventHeader header;
    std::string note_id;    ///< this version's id
    std::string root_id;    ///< the original's id (equal to note_id for an original)
    std::string module_id;  ///< the module that stored it
    std::string kind;       ///< module-defined, e.g. "midpoint", "consultation"
    std::string author_role;
};

/// A module recorded a questionnaire response about a review (API 1.2), e.g. the QAF an IRO
/// completes after each review.
struct QuestionnaireCompleted {
    EventHeader header;  ///< occurred_on: the day the questionnaire was completed
    std::string response_id;
    std::string module_id;      ///< the module that recorded it
    std::string questionnaire;  ///< e.g. "qaf"
    std::string review_id;      ///< the review it is about; empty when about none
};

/// A case record the council's extract no longer holds was removed (API 1.5): an import deletes
/// nothing silently, and a module that derived anything from the record hears of it.
struct RecordRemoved {
    EventHeader header;       ///< occurred_on: the day the removed record was about (its start,
                              ///< or the day a review was held)
    std::string record_type;  ///< "episode", "review", "missing_episode" or "allocation"
    std::string record_id;    ///< the review's id; "<start>" of an episode or missing episode;
                              ///< "<role>:<worker>:<start>" of an allocation
    std::string source;       ///< what removed it, e.g. "ssda903 import 12"
};

/// Event kinds by the names used in manifests and event JSON.
enum class EventKind {
    entered_care,
    episode_changed,
    legal_status_changed,
    placement_changed,
    review_held,
    allocation_changed,
    significant_change,
    left_care,
    daily_tick,
    note_recorded,            ///< since API 1.1
    questionnaire_completed,  ///< since API 1.2
    record_removed,           ///< since API 1.5
};

/// Every kind, in declaration order.
inline constexpr std::array<EventKind, 12> kAllEventKinds{
    EventKind::entered_care,
    EventKind::episode_changed,
    EventKind::legal_status_changed,
    EventKind::placement_changed,
    EventKind::review_held,
    EventKind::allocation_changed,
    EventKind::significant_change,
    EventKind::left_care,
    EventKind::daily_tick,
    EventKind::note_recorded,
    EventKind::questionnaire_completed,
    EventKind::record_removed,
};

/// The API minor version that introduced `kind`: a manifest may subscribe to it only when it
/// declares at least that version.
constexpr unsigned since_api_minor(EventKind kind) {
    switch (kind) {
        case EventKind::note_recorded:
            return 1U;
        case EventKind::questionnaire_completed:
            return 2U;
        case EventKind::record_removed:
            return 5U;
        default:
            return 0U;
    }
}

/// "review_held" for EventKind::review_held.
IRO_API_VISIBLE std::string_view to_string(EventKind kind);

/// The kind named by `name`, or nullopt.
IRO_API_VISIBLE std::optional<EventKind> event_kind_from_string(std::string_view name);

}  // namespace iro::plugin
