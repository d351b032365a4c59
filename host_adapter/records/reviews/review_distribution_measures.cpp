#include "reviews/review_distribution_measures.hpp"

#include <optional>

#include "store/date_columns.hpp"

namespace iro::reports {

namespace {

void judge(SentMeasures& m, plugin::Date held, const std::optional<plugin::Date>& sent, int within,
           plugin::Date as_of, const plugin::WorkingDayCalendar& calendar) {
    const plugin::Date due = calendar.add_working_days(held, within);
    // A document sent after the day measured was not sent by then.
    if (sent && *sent <= as_of) {
        ++(*sent <= due ? m.in_time : m.late);
    } else {
        ++(due < as_of ? m.overdue : m.not_yet_due);
    }
}

}  // namespace

DistributionMeasures measure_distribution(store::Database& db, const ReportPeriod& period,
                                          const plugin::WorkingDayCalendar& calendar,
                                          plugin::Date as_of) {
    DistributionMeasures m;
    m.period = period;
    const std::string from = plugin::to_iso(period.start);
    const std::string to = plugin::to_iso(period.end);
    // One row per review held: the first day each document was sent (the table keeps it).
    auto held = db.prepare(
        "SELECT r.held_on, (SELECT sent_on FROM review_distributions d WHERE d.child_id = "
        "r.child_id AND d.held_on = r.held_on AND d.document = 'decisions'), (SELECT sent_on FROM "
        "review_distributions d WHERE d.child_id = r.child_id AND d.held_on = r.held_on AND "
        "d.document = 'record') FROM reviews r WHERE r.cancelled = 0 AND r.held_on BETWEEN ? AND "
        "?");
    held.bind(1, from).bind(2, to);
    while (held.step()) {
        const auto on = store::date_column(held, 0, "reviews");
        ++m.reviews_held;
        judge(m.decisions, on, store::optional_date_column(held, 1, "review_distributions"),
              kDecisionsWithinWorkingDays, as_of, calendar);
        judge(m.record, on, store::optional_date_column(held, 2, "review_distributions"),
              kRecordWithinWorkingDays, as_of, calendar);
    }
    auto changes = db.prepare(
        "SELECT change, count(*) FROM review_date_changes WHERE changed_on BETWEEN ? AND ? GROUP "
        "BY change");
    changes.bind(1, from).bind(2, to);
    while (changes.step()) {
        const std::string change = changes.text(0);
        const int n = static_cast<int>(changes.integer(1));
        (change == "stood_down"   ? m.stood_down
         : change == "rearranged" ? m.rearranged
                                  : m.cancelled) += n;
    }
    auto cancelled =
        db.prepare("SELECT count(*) FROM reviews WHERE cancelled = 1 AND due_on BETWEEN ? AND ?");
    cancelled.bind(1, from).bind(2, to);
    cancelled.step();
    m.cancelled_in_extract = static_cast<int>(cancelled.integer(0));
    return m;
}

}  // namespace iro::reports
