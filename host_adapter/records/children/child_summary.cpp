#include "children/child_summary.hpp"

namespace iro::records {

ChildSummary child_summary(store::Database& db, std::string_view child_id, plugin::Date day) {
    const auto on = plugin::to_iso(day);
    ChildSummary summary;
    auto episode = db.prepare(
        "SELECT legal_status, placement, start_date FROM episodes WHERE child_id = ?1 AND "
        "start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2) ORDER BY start_date DESC "
        "LIMIT 1");
    episode.bind(1, child_id).bind(2, on);
    if (episode.step()) {
        summary.legal_status = episode.text(0);
        summary.placement = episode.text(1);
        summary.episode_since = plugin::parse_iso_date(episode.text(2));
    }
    auto workers = db.prepare(
        "SELECT a.role, a.worker_id, coalesce(w.name, ''), coalesce(w.job_title, ''), "
        "coalesce(nullif(t.name, ''), a.team_id), a.start_date, coalesce(w.email, ''), "
        "coalesce(w.phone, '') FROM allocations a "
        "LEFT JOIN workers w ON w.worker_id = a.worker_id "
        "LEFT JOIN teams t ON t.team_id = a.team_id "
        "WHERE a.child_id = ?1 AND a.start_date <= ?2 AND (a.end_date IS NULL OR a.end_date >= ?2) "
        "ORDER BY CASE a.role WHEN 'iro' THEN 0 WHEN 'social_worker' THEN 1 ELSE 2 END, "
        "a.start_date, a.worker_id");
    workers.bind(1, child_id).bind(2, on);
    while (workers.step()) {
        summary.professionals.push_back(
            {workers.text(0), workers.text(1), workers.text(2), workers.text(3), workers.text(4),
             plugin::parse_iso_date(workers.text(5)).value_or(plugin::Date{}), workers.text(6),
             workers.text(7)});
    }
    return summary;
}

}  // namespace iro::records
