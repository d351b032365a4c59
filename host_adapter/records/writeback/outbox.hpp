#pragma once
// The outbox table: items for the CMS, queued in the transaction that records what they carry,
// then delivered in order per child. Only the delivery marks and the operator's retry and purge
// change rows; nothing here sends anything.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::writeback {

struct OutboxItem {
    std::int64_t item_id = 0;
    std::string route;
    std::string child_id;
    std::string module_id;
    std::string source_id;
    std::string method;
    std::string path;  ///< below the CMS base URL, already filled in
    std::string body;  ///< the JSON sent, already filled in
    std::string idempotency_key;
    std::string state;  ///< pending, delivered, dead
    int attempts = 0;
    std::int64_t next_attempt_ms = 0;
    std::optional<std::string> last_attempt_at;
    std::optional<std::string> last_error;
    std::optional<int> response_status;
    std::optional<std::string> response_body;
    std::string created_at;
    std::optional<std::string> delivered_at;
};

/// An item ready to queue.
struct NewItem {
    std::string route;
    std::string child_id;
    std::string module_id;
    std::string source_id;
    std::string method;
    std::string path;
    nlohmann::json body;
};

/// Queues the item (with a fresh random idempotency key), due at once. Returns its id.
std::int64_t queue_item(store::Database& db, const NewItem& item, const std::string& created_at,
                        std::int64_t now_ms);

/// The first pending item of each child whose attempt is due at `now_ms`, soonest first.
std::vector<OutboxItem> due_heads(store::Database& db, std::int64_t now_ms, int limit);

/// When the next attempt of any child's first pending item falls; nullopt when nothing is pending.
std::optional<std::int64_t> next_due_ms(store::Database& db);

/// What one attempt came to, for the marks below.
struct AttemptRecord {
    std::string at;  ///< when the attempt ended
    std::string error;
    std::optional<int> status;
    std::optional<std::string> response_body;
};

void mark_delivered(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt);
void mark_retry(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt,
                std::int64_t next_attempt_ms);
void mark_dead(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt);

/// What a listing selects.
struct OutboxFilter {
    std::string state;     ///< empty: any
    std::string child_id;  ///< empty: any
    int limit = 100;
};

std::vector<OutboxItem> list_items(store::Database& db, const OutboxFilter& filter);
std::optional<OutboxItem> find_item(store::Database& db, std::int64_t item_id);

/// Items per state: {"pending": n, "delivered": n, "dead": n}.
nlohmann::json count_by_state(store::Database& db);

/// How far behind write-back is, for monitoring.
struct OutboxBacklog {
    std::int64_t pending = 0;             ///< items waiting for the CMS
    std::int64_t oldest_age_seconds = 0;  ///< how long the oldest of them has waited
    std::int64_t dead = 0;                ///< items the CMS refused, kept for an operator
};

/// The backlog as of `now_utc` ("YYYY-MM-DDTHH:MM:SSZ").
OutboxBacklog backlog(store::Database& db, const std::string& now_utc);

/// Puts the item back in its child's queue due at once, if it is dead or waiting out a backoff,
/// or with no id every dead item; idempotency keys are kept. Returns how many were requeued.
int retry_items(store::Database& db, std::optional<std::int64_t> item_id, std::int64_t now_ms);

/// Deletes delivered items delivered before `before` (an ISO timestamp; empty: all). What they
/// carried stays where it was recorded (the notes). Returns how many went.
int purge_delivered(store::Database& db, const std::string& before);

nlohmann::json to_json(const OutboxItem& item, bool with_bodies);

}  // namespace iro::writeback
