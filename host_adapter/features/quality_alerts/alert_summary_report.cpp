#include "quality_alerts/alert_summary_report.hpp"

#include <fmt/format.h>

#include <map>

#include "calendar/financial_periods.hpp"
#include "quality_alerts/alert_store.hpp"
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

}  // namespace iro::reports
