#pragma once
// How soon after each review the IRO completed its QAF: York's standard is within 24 hours of the
// review. The records hold the day completed, not the hour, so "within 24 hours" is the day of
// the review or the day after it (as the midpoint-prompts module's QAF prompt, due the day after).

#include <string_view>

#include "calendar/financial_periods.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

struct QafTimeliness {
    int reviews_held = 0;  ///< reviews held in the period (not cancelled)
    int completed = 0;     ///< ... with a QAF of the questionnaire completed for it
    int within_a_day = 0;  ///< ... completed on the day of the review or the next
};

/// The timeliness of `questionnaire`'s responses for the reviews held in `period`; a review's
/// first response counts (an amendment is not a later completion).
QafTimeliness measure_qaf_timeliness(store::Database& db, std::string_view questionnaire,
                                     const ReportPeriod& period);

}  // namespace iro::reports
