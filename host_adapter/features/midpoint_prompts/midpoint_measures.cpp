#include "midpoint_prompts/midpoint_measures.hpp"

#include <algorithm>
#include <map>

#include "iro/plugin_api/review_schedule.hpp"
#include "midpoint_prompts/prompt_store.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports {

namespace {

using plugin::Date;

Date plus_days(Date day, int days) {
    return Date{std::chrono::sys_days{day} + std::chrono::days{days}};
}

// Mid-point days by child, sorted.
std::map<std::string, std::vector<Date>> midpoint_days(store::Database& db) {
    std::map<std::string, std::vector<Date>> days;
    auto s = db.prepare(
        "SELECT child_id, occurred_on FROM notes n WHERE kind = 'midpoint' AND version = "
        "(SELECT max(version) FROM notes m WHERE m.root_id = n.root_id) ORDER BY child_id, "
        "occurred_on");
    while (s.step()) {
        if (const auto day = plugin::parse_iso_date(s.text(1))) {
            days[s.text(0)].push_back(*day);
        }
    }
    return days;
}

bool any_in(const std::vector<Date>& days, Date after, Date up_to) {
    return std::any_of(days.begin(), days.end(), [&](Date d) { return d > after && d <= up_to; });
}

}  // namespace

MidpointMeasures measure_midpoints(store::Database& db, const ReportPeriod& year,
                                   const plugin::WorkingDayCalendar& calendar, int first_weeks) {
    MidpointMeasures m;
    m.period = year;
    m.first_weeks = first_weeks;
    const auto midpoints = midpoint_days(db);
    const std::vector<Date> none;
    const auto days_of = [&](const std::string& child) -> const std::vector<Date>& {
        const auto it = midpoints.find(child);
        return it == midpoints.end() ? none : it->second;
    };

    for (const auto& [child, history] : load_histories(db)) {
        const auto schedule = schedule::compute_review_timetable(history.episodes, history.reviews,
                                                                 calendar, year.end);
        const auto& days = days_of(child);
        for (const auto& period : schedule.periods) {
            for (std::size_t i = 0; i < period.reviews.size(); ++i) {
                const auto& r = period.reviews[i];
                if (r.held_on < year.start || r.held_on > year.end) {
                    continue;
                }
                if (i > 0) {
                    ++m.cycles;
                    m.cycles_with_midpoint +=
                        any_in(days, period.reviews[i - 1].held_on, r.held_on);
                }
                if (r.number == 1) {
                    ++m.first_reviews;
                    m.first_midpoint_in_time +=
                        any_in(days, r.held_on, plus_days(r.held_on, 7 * first_weeks));
                }
            }
        }
    }

    // IRO allocations: the part inside the year longer than 3 months.
    auto a = db.prepare(
        "SELECT child_id, start_date, coalesce(end_date, '9999-12-31') FROM allocations "
        "WHERE role = 'iro' ORDER BY child_id, start_date");
    std::string counted;  // a child counts once, however many allocations qualify
    while (a.step()) {
        const std::string child = a.text(0);
        const auto start = plugin::parse_iso_date(a.text(1));
        const auto end = plugin::parse_iso_date(a.text(2));
        if (!start || !end) {
            continue;
        }
        const Date from = std::max(*start, year.start);
        const Date to = std::min(*end, year.end);
        if (to < schedule::add_months(from, 3) || child == counted) {
            continue;
        }
        counted = child;
        ++m.allocated_over_3_months;
        if (any_in(days_of(child), plus_days(from, -1), to)) {
            ++m.allocated_with_midpoint;
        }
    }

    std::map<std::pair<std::string, std::string>, OpenPrompts> groups;
    for (const auto& row : prompts::list_prompts(db, {{}, {}, {}, "open", {}, true})) {
        auto& g = groups[{row.iro_id, row.team_id}];
        g.iro_id = row.iro_id;
        g.team_id = row.team_id;
        ++g.open;
        g.overdue += row.prompt.overdue ? 1 : 0;
    }
    for (auto& [key, g] : groups) {
        m.open_prompts.push_back(std::move(g));
    }
    return m;
}

}  // namespace iro::reports
