#pragma once
// The QAF's survey tables in the annual report: the QAF report's own tables (qaf/qaf_tables.hpp,
// York's published conventions: each option's count and its share of the question's answered
// count, to two decimal places) as numbered report tables, a block of columns per year.

#include <vector>

#include "annual_report/report_table.hpp"
#include "qaf/qaf_tables.hpp"
#include "qaf/qaf_timeliness.hpp"

namespace iro::reports::annual {

/// The responses per year with how soon they followed the review (`timeliness`, one per column
/// of `report`), then a table per question.
std::vector<ReportTable> qaf_section_tables(const QafReport& report,
                                            const std::vector<QafTimeliness>& timeliness);

}  // namespace iro::reports::annual
