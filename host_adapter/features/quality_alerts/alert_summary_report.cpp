#include "quality_alerts/alert_summary_report.hpp"

#include <fmt/format.h>

#include <map>

#include "calendar/financial_periods.hpp"
#include "quality_alerts/alert_store.hpp"
#include "report_tables/csv_tables.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports {

std::string days_text(const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}", *v) : std::string("-");
}

std::vector<AlertSummary> alert_summaries(store::Database& db, int first_year,
                                          const std::string& by,
                                          const plugin::WorkingDayCalendar& calendar) {
    if (by != "year" && by != "quarter" && by != "team" && by != "category") {
        throw std::invalid_argument("by '" + by + "' is not year, quarter, team or category");
    }
    const auto periods = financial_periods(first_year, by == "quarter");
    const auto& year = periods.back();
    const auto all = alerts::list_alerts(db, {"", "", false, year.start, year.end});
    std::vector<AlertSummary> summaries;
    if (by == "team" || by == "category") {
        std::map<std::string, std::vector<plugin::AlertRecord>> groups;
        for (const auto& a : all) {
            if (by == "team") {
                groups[a.state.team_id.empty() ? "(no team)" : a.state.team_id].push_back(a);
            } else {
                for (const auto& c : a.state.categories) {
                    groups[c.label].push_back(a);
                }
            }
        }
        for (const auto& [name, members] : groups) {
            summaries.push_back(summarise_alerts(members, year, name, calendar));
        }
    }
    for (const auto& period : periods) {
        summaries.push_back(summarise_alerts(all, period, "", calendar));
    }
    return summaries;
}

std::string alert_summaries_csv(const std::vector<AlertSummary>& summaries) {
    std::string out;
    out += "period,group,measure,name,count\n";
    for (const auto& s : summaries) {
        const std::string lead = csv_field(s.period.label) + "," + csv_field(s.group) + ",";
        auto row = [&](const std::string& measure, const std::string& name, const std::string& v) {
            out.append(lead).append(measure).append(",").append(csv_field(name)).append(",");
            out.append(v).append("\n");
        };
        row("raised", "", std::to_string(s.raised));
        row("challenges", "", std::to_string(s.challenges));
        for (const auto& [measure, counts] :
             {std::pair<const char*, const std::vector<Count>&>{"kind", s.by_kind},
              {"category", s.by_category},
              {"stage_reached", s.by_stage_reached},
              {"outcome", s.by_outcome},
              {"top_issue", s.top_issues}}) {
            for (const auto& c : counts) {
                row(measure, c.name, std::to_string(c.count));
            }
        }
        row("resolved", "", std::to_string(s.resolved));
        row("resolved_informally_or_stage_1", "", std::to_string(s.resolved_informally_or_stage_1));
        row("median_working_days_to_resolution", "", days_text(s.median_working_days));
        row("p90_working_days_to_resolution", "", days_text(s.p90_working_days));
    }
    return out;
}

}  // namespace iro::reports
