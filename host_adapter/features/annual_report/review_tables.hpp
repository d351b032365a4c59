#pragma once
// The reviews part of the annual report, from the review measures (reviews/review_measures.hpp,
// whose definitions it repeats): children whose reviews were all on time (the measure councils
// publish as "% of children in care who had all reviews within timescale"), reviews held on time,
// and participation with the DfE's groupings.

#include <map>
#include <string>
#include <vector>

#include "annual_report/report_table.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports::annual {

/// One ReviewMeasures per year, the report's year first, measured with the "year" cohort.
std::vector<ReportTable> review_tables(const std::vector<ReviewMeasures>& years);

}  // namespace iro::reports::annual
