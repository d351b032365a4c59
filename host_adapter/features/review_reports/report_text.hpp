#pragma once
// The review, mid-point and oversight reports as JSON and plain text tables (their published
// forms are annual_report/published_reports): what `iro-host report ...` prints.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "midpoint_prompts/midpoint_measures.hpp"
#include "oversight_notes/oversight_measures.hpp"
#include "reviews/review_measures.hpp"

namespace iro::reports {

nlohmann::json review_measures_json(const ReviewMeasures& m);
/// One column per period, then the definitions; York's "contributed" grouping when `york`.
std::string review_measures_table(const std::vector<nlohmann::json>& rows, bool york = false);

nlohmann::json oversight_json(const OversightMeasures& m);
/// The oversight measures as a plain-text table (the published forms: annual/published_reports).
std::string oversight_text(const std::vector<nlohmann::json>& rows);

nlohmann::json midpoint_json(const MidpointMeasures& m);
/// The mid-point measures as plain text (the published forms: annual/published_reports).
std::string midpoint_text(const nlohmann::json& row);

}  // namespace iro::reports
