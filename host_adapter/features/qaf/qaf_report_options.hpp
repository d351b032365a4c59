#pragma once
// The options of a QAF report as a person gives them (`iro-host report qaf --year ...` or
// GET /api/v1/reports/qaf?year=...), checked and turned into the engine's request.

#include <string>
#include <vector>

#include "qaf/qaf_tables.hpp"

namespace iro::reports {

struct QafReportOptions {
    std::string year;  ///< financial year, "2015-16"
    std::string from;  ///< YYYY-MM-DD
    std::string to;
    std::string by;
    std::vector<std::string> questions;  ///< each may hold a comma-separated list
    std::vector<std::string> combine;
    std::vector<std::string> compare;
    std::vector<std::string> top_exclude;
    int top = 0;
    int suppress_below = 0;
    bool other_texts = false;
    std::string questionnaire = "york-qaf";
    std::string format = "table";  ///< table, csv, json, xlsx, html
};

/// The engine's request. Throws std::invalid_argument naming the option at fault ("--year" and
/// the like: the HTTP service's query parameters carry the same names).
QafReportRequest qaf_report_request(const QafReportOptions& options);

}  // namespace iro::reports
