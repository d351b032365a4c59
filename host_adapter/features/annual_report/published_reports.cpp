#include "annual_report/published_reports.hpp"

#include <utility>

#include "annual_report/alert_tables.hpp"
#include "annual_report/disclosure_control.hpp"
#include "annual_report/oversight_tables.hpp"
#include "annual_report/review_tables.hpp"

namespace iro::reports::annual {

namespace {

AnnualReport publication(std::string title, const ReportPeriod& year, plugin::Date measured_to,
                         std::string section, std::vector<ReportTable> tables, int suppress_below) {
    AnnualReport report;
    report.title = std::move(title);
    report.year = year.label;
    report.measured_to = plugin::to_iso(measured_to);
    report.sections.push_back({std::move(section), std::move(tables)});
    number_and_protect(report, suppress_below);
    return report;
}

}  // namespace

AnnualReport reviews_publication(const std::vector<ReviewMeasures>& periods, int suppress_below) {
    const auto& last = periods.back();
    return publication("Reviews of children looked after " + last.period.label, last.period,
                       last.measured_to, "Reviews", review_tables(periods), suppress_below);
}

AnnualReport oversight_publication(const std::vector<OversightMeasures>& quarters_then_year,
                                   int suppress_below) {
    const auto& year = quarters_then_year.back();
    return publication("IRO oversight between reviews " + year.period.label, year.period,
                       year.period.end, "Oversight",
                       footprint_tables(quarters_then_year, quarters_then_year.size() - 1),
                       suppress_below);
}

AnnualReport midpoint_publication(const MidpointMeasures& year, int suppress_below) {
    return publication("Mid-point checks " + year.period.label, year.period, year.period.end,
                       "Mid-point checks", {midpoint_table({year}), open_prompts_table(year)},
                       suppress_below);
}

AnnualReport alerts_publication(const std::vector<plugin::AlertRecord>& alerts,
                                const ReportPeriod& year,
                                const plugin::WorkingDayCalendar& calendar, int suppress_below) {
    return publication("Quality alerts and disputes " + year.label, year, year.end,
                       "Quality alerts and disputes", alert_tables(alerts, {year}, calendar),
                       suppress_below);
}

}  // namespace iro::reports::annual
