#include "alert_desk.hpp"

#include <algorithm>
#include <set>

#include "alert_categories.hpp"

namespace iro::quality_alerts {

namespace {

using plugin::AlertRecord;
using plugin::Date;

const Stage* stage_named(const Ladder& ladder, std::string_view id) {
    const int at = ladder.index_of(id);
    return at < 0 ? nullptr : &ladder.stages[static_cast<std::size_t>(at)];
}

bool is_role(std::string_view responder) {
    // Worker ids come from the case records; roles are the ladder's lower-case words.
    return !responder.empty() && std::all_of(responder.begin(), responder.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    });
}

std::string prompt_prefix(const AlertRecord& record) {
    return "alert:" + record.alert_id + ":";
}

std::string categories_text(const plugin::AlertState& a) {
    std::string text;
    for (const auto& c : a.categories) {
        text += (text.empty() ? "" : "; ") + c.label;
    }
    return text.empty() ? "none given" : text;
}

std::string kind_words(const std::string& kind) {
    std::string words = kind;
    std::replace(words.begin(), words.end(), '_', ' ');
    return words;
}

}  // namespace

Alert lifecycle_view(const AlertRecord& record) {
    const auto& s = record.state;
    Alert alert;
    alert.child_id = s.child_id;
    alert.kind = alert_kind_from(s.kind).value_or(AlertKind::quality_issue);
    alert.raised_by = s.raised_by;
    for (const auto& c : s.categories) {
        alert.categories.push_back(c.code);
    }
    alert.description = s.body.value("description", std::string());
    alert.responder = is_role(s.responder) ? std::string() : s.responder;
    alert.copies = s.copies;
    alert.stage = s.stage;
    alert.status = alert_status_from(s.status).value_or(AlertStatus::open);
    alert.due_on = s.due_on;
    alert.outcome = s.outcome;
    for (const auto& e : record.history) {
        alert.history.push_back(
            {action_from_name(e.action).value_or(Action::acknowledge), e.actor, e.on, e.comment,
             e.stage, alert_status_from(e.status).value_or(AlertStatus::open), e.due_on});
    }
    return alert;
}

int level_of(const Ladder& ladder, std::string_view stage_id) {
    int level = 0;
    for (const auto& stage : ladder.stages) {
        level += stage.formal ? 1 : 0;
        if (stage.id == stage_id) {
            return stage.formal ? level : 0;
        }
    }
    return 0;
}

bool current_on(const plugin::Allocation& allocation, Date day) {
    return allocation.start <= day && (!allocation.end || *allocation.end >= day);
}

std::optional<plugin::Allocation> allocation_on(const plugin::CaseRecords& records,
                                                const std::string& child_id,
                                                const std::string& role, Date day) {
    std::optional<plugin::Allocation> found;
    for (auto& a : records.allocations(child_id)) {
        if (a.role == role && current_on(a, day)) {
            found = std::move(a);
        }
    }
    return found;
}

plugin::AlertState AlertDesk::state_of(const Alert& alert, const plugin::AlertState* before,
                                       nlohmann::json body) const {
    plugin::AlertState s;
    s.child_id = alert.child_id;
    s.kind = std::string(to_string(alert.kind));
    for (const auto& code : alert.categories) {
        if (auto known = find_category(settings_.categories, code)) {
            s.categories.push_back(*known);
        } else if (before != nullptr) {
            // A category the council has since removed stays on the alerts that carry it.
            for (const auto& kept : before->categories) {
                if (kept.code == code) {
                    s.categories.push_back(kept);
                }
            }
        }
    }
    s.stage = alert.stage;
    const Stage* stage = stage_named(settings_.ladder, alert.stage);
    s.stage_name = stage != nullptr ? stage->name : std::string("Exceptional practice");
    s.level = stage != nullptr ? level_of(settings_.ladder, alert.stage) : 0;
    s.status = std::string(to_string(alert.status));
    s.closed = is_closed(alert);
    s.raised_by = alert.raised_by;
    s.raised_on = alert.history.front().on;
    s.responder = !alert.responder.empty() ? alert.responder
                  : stage != nullptr       ? stage->responder_role
                                           : std::string("team_manager");
    s.copies = alert.copies;
    s.due_on = alert.due_on;
    s.outcome = alert.outcome;
    if (s.closed) {
        s.closed_on = alert.history.back().on;
    }
    if (before != nullptr) {
        s.team_id = before->team_id;
    } else if (const auto worker =
                   allocation_on(host_.records(), alert.child_id, "social_worker", s.raised_on)) {
        s.team_id = worker->team_id;
    }
    body["description"] = alert.description;
    s.body = std::move(body);
    return s;
}

plugin::AlertEvent AlertDesk::event_of(const Transition& t) const {
    plugin::AlertEvent e;
    e.action = std::string(action_name(t.action));
    e.on = t.on;
    e.comment = t.comment;
    e.stage = t.stage;
    e.status = std::string(to_string(t.status));
    e.due_on = t.due_on;
    return e;
}

AlertRecord AlertDesk::raise(const AlertDraft& draft, nlohmann::json body, Date as_of) {
    const Alert alert = raise_alert(draft, settings_.ladder, host_.practice_calendar());
    auto record = host_.alerts().open(state_of(alert, nullptr, std::move(body)),
                                      event_of(alert.history.back()));
    notify(record, "raised", draft.raised_on);
    follow_up(record, as_of);
    return record;
}

AlertRecord AlertDesk::act(const AlertRecord& record, const ActionRequest& request, Date as_of) {
    const Alert next =
        apply(lifecycle_view(record), request, settings_.ladder, host_.practice_calendar());
    auto updated = host_.alerts().update(record.alert_id, record.history.size(),
                                         state_of(next, &record.state, record.state.body),
                                         event_of(next.history.back()));
    if (request.action == Action::escalate || request.action == Action::resolve ||
        request.action == Action::withdraw) {
        notify(updated, std::string(action_name(request.action)), request.on);
    }
    follow_up(updated, as_of);
    return updated;
}

AlertRecord AlertDesk::link(const AlertRecord& record, const std::vector<std::string>& codes,
                            const std::string& comment, Date on) {
    plugin::AlertState state = record.state;
    for (const auto& code : codes) {
        const auto known = find_category(settings_.categories, code);
        if (known && std::none_of(state.categories.begin(), state.categories.end(),
                                  [&](const auto& c) { return c.code == known->code; })) {
            state.categories.push_back(*known);
        }
    }
    plugin::AlertEvent event;
    event.action = "link";
    event.on = std::max(on, record.history.back().on);
    event.comment = comment;
    event.stage = state.stage;
    event.status = state.status;
    event.due_on = state.due_on;
    return host_.alerts().update(record.alert_id, record.history.size(), state, event);
}

void AlertDesk::notify(const AlertRecord& record, const std::string& reason, Date on) {
    if (!notifying_) {
        return;
    }
    const auto& a = record.state;
    std::vector<std::string> to = a.copies;
    std::string responder = a.responder;
    if (is_role(responder)) {
        if (const auto worker = allocation_on(host_.records(), a.child_id, responder, on)) {
            responder = worker->worker_id;
        }
    }
    if (reason != "resolve" || a.kind != "exceptional_practice") {
        to.push_back(responder);
    }
    if (reason == "escalate") {
        to.push_back(a.raised_by);
    }
    std::string headline;
    if (reason == "raised") {
        headline = a.kind == "exceptional_practice" ? "recognises exceptional practice"
                                                    : "raised at " + a.stage_name;
    } else if (reason == "escalate") {
        headline = "escalated to " + a.stage_name;
    } else if (reason == "resolve") {
        headline = "resolved (" + a.outcome + ")";
    } else {
        headline = "withdrawn";
    }
    const std::string due = a.due_on ? plugin::to_iso(*a.due_on) : std::string("no deadline");
    plugin::NotificationDraft n;
    n.child_id = a.child_id;
    n.reason = reason;
    n.recipients = std::move(to);
    n.subject = "Quality alert " + record.alert_id + " for child " + a.child_id + " " + headline;
    // Ids and the council's own words only: an e-mail leaves the system, so what is wrong stays
    // in IRO Oversight, behind its access control.
    n.text = "Quality alert " + record.alert_id + " (" + kind_words(a.kind) + ") about child " +
             a.child_id + ", raised on " + plugin::to_iso(a.raised_on) + " by " + a.raised_by +
             ", " + headline + " on " + plugin::to_iso(on) + ".\n\nStage: " + a.stage_name +
             "\nResponse expected from: " + responder + "\nResponse due: " + due +
             "\nIssues: " + categories_text(a) +
             "\n\nOpen the alert in IRO Oversight to read what it says and to respond.\n";
    n.source_type = "alert";
    n.source_id = record.alert_id;
    host_.notifications().notify(n);
}

void AlertDesk::follow_up(const AlertRecord& record, Date as_of) {
    const auto& a = record.state;
    const auto& calendar = host_.practice_calendar();
    std::vector<plugin::PromptDraft> wanted;
    const std::string prefix = prompt_prefix(record);
    const bool recognition = a.kind == "exceptional_practice";
    const Stage* stage = stage_named(settings_.ladder, a.stage);
    // A stage with no deadline (a referral to Cafcass) has left the council: nobody in it is
    // asked to respond, and the last stage's prompt is done rather than left with its old day.
    const bool council_responds =
        recognition || stage == nullptr || stage->deadline_working_days > 0;
    if (!a.closed && (a.status == "open" || a.status == "acknowledged") && council_responds) {
        plugin::PromptDraft p;
        p.key = prefix + (recognition ? "acknowledge" : a.stage + ":respond");
        p.child_id = a.child_id;
        p.kind = recognition ? "alert_acknowledge" : "alert_response";
        p.audience = stage != nullptr ? stage->responder_role : std::string("team_manager");
        p.visible_to = {"iro", "iro_manager"};
        p.due_on = a.due_on.value_or(
            calendar.add_working_days(a.raised_on, settings_.acknowledge_within_working_days));
        p.overdue = as_of > p.due_on;
        p.body = {{"title", recognition ? "Acknowledge the exceptional practice recognised in "
                                          "alert " +
                                              record.alert_id
                                        : "Respond to quality alert " + record.alert_id + " (" +
                                              a.stage_name + ") by " + plugin::to_iso(p.due_on)},
                  {"alert_id", record.alert_id},
                  {"issues", categories_text(a)}};
        wanted.push_back(std::move(p));
    }
    if (!a.closed && a.due_on && as_of > *a.due_on &&
        settings_.overdue_policy != OverduePolicy::manual) {
        plugin::PromptDraft p;
        p.key = prefix + a.stage + ":deadline:" + plugin::to_iso(*a.due_on);
        p.child_id = a.child_id;
        p.kind = "alert_deadline";
        p.audience = "iro";
        p.visible_to = {"iro_manager"};
        p.due_on = *a.due_on;
        p.overdue = true;
        p.body = {{"title", "The deadline of alert " + record.alert_id + " (" + a.stage_name +
                                ", " + plugin::to_iso(*a.due_on) +
                                ") passed unresolved: escalate, extend or resolve it"},
                  {"alert_id", record.alert_id}};
        wanted.push_back(std::move(p));
    }
    std::set<std::string, std::less<>> keep;
    for (const auto& p : wanted) {
        keep.insert(p.key);
    }
    const auto& last = record.history.back();
    for (const auto& open : host_.prompts().open_prompts(a.child_id)) {
        if (open.key.rfind(prefix, 0) != 0 || keep.count(open.key) != 0) {
            continue;
        }
        // Moved on by someone's action: done. Withdrawn or given more time: no longer asked.
        const bool moved_on = last.action != "withdraw" && last.action != "extend";
        plugin::PromptClosure closure;
        closure.record_type = "alert";
        closure.record_id = record.alert_id;
        closure.closed_on = std::max(last.on, open.opened_on);
        closure.reason = "alert " + last.action + (last.comment.empty() ? "" : ": " + last.comment);
        host_.prompts().close(open.key,
                              moved_on ? plugin::PromptState::done : plugin::PromptState::dismissed,
                              closure);
    }
    for (const auto& p : wanted) {
        host_.prompts().raise(p, as_of);
    }
}

AlertTickSummary AlertDesk::tick(Date as_of) {
    AlertTickSummary summary;
    for (auto& record : host_.alerts().list("", true)) {
        if (settings_.overdue_policy == OverduePolicy::automatic) {
            if (auto escalation =
                    overdue_escalation(lifecycle_view(record), settings_.ladder, as_of)) {
                record = act(record, *escalation, as_of);
                ++summary.escalated;
                continue;
            }
        }
        if (record.state.due_on && as_of > *record.state.due_on &&
            settings_.overdue_policy == OverduePolicy::prompt) {
            ++summary.deadline_prompts;
        }
        follow_up(record, as_of);
    }
    return summary;
}

}  // namespace iro::quality_alerts
