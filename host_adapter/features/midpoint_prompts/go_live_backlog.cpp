#include "midpoint_prompts/go_live_backlog.hpp"

#include <map>
#include <unordered_map>
#include <utility>

namespace iro::prompts {

std::optional<plugin::Date> go_live_day(store::Database& db,
                                        const std::optional<plugin::Date>& configured) {
    if (configured) {
        return configured;
    }
    store::CachedUse first(db, "SELECT min(as_of) FROM ticks");
    if (!first->step() || first->is_null(0)) {
        return std::nullopt;
    }
    return plugin::parse_iso_date(first->text_view(0));
}

bool backlog_recorded(store::Database& db, std::string_view module_id) {
    store::CachedUse any(db, "SELECT 1 FROM go_live_backlog WHERE module_id = ? LIMIT 1");
    any->bind(1, module_id);
    return any->step();
}

void record_backlog(store::Database& db, std::string_view module_id, plugin::Date go_live,
                    plugin::Date as_of, const std::deque<BacklogItem>& items) {
    if (items.empty()) {
        return;
    }
    // Each child's IRO now, in one read: a backlog at national scale names most children.
    std::unordered_map<std::string, std::string> iro_of;
    auto iros = db.prepare(
        "SELECT child_id, worker_id FROM allocations WHERE role = 'iro' AND end_date IS NULL "
        "ORDER BY child_id, start_date");
    while (iros.step()) {
        iro_of[iros.text(0)] = iros.text(1);  // the latest-starting one wins
    }
    struct Count {
        int prompts = 0;
        plugin::Date oldest_due;
    };
    // Views into `items` and `iro_of`, which outlive the counting.
    std::map<std::pair<std::string_view, std::string_view>, Count> counts;
    for (const auto& item : items) {
        const auto iro = iro_of.find(item.child_id);
        auto& c = counts[{item.kind, iro == iro_of.end() ? std::string_view() : iro->second}];
        c.oldest_due = c.prompts == 0 ? item.due_on : std::min(c.oldest_due, item.due_on);
        ++c.prompts;
    }
    auto insert = db.prepare(
        "INSERT INTO go_live_backlog (module_id, kind, iro_id, prompts, oldest_due, go_live, "
        "recorded_as_of) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (module_id, kind, iro_id) DO "
        "UPDATE SET prompts = prompts + excluded.prompts, oldest_due = min(oldest_due, "
        "excluded.oldest_due), recorded_as_of = excluded.recorded_as_of");
    for (const auto& [key, c] : counts) {
        insert.bind(1, module_id)
            .bind(2, key.first)
            .bind(3, key.second)
            .bind(4, std::int64_t{c.prompts})
            .bind(5, plugin::to_iso(c.oldest_due))
            .bind(6, plugin::to_iso(go_live))
            .bind(7, plugin::to_iso(as_of));
        insert.run();
        insert.reset();
    }
}

nlohmann::json report_backlog(store::Database& db, std::int64_t tick_id) {
    auto rows = db.prepare(
        "SELECT kind, iro_id, sum(prompts), min(go_live) FROM go_live_backlog WHERE "
        "reported_in IS NULL GROUP BY kind, iro_id ORDER BY kind, iro_id");
    nlohmann::json by_kind = nlohmann::json::object();
    nlohmann::json by_iro = nlohmann::json::object();
    std::int64_t total = 0;
    std::string go_live;
    while (rows.step()) {
        const std::int64_t n = rows.integer(2);
        const std::string iro = rows.text(1).empty() ? "(no IRO allocated)" : rows.text(1);
        by_kind[rows.text(0)] = by_kind.value(rows.text(0), std::int64_t{0}) + n;
        by_iro[iro] = by_iro.value(iro, std::int64_t{0}) + n;
        total += n;
        go_live = rows.text(3);
    }
    if (total == 0) {
        return nullptr;
    }
    db.prepare("UPDATE go_live_backlog SET reported_in = ? WHERE reported_in IS NULL")
        .bind(1, tick_id)
        .run();
    return {{"go_live", go_live}, {"prompts", total}, {"by_kind", by_kind}, {"by_iro", by_iro}};
}

}  // namespace iro::prompts
