#pragma once
// The IRO service's part of the annual report: its caseload, as children looked after with an IRO
// allocated per full-time equivalent IRO, at the end of each quarter, set against the IRO
// Handbook's good practice (7.15: "a caseload of 50 to 70 looked after children for a full time
// equivalent IRO") and the council's own ceiling.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "annual_report/children_tables.hpp"
#include "annual_report/report_table.hpp"
#include "calendar/financial_periods.hpp"
#include "config/host_config.hpp"
#include "store/sqlite.hpp"

namespace iro::reports::annual {

/// An IRO's allocation to a child.
struct IroAllocation {
    std::string child_id;
    std::string worker_id;
    plugin::Date start;
    std::optional<plugin::Date> end;  ///< inclusive
};

/// What the caseload needs beyond the children: the IROs' allocations and their FTE.
struct ServiceData {
    std::vector<IroAllocation> allocations;
    std::map<std::string, double> fte;  ///< by worker id, where the professionals extract gave it
};

ServiceData load_service_data(store::Database& db);

/// The service's FTE on `day`: the configured figure in force, else the FTE of the IROs allocated
/// to any child that day (1 each where the extract gave none). `from_config` says which.
double service_fte(const config::IroServiceConfig& service, const ServiceData& data,
                   plugin::Date day, bool& from_config);

/// The caseload table: the report's year by quarter end, then each compared year at its end. A
/// quarter ending after `as_of` has no data yet.
ReportTable caseload_table(const std::vector<ChildProfile>& children, const ServiceData& data,
                           const config::IroServiceConfig& service,
                           const std::vector<ReportPeriod>& years, plugin::Date as_of);

}  // namespace iro::reports::annual
