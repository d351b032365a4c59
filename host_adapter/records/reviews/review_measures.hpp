#pragma once
// The review measures of the IRO annual report, for any financial year or quarter, each with its
// definition (docs/reports.md, "Review measures"):
//   - children looked after: children in a period of care reviewed under reg. 33 on at least one
//     day of the period; children on short breaks (reg. 48) are counted apart;
//   - reviews held in the period, and of those whose due date is known, the share held by it (a
//     review in a period of care whose start is not in the records has no known due date);
//   - children whose reviews were all on time, by one of two definitions (Cohort):
//       year: every child looked after in the period with a review due in it: a review held in
//             it whose due date is known, or a due date in it that passed while the child was
//             still looked after (so a child who left care with a review already missed counts,
//             and not on time);
//       ni66: the former national indicator NI 66: children looked after at the end of the year
//             who had been looked after continuously for at least 4 weeks, with every review due
//             in the year held on time;
//   - participation by PN code, with the DfE's groupings as shares of the reviews of children
//     aged 4 or over (PN1-PN7): attended (PN1-PN4) and views conveyed (PN1-PN3, PN5, PN6); York's
//     "contributed" (PN1-PN6) on request.
// A period still running on the "as of" day is measured up to that day.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

/// What the measures need of one child.
struct ChildHistory {
    std::vector<plugin::Episode> episodes;
    std::vector<plugin::Review> reviews;
};

/// Which children "children whose reviews were all on time" is about.
enum class Cohort { year, ni66 };

/// The cohort `name` ("year", "ni66") names, or nullopt.
std::optional<Cohort> cohort_from_string(const std::string& name);

struct MeasureOptions {
    Cohort cohort = Cohort::year;
    bool short_breaks_reviewed = true;  ///< reg. 48 timing for short breaks
};

struct ReviewMeasures {
    ReportPeriod period;
    Cohort cohort = Cohort::year;
    plugin::Date measured_to;  ///< the period's end, or the "as of" day when earlier
    int children_looked_after = 0;
    int reviews_held = 0;   ///< reg. 33 reviews held in the period
    int reviews_timed = 0;  ///< of them, with a known due date
    int reviews_on_time = 0;
    int children_with_review_held = 0;
    int children_in_cohort = 0;  ///< the denominator of children_all_on_time
    int children_all_on_time = 0;
    int children_missed_then_left = 0;  ///< in the cohort, left care with a review missed
    int children_overdue = 0;           ///< with a review overdue at the end of the period
    /// Looked after in the period, but the start of care is not in the records and no review
    /// held since: their timeliness cannot be known, so they are in no cohort.
    int children_timing_unknown = 0;
    int short_break_children = 0;  ///< on short breaks reviewed under reg. 48
    int short_break_reviews_held = 0;
    int short_break_reviews_timed = 0;
    int short_break_reviews_on_time = 0;
    std::map<std::string, int> participation;  ///< "PN0".."PN7", "" for blank
    int aged_4_plus = 0;                       ///< reviews coded PN1-PN7
    int attended = 0;                          ///< PN1-PN4
    int views_conveyed = 0;                    ///< PN1-PN3, PN5, PN6
    int contributed = 0;                       ///< PN1-PN6 (York)
};

/// Every child's episodes and reviews, by child id.
std::map<std::string, ChildHistory> load_histories(store::Database& db);

/// The measures of `period` as of `as_of`. `calendar` is the statutory one. Throws
/// std::invalid_argument for the NI 66 cohort of a period other than a whole year.
ReviewMeasures measure_reviews(const std::map<std::string, ChildHistory>& children,
                               const ReportPeriod& period,
                               const plugin::WorkingDayCalendar& calendar, plugin::Date as_of,
                               const MeasureOptions& options = {});

/// `part` as a percentage of `whole`, one decimal place; 0 when `whole` is 0.
double percent(int part, int whole);

}  // namespace iro::reports
