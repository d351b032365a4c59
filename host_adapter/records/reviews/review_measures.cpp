#include "reviews/review_measures.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "iro/plugin_api/review_schedule.hpp"

namespace iro::reports {

using plugin::Date;

namespace {

Date required_date(const std::string& text) {
    const auto day = plugin::parse_iso_date(text);
    if (!day) {
        throw std::runtime_error("the store holds a malformed date '" + text + "'");
    }
    return *day;
}

std::optional<Date> optional_date(const std::optional<std::string>& text) {
    return text ? std::optional<Date>(required_date(*text)) : std::nullopt;
}

bool in(Date day, const ReportPeriod& p, Date to) {
    return p.start <= day && day <= to;
}

}  // namespace

std::map<std::string, ChildHistory> load_histories(store::Database& db) {
    std::map<std::string, ChildHistory> children;
    auto episodes = db.prepare(
        "SELECT child_id, start_date, end_date, reason_new_episode, legal_status, placement, "
        "reason_ceased FROM episodes");
    while (episodes.step()) {
        const std::string child = episodes.text(0);
        children[child].episodes.push_back(
            {child, required_date(episodes.text(1)), optional_date(episodes.optional_text(2)),
             episodes.text(3), episodes.text(4), episodes.text(5), episodes.text(6)});
    }
    auto reviews = db.prepare(
        "SELECT review_id, child_id, held_on, due_on, participation, cancelled FROM reviews");
    while (reviews.step()) {
        const std::string child = reviews.text(1);
        children[child].reviews.push_back(
            {reviews.text(0), child, optional_date(reviews.optional_text(2)),
             optional_date(reviews.optional_text(3)), reviews.text(4), reviews.integer(5) != 0});
    }
    return children;
}

std::optional<Cohort> cohort_from_string(const std::string& name) {
    if (name == "year") {
        return Cohort::year;
    }
    if (name == "ni66") {
        return Cohort::ni66;
    }
    return std::nullopt;
}

namespace {

// What one period of care contributes to the measures of a reporting period [from, to].
struct PeriodFlags {
    bool due = false;   // a review due in the reporting period, with its date known
    bool late = false;  // one held late, or one missed or overdue
    bool missed_then_left = false;
    bool overdue = false;  // overdue at `to`
};

PeriodFlags flags_of(const schedule::TimedPeriod& p, Date from, Date to) {
    PeriodFlags f;
    for (const auto& r : p.reviews) {
        if (!r.due_by) {
            continue;
        }
        // Held in the period, or held before it for a due date inside it.
        if (in(r.held_on, {"", from, to}, to) || (r.held_on < from && *r.due_by >= from)) {
            f.due = true;
            f.late |= !r.on_time;
        }
    }
    // The review after the last one held: missed if it fell due before the child left, overdue
    // if it is past due at the end of the reporting period.
    const Date last_day = p.end ? *p.end : to;
    if (p.next_due && *p.next_due < last_day) {
        f.due = true;
        f.late = true;
        f.missed_then_left = p.end.has_value();
        f.overdue = !p.end;
    }
    return f;
}

void count_participation(const std::string& code, ReviewMeasures& m) {
    ++m.participation[code];
    const int n = code.size() == 3 && code.rfind("PN", 0) == 0 ? code[2] - '0' : -1;
    m.aged_4_plus += n >= 1 && n <= 7 ? 1 : 0;
    m.attended += n >= 1 && n <= 4 ? 1 : 0;
    m.views_conveyed += n >= 1 && n <= 6 && n != 4 ? 1 : 0;  // PN4: attends, views not conveyed
    m.contributed += n >= 1 && n <= 6 ? 1 : 0;
}

bool whole_year(const ReportPeriod& p) {
    return p.start.month() == std::chrono::April && p.start.day() == std::chrono::day{1} &&
           p.end == Date{std::chrono::sys_days{Date{p.start.year() + std::chrono::years{1},
                                                    p.start.month(), p.start.day()}} -
                         std::chrono::days{1}};
}

}  // namespace

ReviewMeasures measure_reviews(const std::map<std::string, ChildHistory>& children,
                               const ReportPeriod& period,
                               const plugin::WorkingDayCalendar& calendar, Date as_of,
                               const MeasureOptions& options) {
    if (options.cohort == Cohort::ni66 && !whole_year(period)) {
        throw std::invalid_argument(
            "NI 66 counts the children looked after at 31 March: ask for "
            "a whole financial year, not " +
            period.label);
    }
    ReviewMeasures m;
    m.period = period;
    m.cohort = options.cohort;
    m.measured_to = std::min(period.end, as_of);
    if (m.measured_to < period.start) {
        return m;  // the period has not begun
    }
    const Date from = period.start;
    const Date to = m.measured_to;
    // NI 66: looked after at the end of the year, continuously for at least 4 weeks.
    const Date ni66_started_by{std::chrono::sys_days{to} - std::chrono::days{28}};
    for (const auto& [id, child] : children) {
        const auto timetable = schedule::compute_review_timetable(
            child.episodes, child.reviews, calendar, to, {options.short_breaks_reviewed});
        bool looked_after = false;
        bool short_breaks = false;
        bool any_held = false;
        bool untimed = false;
        PeriodFlags cohort;
        bool in_cohort_scope = options.cohort == Cohort::year;
        for (const auto& p : timetable.periods) {
            if (p.timed_from > to || (p.end && *p.end < from)) {
                continue;  // not in the reporting period
            }
            if (p.regime == schedule::ReviewRegime::short_breaks) {
                short_breaks = true;
                for (const auto& r : p.reviews) {
                    if (in(r.held_on, period, to)) {
                        ++m.short_break_reviews_held;
                        m.short_break_reviews_timed += r.due_by ? 1 : 0;
                        m.short_break_reviews_on_time += r.due_by && r.on_time ? 1 : 0;
                    }
                }
                continue;
            }
            if (p.regime != schedule::ReviewRegime::care_plan) {
                continue;
            }
            looked_after = true;
            untimed |= !p.next_due;
            for (const auto& r : p.reviews) {
                if (!in(r.held_on, period, to)) {
                    continue;
                }
                any_held = true;
                ++m.reviews_held;
                m.reviews_timed += r.due_by ? 1 : 0;
                m.reviews_on_time += r.due_by && r.on_time ? 1 : 0;
                const auto review =
                    std::find_if(child.reviews.begin(), child.reviews.end(),
                                 [&](const auto& x) { return x.id == r.review_id; });
                count_participation(review->participation, m);
            }
            const bool counts =
                options.cohort == Cohort::year || (!p.end && p.start <= ni66_started_by);
            if (!counts) {
                continue;
            }
            in_cohort_scope = true;
            const auto f = flags_of(p, from, to);
            cohort.due |= f.due;
            cohort.late |= f.late;
            cohort.missed_then_left |= f.missed_then_left;
            cohort.overdue |= f.overdue;
        }
        m.children_looked_after += looked_after ? 1 : 0;
        m.short_break_children += short_breaks ? 1 : 0;
        m.children_with_review_held += any_held ? 1 : 0;
        m.children_overdue += cohort.overdue ? 1 : 0;
        if (in_cohort_scope && cohort.due) {
            ++m.children_in_cohort;
            m.children_all_on_time += cohort.late ? 0 : 1;
            m.children_missed_then_left += cohort.missed_then_left ? 1 : 0;
        } else if (looked_after && in_cohort_scope && untimed) {
            ++m.children_timing_unknown;
        }
    }
    return m;
}

double percent(int part, int whole) {
    return whole == 0 ? 0.0 : std::round(1000.0 * part / whole) / 10.0;
}

}  // namespace iro::reports
