#pragma once
// What IRO managers report about quality alerts and disputes: the quarterly and annual summary
// (counts by kind, category, stage reached and outcome; working days to resolution; the share of
// challenges resolved informally or at stage 1; top issues), the formal resolution tracker, and
// the weekly bulletin to senior managers (DOMAIN.md section 4).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar/financial_periods.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::reports {

/// A count under a name, in the order a report prints it.
struct Count {
    std::string name;
    std::string group;  ///< the category's group; empty elsewhere
    int count = 0;
};

struct AlertSummary {
    ReportPeriod period;
    std::string group;  ///< the team or category this summary is about; empty for all
    int raised = 0;     ///< alerts raised in the period
    std::vector<Count> by_kind;
    std::vector<Count> by_category;       ///< every category carried, most first
    std::vector<Count> by_stage_reached;  ///< challenges only, in ladder order
    std::vector<Count> by_outcome;        ///< how each ended, "still open" for the rest
    int challenges = 0;                   ///< raised, not exceptional practice
    int resolved = 0;                     ///< of those, resolved by the day measured
    int resolved_informally_or_stage_1 = 0;
    std::optional<double> median_working_days;  ///< raised to resolved, resolved challenges
    std::optional<double> p90_working_days;
    std::vector<Count> top_issues;  ///< up to five, leaving out "Not applicable" and "Other"
};

/// The summary of the alerts raised in `period`, as they stand now; `group` labels it.
AlertSummary summarise_alerts(const std::vector<plugin::AlertRecord>& alerts,
                              const ReportPeriod& period, const std::string& group,
                              const plugin::WorkingDayCalendar& calendar);

/// The p-th percentile (0 to 100) by linear interpolation between closest ranks; nullopt for an
/// empty list.
std::optional<double> percentile(std::vector<int> values, double p);

nlohmann::json to_json(const AlertSummary& summary);

/// One open formal dispute in the tracker.
struct TrackerRow {
    plugin::AlertRecord alert;
    int age_working_days = 0;       ///< since it was raised
    int at_stage_working_days = 0;  ///< since it reached its stage
    bool overdue = false;
};

/// The alert as it stood at the end of `day`, from its history: its stage, status and deadline
/// then, its history cut at that day, and `closed` as it was. The stage's level and name come from
/// `alerts` (every stage the ladder uses that some alert stands at now); a stage no alert stands
/// at keeps its id as its name, and counts as formal unless it is where the alert was raised.
/// nullopt when it was raised after `day`.
std::optional<plugin::AlertRecord> alert_as_of(const plugin::AlertRecord& alert, plugin::Date day,
                                               const std::vector<plugin::AlertRecord>& alerts);

/// Open alerts at a formal stage (level 1 or more), as they stood on a day (alert_as_of): overdue
/// first, then by due day.
std::vector<TrackerRow> formal_tracker(const std::vector<plugin::AlertRecord>& alerts,
                                       plugin::Date as_of,
                                       const plugin::WorkingDayCalendar& calendar);

/// The week's news: raised, escalated and resolved in it, and overdue at its end.
struct Bulletin {
    plugin::Date monday;
    plugin::Date sunday;
    std::vector<plugin::AlertRecord> raised;
    std::vector<plugin::AlertRecord> escalated;
    std::vector<plugin::AlertRecord> resolved;
    std::vector<plugin::AlertRecord> overdue;
};

/// The bulletin of the week (Monday to Sunday) that contains `day`.
Bulletin weekly_bulletin(const std::vector<plugin::AlertRecord>& alerts, plugin::Date day);

}  // namespace iro::reports
