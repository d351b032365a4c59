#pragma once
// The quality-alerts module's configuration, read once when it starts: the ladder, the issue
// categories, what happens when a deadline passes, who is copied, who may raise alerts, and how a
// QAF answer opens a dispute.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alert_ladder.hpp"
#include "alert_lifecycle.hpp"
#include "iro/plugin_api/alerts.hpp"

namespace iro::quality_alerts {

/// How a completed QAF opens or joins a dispute (DOMAIN.md section 4; York questions 30, 31).
struct QafLink {
    std::string module = "qaf";
    std::string questionnaire = "york-qaf";
    std::string dispute_question = "q30";
    std::string issues_question = "q31";
    /// Answers to the dispute question (normalised labels or codes) and the stage each opens.
    std::map<std::string, std::string, std::less<>> stage_by_answer;
};

struct AlertSettings {
    Ladder ladder;
    std::vector<plugin::AlertCategory> categories;
    OverduePolicy overdue_policy = OverduePolicy::prompt;
    std::vector<std::string> copies;           ///< recipients copied on every alert
    std::vector<std::string> raising_roles;    ///< roles that may raise, escalate and resolve
    int acknowledge_within_working_days = 10;  ///< exceptional practice has no stage deadline
    QafLink qaf;
};

/// The settings in the module's (schema-checked, defaults-completed) configuration. Throws
/// std::invalid_argument naming the setting at fault.
AlertSettings settings_from(const nlohmann::json& config);

}  // namespace iro::quality_alerts
