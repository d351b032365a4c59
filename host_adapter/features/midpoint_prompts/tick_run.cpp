#include "midpoint_prompts/tick_run.hpp"

#include "events/case_event_queue.hpp"
#include "midpoint_prompts/go_live_backlog.hpp"

namespace iro::prompts {

std::optional<plugin::Date> latest_tick(store::Database& db) {
    auto s = db.prepare("SELECT max(as_of) FROM ticks");
    if (!s.step() || s.is_null(0)) {
        return std::nullopt;
    }
    return plugin::parse_iso_date(s.text(0));
}

QueuedTick queue_tick(store::Database& db, plugin::Date as_of, const std::string& actor,
                      const std::string& at) {
    store::Transaction tx(db);
    if (const auto last = latest_tick(db); last && as_of < *last) {
        throw TickRefused("a tick as of " + plugin::to_iso(as_of) + " is before the latest tick (" +
                          plugin::to_iso(*last) + "): prompts only move forward, so ticks do too");
    }
    QueuedTick tick;
    {
        auto s = db.prepare("SELECT coalesce(max(seq), 0) FROM prompt_history");
        s.step();
        tick.history_before = s.integer(0);
    }
    db.prepare("INSERT INTO ticks (as_of, actor, started_at) VALUES (?, ?, ?)")
        .bind(1, plugin::to_iso(as_of))
        .bind(2, actor)
        .bind(3, at)
        .run();
    tick.tick_id = db.last_insert_rowid();
    store::enqueue_case_event(
        db, {"tick:" + std::to_string(tick.tick_id), "daily_tick", "", plugin::to_iso(as_of),
             nlohmann::json::object(), "host:tick", at});
    tx.commit();
    return tick;
}

nlohmann::json summarise_tick(store::Database& db, const QueuedTick& tick) {
    nlohmann::json changes = nlohmann::json::object();
    auto s = db.prepare(
        "SELECT h.action, p.kind, count(*) FROM prompt_history h "
        "JOIN prompts p ON p.prompt_id = h.prompt_id WHERE h.seq > ? "
        "GROUP BY h.action, p.kind ORDER BY h.action, p.kind");
    s.bind(1, tick.history_before);
    while (s.step()) {
        changes[s.text(0)][s.text(1)] = s.integer(2);
    }
    nlohmann::json open = nlohmann::json::object();
    auto o = db.prepare(
        "SELECT kind, count(*), sum(overdue) FROM prompts WHERE state IN ('open', 'acknowledged') "
        "GROUP BY kind ORDER BY kind");
    while (o.step()) {
        open[o.text(0)] = {{"open", o.integer(1)}, {"overdue", o.integer(2)}};
    }
    nlohmann::json summary{{"changes", changes}, {"open", open}};
    // Reported once: by the first tick after it was recorded.
    summary["go_live_backlog"] = report_backlog(db, tick.tick_id);
    db.prepare("UPDATE ticks SET summary = ? WHERE tick_id = ?")
        .bind(1, summary.dump())
        .bind(2, tick.tick_id)
        .run();
    return summary;
}

}  // namespace iro::prompts
