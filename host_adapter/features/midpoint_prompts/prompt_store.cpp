#include "midpoint_prompts/prompt_store.hpp"

#include <fmt/format.h>

#include "store/conditions.hpp"

namespace iro::prompts {

namespace {

using plugin::PromptRecord;
using plugin::PromptState;

constexpr std::string_view kColumns =
    "prompt_id, prompt_key, module_id, child_id, kind, audience, visible_to, due_on, overdue, "
    "opened_on, state, body, closed_on, closed_by_type, closed_by_id, closed_reason, closed_by, "
    "revision";
constexpr int kColumnCount = 18;

plugin::Date day_of(const std::string& text) {
    if (const auto day = plugin::parse_iso_date(text)) {
        return *day;
    }
    throw store::SqliteError("prompts: '" + text + "' in the store is not a date");
}

// Reads the kColumns at `first`.
PromptRecord read_prompt(const store::Statement& s, int first = 0) {
    PromptRecord p;
    p.prompt_id = std::to_string(s.integer(first));
    p.key = s.text(first + 1);
    p.module_id = s.text(first + 2);
    p.child_id = s.text(first + 3);
    p.kind = s.text(first + 4);
    p.audience = s.text(first + 5);
    p.visible_to = nlohmann::json::parse(s.text(first + 6)).get<std::vector<std::string>>();
    p.due_on = day_of(s.text(first + 7));
    p.overdue = s.integer(first + 8) != 0;
    p.opened_on = day_of(s.text(first + 9));
    p.state = prompt_state_from_string(s.text(first + 10)).value_or(PromptState::open);
    p.body = nlohmann::json::parse(s.text(first + 11));
    if (!s.is_null(first + 12)) {
        p.closure = plugin::PromptClosure{s.text(first + 13), s.text(first + 14),
                                          day_of(s.text(first + 12)), s.text(first + 15),
                                          s.text(first + 16)};
    }
    p.revision = s.text(first + 17);
    return p;
}

// Prompt writes join the caller's transaction rather than open savepoints of their own: a tick
// raises a prompt for most children, and a nested savepoint per prompt copies every page it
// touches to the statement journal first.
void require_transaction(store::Database& db) {
    if (!db.in_transaction()) {
        throw std::logic_error("prompt writes run inside the caller's transaction");
    }
}

void record_history(store::Database& db, const std::string& prompt_id, const PromptChange& change,
                    std::string_view action, std::string_view detail) {
    db.cached(
          "INSERT INTO prompt_history (prompt_id, at, as_of, actor, action, detail) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, std::int64_t{std::stoll(prompt_id)})
        .bind(2, change.at)
        .bind(3, plugin::to_iso(change.as_of))
        .bind(4, change.actor)
        .bind(5, action)
        .bind(6, detail)
        .run();
}

std::optional<PromptRecord> find_by_key(store::Database& db, const std::string& module_id,
                                        std::string_view key) {
    auto& s = db.cached(
        fmt::format("SELECT {} FROM prompts WHERE module_id = ? AND prompt_key = ?", kColumns));
    s.bind(1, module_id).bind(2, key);
    std::optional<PromptRecord> found;
    if (s.step()) {
        found = read_prompt(s);
    }
    s.reset();
    return found;
}

bool is_closed(PromptState state) {
    return state == PromptState::done || state == PromptState::dismissed;
}

void write_closure(store::Database& db, const PromptRecord& p, PromptState outcome,
                   const plugin::PromptClosure& closure, const PromptChange& change) {
    db.cached(
          "UPDATE prompts SET state = ?, closed_on = ?, closed_by_type = ?, closed_by_id = ?, "
          "closed_reason = ?, closed_by = ?, updated_at = ? WHERE prompt_id = ?")
        .bind(1, plugin::to_string(outcome))
        .bind(2, plugin::to_iso(closure.closed_on))
        .bind(3, closure.record_type)
        .bind(4, closure.record_id)
        .bind(5, closure.reason)
        .bind(6, closure.by)
        .bind(7, change.at)
        .bind(8, std::int64_t{std::stoll(p.prompt_id)})
        .run();
    std::string detail = closure.record_type.empty()
                             ? closure.reason
                             : closure.record_type + " " + closure.record_id +
                                   (closure.reason.empty() ? "" : ": " + closure.reason);
    record_history(db, p.prompt_id, change, plugin::to_string(outcome), detail);
}

}  // namespace

void OpenedHistory::add(store::Database& db, std::int64_t prompt_id) {
    if (last_ != 0 && prompt_id != last_ + 1) {
        write(db);
    }
    if (first_ == 0) {
        first_ = prompt_id;
    }
    last_ = prompt_id;
}

void OpenedHistory::write(store::Database& db) {
    if (first_ == 0) {
        return;
    }
    // The one wording of an "opened" row, from the rows just inserted (nothing has changed them:
    // every other write to them writes these rows first).
    db.cached(
          "INSERT INTO prompt_history (prompt_id, at, as_of, actor, action, detail) "
          "SELECT prompt_id, updated_at, opened_on, ?, 'opened', "
          "'due ' || due_on || CASE overdue WHEN 1 THEN ', overdue' ELSE '' END "
          "FROM prompts WHERE prompt_id BETWEEN ? AND ? ORDER BY prompt_id")
        .bind(1, actor_)
        .bind(2, first_)
        .bind(3, last_)
        .run();
    drop();
}

std::optional<PromptState> prompt_state_from_string(std::string_view name) {
    for (const PromptState s : {PromptState::open, PromptState::acknowledged, PromptState::done,
                                PromptState::dismissed}) {
        if (plugin::to_string(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

PromptRecord record_of(const std::string& module_id, const plugin::PromptDraft& draft,
                       plugin::Date day, PromptState state,
                       std::optional<plugin::PromptClosure> closure) {
    return PromptRecord{"",
                        draft.key,
                        module_id,
                        draft.child_id,
                        draft.kind,
                        draft.audience,
                        draft.visible_to,
                        draft.due_on,
                        draft.overdue,
                        day,
                        state,
                        draft.body,
                        std::move(closure),
                        draft.revision};
}

PromptRecord raise_prompt(store::Database& db, const std::string& module_id,
                          const plugin::PromptDraft& draft, const PromptChange& change,
                          OpenedHistory* opened) {
    if (draft.key.empty() || draft.child_id.empty() || draft.kind.empty() ||
        draft.audience.empty()) {
        throw plugin::HostError("a prompt needs a key, a child, a kind and an audience");
    }
    require_transaction(db);
    const std::string visible = nlohmann::json(draft.visible_to).dump();
    const std::string body = draft.body.dump();
    // Opening is the common case on a tick: one statement, which leaves a stored key alone.
    db.cached(
          "INSERT INTO prompts (module_id, prompt_key, child_id, kind, audience, visible_to, "
          "due_on, overdue, opened_on, state, body, revision, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) "
          "ON CONFLICT (module_id, prompt_key) DO NOTHING")
        .bind(1, module_id)
        .bind(2, draft.key)
        .bind(3, draft.child_id)
        .bind(4, draft.kind)
        .bind(5, draft.audience)
        .bind(6, visible)
        .bind(7, plugin::to_iso(draft.due_on))
        .bind(8, std::int64_t{draft.overdue ? 1 : 0})
        .bind(9, plugin::to_iso(change.as_of))
        .bind(10, body)
        .bind(11, draft.revision)
        .bind(12, change.at)
        .run();
    if (db.changes() == 1) {
        PromptRecord record = record_of(module_id, draft, change.as_of, PromptState::open);
        const std::int64_t id = db.last_insert_rowid();
        record.prompt_id = std::to_string(id);
        if (opened != nullptr) {
            opened->add(db, id);
        } else {
            OpenedHistory now(change.actor);
            now.add(db, id);
            now.write(db);
        }
        return record;
    }
    if (opened != nullptr) {
        opened->write(db);
    }
    auto existing = find_by_key(db, module_id, draft.key);
    if (!existing) {
        throw store::SqliteError("prompt '" + draft.key + "' neither inserted nor found");
    }
    if (existing->child_id != draft.child_id) {
        throw plugin::HostError("prompt key '" + draft.key + "' already belongs to another child");
    }
    const bool same = existing->due_on == draft.due_on && existing->overdue == draft.overdue &&
                      existing->kind == draft.kind && existing->audience == draft.audience &&
                      existing->visible_to == draft.visible_to && existing->body == draft.body;
    if (is_closed(existing->state) || (same && existing->revision == draft.revision)) {
        return *existing;
    }
    db.cached(
          "UPDATE prompts SET kind = ?, audience = ?, visible_to = ?, due_on = ?, overdue = ?, "
          "body = ?, revision = ?, updated_at = ? WHERE prompt_id = ?")
        .bind(1, draft.kind)
        .bind(2, draft.audience)
        .bind(3, visible)
        .bind(4, plugin::to_iso(draft.due_on))
        .bind(5, std::int64_t{draft.overdue ? 1 : 0})
        .bind(6, body)
        .bind(7, draft.revision)
        .bind(8, change.at)
        .bind(9, std::int64_t{std::stoll(existing->prompt_id)})
        .run();
    // A new digest of the same words is bookkeeping, not a change anyone needs to see.
    if (!same) {
        const bool became_overdue = draft.overdue && !existing->overdue;
        std::string detail;
        if (existing->due_on != draft.due_on) {
            detail =
                "due " + plugin::to_iso(existing->due_on) + " -> " + plugin::to_iso(draft.due_on);
        }
        record_history(db, existing->prompt_id, change, became_overdue ? "overdue" : "updated",
                       detail);
    }
    // What was just written, without reading it back.
    existing->kind = draft.kind;
    existing->audience = draft.audience;
    existing->visible_to = draft.visible_to;
    existing->due_on = draft.due_on;
    existing->overdue = draft.overdue;
    existing->body = draft.body;
    existing->revision = draft.revision;
    return *existing;
}

std::optional<PromptRecord> close_prompt(store::Database& db, const std::string& module_id,
                                         std::string_view key, PromptState outcome,
                                         const plugin::PromptClosure& closure,
                                         const PromptChange& change, OpenedHistory* opened) {
    if (!is_closed(outcome)) {
        throw plugin::HostError("a prompt closes as done or dismissed, not " +
                                std::string(plugin::to_string(outcome)));
    }
    if (outcome == PromptState::dismissed && closure.reason.empty()) {
        throw plugin::HostError("dismissing prompt '" + std::string(key) + "' needs a reason");
    }
    require_transaction(db);
    if (opened != nullptr) {
        opened->write(db);
    }
    auto existing = find_by_key(db, module_id, key);
    if (!existing || is_closed(existing->state)) {
        return std::nullopt;
    }
    write_closure(db, *existing, outcome, closure, change);
    existing->state = outcome;
    existing->closure = closure;
    return existing;
}

std::vector<plugin::OpenPrompt> open_prompts(store::Database& db, const std::string& module_id,
                                             std::string_view child_id) {
    store::Conditions where;
    where.equal_if_set("module_id", module_id)
        .add("state IN ('open', 'acknowledged')")
        .equal_if_set("child_id", child_id);
    auto s = db.prepare(
        "SELECT prompt_id, prompt_key, child_id, kind, due_on, overdue, opened_on, state, "
        "revision FROM prompts" +
        where.where() + " ORDER BY child_id, prompt_key");
    where.bind(s);
    std::vector<plugin::OpenPrompt> out;
    while (s.step()) {
        out.push_back({std::to_string(s.integer(0)), s.text(1), s.text(2), s.text(3),
                       day_of(s.text(4)), s.integer(5) != 0, day_of(s.text(6)),
                       prompt_state_from_string(s.text(7)).value_or(PromptState::open), s.text(8)});
    }
    return out;
}

std::optional<PromptRecord> find_prompt(store::Database& db, std::string_view prompt_id) {
    std::int64_t id = 0;
    try {
        id = std::stoll(std::string(prompt_id));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    auto s = db.prepare(fmt::format("SELECT {} FROM prompts WHERE prompt_id = ?", kColumns));
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    return read_prompt(s);
}

PromptRecord act_on_prompt(store::Database& db, std::string_view prompt_id, PersonAction action,
                           const std::string& reason, const PromptChange& change) {
    store::Savepoint sp(db);
    auto p = find_prompt(db, prompt_id);
    if (!p) {
        throw PromptActionRefused("there is no prompt " + std::string(prompt_id));
    }
    const std::string state(plugin::to_string(p->state));
    if (is_closed(p->state)) {
        throw PromptActionRefused("prompt " + p->prompt_id + " is already " + state +
                                  "; a closed prompt stays closed");
    }
    if (action == PersonAction::acknowledge) {
        if (p->state != PromptState::open) {
            throw PromptActionRefused("prompt " + p->prompt_id + " is already " + state);
        }
        db.prepare("UPDATE prompts SET state = 'acknowledged', updated_at = ? WHERE prompt_id = ?")
            .bind(1, change.at)
            .bind(2, std::int64_t{std::stoll(p->prompt_id)})
            .run();
        record_history(db, p->prompt_id, change, "acknowledged", reason);
    } else {
        if (action == PersonAction::dismiss && reason.empty()) {
            throw PromptActionRefused("dismissing prompt " + p->prompt_id +
                                      " needs a reason (--reason)");
        }
        const PromptState outcome =
            action == PersonAction::done ? PromptState::done : PromptState::dismissed;
        write_closure(db, *p, outcome, {"person", change.actor, change.as_of, reason, change.actor},
                      change);
    }
    auto stored = find_prompt(db, prompt_id);
    sp.commit();
    return *stored;
}

std::vector<PromptRow> list_prompts(store::Database& db, const PromptQuery& q) {
    // The child's current allocations: the latest-starting one of each role that has not ended.
    const std::string current =
        "(SELECT {0} FROM allocations a WHERE a.child_id = p.child_id AND a.role = '{1}' "
        "AND a.end_date IS NULL ORDER BY a.start_date DESC LIMIT 1)";
    store::Conditions where;
    where.equal_if_set("p.child_id", q.child_id).equal_if_set("p.kind", q.kind);
    if (q.state == "open") {
        where.add("p.state IN ('open', 'acknowledged')");
    } else if (q.state == "closed") {
        where.add("p.state IN ('done', 'dismissed')");
    } else {
        where.equal_if_set("p.state", q.state);
    }
    const bool people = q.with_people || !q.iro_id.empty() || !q.team_id.empty();
    const std::string sql = fmt::format(
        "SELECT {0}, {1}, {2}, {3} FROM prompts p{4} ORDER BY p.due_on, p.child_id, p.prompt_id",
        kColumns, people ? fmt::format(fmt::runtime(current), "worker_id", "iro") : "NULL",
        people ? fmt::format(fmt::runtime(current), "worker_id", "social_worker") : "NULL",
        people ? fmt::format(fmt::runtime(current), "team_id", "social_worker") : "NULL",
        where.where());
    store::CachedUse s(db, sql);
    where.bind(*s);
    std::vector<PromptRow> rows;
    while (s->step()) {
        PromptRow row{read_prompt(*s), s->optional_text(kColumnCount).value_or(""),
                      s->optional_text(kColumnCount + 1).value_or(""),
                      s->optional_text(kColumnCount + 2).value_or("")};
        if ((!q.iro_id.empty() && row.iro_id != q.iro_id) ||
            (!q.team_id.empty() && row.team_id != q.team_id)) {
            continue;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

nlohmann::json prompt_history(store::Database& db, std::string_view prompt_id) {
    auto s = db.prepare(
        "SELECT at, as_of, actor, action, detail FROM prompt_history WHERE prompt_id = ? "
        "ORDER BY seq");
    s.bind(1, prompt_id);
    nlohmann::json out = nlohmann::json::array();
    while (s.step()) {
        out.push_back({{"at", s.text(0)},
                       {"as_of", s.text(1)},
                       {"actor", s.text(2)},
                       {"action", s.text(3)},
                       {"detail", s.text(4)}});
    }
    return out;
}

nlohmann::json to_json(const PromptRecord& p) {
    nlohmann::json j{{"prompt_id", p.prompt_id},
                     {"key", p.key},
                     {"module_id", p.module_id},
                     {"child_id", p.child_id},
                     {"kind", p.kind},
                     {"audience", p.audience},
                     {"visible_to", p.visible_to},
                     {"due_on", plugin::to_iso(p.due_on)},
                     {"overdue", p.overdue},
                     {"opened_on", plugin::to_iso(p.opened_on)},
                     {"state", plugin::to_string(p.state)},
                     {"body", p.body},
                     {"closed", nullptr}};
    if (p.closure) {
        j["closed"] = {{"on", plugin::to_iso(p.closure->closed_on)},
                       {"record_type", p.closure->record_type},
                       {"record_id", p.closure->record_id},
                       {"reason", p.closure->reason},
                       {"by", p.closure->by}};
    }
    return j;
}

}  // namespace iro::prompts
