#pragma once
// Consultation before the review, counted from the IRO's consultation notes (schemas/notes/
// consultation.schema.json): of the reviews held in a period, those for which the IRO consulted
// the child (York's "children separately consulted by the IRO prior to review"), by a visit
// (North Yorkshire counts visits), 15 or more working days before, and the parents (Leicester).
// A consultation prepares the review it precedes: dated after the child's review before it (or
// within six months before, for a first review) and on or before the review.

#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

struct ConsultationMeasures {
    ReportPeriod period;
    int reviews_held = 0;       ///< reviews held in the period (not cancelled)
    int child_consulted = 0;    ///< ... with the child consulted before it
    int child_visited = 0;      ///< ... the child consulted by a visit
    int consulted_15_days = 0;  ///< ... the child consulted 15 or more working days before
    int parent_consulted = 0;   ///< ... with a parent consulted before it
    int visits = 0;             ///< consultations of a child by a visit dated in the period
};

/// The measures of `period`; `calendar` counts the working days.
ConsultationMeasures measure_consultation(store::Database& db, const ReportPeriod& period,
                                          const plugin::WorkingDayCalendar& calendar);

}  // namespace iro::reports
