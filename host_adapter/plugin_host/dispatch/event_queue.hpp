#pragma once
// The durable queue of case events (table case_events). Producers (importers, event intake) write
// events in the same transaction as the change that implies them; the host drains the queue in
// order and hands each event to the enabled modules subscribed to it.
//
// Delivery is once per event: an event is marked delivered after every subscribed, enabled module
// has been called, whether or not a hook failed (failures count towards the module's errored
// threshold). A module that is disabled at that moment does not receive it later. Each event is
// claimed under the store's write lock and marked in the same unit as its hooks' writes, so two
// processes draining one store never deliver an event twice.

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "events/case_event.hpp"
#include "iro/plugin_api/services.hpp"
#include "modules/module_registry.hpp"
#include "store/sqlite.hpp"

namespace iro::dispatch {

/// Builds the typed event from its stored form. Throws std::invalid_argument for an unknown kind
/// or a payload that lacks a field the kind needs.
CaseEvent to_case_event(const std::string& kind, const std::string& event_id,
                        const std::string& child_id, plugin::Date occurred_on,
                        const nlohmann::json& payload);

struct DrainReport {
    int events = 0;         ///< events taken from the queue
    int hook_failures = 0;  ///< failed hook calls among them
    int undeliverable = 0;  ///< stored events that could not be turned into typed events
    /// "module: error" of the first failed hook calls (at most 20), for whoever asked to drain.
    std::vector<std::string> failures;
};

/// Delivers pending events, oldest first: all of them, or the first `max_events` (a serving
/// host delivers a large backlog a batch at a time, answering requests in between).
DrainReport drain_case_events(store::Database& db, modules::ModuleRegistry& registry,
                              const plugin::Clock& clock,
                              int max_events = std::numeric_limits<int>::max());

/// Events still waiting.
int pending_case_events(store::Database& db);

}  // namespace iro::dispatch
