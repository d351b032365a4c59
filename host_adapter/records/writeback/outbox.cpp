#include "writeback/outbox.hpp"

#include "store/conditions.hpp"

namespace iro::writeback {

namespace {

constexpr std::string_view kColumns =
    "item_id, route, child_id, module_id, source_id, method, path, body, idempotency_key, state, "
    "attempts, next_attempt_ms, last_attempt_at, last_error, response_status, response_body, "
    "created_at, delivered_at";

OutboxItem read_item(const store::Statement& row) {
    OutboxItem item;
    item.item_id = row.integer(0);
    item.route = row.text(1);
    item.child_id = row.text(2);
    item.module_id = row.text(3);
    item.source_id = row.text(4);
    item.method = row.text(5);
    item.path = row.text(6);
    item.body = row.text(7);
    item.idempotency_key = row.text(8);
    item.state = row.text(9);
    item.attempts = static_cast<int>(row.integer(10));
    item.next_attempt_ms = row.integer(11);
    item.last_attempt_at = row.optional_text(12);
    item.last_error = row.optional_text(13);
    if (!row.is_null(14)) {
        item.response_status = static_cast<int>(row.integer(14));
    }
    item.response_body = row.optional_text(15);
    item.created_at = row.text(16);
    item.delivered_at = row.optional_text(17);
    return item;
}

std::vector<OutboxItem> read_all(store::Statement& stmt) {
    std::vector<OutboxItem> items;
    while (stmt.step()) {
        items.push_back(read_item(stmt));
    }
    return items;
}

void bind_attempt(store::Statement& stmt, const AttemptRecord& a) {
    stmt.bind(1, a.at).bind(2, a.error);
    if (a.status) {
        stmt.bind(3, std::int64_t{*a.status});
    } else {
        stmt.bind(3, std::nullopt);
    }
    stmt.bind(4, a.response_body);
}

}  // namespace

std::int64_t queue_item(store::Database& db, const NewItem& item, const std::string& created_at,
                        std::int64_t now_ms) {
    // The key is random (128 bits from SQLite's generator, seeded by the OS) and fixed for the
    // item's life, so every retry, even after a crash, is recognisably the same request.
    db.prepare(
          "INSERT INTO outbox (route, child_id, module_id, source_id, method, path, body, "
          "idempotency_key, state, next_attempt_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
          "lower(hex(randomblob(16))), 'pending', ?, ?)")
        .bind(1, item.route)
        .bind(2, item.child_id)
        .bind(3, item.module_id)
        .bind(4, item.source_id)
        .bind(5, item.method)
        .bind(6, item.path)
        .bind(7, item.body.dump())
        .bind(8, now_ms)
        .bind(9, created_at)
        .run();
    return db.last_insert_rowid();
}

std::vector<OutboxItem> due_heads(store::Database& db, std::int64_t now_ms, int limit) {
    auto stmt = db.prepare("SELECT " + std::string(kColumns) +
                           " FROM outbox o WHERE state = 'pending' AND item_id = (SELECT "
                           "min(item_id) FROM outbox WHERE state = 'pending' AND child_id = "
                           "o.child_id) AND next_attempt_ms <= ? ORDER BY next_attempt_ms, item_id "
                           "LIMIT ?");
    stmt.bind(1, now_ms).bind(2, std::int64_t{limit});
    return read_all(stmt);
}

std::optional<std::int64_t> next_due_ms(store::Database& db) {
    auto stmt = db.prepare(
        "SELECT min(next_attempt_ms) FROM outbox o WHERE state = 'pending' AND item_id = (SELECT "
        "min(item_id) FROM outbox WHERE state = 'pending' AND child_id = o.child_id)");
    stmt.step();
    if (stmt.is_null(0)) {
        return std::nullopt;
    }
    return stmt.integer(0);
}

void mark_delivered(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt) {
    auto stmt = db.prepare(
        "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?1, "
        "delivered_at = ?1, last_error = nullif(?2, ''), response_status = ?3, response_body = ?4 "
        "WHERE item_id = ?5");
    bind_attempt(stmt, attempt);
    stmt.bind(5, item_id).run();
}

void mark_retry(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt,
                std::int64_t next_attempt_ms) {
    auto stmt = db.prepare(
        "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?1, last_error = ?2, "
        "response_status = ?3, response_body = ?4, next_attempt_ms = ?6 WHERE item_id = ?5");
    bind_attempt(stmt, attempt);
    stmt.bind(5, item_id).bind(6, next_attempt_ms).run();
}

void mark_dead(store::Database& db, std::int64_t item_id, const AttemptRecord& attempt) {
    auto stmt = db.prepare(
        "UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_attempt_at = ?1, "
        "last_error = ?2, response_status = ?3, response_body = ?4 WHERE item_id = ?5");
    bind_attempt(stmt, attempt);
    stmt.bind(5, item_id).run();
}

std::vector<OutboxItem> list_items(store::Database& db, const OutboxFilter& filter) {
    store::Conditions where;
    where.equal_if_set("state", filter.state).equal_if_set("child_id", filter.child_id);
    auto stmt = db.prepare("SELECT " + std::string(kColumns) + " FROM outbox" + where.where() +
                           " ORDER BY item_id DESC LIMIT ?");
    stmt.bind(where.bind(stmt), std::int64_t{filter.limit});
    return read_all(stmt);
}

std::optional<OutboxItem> find_item(store::Database& db, std::int64_t item_id) {
    auto stmt = db.prepare("SELECT " + std::string(kColumns) + " FROM outbox WHERE item_id = ?");
    stmt.bind(1, item_id);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return read_item(stmt);
}

nlohmann::json count_by_state(store::Database& db) {
    nlohmann::json counts{{"pending", 0}, {"delivered", 0}, {"dead", 0}};
    auto stmt = db.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
    while (stmt.step()) {
        counts[stmt.text(0)] = stmt.integer(1);
    }
    return counts;
}

int retry_items(store::Database& db, std::optional<std::int64_t> item_id, std::int64_t now_ms) {
    if (item_id) {
        db.prepare(
              "UPDATE outbox SET state = 'pending', next_attempt_ms = ? WHERE item_id = ? AND "
              "state IN ('dead', 'pending')")
            .bind(1, now_ms)
            .bind(2, *item_id)
            .run();
    } else {
        db.prepare("UPDATE outbox SET state = 'pending', next_attempt_ms = ? WHERE state = 'dead'")
            .bind(1, now_ms)
            .run();
    }
    return db.changes();
}

int purge_delivered(store::Database& db, const std::string& before) {
    db.prepare("DELETE FROM outbox WHERE state = 'delivered' AND (?1 = '' OR delivered_at < ?1)")
        .bind(1, before)
        .run();
    return db.changes();
}

nlohmann::json to_json(const OutboxItem& item, bool with_bodies) {
    nlohmann::json j{{"item_id", item.item_id},
                     {"route", item.route},
                     {"child_id", item.child_id},
                     {"module_id", item.module_id},
                     {"source_id", item.source_id},
                     {"method", item.method},
                     {"path", item.path},
                     {"idempotency_key", item.idempotency_key},
                     {"state", item.state},
                     {"attempts", item.attempts},
                     {"next_attempt_ms", item.next_attempt_ms},
                     {"created_at", item.created_at}};
    auto optional = [&j](const char* key, const auto& value) {
        if (value) {
            j[key] = *value;
        }
    };
    optional("last_attempt_at", item.last_attempt_at);
    optional("last_error", item.last_error);
    optional("response_status", item.response_status);
    optional("delivered_at", item.delivered_at);
    if (with_bodies) {
        j["body"] = nlohmann::json::parse(item.body, nullptr, false);
        optional("response_body", item.response_body);
    }
    return j;
}

OutboxBacklog backlog(store::Database& db, const std::string& now_utc) {
    // created_at is "YYYY-MM-DDTHH:MM:SSZ"; julianday reads it as UTC.
    auto pending = db.prepare(
        "SELECT count(*), CAST(COALESCE(max(0, (julianday(?) - julianday(min(created_at))) * "
        "86400), 0) AS INTEGER) FROM outbox WHERE state = 'pending'");
    pending.bind(1, now_utc);
    pending.step();
    auto dead = db.prepare("SELECT count(*) FROM outbox WHERE state = 'dead'");
    dead.step();
    return {pending.integer(0), pending.integer(1), dead.integer(0)};
}

}  // namespace iro::writeback
