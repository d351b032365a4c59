#pragma once
// The QAF's survey tables in the annual report: the QAF report's own tables (qaf/qaf_tables.hpp,
// York's published conventions: each option's count and its share of the question's answered
// count, to two decimal places) as numbered report tables, a block of columns per year.

#include <vector>

#include "annual_report/report_table.hpp"
#include "qaf/qaf_tables.hpp"

namespace iro::reports::annual {

/// The responses per year, then a table per question.
std::vector<ReportTable> qaf_section_tables(const QafReport& report);

}  // namespace iro::reports::annual
