#pragma once
// Withholding small counts from published tables (statistical disclosure control), the same way in
// every table of the annual report. A count from 1 to N-1 is shown as "c" (primary suppression);
// so is any count that would let a withheld one be worked out from a total the table shows
// (secondary suppression): in a row with a total column, or in the rows above a total row, a lone
// "c" (or several that the total pins down, all ones) pulls in the next smallest shown count, or
// the total itself when there is none. A percentage is withheld with the count it rests on. Zeros
// stay shown: they give nobody away.

#include "annual_report/report_table.hpp"

namespace iro::reports::annual {

/// Applies the rule to `table` with threshold `below` (counts 1 to below-1 are withheld); a note
/// saying so is added when anything was withheld. `below` of 0 or 1 changes nothing.
void apply_disclosure_control(ReportTable& table, int below);

/// Numbers the report's tables from 1, in order, and applies the rule to each: the last step of
/// putting any published report together.
void number_and_protect(AnnualReport& report, int below);

}  // namespace iro::reports::annual
