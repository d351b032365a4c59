#pragma once
// Part of the plugin SDK, shared by the host and modules so both count the same days.
// The statutory review schedule (Care Planning, Placement and Case Review (England) Regulations
// 2010, reg. 33; IRO Handbook):
//   - first review within 20 working days of the start of a period of care;
//   - second review no more than 3 months after the first;
//   - later reviews no more than 6 months after the previous one;
//   - a review held early (a significant change) restarts the clock from the day it was held;
//   - a new period of care starts the sequence again;
//   - short-break care (903 legal status V3/V4) is not reviewed under reg. 33.
// Everything is computed "as of" a chosen day: later episodes and reviews are not seen.

#include <optional>
#include <string>
#include <vector>

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/export.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::schedule {

/// One review held in a period of care, with the date it was due by.
struct ScheduledReview {
    std::string review_id;
    int number = 0;  ///< 1 for the first review of the period, 2 for the second, ...
    plugin::Date held_on;
    plugin::Date due_by;
    bool on_time = false;  ///< held on or before due_by
};

/// A period of care: consecutive episodes with no gap, from entry to leaving care.
struct CarePeriod {
    plugin::Date start;
    std::optional<plugin::Date> end;  ///< absent while the child is still looked after
    /// First day under a legal status reviewed under reg. 33; absent for short breaks only.
    std::optional<plugin::Date> reviewable_from;
    std::vector<ScheduledReview> reviews;
    /// When the next review is due, for a period still open on the "as of" day.
    std::optional<plugin::Date> next_due;
};

struct ReviewSchedule {
    std::vector<CarePeriod> periods;
    std::optional<plugin::Date> next_due;  ///< of the period open on the "as of" day, if any
    std::vector<std::string> reviews_outside_care;  ///< review ids held in no reviewable period
};

/// `day` plus `months` calendar months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb).
IRO_API_VISIBLE plugin::Date add_months(plugin::Date day, int months);

/// The schedule of one child as of `as_of`. Episodes and reviews may come in any order; cancelled
/// reviews and reviews without a held date are ignored.
IRO_API_VISIBLE ReviewSchedule compute_review_schedule(const std::vector<plugin::Episode>& episodes,
                                                       const std::vector<plugin::Review>& reviews,
                                                       const plugin::WorkingDayCalendar& calendar,
                                                       plugin::Date as_of);

}  // namespace iro::schedule
