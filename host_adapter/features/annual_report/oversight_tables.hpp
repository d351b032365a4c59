#pragma once
// The mid-point and oversight part of the annual report: York's mid-point measures, the IRO's
// footprint between reviews (Leicester's standard: oversight on every looked-after child's record
// each quarter), oversight notes by kind, and the RAG ratings IROs gave reviews.

#include <vector>

#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "midpoint_prompts/midpoint_measures.hpp"
#include "oversight_notes/oversight_measures.hpp"

namespace iro::reports::annual {

/// `midpoints`: one per year (the report's year first); `oversight`: the report's year by
/// quarter, then the year, then each compared year.
std::vector<ReportTable> oversight_tables(const std::vector<MidpointMeasures>& midpoints,
                                          const std::vector<OversightMeasures>& oversight);

}  // namespace iro::reports::annual
