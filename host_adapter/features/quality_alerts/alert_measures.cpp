#include "quality_alerts/alert_measures.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "reviews/review_measures.hpp"

namespace iro::reports {

namespace {

using plugin::AlertRecord;
using plugin::Date;

bool is_challenge(const AlertRecord& a) {
    return a.state.kind != "exceptional_practice";
}

// Whether an alert with this status can still change: resolved and withdrawn ones cannot, nor
// an exceptional practice alert once acknowledged (recognition needs no response).
bool open_status(const std::string& status, const std::string& kind) {
    return status != "resolved" && status != "withdrawn" &&
           !(kind == "exceptional_practice" && status == "acknowledged");
}

bool in(Date day, Date from, Date to) {
    return from <= day && day <= to;
}

// Most first, then by name: a stable order for tables and tests.
std::vector<Count> ranked(const std::map<std::pair<std::string, std::string>, int>& counts) {
    std::vector<Count> out;
    out.reserve(counts.size());
    for (const auto& [key, n] : counts) {
        out.push_back({key.first, key.second, n});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Count& a, const Count& b) { return a.count > b.count; });
    return out;
}

// The day the alert reached the stage it is at: its last escalation, or its raising.
Date reached_stage_on(const AlertRecord& a) {
    Date on = a.state.raised_on;
    for (const auto& e : a.history) {
        if (e.action == "escalate") {
            on = e.on;
        }
    }
    return on;
}

nlohmann::json counts_json(const std::vector<Count>& counts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : counts) {
        nlohmann::json row = {{"name", c.name}, {"count", c.count}};
        if (!c.group.empty()) {
            row["group"] = c.group;
        }
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

std::optional<double> percentile(std::vector<int> values, double p) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const auto above = std::min(below + 1, values.size() - 1);
    const double weight = rank - static_cast<double>(below);
    return static_cast<double>(values[below]) +
           weight * static_cast<double>(values[above] - values[below]);
}

AlertSummary summarise_alerts(const std::vector<AlertRecord>& alerts, const ReportPeriod& period,
                              const std::string& group,
                              const plugin::WorkingDayCalendar& calendar) {
    AlertSummary s;
    s.period = period;
    s.group = group;
    std::map<std::pair<std::string, std::string>, int> kinds;
    std::map<std::pair<std::string, std::string>, int> categories;
    std::map<std::pair<std::string, std::string>, int> top;
    std::map<std::pair<int, std::string>, int> stages;
    std::map<std::pair<std::string, std::string>, int> outcomes;
    std::vector<int> days;
    for (const auto& a : alerts) {
        const auto& st = a.state;
        if (!in(st.raised_on, period.start, period.end)) {
            continue;
        }
        ++s.raised;
        ++kinds[{st.kind, ""}];
        for (const auto& c : st.categories) {
            ++categories[{c.label, c.group}];
            // Recognition is no issue: exceptional practice never ranks among the top issues.
            if (is_challenge(a) && c.code != "not_applicable" && c.code != "other") {
                ++top[{c.label, c.group}];
            }
        }
        if (!is_challenge(a)) {
            continue;
        }
        ++s.challenges;
        ++stages[{st.level, st.stage_name}];
        const std::string outcome = !st.closed                ? "still open"
                                    : st.status == "resolved" ? st.outcome
                                                              : st.status;
        ++outcomes[{outcome, ""}];
        if (st.closed && st.status == "resolved" && st.closed_on) {
            ++s.resolved;
            s.resolved_informally_or_stage_1 += st.level <= 1 ? 1 : 0;
            days.push_back(calendar.working_days_between(st.raised_on, *st.closed_on));
        }
    }
    s.by_kind = ranked(kinds);
    s.by_category = ranked(categories);
    for (const auto& [key, n] : stages) {
        s.by_stage_reached.push_back({key.second, "", n});
    }
    s.by_outcome = ranked(outcomes);
    s.median_working_days = percentile(days, 50);
    s.p90_working_days = percentile(days, 90);
    s.top_issues = ranked(top);
    if (s.top_issues.size() > 5) {
        s.top_issues.resize(5);
    }
    return s;
}

nlohmann::json to_json(const AlertSummary& s) {
    auto optional = [](const std::optional<double>& v) {
        return v ? nlohmann::json(std::round(*v * 10) / 10) : nlohmann::json(nullptr);
    };
    nlohmann::json out = {{"period", s.period.label},
                          {"start", plugin::to_iso(s.period.start)},
                          {"end", plugin::to_iso(s.period.end)},
                          {"raised", s.raised},
                          {"by_kind", counts_json(s.by_kind)},
                          {"by_category", counts_json(s.by_category)},
                          {"by_stage_reached", counts_json(s.by_stage_reached)},
                          {"by_outcome", counts_json(s.by_outcome)},
                          {"challenges", s.challenges},
                          {"resolved", s.resolved},
                          {"resolved_informally_or_stage_1", s.resolved_informally_or_stage_1},
                          {"resolved_informally_or_stage_1_pct",
                           percent(s.resolved_informally_or_stage_1, s.challenges)},
                          {"median_working_days_to_resolution", optional(s.median_working_days)},
                          {"p90_working_days_to_resolution", optional(s.p90_working_days)},
                          {"top_issues", counts_json(s.top_issues)}};
    if (!s.group.empty()) {
        out["group"] = s.group;
    }
    return out;
}

std::optional<AlertRecord> alert_as_of(const AlertRecord& alert, Date day,
                                       const std::vector<AlertRecord>& alerts) {
    if (alert.state.raised_on > day) {
        return std::nullopt;
    }
    AlertRecord then = alert;
    then.history.clear();
    for (const auto& e : alert.history) {
        if (e.on > day) {
            break;
        }
        then.history.push_back(e);
    }
    if (then.history.size() == alert.history.size()) {
        return then;  // nothing has happened to it since
    }
    auto& st = then.state;
    const auto& last = then.history.empty() ? alert.history.front() : then.history.back();
    const std::string first_stage = alert.history.empty() ? st.stage : alert.history.front().stage;
    st.stage = last.stage;
    st.status = last.status;
    st.due_on = last.due_on;
    st.closed = !open_status(st.status, st.kind);
    if (!st.closed) {
        st.outcome.clear();
        st.closed_on.reset();
    }
    st.stage_name = st.stage;
    st.level = st.stage == first_stage ? 0 : 1;
    for (const auto& other : alerts) {
        if (other.state.stage == st.stage) {
            st.stage_name = other.state.stage_name;
            st.level = other.state.level;
            break;
        }
    }
    return then;
}

std::vector<TrackerRow> formal_tracker(const std::vector<AlertRecord>& alerts, Date as_of,
                                       const plugin::WorkingDayCalendar& calendar) {
    std::vector<TrackerRow> rows;
    for (const auto& current : alerts) {
        const auto a = alert_as_of(current, as_of, alerts);
        if (!a || a->state.closed || a->state.level < 1) {
            continue;
        }
        rows.push_back({*a, calendar.working_days_between(a->state.raised_on, as_of),
                        calendar.working_days_between(reached_stage_on(*a), as_of),
                        a->state.due_on && as_of > *a->state.due_on});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TrackerRow& x, const TrackerRow& y) {
        if (x.overdue != y.overdue) {
            return x.overdue;
        }
        const Date far{std::chrono::year(9999), std::chrono::December, std::chrono::day(31)};
        return x.alert.state.due_on.value_or(far) < y.alert.state.due_on.value_or(far);
    });
    return rows;
}

Bulletin weekly_bulletin(const std::vector<AlertRecord>& alerts, Date day) {
    Bulletin b;
    const std::chrono::sys_days days(day);
    const auto weekday = std::chrono::weekday(days).iso_encoding();  // 1 Monday .. 7 Sunday
    b.monday = Date(days - std::chrono::days(weekday - 1));
    b.sunday = Date(std::chrono::sys_days(b.monday) + std::chrono::days(6));
    for (const auto& a : alerts) {
        if (in(a.state.raised_on, b.monday, b.sunday)) {
            b.raised.push_back(a);
        }
        bool escalated = false;
        bool resolved = false;
        for (const auto& e : a.history) {
            if (in(e.on, b.monday, b.sunday)) {
                escalated = escalated || e.action == "escalate";
                resolved = resolved || e.action == "resolve";
            }
        }
        if (escalated) {
            b.escalated.push_back(a);
        }
        if (resolved) {
            b.resolved.push_back(a);
        }
        // Overdue at the week's end: unresolved on Sunday with its deadline behind it. What it
        // was then, from the history, not what it is now.
        std::optional<Date> due;
        bool open = false;
        for (const auto& e : a.history) {
            if (e.on > b.sunday) {
                break;
            }
            open = open_status(e.status, a.state.kind);
            due = e.due_on;
        }
        if (open && due && b.sunday > *due) {
            b.overdue.push_back(a);
        }
    }
    return b;
}

}  // namespace iro::reports
