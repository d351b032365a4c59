#pragma once
// Withholding small counts from published tables (statistical disclosure control). A count from
// 1 to N-1 is shown as "c"; so is any count that would let a withheld one be worked out: from a
// column's total (single choice: the options add up to it) or from a row's "All" column (the
// groups add up to it). Withholding goes on until no withheld count can be derived: a lone "c"
// in a line with a shown total, or several that the total pins down (all ones),
// pulls in the next smallest shown count, or the total when there is none. A combined row is
// withheld with any option it could give away; a ranking shows what its option's cell shows.

#include <cstdint>
#include <vector>

#include "qaf/qaf_tables.hpp"

namespace iro::reports {

/// Applies the rule to one question's table. `has_all_column`: the last column is the sum of the
/// others. Zeros stay shown.
void suppress_small_counts(QafQuestionTable& table, int below, bool has_all_column);

}  // namespace iro::reports
