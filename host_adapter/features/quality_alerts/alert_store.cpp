#include "quality_alerts/alert_store.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "store/conditions.hpp"
#include "store/date_columns.hpp"

namespace iro::alerts {

namespace {

using plugin::AlertEvent;
using plugin::AlertRecord;
using plugin::AlertState;

constexpr std::string_view kColumns =
    "alert_id, module_id, child_id, kind, stage, stage_name, level, status, closed, raised_by, "
    "raised_on, responder, copies, due_on, outcome, closed_on, team_id, body";

std::optional<std::string> optional_iso(const std::optional<plugin::Date>& day) {
    if (!day) {
        return std::nullopt;
    }
    return plugin::to_iso(*day);
}

std::int64_t id_number(std::string_view alert_id) {
    std::int64_t value = 0;
    if (alert_id.empty() || alert_id.size() > 18) {
        return -1;
    }
    for (const char c : alert_id) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

void require_transaction(store::Database& db) {
    if (!db.in_transaction()) {
        throw std::logic_error("alert writes run inside the caller's transaction");
    }
}

void check(const AlertState& state, const AlertEvent& event) {
    if (state.child_id.empty() || state.kind.empty() || state.status.empty()) {
        throw plugin::HostError("an alert needs a child, a kind and a status");
    }
    if (event.action.empty() || event.actor.empty()) {
        throw plugin::HostError("an alert's change needs an action and an actor");
    }
    if (state.closed != state.closed_on.has_value()) {
        throw plugin::HostError("an alert has a closing day exactly when it is closed");
    }
    if (state.level < 0) {
        throw plugin::HostError("an alert's level is 0 (informal) or more");
    }
}

AlertState read_state(const store::Statement& s, AlertRecord& into) {
    into.alert_id = std::to_string(s.integer(0));
    into.module_id = s.text(1);
    AlertState a;
    a.child_id = s.text(2);
    a.kind = s.text(3);
    a.stage = s.text(4);
    a.stage_name = s.text(5);
    a.level = static_cast<int>(s.integer(6));
    a.status = s.text(7);
    a.closed = s.integer(8) != 0;
    a.raised_by = s.text(9);
    a.raised_on = store::date_column(s, 10, "alerts");
    a.responder = s.text(11);
    a.copies = nlohmann::json::parse(s.text(12)).get<std::vector<std::string>>();
    a.due_on = store::optional_date_column(s, 13, "alerts");
    a.outcome = s.text(14);
    a.closed_on = store::optional_date_column(s, 15, "alerts");
    a.team_id = s.text(16);
    a.body = nlohmann::json::parse(s.text(17));
    return a;
}

void load_details(store::Database& db, AlertRecord& alert) {
    const std::int64_t id = id_number(alert.alert_id);
    auto& c = db.cached(
        "SELECT code, label, category_group FROM alert_categories WHERE alert_id = ? "
        "ORDER BY position");
    c.bind(1, id);
    while (c.step()) {
        alert.state.categories.push_back({c.text(0), c.text(1), c.text(2)});
    }
    c.reset();
    auto& h = db.cached(
        "SELECT action, actor, actor_role, on_day, comment, stage, status, due_on, recorded_at "
        "FROM alert_history WHERE alert_id = ? ORDER BY seq");
    h.bind(1, id);
    while (h.step()) {
        alert.history.push_back(
            {h.text(0), h.text(1), h.text(2), store::date_column(h, 3, "alerts"), h.text(4),
             h.text(5), h.text(6), store::optional_date_column(h, 7, "alerts"), h.text(8)});
    }
    h.reset();
}

void write_categories(store::Database& db, std::int64_t id, const AlertState& state) {
    db.cached("DELETE FROM alert_categories WHERE alert_id = ?").bind(1, id).run();
    std::int64_t position = 0;
    for (const auto& category : state.categories) {
        db.cached(
              "INSERT INTO alert_categories (alert_id, position, code, label, category_group) "
              "VALUES (?, ?, ?, ?, ?)")
            .bind(1, id)
            .bind(2, ++position)
            .bind(3, category.code)
            .bind(4, category.label)
            .bind(5, category.group)
            .run();
    }
}

void append_history(store::Database& db, std::int64_t id, std::int64_t seq,
                    const AlertEvent& event) {
    db.cached(
          "INSERT INTO alert_history (alert_id, seq, action, actor, actor_role, on_day, comment, "
          "stage, status, due_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, seq)
        .bind(3, event.action)
        .bind(4, event.actor)
        .bind(5, event.actor_role)
        .bind(6, plugin::to_iso(event.on))
        .bind(7, event.comment)
        .bind(8, event.stage)
        .bind(9, event.status)
        .bind(10, optional_iso(event.due_on))
        .bind(11, event.recorded_at)
        .run();
}

// Binds the state's columns in kColumns order from child_id (index `first`).
void bind_state(store::Statement& s, int first, const AlertState& a) {
    s.bind(first, a.child_id)
        .bind(first + 1, a.kind)
        .bind(first + 2, a.stage)
        .bind(first + 3, a.stage_name)
        .bind(first + 4, std::int64_t{a.level})
        .bind(first + 5, a.status)
        .bind(first + 6, std::int64_t{a.closed ? 1 : 0})
        .bind(first + 7, a.raised_by)
        .bind(first + 8, plugin::to_iso(a.raised_on))
        .bind(first + 9, a.responder)
        .bind(first + 10, nlohmann::json(a.copies).dump())
        .bind(first + 11, optional_iso(a.due_on))
        .bind(first + 12, a.outcome)
        .bind(first + 13, optional_iso(a.closed_on))
        .bind(first + 14, a.team_id)
        .bind(first + 15, a.body.dump());
}

AlertRecord stored(store::Database& db, std::int64_t id) {
    auto found = find_alert(db, std::to_string(id));
    if (!found) {
        throw store::SqliteError(fmt::format("alert {} written but not found", id));
    }
    return std::move(*found);
}

}  // namespace

AlertRecord open_alert(store::Database& db, const std::string& module_id, const AlertState& state,
                       const AlertEvent& raised) {
    check(state, raised);
    auto known = db.prepare("SELECT 1 FROM children WHERE child_id = ?");
    known.bind(1, state.child_id);
    if (!known.step()) {
        throw plugin::HostError("child " + state.child_id + " is not in the case records");
    }
    require_transaction(db);
    auto insert =
        db.prepare(fmt::format("INSERT INTO alerts (module_id, {}, events, updated_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                               kColumns.substr(kColumns.find("child_id"))));
    insert.bind(1, module_id);
    bind_state(insert, 2, state);
    insert.bind(18, raised.recorded_at).run();
    const std::int64_t id = db.last_insert_rowid();
    write_categories(db, id, state);
    append_history(db, id, 1, raised);
    return stored(db, id);
}

AlertRecord update_alert(store::Database& db, const std::string& module_id,
                         std::string_view alert_id, std::size_t seen_events,
                         const AlertState& state, const AlertEvent& event) {
    check(state, event);
    const std::int64_t id = id_number(alert_id);
    auto current = db.prepare("SELECT module_id, child_id, events FROM alerts WHERE alert_id = ?");
    current.bind(1, id);
    if (id < 0 || !current.step() || current.text(0) != module_id) {
        throw plugin::HostError("alert " + std::string(alert_id) + " is not one of module " +
                                module_id + "'s alerts");
    }
    if (current.text(1) != state.child_id) {
        throw plugin::HostError("alert " + std::string(alert_id) + " is about child " +
                                current.text(1) + ", not " + state.child_id);
    }
    const auto events = current.integer(2);
    if (static_cast<std::size_t>(events) != seen_events) {
        throw plugin::HostError(fmt::format(
            "alert {} changed while this change was being decided ({} entries in its history, "
            "{} read): look at it again",
            alert_id, events, seen_events));
    }
    require_transaction(db);
    auto update = db.prepare(
        "UPDATE alerts SET child_id = ?, kind = ?, stage = ?, stage_name = ?, level = ?, "
        "status = ?, closed = ?, raised_by = ?, raised_on = ?, responder = ?, copies = ?, "
        "due_on = ?, outcome = ?, closed_on = ?, team_id = ?, body = ?, events = events + 1, "
        "updated_at = ? WHERE alert_id = ?");
    bind_state(update, 1, state);
    update.bind(17, event.recorded_at).bind(18, id).run();
    write_categories(db, id, state);
    append_history(db, id, events + 1, event);
    return stored(db, id);
}

std::vector<AlertRecord> list_alerts(store::Database& db, const AlertQuery& query) {
    store::Conditions where;
    where.equal_if_set("module_id", query.module_id).equal_if_set("child_id", query.child_id);
    if (query.open_only) {
        where.add("closed = 0");
    }
    if (query.raised_from) {
        where.add("raised_on >= ?", {plugin::to_iso(*query.raised_from)});
    }
    if (query.raised_to) {
        where.add("raised_on <= ?", {plugin::to_iso(*query.raised_to)});
    }
    std::vector<AlertRecord> found;
    {
        store::CachedUse s(
            db, fmt::format("SELECT {} FROM alerts{} ORDER BY alert_id", kColumns, where.where()));
        where.bind(*s);
        while (s->step()) {
            AlertRecord alert;
            alert.state = read_state(*s, alert);
            found.push_back(std::move(alert));
        }
    }
    for (auto& alert : found) {
        load_details(db, alert);
    }
    return found;
}

std::optional<AlertRecord> find_alert(store::Database& db, std::string_view alert_id) {
    const std::int64_t id = id_number(alert_id);
    if (id < 0) {
        return std::nullopt;
    }
    auto s = db.prepare(fmt::format("SELECT {} FROM alerts WHERE alert_id = ?", kColumns));
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    AlertRecord alert;
    alert.state = read_state(s, alert);
    load_details(db, alert);
    return alert;
}

}  // namespace iro::alerts
