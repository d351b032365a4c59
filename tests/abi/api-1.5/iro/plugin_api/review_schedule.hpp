#pragma once
// Part of the plugin SDK, shared by the host and modules so both count the same days.
// The statutory review timetable of the Care Planning, Placement and Case Review (England)
// Regulations 2010 and the IRO Handbook:
//   - reg. 33(1)-(3): first review within 20 working days of the day the child became looked
//     after; second no more than 3 months after the first; later reviews no more than 6 months
//     after the previous one;
//   - reg. 33(4): a review held early (a significant change) restarts the clock from the day it
//     was held; a new period of care starts the sequence again;
//   - reg. 48: a child looked after only by way of short breaks (903 legal status V3/V4) is
//     reviewed on a modified timetable: first within 3 months of the start of the first short
//     break, then no more than 6 months apart.
// Working days are the regulations' own (reg. 2(1)): not a Saturday, Sunday, Christmas Day,
// Good Friday or a bank holiday in England. A council's closure days never move these dates:
// pass the statutory calendar.
// Everything is computed "as of" a chosen day: later episodes and reviews are not seen.
//
// compute_review_timetable (API 1.5) is the timetable; compute_review_schedule is API 1.4's,
// kept unchanged for modules built against it: it does not know a period whose start is not in
// the records, and does not time short breaks.

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

/// How a period of care's first day is known (1.5).
enum class PeriodStart {
    entered_care,  ///< its first episode is an RNE S episode: the child became looked after then
    /// its first episode held is a change (RNE L, P, T, U, B): the first row of an annual return,
    /// say. When the child became looked after is not in the records.
    unknown,
};

/// Which timetable a period's reviews follow (1.5).
enum class ReviewRegime {
    care_plan,     ///< reg. 33
    short_breaks,  ///< reg. 48: a run of short breaks (V3/V4) and nothing else
    none,          ///< short breaks, with reg. 48 timing switched off
};

/// A review held, timed against the regulations where that can be known (1.5).
struct TimedReview {
    std::string review_id;
    /// 1 for the first review of the period, 2 for the second...; nullopt when the period's start
    /// is unknown, so the reviews before those held are unknown too.
    std::optional<int> number;
    plugin::Date held_on;
    /// The day it was due by; nullopt when that cannot be known: the first review seen in a
    /// period whose start is unknown. Such a review is neither on time nor late.
    std::optional<plugin::Date> due_by;
    bool on_time = false;  ///< held on or before due_by; false when due_by is unknown
};

/// A period of care, or a run of short breaks, with its reviews (1.5).
struct TimedPeriod {
    plugin::Date start;
    std::optional<plugin::Date> end;  ///< absent while it goes on
    PeriodStart start_known = PeriodStart::entered_care;
    ReviewRegime regime = ReviewRegime::care_plan;
    /// The day the timetable runs from: under reg. 33 the first day under a legal status other
    /// than a short break; under reg. 48 the start of the first short break.
    plugin::Date timed_from;
    std::vector<TimedReview> reviews;
    /// When the review after the last one held falls due (for a period that has ended, the one
    /// outstanding when it did: missed when it is before the end); nullopt when it cannot be
    /// known (an unknown start and no review held).
    std::optional<plugin::Date> next_due;
};

/// Every period of a child's care, as of a day (1.5).
struct ReviewTimetable {
    std::vector<TimedPeriod> periods;
    std::optional<plugin::Date> next_due;           ///< of the period going on on the "as of" day
    std::vector<std::string> reviews_outside_care;  ///< review ids held in no period
};

/// Choices the regulations leave to the council (1.5).
struct TimetableOptions {
    /// Time short breaks by reg. 48 (the default); off, they are not reviewed at all.
    bool short_breaks_reviewed = true;
};

/// The timetable of one child as of `as_of` (1.5). Episodes and reviews may come in any order;
/// cancelled reviews and reviews without a held date are ignored. A run of short breaks is one
/// period while each break starts within 6 months of the last one's end, and its reviews may be
/// held up to 6 months after a break (reg. 48's review interval: the arrangement, not each stay,
/// is reviewed, mostly while the child is at home).
IRO_API_VISIBLE ReviewTimetable compute_review_timetable(
    const std::vector<plugin::Episode>& episodes, const std::vector<plugin::Review>& reviews,
    const plugin::WorkingDayCalendar& calendar, plugin::Date as_of,
    const TimetableOptions& options = {});

}  // namespace iro::schedule
