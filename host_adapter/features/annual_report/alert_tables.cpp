#include "annual_report/alert_tables.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "quality_alerts/alert_measures.hpp"

namespace iro::reports::annual {

namespace {

using plugin::AlertRecord;

constexpr std::string_view kSource =
    "The quality alerts and disputes recorded by the quality-alerts module (raised in the "
    "product, from a QAF answer, or imported from the council's tracker), as they stand on the "
    "day measured.";

bool exceptional(const AlertRecord& a) {
    return a.state.kind == "exceptional_practice";
}

bool in(const ReportPeriod& p, plugin::Date day) {
    return p.start <= day && day <= p.end;
}

// The columns: the report's year by quarter, then the year, then each compared year.
std::vector<ReportPeriod> columns_of(const std::vector<ReportPeriod>& years) {
    auto out = financial_periods(parse_financial_year(years.front().label).value_or(0), true);
    out.insert(out.end(), years.begin() + 1, years.end());
    return out;
}

ReportTable raised_and_resolved(const std::vector<AlertRecord>& alerts,
                                const std::vector<ReportPeriod>& periods,
                                const plugin::WorkingDayCalendar& calendar) {
    ReportTable t;
    t.title = "Quality alerts and disputes";
    t.definition =
        "Alerts raised in the period, by the quarter they were raised in. Challenges are every "
        "alert but exceptional practice: quality issues and disputes at any stage. Resolved: "
        "closed as resolved by the day measured. Working days (England and Wales bank holidays "
        "left out) from raising to resolution, of the resolved challenges.";
    t.source = std::string(kSource);
    t.row_heading = "Alerts raised";
    t.columns = year_columns(periods, {""});
    t.chart = {Chart::columns, {}, 2};  // challenges raised, quarter by quarter
    TableRow raised{"Alerts raised", {}, false};
    TableRow recognised{"of which exceptional practice", {}, false};
    TableRow challenges{"Challenges raised", {}, false};
    TableRow children{"Children the challenges were about", {}, false};
    TableRow resolved{"Challenges resolved", {}, false};
    TableRow early{"Resolved informally or at stage 1", {}, false};
    TableRow median{"Median working days to resolve", {}, false};
    TableRow p90{"90th percentile of working days to resolve", {}, false};
    for (const auto& period : periods) {
        const auto s = summarise_alerts(alerts, period, "", calendar);
        std::set<std::string> about;
        for (const auto& a : alerts) {
            if (!exceptional(a) && in(period, a.state.raised_on)) {
                about.insert(a.state.child_id);
            }
        }
        raised.cells.push_back(Cell::of_count(s.raised));
        recognised.cells.push_back(Cell::of_count(s.raised - s.challenges));
        challenges.cells.push_back(Cell::of_count(s.challenges));
        children.cells.push_back(Cell::of_count(static_cast<long long>(about.size())));
        resolved.cells.push_back(Cell::of_count(s.resolved));
        early.cells.push_back(Cell::of_percent(s.resolved_informally_or_stage_1, s.resolved));
        median.cells.push_back(s.median_working_days ? Cell::of_ratio(*s.median_working_days)
                                                     : Cell::none());
        p90.cells.push_back(s.p90_working_days ? Cell::of_ratio(*s.p90_working_days)
                                               : Cell::none());
    }
    t.rows = {std::move(raised),   std::move(recognised), std::move(challenges),
              std::move(children), std::move(resolved),   std::move(early),
              std::move(median),   std::move(p90)};
    return t;
}

// Issues by category: a row per category the alerts of `which` kind carried, a column per period.
// An alert may carry several, so a column adds up to more than the alerts.
ReportTable by_category(const std::vector<AlertRecord>& alerts,
                        const std::vector<ReportPeriod>& periods, bool recognition) {
    ReportTable t;
    t.title = recognition ? "Exceptional practice recognised, by theme"
                          : "Issues raised in challenges, by category";
    t.definition =
        recognition
            ? "The themes of the exceptional practice alerts raised in each period. "
              "Recognition is counted here only, never as an issue."
            : "The issue categories of the challenges raised in each period, most frequent in "
              "the year first. A challenge may carry several, so a column adds up to more than "
              "the challenges; exceptional practice is left out.";
    t.source = std::string(kSource);
    t.row_heading = recognition ? "Theme" : "Issue (group)";
    t.columns = year_columns(periods, {""});
    t.chart = {Chart::bars, {4}, std::nullopt};  // the year
    std::map<std::string, std::vector<long long>> counts;
    for (const auto& a : alerts) {
        if (exceptional(a) != recognition) {
            continue;
        }
        for (const auto& c : a.state.categories) {
            const std::string label =
                c.group.empty() || recognition ? c.label : c.label + " (" + c.group + ")";
            auto& row = counts[label];
            row.resize(periods.size(), 0);
            for (std::size_t p = 0; p < periods.size(); ++p) {
                row[p] += in(periods[p], a.state.raised_on) ? 1 : 0;
            }
        }
    }
    std::vector<std::pair<std::string, std::vector<long long>>> ordered(counts.begin(),
                                                                        counts.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.second.at(4) > b.second.at(4); });
    for (const auto& [label, row] : ordered) {
        if (row.at(4) == 0 &&
            std::all_of(row.begin(), row.end(), [](long long n) { return n == 0; })) {
            continue;
        }
        TableRow r{label, {}, false};
        for (const auto n : row) {
            r.cells.push_back(Cell::of_count(n));
        }
        t.rows.push_back(std::move(r));
    }
    // The sum of the rows: the issues (Leicester's "areas of concern"), not the challenges.
    if (!t.rows.empty()) {
        TableRow all{recognition ? "All themes" : "All issues raised", {}, true};
        for (std::size_t p = 0; p < periods.size(); ++p) {
            long long sum = 0;
            for (const auto& [label, row] : ordered) {
                sum += row.at(p);
            }
            all.cells.push_back(Cell::of_count(sum));
        }
        t.rows.push_back(std::move(all));
    }
    return t;
}

// A challenge's stage reached, or how it ended, in the report's year: number and share.
ReportTable challenge_distribution(const std::vector<AlertRecord>& alerts, const ReportPeriod& year,
                                   bool stages) {
    ReportTable t;
    t.title = stages ? "Challenges by the stage they reached" : "How challenges ended";
    t.definition = stages ? "The challenges raised in the year by the highest stage of the "
                            "council's dispute ladder they reached (informal first)."
                          : "The challenges raised in the year by their outcome on the day "
                            "measured; \"still open\" when they have none yet.";
    t.source = std::string(kSource);
    t.row_heading = stages ? "Stage reached" : "Outcome";
    t.columns = {year.label + ": number", year.label + ": %"};
    t.chart = {Chart::bars, {1}, std::nullopt};
    std::map<std::pair<int, std::string>, long long> counts;
    long long all = 0;
    for (const auto& a : alerts) {
        if (exceptional(a) || !in(year, a.state.raised_on)) {
            continue;
        }
        ++all;
        const auto& st = a.state;
        const std::string outcome = !st.closed                ? "still open"
                                    : st.status == "resolved" ? st.outcome
                                                              : st.status;
        ++counts[stages ? std::pair{st.level, st.stage_name} : std::pair{0, outcome}];
    }
    for (const auto& [key, n] : counts) {
        t.rows.push_back({key.second.empty() ? "Not recorded" : key.second,
                          {Cell::of_count(n), Cell::of_percent(n, all)},
                          false});
    }
    t.rows.push_back({"All challenges", {Cell::of_count(all), Cell::of_percent(all, all)}, true});
    return t;
}

// Cheshire East's matrix: the issue groups of the challenges raised in the year, by the team
// answering for the child.
ReportTable by_team(const std::vector<AlertRecord>& alerts, const ReportPeriod& year) {
    ReportTable t;
    t.title = "Issues raised in challenges, by team and group";
    t.definition =
        "The challenges raised in the year, by the team answering for the child when each was "
        "raised, and the group of each issue it carried (a challenge with issues in two groups "
        "counts in both). \"All challenges\" counts each once.";
    t.source = std::string(kSource);
    t.row_heading = "Team";
    std::set<std::string> groups;
    std::map<std::string, std::map<std::string, long long>> cells;
    std::map<std::string, long long> per_team;
    for (const auto& a : alerts) {
        if (exceptional(a) || !in(year, a.state.raised_on)) {
            continue;
        }
        const std::string team = a.state.team_id.empty() ? "No team recorded" : a.state.team_id;
        ++per_team[team];
        std::set<std::string> seen;
        for (const auto& c : a.state.categories) {
            const std::string group = c.group.empty() ? "Other" : c.group;
            groups.insert(group);
            if (seen.insert(group).second) {
                ++cells[team][group];
            }
        }
    }
    t.columns.assign(groups.begin(), groups.end());
    t.columns.emplace_back("All challenges");
    for (const auto& [team, n] : per_team) {
        TableRow row{team, {}, false};
        for (const auto& g : groups) {
            const auto it = cells[team].find(g);
            row.cells.push_back(Cell::of_count(it == cells[team].end() ? 0 : it->second));
        }
        row.cells.push_back(Cell::of_count(n));
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

std::vector<ReportTable> alert_tables(const std::vector<plugin::AlertRecord>& alerts,
                                      const std::vector<ReportPeriod>& years,
                                      const plugin::WorkingDayCalendar& calendar) {
    const auto periods = columns_of(years);
    return {raised_and_resolved(alerts, periods, calendar),
            by_category(alerts, periods, false),
            challenge_distribution(alerts, years.front(), true),
            challenge_distribution(alerts, years.front(), false),
            by_team(alerts, years.front()),
            by_category(alerts, periods, true)};
}

}  // namespace iro::reports::annual
