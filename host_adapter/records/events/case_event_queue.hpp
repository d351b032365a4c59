#pragma once
// Putting a case event on the durable queue (table case_events), in whatever transaction the
// caller is in, so the event exists exactly when the change that implies it does.

#include <nlohmann/json.hpp>
#include <string>

#include "store/sqlite.hpp"

namespace iro::store {

struct QueuedEvent {
    std::string event_id;  ///< unique per change: a second event with the same id is ignored
    std::string kind;
    std::string child_id;
    std::string occurred_on;  ///< YYYY-MM-DD
    nlohmann::json payload;
    std::string source;  ///< who produced it: an import, the intake, "host"
    std::string received_at;
};

/// Queues the event unless one with its id is already queued. True when it was added.
bool enqueue_case_event(Database& db, const QueuedEvent& event);

}  // namespace iro::store
