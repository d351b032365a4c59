#include "oversight_notes/oversight_measures.hpp"

namespace iro::reports {

namespace {

// Children in care on some day of [?1, ?2]; an episode's end date is its first day out of care.
constexpr std::string_view kLookedAfter =
    "SELECT DISTINCT child_id FROM episodes WHERE start_date <= ?2 AND (end_date IS NULL OR "
    "end_date > ?1)";
// Children in care on both the first and the last day.
constexpr std::string_view kThroughout =
    "SELECT child_id FROM episodes WHERE start_date <= ?1 AND (end_date IS NULL OR end_date > ?1) "
    "INTERSECT SELECT child_id FROM episodes WHERE start_date <= ?2 AND (end_date IS NULL OR "
    "end_date > ?2)";
// Children with an oversight note dated in the period (an amendment's date is its original's).
constexpr std::string_view kOverseen =
    "SELECT DISTINCT child_id FROM notes WHERE version = 1 AND occurred_on BETWEEN ?1 AND ?2";

int count(store::Database& db, const std::string& sql, const ReportPeriod& period) {
    auto stmt = db.prepare(sql);
    stmt.bind(1, plugin::to_iso(period.start)).bind(2, plugin::to_iso(period.end));
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

}  // namespace

OversightMeasures measure_oversight(store::Database& db, const ReportPeriod& period) {
    OversightMeasures m;
    m.period = period;
    const std::string looked_after(kLookedAfter);
    const std::string throughout(kThroughout);
    const std::string overseen(kOverseen);
    m.looked_after = count(db, "SELECT count(*) FROM (" + looked_after + ")", period);
    m.looked_after_with_oversight =
        count(db, "SELECT count(*) FROM (" + looked_after + " INTERSECT " + overseen + ")", period);
    m.looked_after_throughout = count(db, "SELECT count(*) FROM (" + throughout + ")", period);
    m.throughout_with_oversight =
        count(db, "SELECT count(*) FROM (" + throughout + " INTERSECT " + overseen + ")", period);
    auto kinds = db.prepare(
        "SELECT kind, count(*) FROM notes WHERE version = 1 AND occurred_on BETWEEN ?1 AND ?2 "
        "GROUP BY kind ORDER BY kind");
    kinds.bind(1, plugin::to_iso(period.start)).bind(2, plugin::to_iso(period.end));
    while (kinds.step()) {
        const int n = static_cast<int>(kinds.integer(1));
        m.notes_by_kind[kinds.text(0)] = n;
        m.notes += n;
    }
    // A rating amended since counts as amended: the latest version of each RAG note dated in the
    // period (by its original's date, as above).
    auto ratings = db.prepare(
        "SELECT json_extract(n.body, '$.rating'), count(*) FROM notes n JOIN notes o ON "
        "o.note_id = n.root_id WHERE n.kind = 'rag' AND o.occurred_on BETWEEN ?1 AND ?2 AND "
        "n.version = (SELECT max(version) FROM notes l WHERE l.root_id = n.root_id) GROUP BY 1");
    ratings.bind(1, plugin::to_iso(period.start)).bind(2, plugin::to_iso(period.end));
    while (ratings.step()) {
        m.rag_ratings[ratings.text(0)] = static_cast<int>(ratings.integer(1));
    }
    return m;
}

}  // namespace iro::reports
