#pragma once
// The IRO manager's other reports in the annual report's published forms (annual_render.hpp):
// the review measures, the mid-point measures, the oversight measures and the quality alerts
// summary, as numbered tables with their definitions and sources, disclosure control applied, so
// `report reviews --format html` prints on A4 and opens as XLSX with charts like the annual report.

#include <vector>

#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/alerts.hpp"
#include "iro/plugin_api/services.hpp"
#include "midpoint_prompts/midpoint_measures.hpp"
#include "oversight_notes/oversight_measures.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports::annual {

/// Review timeliness and participation, a column per period measured.
AnnualReport reviews_publication(const std::vector<ReviewMeasures>& periods, int suppress_below);

/// The IRO's footprint by quarter and the year, notes by kind, and the year's RAG ratings.
AnnualReport oversight_publication(const std::vector<OversightMeasures>& quarters_then_year,
                                   int suppress_below);

/// York's mid-point measures for the year, and the prompts open now by IRO and team.
AnnualReport midpoint_publication(const MidpointMeasures& year, int suppress_below);

/// The quality alerts and disputes raised in `year` (by quarter).
AnnualReport alerts_publication(const std::vector<plugin::AlertRecord>& alerts,
                                const ReportPeriod& year,
                                const plugin::WorkingDayCalendar& calendar, int suppress_below);

}  // namespace iro::reports::annual
