#include "alert_lifecycle.hpp"

namespace iro::quality_alerts {

namespace {

using plugin::Date;

std::optional<Date> deadline_from(const Stage& stage, Date from,
                                  const plugin::WorkingDayCalendar& calendar) {
    if (stage.deadline_working_days == 0) {
        return std::nullopt;
    }
    return calendar.add_working_days(from, stage.deadline_working_days);
}

[[noreturn]] void refuse(const Alert& alert, Action action, const std::string& why) {
    throw TransitionRefused("cannot " + std::string(to_string(action)) + " this " +
                            std::string(to_string(alert.kind)) + " alert (" +
                            std::string(to_string(alert.status)) +
                            (alert.stage.empty() ? "" : ", " + alert.stage) + "): " + why);
}

void require(bool ok, const Alert& alert, Action action, const std::string& why) {
    if (!ok) {
        refuse(alert, action, why);
    }
}

}  // namespace

std::string_view to_string(AlertKind kind) {
    switch (kind) {
        case AlertKind::quality_issue:
            return "quality_issue";
        case AlertKind::exceptional_practice:
            return "exceptional_practice";
        case AlertKind::partner_agency:
            return "partner_agency";
    }
    return "quality_issue";
}

std::string_view to_string(AlertStatus status) {
    switch (status) {
        case AlertStatus::open:
            return "open";
        case AlertStatus::acknowledged:
            return "acknowledged";
        case AlertStatus::responded:
            return "responded";
        case AlertStatus::resolved:
            return "resolved";
        case AlertStatus::withdrawn:
            return "withdrawn";
    }
    return "open";
}

std::string_view to_string(Action action) {
    switch (action) {
        case Action::raise:
            return "raise";
        case Action::acknowledge:
            return "acknowledge";
        case Action::respond:
            return "respond to";
        case Action::resolve:
            return "resolve";
        case Action::escalate:
            return "escalate";
        case Action::extend:
            return "extend the deadline of";
        case Action::withdraw:
            return "withdraw";
    }
    return "change";
}

std::string_view action_name(Action action) {
    switch (action) {
        case Action::respond:
            return "respond";
        case Action::extend:
            return "extend";
        default:
            return to_string(action);
    }
}

std::optional<Action> action_from_name(std::string_view name) {
    for (const Action a : {Action::raise, Action::acknowledge, Action::respond, Action::resolve,
                           Action::escalate, Action::extend, Action::withdraw}) {
        if (action_name(a) == name) {
            return a;
        }
    }
    return std::nullopt;
}

std::optional<AlertStatus> alert_status_from(std::string_view name) {
    for (const AlertStatus s :
         {AlertStatus::open, AlertStatus::acknowledged, AlertStatus::responded,
          AlertStatus::resolved, AlertStatus::withdrawn}) {
        if (to_string(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

std::optional<AlertKind> alert_kind_from(std::string_view name) {
    for (const AlertKind k :
         {AlertKind::quality_issue, AlertKind::exceptional_practice, AlertKind::partner_agency}) {
        if (to_string(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

bool is_closed(const Alert& alert) {
    return alert.status == AlertStatus::resolved || alert.status == AlertStatus::withdrawn ||
           (alert.kind == AlertKind::exceptional_practice &&
            alert.status == AlertStatus::acknowledged);
}

Alert raise_alert(const AlertDraft& draft, const Ladder& ladder,
                  const plugin::WorkingDayCalendar& calendar) {
    Alert alert;
    alert.child_id = draft.child_id;
    alert.kind = draft.kind;
    alert.raised_by = draft.raised_by;
    alert.categories = draft.categories;
    alert.description = draft.description;
    alert.responder = draft.responder;
    alert.copies = draft.copies;
    require(!draft.child_id.empty(), alert, Action::raise, "it names no child");
    require(!draft.raised_by.empty(), alert, Action::raise, "it names no one raising it");
    require(!draft.description.empty(), alert, Action::raise, "it does not say what it is about");
    if (draft.kind == AlertKind::exceptional_practice) {
        require(draft.stage.empty(), alert, Action::raise,
                "exceptional practice is recognised, not disputed: it has no stage");
    } else {
        const int at = draft.stage.empty() ? 0 : ladder.index_of(draft.stage);
        require(at >= 0, alert, Action::raise, "there is no stage '" + draft.stage + "'");
        const Stage& stage = ladder.stages[static_cast<std::size_t>(at)];
        alert.stage = stage.id;
        alert.due_on = deadline_from(stage, draft.raised_on, calendar);
    }
    alert.history.push_back({Action::raise, draft.raised_by, draft.raised_on, draft.description,
                             alert.stage, AlertStatus::open, alert.due_on});
    return alert;
}

Alert apply(const Alert& alert, const ActionRequest& r, const Ladder& ladder,
            const plugin::WorkingDayCalendar& calendar) {
    require(!r.actor.empty(), alert, r.action, "it names no one doing it");
    require(r.action != Action::raise, alert, r.action, "it has been raised already");
    require(!is_closed(alert), alert, r.action,
            "it is " + std::string(to_string(alert.status)) + " and stays so");
    require(!alert.history.empty() && r.on >= alert.history.back().on, alert, r.action,
            "its last change was on a later day");
    if (alert.kind == AlertKind::exceptional_practice) {
        require(r.action == Action::acknowledge || r.action == Action::withdraw, alert, r.action,
                "exceptional practice is only acknowledged (or withdrawn)");
    }
    Alert next = alert;
    switch (r.action) {
        case Action::raise:
            break;
        case Action::acknowledge:
            require(alert.status == AlertStatus::open, alert, r.action,
                    "only an open alert is acknowledged");
            next.status = AlertStatus::acknowledged;
            break;
        case Action::respond:
            require(alert.status == AlertStatus::open || alert.status == AlertStatus::acknowledged,
                    alert, r.action, "it has been responded to already");
            require(!r.comment.empty(), alert, r.action, "a response needs its text");
            next.status = AlertStatus::responded;
            break;
        case Action::resolve:
            require(!r.outcome.empty(), alert, r.action, "resolving needs the outcome");
            next.status = AlertStatus::resolved;
            next.outcome = r.outcome;
            next.due_on.reset();
            break;
        case Action::escalate: {
            const int at = ladder.index_of(alert.stage);
            require(at >= 0, alert, r.action, "its stage is no longer in the ladder");
            require(static_cast<std::size_t>(at) + 1 < ladder.stages.size(), alert, r.action,
                    "it is at the last stage already");
            int to = at + 1;
            if (!r.to_stage.empty()) {
                to = ladder.index_of(r.to_stage);
                require(to > at, alert, r.action,
                        "'" + r.to_stage + "' is not a later stage of the ladder");
                require(to == at + 1 || !r.comment.empty(), alert, r.action,
                        "skipping a stage needs the reason");
            }
            const Stage& stage = ladder.stages[static_cast<std::size_t>(to)];
            next.stage = stage.id;
            next.status = AlertStatus::open;
            next.responder.clear();  // the new stage's role responds
            next.due_on = deadline_from(stage, r.on, calendar);
            break;
        }
        case Action::extend:
            require(r.new_due_on.has_value(), alert, r.action, "extending needs the new day");
            require(!r.comment.empty(), alert, r.action, "extending needs the reason");
            require(!alert.due_on || *r.new_due_on > *alert.due_on, alert, r.action,
                    "the new day must be later than " +
                        (alert.due_on ? plugin::to_iso(*alert.due_on) : std::string("none")));
            next.due_on = r.new_due_on;
            break;
        case Action::withdraw:
            require(!r.comment.empty(), alert, r.action, "withdrawing needs the reason");
            next.status = AlertStatus::withdrawn;
            next.due_on.reset();
            break;
    }
    next.history.push_back({r.action, r.actor, r.on, r.comment.empty() ? r.outcome : r.comment,
                            next.stage, next.status, next.due_on});
    return next;
}

std::optional<ActionRequest> overdue_escalation(const Alert& alert, const Ladder& ladder,
                                                plugin::Date as_of) {
    if (is_closed(alert) || !alert.due_on || as_of <= *alert.due_on) {
        return std::nullopt;
    }
    const int at = ladder.index_of(alert.stage);
    if (at < 0 || static_cast<std::size_t>(at) + 1 >= ladder.stages.size()) {
        return std::nullopt;
    }
    return ActionRequest{Action::escalate,
                         "module:quality-alerts",
                         as_of,
                         "deadline " + plugin::to_iso(*alert.due_on) + " passed unresolved",
                         {},
                         std::nullopt,
                         {}};
}

}  // namespace iro::quality_alerts
