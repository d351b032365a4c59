#include "iro/plugin_api/review_schedule.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

namespace iro::schedule {

namespace {

using plugin::Date;
constexpr int kFirstReviewWorkingDays = 20;
constexpr int kSecondReviewMonths = 3;
constexpr int kLaterReviewMonths = 6;

bool short_break(const std::string& legal_status) {
    return legal_status == "V3" || legal_status == "V4";
}

// A run of episodes with no gap between them, with what the timetables need to know of it.
struct Stay {
    Date start;
    std::optional<Date> end;
    bool entered = false;                 // its first episode is RNE S
    std::optional<Date> first_full_care;  // first day under a status other than a short break
};

// Groups the episodes started by `as_of` into stays: an episode that begins on or before the day
// the previous one ended continues the stay, unless it is marked as a new start (RNE "S"). Works
// on pointers: a daily tick runs this for every child, and copying their records to sort them
// cost more than the rest.
std::vector<Stay> stays_of(const std::vector<plugin::Episode>& all, Date as_of) {
    std::vector<const plugin::Episode*> episodes;
    episodes.reserve(all.size());
    for (const auto& e : all) {
        episodes.push_back(&e);
    }
    std::sort(episodes.begin(), episodes.end(),
              [](const auto* a, const auto* b) { return a->start < b->start; });
    std::vector<Stay> stays;
    bool open_ended = false;
    for (const plugin::Episode* episode : episodes) {
        const plugin::Episode& e = *episode;
        if (e.start > as_of) {
            break;
        }
        const std::optional<Date> end = e.end && *e.end <= as_of ? e.end : std::nullopt;
        const bool continues = !stays.empty() && e.reason_new_episode != "S" &&
                               (open_ended || (stays.back().end && *stays.back().end >= e.start));
        if (!continues) {
            stays.push_back(Stay{e.start, std::nullopt, e.reason_new_episode == "S", std::nullopt});
        }
        Stay& stay = stays.back();
        if (!stay.first_full_care && !short_break(e.legal_status)) {
            stay.first_full_care = e.start;
        }
        open_ended = !end.has_value();
        stay.end = end;
    }
    return stays;
}

// The reviews held by `as_of`, not cancelled, in the order they were held.
std::vector<const plugin::Review*> held_reviews(const std::vector<plugin::Review>& reviews,
                                                Date as_of) {
    std::vector<const plugin::Review*> held;
    held.reserve(reviews.size());
    for (const auto& r : reviews) {
        if (!r.cancelled && r.held_on && *r.held_on <= as_of) {
            held.push_back(&r);
        }
    }
    std::sort(held.begin(), held.end(), [](const auto* a, const auto* b) {
        return std::tie(*a->held_on, a->id) < std::tie(*b->held_on, b->id);
    });
    return held;
}

// API 1.4's periods: one per stay, reviewable from its first day of full care.
std::vector<CarePeriod> periods_of(const std::vector<plugin::Episode>& all, Date as_of) {
    std::vector<CarePeriod> periods;
    for (const Stay& stay : stays_of(all, as_of)) {
        periods.push_back(CarePeriod{stay.start, stay.end, stay.first_full_care, {}, std::nullopt});
    }
    return periods;
}

}  // namespace

Date add_months(Date day, int months) {
    const std::chrono::year_month target =
        std::chrono::year_month{day.year(), day.month()} + std::chrono::months{months};
    const std::chrono::day last = std::chrono::year_month_day_last{
        target.year(),
        std::chrono::month_day_last{
            target.month()}}.day();
    return Date{target.year(), target.month(), std::min(day.day(), last)};
}

ReviewSchedule compute_review_schedule(const std::vector<plugin::Episode>& episodes,
                                       const std::vector<plugin::Review>& reviews,
                                       const plugin::WorkingDayCalendar& calendar, Date as_of) {
    ReviewSchedule schedule;
    schedule.periods = periods_of(episodes, as_of);

    const auto held = held_reviews(reviews, as_of);

    for (const plugin::Review* r : held) {
        const plugin::Review& review = *r;
        const Date day = *review.held_on;
        auto period = std::find_if(
            schedule.periods.begin(), schedule.periods.end(), [&](const CarePeriod& p) {
                return p.reviewable_from && *p.reviewable_from <= day && (!p.end || day <= *p.end);
            });
        if (period == schedule.periods.end()) {
            schedule.reviews_outside_care.push_back(review.id);
            continue;
        }
        period->reviews.push_back(
            {review.id, static_cast<int>(period->reviews.size()) + 1, day, day, false});
    }

    for (auto& period : schedule.periods) {
        if (!period.reviewable_from) {
            continue;  // short breaks only: no reg. 33 reviews
        }
        // Each review is due from the one before it (or from entry), so an early or late review
        // moves every later date.
        Date due = calendar.add_working_days(*period.reviewable_from, kFirstReviewWorkingDays);
        for (auto& review : period.reviews) {
            review.due_by = due;
            review.on_time = review.held_on <= due;
            due = add_months(review.held_on,
                             review.number == 1 ? kSecondReviewMonths : kLaterReviewMonths);
        }
        if (!period.end) {
            period.next_due = due;
            schedule.next_due = due;
        }
    }
    return schedule;
}

namespace {

// Periods from stays: a stay with full care is a period of care; successive stays of short
// breaks alone make one run while each starts within kLaterReviewMonths of the last one's end.
std::vector<TimedPeriod> periods_from(const std::vector<Stay>& stays,
                                      const TimetableOptions& options) {
    std::vector<TimedPeriod> periods;
    bool last_was_short_breaks = false;
    for (const Stay& stay : stays) {
        const bool short_breaks = !stay.first_full_care;
        if (short_breaks && last_was_short_breaks &&
            (!periods.back().end ||
             stay.start <= add_months(*periods.back().end, kLaterReviewMonths))) {
            periods.back().end = stay.end;
            continue;
        }
        TimedPeriod p;
        p.start = stay.start;
        p.end = stay.end;
        p.start_known = stay.entered ? PeriodStart::entered_care : PeriodStart::unknown;
        p.regime = !short_breaks                   ? ReviewRegime::care_plan
                   : options.short_breaks_reviewed ? ReviewRegime::short_breaks
                                                   : ReviewRegime::none;
        p.timed_from = stay.first_full_care.value_or(stay.start);
        periods.push_back(std::move(p));
        last_was_short_breaks = short_breaks;
    }
    return periods;
}

}  // namespace

ReviewTimetable compute_review_timetable(const std::vector<plugin::Episode>& episodes,
                                         const std::vector<plugin::Review>& reviews,
                                         const plugin::WorkingDayCalendar& calendar, Date as_of,
                                         const TimetableOptions& options) {
    ReviewTimetable timetable;
    timetable.periods = periods_from(stays_of(episodes, as_of), options);

    const auto held = held_reviews(reviews, as_of);
    for (const plugin::Review* review : held) {
        const Date day = *review->held_on;
        // A run of short breaks is reviewed between the breaks too: the arrangement goes on
        // while the child is at home.
        auto period = std::find_if(
            timetable.periods.begin(), timetable.periods.end(), [&](const TimedPeriod& p) {
                const bool breaks = p.regime == ReviewRegime::short_breaks;
                return p.regime != ReviewRegime::none && p.timed_from <= day &&
                       (!p.end ||
                        day <= (breaks ? add_months(*p.end, kLaterReviewMonths) : *p.end));
            });
        if (period == timetable.periods.end()) {
            timetable.reviews_outside_care.push_back(review->id);
            continue;
        }
        period->reviews.push_back({review->id, std::nullopt, day, std::nullopt, false});
    }

    for (auto& period : timetable.periods) {
        if (period.regime == ReviewRegime::none) {
            continue;
        }
        const bool known = period.start_known == PeriodStart::entered_care;
        const bool care_plan = period.regime == ReviewRegime::care_plan;
        // reg. 33(1)(a) / reg. 48: the first review's day; unknown with the start.
        std::optional<Date> due;
        if (known) {
            due = care_plan ? calendar.add_working_days(period.timed_from, kFirstReviewWorkingDays)
                            : add_months(period.timed_from, kSecondReviewMonths);
        }
        int number = 0;
        for (auto& review : period.reviews) {
            ++number;
            review.number = known ? std::optional<int>(number) : std::nullopt;
            review.due_by = due;
            review.on_time = due && review.held_on <= *due;
            // reg. 33(1)(b): 3 months after the first; (c), and reg. 48 throughout: 6 months.
            // Where the numbering is unknown, the longer interval: no review is called late on
            // an assumption.
            const bool first_under_33 = care_plan && known && number == 1;
            due = add_months(review.held_on,
                             first_under_33 ? kSecondReviewMonths : kLaterReviewMonths);
        }
        period.next_due = due;
        if (!period.end) {
            timetable.next_due = due;
        }
    }
    return timetable;
}

}  // namespace iro::schedule
