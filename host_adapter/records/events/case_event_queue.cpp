#include "events/case_event_queue.hpp"

namespace iro::store {

bool enqueue_case_event(Database& db, const QueuedEvent& event) {
    auto stmt = db.prepare(
        "INSERT OR IGNORE INTO case_events (event_id, kind, child_id, occurred_on, payload, "
        "source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    stmt.bind(1, event.event_id).bind(2, event.kind).bind(3, event.child_id);
    stmt.bind(4, event.occurred_on).bind(5, event.payload.dump()).bind(6, event.source);
    stmt.bind(7, event.received_at);
    stmt.run();
    return db.changes() > 0;
}

}  // namespace iro::store
