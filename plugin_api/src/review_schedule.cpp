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

// Groups the episodes started by `as_of` into periods of care. An episode that begins on the day
// the previous one ended continues the period, unless it is marked as a new start (RNE "S").
// Works on pointers: a daily tick runs this for every child, and copying their records to sort
// them cost more than the rest.
std::vector<CarePeriod> periods_of(const std::vector<plugin::Episode>& all, Date as_of) {
    std::vector<const plugin::Episode*> episodes;
    episodes.reserve(all.size());
    for (const auto& e : all) {
        episodes.push_back(&e);
    }
    std::sort(episodes.begin(), episodes.end(),
              [](const auto* a, const auto* b) { return a->start < b->start; });
    std::vector<CarePeriod> periods;
    std::optional<Date> open_until;  // end of the last episode of the current period
    bool open_ended = false;
    for (const plugin::Episode* episode : episodes) {
        const plugin::Episode& e = *episode;
        if (e.start > as_of) {
            break;
        }
        // An end after the "as of" day is not known yet.
        const std::optional<Date> end = e.end && *e.end <= as_of ? e.end : std::nullopt;
        const bool continues = !periods.empty() && e.reason_new_episode != "S" &&
                               (open_ended || (open_until && *open_until >= e.start));
        if (!continues) {
            periods.push_back(CarePeriod{e.start, std::nullopt, std::nullopt, {}, std::nullopt});
        }
        CarePeriod& period = periods.back();
        if (!period.reviewable_from && !short_break(e.legal_status)) {
            period.reviewable_from = e.start;
        }
        open_ended = !end.has_value();
        open_until = end;
        period.end = end;
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

}  // namespace iro::schedule
