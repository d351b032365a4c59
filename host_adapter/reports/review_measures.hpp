#pragma once
// The review measures of the IRO annual report, for any financial year or quarter:
//   - children looked after: children in a period of care reviewable under reg. 33 (not short
//     breaks only) on at least one day of the period;
//   - reviews held in the period, and the share held by their statutory due date;
//   - children whose reviews were all on time: of the children with a review held in the period
//     or a review overdue at its end, those with every review in the period held by its due date
//     and none overdue at the end;
//   - participation by PN code, with "attended" (PN1-PN4) and "views conveyed" (PN1-PN6) as
//     shares of the reviews of children aged 4 or over (every code but PN0; blank codes apart).
// A period still running on the "as of" day is measured up to that day.

#include <map>
#include <string>
#include <vector>

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/services.hpp"
#include "reports/financial_periods.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

/// What the measures need of one child.
struct ChildHistory {
    std::vector<plugin::Episode> episodes;
    std::vector<plugin::Review> reviews;
};

struct ReviewMeasures {
    ReportPeriod period;
    plugin::Date measured_to;  ///< the period's end, or the "as of" day when earlier
    int children_looked_after = 0;
    int reviews_held = 0;
    int reviews_on_time = 0;
    int children_reviewed = 0;  ///< with a review held in the period or overdue at its end
    int children_all_on_time = 0;
    int children_overdue = 0;                  ///< with a review overdue at the end of the period
    std::map<std::string, int> participation;  ///< "PN0".."PN7", "" for blank
    int aged_4_plus = 0;                       ///< reviews coded PN1-PN7
    int attended = 0;                          ///< PN1-PN4
    int views_conveyed = 0;                    ///< PN1-PN6
};

/// Every child's episodes and reviews, by child id.
std::map<std::string, ChildHistory> load_histories(store::Database& db);

/// The measures of `period` as of `as_of`.
ReviewMeasures measure_reviews(const std::map<std::string, ChildHistory>& children,
                               const ReportPeriod& period,
                               const plugin::WorkingDayCalendar& calendar, plugin::Date as_of);

/// `part` as a percentage of `whole`, one decimal place; 0 when `whole` is 0.
double percent(int part, int whole);

}  // namespace iro::reports
