#pragma once
// York's mid-point measures for a financial year (DOMAIN.md section 3): review cycles with a
// recorded mid-point (target over 80%), children allocated to an IRO for more than 3 months with
// one (target 100%), first-review mid-points within 6 weeks; and the prompts open now, by IRO and
// team. A mid-point is an oversight note of kind "midpoint" (latest version).

#include <string>
#include <vector>

#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

/// Open prompts of the children one IRO holds in one social work team.
struct OpenPrompts {
    std::string iro_id;   ///< "" when the child has no IRO now
    std::string team_id;  ///< the team of the child's social worker now
    int open = 0;
    int overdue = 0;
};

struct MidpointMeasures {
    ReportPeriod period;
    int cycles = 0;  ///< from one review to the next, the later held in the year
    int cycles_with_midpoint = 0;
    int allocated_over_3_months = 0;  ///< with one IRO for more than 3 months, within the year
    int allocated_with_midpoint = 0;  ///< ... and a mid-point dated in the year in that time
    int first_reviews = 0;            ///< first reviews of a period of care held in the year
    int first_midpoint_in_time = 0;   ///< ... with a mid-point within `first_weeks` after
    int first_weeks = 6;
    std::vector<OpenPrompts> open_prompts;  ///< every module's, now; by IRO then team
};

/// Measures the year from the store's case records, notes and prompts.
MidpointMeasures measure_midpoints(store::Database& db, const ReportPeriod& year,
                                   const plugin::WorkingDayCalendar& calendar, int first_weeks);

}  // namespace iro::reports
