#pragma once
// The annual report in its published forms, all from one AnnualReport so they never disagree:
// JSON (for other tools), CSV (one block per table, with a byte-order mark so Excel on Windows
// reads its UTF-8), HTML (prints on A4 portrait: wide tables split, each chart beside its table)
// and XLSX (a contents sheet, then a sheet per table with number formats and a native chart).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "annual_report/report_table.hpp"

namespace iro::reports::annual {

nlohmann::json annual_report_json(const AnnualReport& report);

std::string annual_report_csv(const AnnualReport& report);

/// A self-contained page: no script, no external asset; its charts are SVG, each with its table.
std::string annual_report_html(const AnnualReport& report);

/// Writes the workbook to `file`; throws std::runtime_error naming the file and the reason.
void write_annual_report_xlsx(const AnnualReport& report, const std::filesystem::path& file);

/// The report's title: "IRO annual report 2019-20" with the council's name when known.
std::string annual_report_title(const AnnualReport& report);

/// The last day measured, in words ("31 March 2020").
std::string measured_to_words(const AnnualReport& report);

}  // namespace iro::reports::annual
