#pragma once
// The annual report's profile of the children looked after, from the SSDA903 and SSD records the
// host holds, as the DfE counts them: looked after at 31 March (an episode open on that day, so
// not one that ended on it), short breaks (V3, V4) left out; and those who started or ceased to
// be looked after during the year (a new period of care, RNE S; an episode ended with a reason
// other than X1, which only begins the next episode of the same period).

#include <optional>
#include <string>
#include <vector>

#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/case_records.hpp"
#include "store/sqlite.hpp"

namespace iro::reports::annual {

/// What the profile needs of one child.
struct ChildProfile {
    std::string child_id;
    std::string sex;  ///< 903 code: 1 male, 2 female
    std::optional<plugin::Date> date_of_birth;
    std::string ethnicity;                  ///< 903 code
    std::vector<plugin::Episode> episodes;  ///< by start date
    bool uasc = false;  ///< ever recorded as an unaccompanied asylum-seeking child
    std::optional<plugin::Date> ceased_uasc_on;
};

/// Every child the records hold.
std::vector<ChildProfile> load_profiles(store::Database& db);

/// The child's episode open on `day` (started on or before it, not ended on or before it), or
/// null. Short breaks count: the caller leaves them out where the DfE does.
const plugin::Episode* episode_on(const ChildProfile& child, plugin::Date day);

/// Looked after on `day`, short breaks left out (the DfE's "looked after at 31 March").
bool looked_after_on(const ChildProfile& child, plugin::Date day);

/// The profile tables, a block of columns (number, %) for each of `years` (the report's year
/// first): legal status, age, gender, ethnicity, placement and UASC at 31 March; started and
/// ceased by month, the reason care ended and three or more placements, during the year.
std::vector<ReportTable> children_tables(const std::vector<ChildProfile>& children,
                                         const std::vector<ReportPeriod>& years);

}  // namespace iro::reports::annual
