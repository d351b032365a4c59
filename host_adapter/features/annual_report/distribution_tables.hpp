#pragma once
// The review record part of the annual report: how promptly each review's decisions and full
// record were sent (York's "records distributed within 20 working days", Cheshire East's
// "outcomes within 5 working days"), and reviews stood down, rearranged or cancelled (Cheshire
// East's "review dates changed"), a column per period.

#include <vector>

#include "annual_report/report_table.hpp"
#include "reviews/review_distribution_measures.hpp"

namespace iro::reports::annual {

/// The decisions and record sent, and the review date changes, of each period.
std::vector<ReportTable> distribution_tables(const std::vector<DistributionMeasures>& periods);

}  // namespace iro::reports::annual
