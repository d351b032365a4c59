#pragma once
// The QAF report written out: a terminal table, CSV, JSON, an XLSX workbook (a summary sheet and
// a sheet per question) and a self-contained HTML page with inline SVG bar charts. Only the
// terminal table and JSON can carry "Other (please specify)" texts, and only when asked for:
// published formats never do.

#include <filesystem>
#include <string>

#include "qaf/qaf_tables.hpp"

namespace iro::reports {

std::string qaf_text(const QafReport& report);
std::string qaf_csv(const QafReport& report);
std::string qaf_json(const QafReport& report);
/// Writes the workbook to `file`. Throws std::runtime_error when libxlsxwriter cannot.
void write_qaf_xlsx(const QafReport& report, const std::filesystem::path& file);
std::string qaf_html(const QafReport& report);

/// "Total Respondents" for a multiple choice question, "Total" otherwise.
std::string total_label(const QafQuestionTable& table);

/// The line under a ranking: "Top 3, leaving out: Not applicable; Other (please specify)".
std::string ranking_title(const QafReport& report, const QafQuestionTable& table);

}  // namespace iro::reports
