#pragma once
// Bringing a council's existing tracker into the module: rows of a spreadsheet export, one per
// raise or later action, each checked through the alert lifecycle in memory before anything is
// recorded, so a file with a bad row changes nothing and every bad row is named.

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "alert_lifecycle.hpp"
#include "alert_settings.hpp"

namespace iro::quality_alerts {

/// One row ready to record.
struct ImportStep {
    int line = 0;
    std::string ref;  ///< the tracker's own reference of the alert
    bool raise = false;
    AlertDraft draft;       ///< when raise
    ActionRequest request;  ///< otherwise
};

/// Every problem found, one per line, each naming the source, line and field.
class ImportRefused : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Plans the import of `input` = {"source": name, "rows": [{"line": N, "ref", "action", "on",
/// "actor", "child_id", "kind", "categories" (";"-separated), "other_text", "description",
/// "responder", "stage", "comment", "outcome", "new_due_on", "to_stage"}]}. Throws ImportRefused.
std::vector<ImportStep> plan_import(const nlohmann::json& input, const AlertSettings& settings,
                                    const plugin::WorkingDayCalendar& calendar, plugin::Date today);

}  // namespace iro::quality_alerts
