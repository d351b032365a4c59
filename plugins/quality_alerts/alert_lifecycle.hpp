#pragma once
// A quality alert's life: raised at a stage of the ladder, acknowledged, responded to, resolved
// with an outcome, escalated up the ladder (by hand, or when its deadline passes unresolved),
// given a later deadline, or withdrawn. Every change is a transition in the alert's history.
// Pure: the same alert, action and calendar always give the same result, so every rule is tested
// "as of" a chosen day.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "alert_ladder.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::quality_alerts {

enum class AlertKind { quality_issue, exceptional_practice, partner_agency };
enum class AlertStatus { open, acknowledged, responded, resolved, withdrawn };

std::string_view to_string(AlertKind kind);
std::string_view to_string(AlertStatus status);
std::optional<AlertKind> alert_kind_from(std::string_view name);

/// What someone did to an alert.
enum class Action { raise, acknowledge, respond, resolve, escalate, extend, withdraw };
/// The action in a sentence: "respond to", "extend the deadline of".
std::string_view to_string(Action action);
/// The action's stored name: "raise", "acknowledge", "respond", "resolve", "escalate", "extend",
/// "withdraw".
std::string_view action_name(Action action);
std::optional<Action> action_from_name(std::string_view name);
std::optional<AlertStatus> alert_status_from(std::string_view name);

/// One entry of an alert's history.
struct Transition {
    Action action = Action::raise;
    std::string actor;  ///< a worker id, or "module:quality-alerts" for an automatic escalation
    plugin::Date on{};
    std::string comment;
    std::string stage;  ///< the stage after the transition
    AlertStatus status = AlertStatus::open;
    std::optional<plugin::Date> due_on;  ///< the deadline after the transition
};

struct Alert {
    std::string child_id;
    AlertKind kind = AlertKind::quality_issue;
    std::string raised_by;
    std::vector<std::string> categories;
    std::string description;  ///< what is wrong (or, for exceptional practice, what was good)
    std::string responder;    ///< a worker id, or empty when the stage's role is meant
    std::vector<std::string> copies;
    std::string stage;
    AlertStatus status = AlertStatus::open;
    std::optional<plugin::Date> due_on;
    std::string outcome;  ///< set when resolved
    std::vector<Transition> history;
};

/// What the person raising an alert gives.
struct AlertDraft {
    std::string child_id;
    AlertKind kind = AlertKind::quality_issue;
    std::string raised_by;
    plugin::Date raised_on{};
    std::vector<std::string> categories;
    std::string description;
    std::string responder;
    std::vector<std::string> copies;
    std::string stage;  ///< empty: the ladder's first stage
};

/// A later action on an alert.
struct ActionRequest {
    Action action = Action::acknowledge;
    std::string actor;
    plugin::Date on{};
    std::string comment;  ///< the response, the reason, or the outcome's explanation
    std::string outcome;  ///< resolve: how it ended ("resolved", "partly resolved", ...)
    std::optional<plugin::Date> new_due_on;  ///< extend
    std::string to_stage;  ///< escalate: a later stage than the next skips those between
};

/// Why an action was refused, in words for the person who asked.
class TransitionRefused : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Whether nothing more can happen to the alert.
bool is_closed(const Alert& alert);

/// A new alert at its stage, due the stage's deadline in working days after the day it was raised.
/// Exceptional practice has no stage and no deadline: it is only acknowledged. Throws
/// TransitionRefused for a missing child, author or description, an unknown stage, or an
/// exceptional-practice alert given a stage.
Alert raise_alert(const AlertDraft& draft, const Ladder& ladder,
                  const plugin::WorkingDayCalendar& calendar);

/// The alert after `request`. Throws TransitionRefused, saying why, when the alert's kind, status
/// or stage does not allow it, or a needed comment, outcome, day or stage is missing.
Alert apply(const Alert& alert, const ActionRequest& request, const Ladder& ladder,
            const plugin::WorkingDayCalendar& calendar);

/// What happens when a deadline passes unresolved: nothing (the IRO escalates by hand), a prompt
/// to the IRO, or an automatic escalation.
enum class OverduePolicy { manual, prompt, automatic };

/// The escalation due for `alert` as of `as_of` under the automatic policy: the alert is open (not
/// resolved or withdrawn), past its deadline, and not at the ladder's last stage. nullopt
/// otherwise.
std::optional<ActionRequest> overdue_escalation(const Alert& alert, const Ladder& ladder,
                                                plugin::Date as_of);

}  // namespace iro::quality_alerts
