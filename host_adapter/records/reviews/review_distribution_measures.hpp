#pragma once
// How promptly the reviews held in a period had their decisions and full record sent
// (review_record_distributed events), and the planned reviews whose date changed in it
// (review_date_changed events). The IRO Handbook (2010, ch. 4) asks for the decisions within
// 5 working days of the review and the full record within 20; York publishes the share of records
// sent within 20 working days, Cheshire East the share of outcomes within 5.

#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

/// The Handbook's timescales, in working days after the review.
inline constexpr int kDecisionsWithinWorkingDays = 5;
inline constexpr int kRecordWithinWorkingDays = 20;

/// One document's timeliness over the reviews held in a period.
struct SentMeasures {
    int in_time = 0;      ///< sent by the due day
    int late = 0;         ///< sent after it
    int overdue = 0;      ///< not recorded as sent by the day measured, and due before it
    int not_yet_due = 0;  ///< not recorded as sent, and not due by the day measured
    /// The reviews whose document is judged: sent, or due by the day measured.
    int judged() const { return in_time + late + overdue; }
};

struct DistributionMeasures {
    ReportPeriod period;
    int reviews_held = 0;    ///< reviews held in the period (not cancelled)
    SentMeasures decisions;  ///< the review's decisions, within 5 working days
    SentMeasures record;     ///< the full record, within 20 working days
    int stood_down = 0;      ///< review date changes made in the period, by kind
    int rearranged = 0;
    int cancelled = 0;
    int cancelled_in_extract = 0;  ///< reviews the extract marks cancelled, due in the period
};

/// The measures of `period`. The reviews held in it are judged by what was sent by `as_of` (a
/// record sent in April for a review of March counts for March); `calendar` counts the working
/// days (the regulations': weekends and bank holidays).
DistributionMeasures measure_distribution(store::Database& db, const ReportPeriod& period,
                                          const plugin::WorkingDayCalendar& calendar,
                                          plugin::Date as_of);

}  // namespace iro::reports
