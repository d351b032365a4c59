#pragma once
// The IRO footprint measure (Leicester's standard: every looked-after child's record shows IRO
// oversight at least once a quarter): of the children looked after in a period, how many have an
// oversight note dated in it.

#include <map>
#include <string>

#include "calendar/financial_periods.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

struct OversightMeasures {
    ReportPeriod period;
    int looked_after = 0;  ///< in care on at least one day of the period
    int looked_after_with_oversight = 0;
    int looked_after_throughout = 0;  ///< in care on its first and last day
    int throughout_with_oversight = 0;
    int notes = 0;  ///< notes dated in the period (originals, not amendments)
    std::map<std::string, int> notes_by_kind;
    /// RAG notes dated in the period by their rating ("green", "amber", "red"), as last amended.
    std::map<std::string, int> rag_ratings;
};

/// Counts from the case records and the notes table.
OversightMeasures measure_oversight(store::Database& db, const ReportPeriod& period);

}  // namespace iro::reports
