#pragma once
// A case event inside the host: one of the typed payloads of the plugin API, and how each kind
// reaches the matching hook.

#include <variant>

#include "iro/plugin_api/plugin.hpp"

namespace iro::dispatch {

using CaseEvent =
    std::variant<plugin::EnteredCare, plugin::EpisodeChanged, plugin::LegalStatusChanged,
                 plugin::PlacementChanged, plugin::ReviewHeld, plugin::AllocationChanged,
                 plugin::SignificantChange, plugin::LeftCare, plugin::DailyTick,
                 plugin::NoteRecorded, plugin::QuestionnaireCompleted, plugin::RecordRemoved,
                 plugin::ReviewRecordDistributed, plugin::ReviewDateChanged>;

plugin::EventKind kind_of(const CaseEvent& event);
const plugin::EventHeader& header_of(const CaseEvent& event);

/// Calls the hook for the event's kind. Never throws: the plugin side is noexcept. An event of a
/// later API minor given to an older plugin fails (its manifest cannot subscribe to one).
plugin::HookResult call_hook(plugin::Plugin& instance, const CaseEvent& event) noexcept;

}  // namespace iro::dispatch
