#pragma once
// The review, mid-point and oversight reports as JSON, CSV and plain text tables: what
// `iro-host report ...` prints and GET /api/v1/reports/... returns.

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
std::string review_measures_csv(const std::vector<nlohmann::json>& rows);

nlohmann::json oversight_json(const OversightMeasures& m);
/// `format` "csv" or "table".
std::string oversight_text(const std::vector<nlohmann::json>& rows, const std::string& format);

nlohmann::json midpoint_json(const MidpointMeasures& m);
/// `format` "csv" or "table".
std::string midpoint_text(const nlohmann::json& row, const std::string& format);

}  // namespace iro::reports
