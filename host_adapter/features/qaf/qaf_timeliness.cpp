#include "qaf/qaf_timeliness.hpp"

namespace iro::reports {

QafTimeliness measure_qaf_timeliness(store::Database& db, std::string_view questionnaire,
                                     const ReportPeriod& period) {
    // A response names the review by the CMS's id; a review learnt from an event is stored with
    // "event:" before it.
    auto stmt = db.prepare(
        "WITH first_qaf AS (SELECT review_id, min(completed_on) AS completed_on FROM "
        "questionnaire_responses WHERE questionnaire = ?1 AND amends IS NULL AND review_id <> '' "
        "GROUP BY review_id) "
        "SELECT count(*), count(q.completed_on), coalesce(sum(q.completed_on <= date(r.held_on, "
        "'+1 day')), 0) FROM reviews r LEFT JOIN first_qaf q ON q.review_id = r.review_id OR "
        "'event:' || q.review_id = r.review_id WHERE r.cancelled = 0 AND r.held_on BETWEEN ?2 "
        "AND ?3");
    stmt.bind(1, questionnaire)
        .bind(2, plugin::to_iso(period.start))
        .bind(3, plugin::to_iso(period.end));
    stmt.step();
    return {static_cast<int>(stmt.integer(0)), static_cast<int>(stmt.integer(1)),
            static_cast<int>(stmt.integer(2))};
}

}  // namespace iro::reports
