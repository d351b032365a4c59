#include "annual_report/annual_report.hpp"

#include <algorithm>
#include <stdexcept>

#include "annual_report/alert_tables.hpp"
#include "annual_report/children_tables.hpp"
#include "annual_report/disclosure_control.hpp"
#include "annual_report/distribution_tables.hpp"
#include "annual_report/oversight_tables.hpp"
#include "annual_report/qaf_tables.hpp"
#include "annual_report/review_tables.hpp"
#include "annual_report/service_tables.hpp"
#include "calendar/working_day_calendar.hpp"
#include "qaf/definition_store.hpp"
#include "qaf/qaf_report_options.hpp"
#include "quality_alerts/alert_store.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports::annual {

namespace {

// York's expectation: a first review's mid-point within six weeks (as `report midpoint`).
constexpr int kFirstMidpointWeeks = 6;

// The QAF section is York's questionnaire's, present once the qaf module has recorded it.
bool qaf_section_wanted(store::Database& db) {
    for (const auto& d : questionnaires::list_definitions(db)) {
        if (d.questionnaire == QafReportOptions{}.questionnaire) {
            return true;
        }
    }
    return false;
}

}  // namespace

AnnualReport build_annual_report(store::Database& db, const config::HostConfig& config,
                                 const AnnualReportOptions& options) {
    std::vector<ReportPeriod> years{financial_periods(options.year, false).back()};
    for (const int y : options.compare) {
        years.push_back(financial_periods(y, false).back());
    }
    if (options.as_of < years.front().start) {
        throw std::invalid_argument("the year " + years.front().label + " has not begun on " +
                                    plugin::to_iso(options.as_of) +
                                    ": there is nothing to report yet");
    }
    const auto children = load_profiles(db);
    const auto service = load_service_data(db);

    const calendar::EnglandWalesCalendar calendar;  // statutory dates: no closure days
    const auto histories = load_histories(db);
    std::vector<ReviewMeasures> reviews;
    reviews.reserve(years.size());
    for (const auto& year : years) {
        reviews.push_back(measure_reviews(histories, year, calendar, options.as_of,
                                          {Cohort::year, config.short_breaks_reviewed}));
    }

    AnnualReport report;
    report.council = options.council;
    report.year = years.front().label;
    for (std::size_t i = 1; i < years.size(); ++i) {
        report.compare += (i > 1 ? ", " : "") + years[i].label;
    }
    report.measured_to = plugin::to_iso(reviews.front().measured_to);
    // A year still running is profiled as of the day: "at 31 March" is then at that day.
    auto measured = years;
    for (auto& year : measured) {
        year.end = std::min(year.end, options.as_of);
    }
    report.sections.push_back(
        {"The IRO service",
         {caseload_table(children, service, config.iro_service, years, options.as_of)}});
    report.sections.push_back({"Children looked after", children_tables(children, measured)});
    // The report's year by quarter, then each year whole.
    auto periods = financial_periods(options.year, true);
    periods.insert(periods.end(), measured.begin() + 1, measured.end());
    for (auto& period : periods) {
        period.end = std::min(period.end, options.as_of);
    }
    auto review_section = review_tables(reviews);
    std::vector<DistributionMeasures> distribution;
    distribution.reserve(periods.size());
    for (const auto& period : periods) {
        distribution.push_back(measure_distribution(db, period, calendar, options.as_of));
    }
    for (auto& table : distribution_tables(distribution)) {
        review_section.push_back(std::move(table));
    }
    report.sections.push_back({"Reviews", std::move(review_section)});
    // Mid-points and oversight: each year whole, and the report's year by quarter too.
    std::vector<MidpointMeasures> midpoints;
    midpoints.reserve(measured.size());
    for (const auto& year : measured) {
        midpoints.push_back(measure_midpoints(db, year, calendar, kFirstMidpointWeeks));
    }
    std::vector<OversightMeasures> oversight;
    oversight.reserve(periods.size());
    for (const auto& period : periods) {
        oversight.push_back(measure_oversight(db, period));
    }
    auto oversight_section = footprint_tables(oversight, 4);
    oversight_section.insert(oversight_section.begin(), midpoint_table(midpoints));
    // Consultation is a practice lead time: the council's closure days are not working days.
    const calendar::EnglandWalesCalendar practice(config.closure_days);
    std::vector<ConsultationMeasures> consultation;
    consultation.reserve(oversight.size());
    for (const auto& m : oversight) {
        consultation.push_back(measure_consultation(db, m.period, practice));
    }
    oversight_section.push_back(consultation_table(consultation));
    report.sections.push_back({"Mid-point checks and oversight", std::move(oversight_section)});
    // The QAF's survey tables, when the council uses York's questionnaire (the qaf module's).
    if (qaf_section_wanted(db)) {
        QafReportOptions qaf;
        qaf.year = years.front().label;
        for (std::size_t i = 1; i < years.size(); ++i) {
            qaf.compare.push_back(years[i].label);
        }
        std::vector<QafTimeliness> timeliness;
        timeliness.reserve(measured.size());
        for (const auto& year : measured) {
            timeliness.push_back(measure_qaf_timeliness(db, qaf.questionnaire, year));
        }
        report.sections.push_back(
            {"Quality assurance (QAF)",
             qaf_section_tables(build_qaf_report(db, qaf_report_request(qaf)), timeliness)});
    }
    // Every alert raised in any year reported, earliest year first in the store's order.
    plugin::Date from = years.front().start;
    for (const auto& year : years) {
        from = std::min(from, year.start);
    }
    const auto alerts = alerts::list_alerts(db, {"", "", false, from, years.front().end});
    report.sections.push_back(
        {"Quality alerts and disputes", alert_tables(alerts, years, calendar)});

    number_and_protect(report, options.suppress_below);
    return report;
}

}  // namespace iro::reports::annual
