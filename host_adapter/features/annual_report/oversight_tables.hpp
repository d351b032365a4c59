#pragma once
// The mid-point and oversight part of the annual report: York's mid-point measures, the IRO's
// footprint between reviews (Leicester's standard: oversight on every looked-after child's record
// each quarter), oversight notes by kind, and the RAG ratings IROs gave reviews.

#include <cstddef>
#include <vector>

#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "midpoint_prompts/midpoint_measures.hpp"
#include "oversight_notes/consultation_measures.hpp"
#include "oversight_notes/oversight_measures.hpp"

namespace iro::reports::annual {

/// York's mid-point measures, a column per year (the report's year first).
ReportTable midpoint_table(const std::vector<MidpointMeasures>& years);

/// The prompts open now, by IRO and the team of the child's social worker.
ReportTable open_prompts_table(const MidpointMeasures& measures);

/// The footprint and notes by kind, a column per period; and the RAG ratings of the whole years,
/// which are the periods from `first_whole_year` on.
std::vector<ReportTable> footprint_tables(const std::vector<OversightMeasures>& periods,
                                          std::size_t first_whole_year);

/// Consultation before the review, a column per period.
ReportTable consultation_table(const std::vector<ConsultationMeasures>& periods);

}  // namespace iro::reports::annual
