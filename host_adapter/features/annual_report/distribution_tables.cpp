#include "annual_report/distribution_tables.hpp"

#include <fmt/format.h>

#include <string_view>

namespace iro::reports::annual {

namespace {

constexpr std::string_view kSource =
    "The case records: reviews held (SSDA903 Reviews, the SSD's reviews or review_held events), "
    "and the review_record_distributed and review_date_changed events the case-management system "
    "sends.";

using M = DistributionMeasures;

// The rows of one document: sent in time, late, overdue, not yet due, and the share in time.
// `name` heads a count row ("Decisions"), `plural` the share ("decisions").
void sent_rows(ReportTable& t, const std::vector<M>& periods, std::string_view name,
               std::string_view plural, int within, SentMeasures M::*document) {
    const auto of = [document](const M& m) -> const SentMeasures& { return m.*document; };
    t.rows.push_back(count_row(fmt::format("{} sent within {} working days", name, within), periods,
                               [&](const M& m) { return of(m).in_time; }));
    t.rows.push_back(count_row(fmt::format("{} sent later", name), periods,
                               [&](const M& m) { return of(m).late; }));
    t.rows.push_back(count_row(fmt::format("{} not recorded as sent, overdue", name), periods,
                               [&](const M& m) { return of(m).overdue; }));
    t.rows.push_back(count_row(fmt::format("{} not yet due", name), periods,
                               [&](const M& m) { return of(m).not_yet_due; }));
    t.rows.push_back(share_row(
        fmt::format("% of {} sent within {} working days", plural, within), periods,
        [&](const M& m) { return of(m).in_time; }, [&](const M& m) { return of(m).judged(); }));
}

ReportTable sent_table(const std::vector<M>& periods) {
    ReportTable t;
    t.title = "Review decisions and records sent";
    t.definition = fmt::format(
        "Reviews held in the period (not cancelled), and when their decisions and their full "
        "record were first sent to those involved in the child's care. The IRO Handbook (2010, "
        "ch. 4) asks for the decisions within {} working days of the review and the full record "
        "within {}; working days leave out weekends and bank holidays. Each review is judged by "
        "what had been sent by the last day measured, and a share is of the reviews whose "
        "document was sent, or was due, by then. A review held before the "
        "case-management system began to send these events counts as not recorded as sent.",
        kDecisionsWithinWorkingDays, kRecordWithinWorkingDays);
    t.source = std::string(kSource);
    t.row_heading = "Reviews held";
    t.columns = year_columns(periods_of(periods), {""});
    t.rows.push_back(count_row("Reviews held", periods, [](const M& m) { return m.reviews_held; }));
    sent_rows(t, periods, "Decisions", "decisions", kDecisionsWithinWorkingDays, &M::decisions);
    sent_rows(t, periods, "Record", "records", kRecordWithinWorkingDays, &M::record);
    t.chart = {Chart::columns, {}, t.rows.size() - 1};  // the share of records in time
    return t;
}

ReportTable date_changes_table(const std::vector<M>& periods) {
    ReportTable t;
    t.title = "Reviews stood down, rearranged or cancelled";
    t.definition =
        "Planned reviews that did not go ahead on their date, by the day the change was made: "
        "stood down by the IRO (the care plan, the child or the family not ready), rearranged "
        "(for example for availability), or cancelled (the child no longer looked after). The "
        "statutory due date of the review does not move with them. Reviews the extract marks "
        "cancelled are counted apart, by the day they were due.";
    t.source = std::string(kSource);
    t.row_heading = "Review dates changed";
    t.columns = year_columns(periods_of(periods), {""});
    auto all = count_row("Review dates changed", periods,
                         [](const M& m) { return m.stood_down + m.rearranged + m.cancelled; });
    all.total = true;
    t.rows = {count_row("Stood down", periods, [](const M& m) { return m.stood_down; }),
              count_row("Rearranged", periods, [](const M& m) { return m.rearranged; }),
              count_row("Cancelled", periods, [](const M& m) { return m.cancelled; }),
              std::move(all),
              count_row("Reviews marked cancelled in the extract", periods,
                        [](const M& m) { return m.cancelled_in_extract; })};
    return t;
}

}  // namespace

std::vector<ReportTable> distribution_tables(const std::vector<DistributionMeasures>& periods) {
    return {sent_table(periods), date_changes_table(periods)};
}

}  // namespace iro::reports::annual
