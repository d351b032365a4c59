#pragma once
// Alerts and notifications (API 1.3): the host keeps a module's alerts, each with an append-only
// history, so trackers, bulletins and annual summaries can be built from one store; and it keeps
// the notifications a module sends to people, delivering them by e-mail where the deployment
// says how. The module decides what an alert may do next; the host records it.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/export.hpp"

namespace iro::plugin {

/// An issue category an alert carries, with what reports show and group it by.
struct AlertCategory {
    std::string code;   ///< stable: "practice_care_plan"
    std::string label;  ///< as councils write it: "Practice – No/poor quality Care Plan"
    std::string group;  ///< "Resources", "Care Planning", "Practice", ...
};

/// Where an alert stands, as the module last left it.
struct AlertState {
    std::string child_id;
    std::string kind;  ///< module-defined: "quality_issue", "exceptional_practice", ...
    std::vector<AlertCategory> categories;
    std::string stage;       ///< the ladder stage's id; empty for a record with no stage
    std::string stage_name;  ///< as the ladder names it
    /// 0 for informal resolution, 1 for the first formal stage, and so on up the ladder; what
    /// reports compare ("resolved informally or at stage 1" is level <= 1).
    int level = 0;
    std::string status;   ///< module-defined: "open", "acknowledged", "resolved", ...
    bool closed = false;  ///< nothing more can happen to it
    std::string raised_by;
    Date raised_on{};
    std::string responder;  ///< a worker id, or the role expected to respond
    std::vector<std::string> copies;
    std::optional<Date> due_on;  ///< the response deadline at this stage
    std::string outcome;         ///< how it ended, once closed
    std::optional<Date> closed_on;
    std::string team_id;  ///< the team answering: the child's social worker's team when raised
    nlohmann::json body = nlohmann::json::object();  ///< what is wrong, and anything else
};

/// One change to an alert. Appended, never changed.
struct AlertEvent {
    std::string action;  ///< module-defined: "raise", "acknowledge", "escalate", ...
    /// Set by the host: the worker whose request is being handled, or "module:<id>" in a hook.
    std::string actor;
    std::string actor_role;  ///< set by the host, like actor ("module" in a hook)
    Date on{};               ///< the day it happened
    std::string comment;
    std::string stage;           ///< the stage after it
    std::string status;          ///< the status after it
    std::optional<Date> due_on;  ///< the deadline after it
    std::string recorded_at;     ///< UTC timestamp, set by the host
};

/// A stored alert with its whole history, oldest first.
struct AlertRecord {
    std::string alert_id;
    std::string module_id;
    AlertState state;
    std::vector<AlertEvent> history;
};

/// The alert as JSON: the form requests reply with and the host's CLI and API show.
IRO_API_VISIBLE nlohmann::json to_json(const AlertRecord& alert);

/// The module's alerts, kept by the host (API 1.3). Every write joins the unit of work of the
/// hook or request being handled.
class IRO_API_VISIBLE Alerts {
  public:
    virtual ~Alerts();
    /// Records a new alert and its first history entry. Throws HostError for an unknown child
    /// or an empty kind, status or action.
    virtual AlertRecord open(const AlertState& state, const AlertEvent& raised) = 0;
    /// Replaces the alert's state and appends `event`. `seen_events` is how many history entries
    /// the module read before deciding: when someone else changed the alert since, HostError, so
    /// two people acting at once never overwrite each other. Throws HostError for an unknown
    /// alert or one of another module, or a change of child.
    virtual AlertRecord update(std::string_view alert_id, std::size_t seen_events,
                               const AlertState& state, const AlertEvent& event) = 0;
    /// The module's alert, or nullopt.
    virtual std::optional<AlertRecord> find(std::string_view alert_id) const = 0;
    /// The module's alerts of one child, or of every child when `child_id` is empty, oldest
    /// first; only those not closed when `open_only`.
    virtual std::vector<AlertRecord> list(std::string_view child_id, bool open_only) const = 0;
};

/// A message to people about a child's record (API 1.3). It goes by e-mail where the deployment
/// configures an address for a recipient, so it names the child by id only.
struct NotificationDraft {
    std::string child_id;
    std::string reason;  ///< module-defined: "copy", "escalation", "overdue", ...
    /// Worker ids, or names of the deployment's distribution lists ("senior_managers") and roles.
    std::vector<std::string> recipients;
    std::string subject;
    std::string text;
    std::string source_type;  ///< what it is about: "alert"
    std::string source_id;
};

/// Notifications to people (API 1.3): recorded in the same unit of work as what they report,
/// delivered afterwards.
class IRO_API_VISIBLE Notifications {
  public:
    virtual ~Notifications();
    /// Records one notification per recipient and returns their ids. Throws HostError when there
    /// is no recipient, subject or child.
    virtual std::vector<std::string> notify(const NotificationDraft& notification) = 0;
};

}  // namespace iro::plugin
