#include "oversight_notes/note_store.hpp"

#include <charconv>

#include "events/case_event_queue.hpp"
#include "store/children.hpp"
#include "store/conditions.hpp"

namespace iro::notes {

namespace {
constexpr std::string_view kColumns =
    "note_id, root_id, version, module_id, kind, child_id, occurred_on, author_id, author_role, "
    "coalesce(reason, ''), body, recorded_at";
}  // namespace

std::string_view note_columns() {
    return kColumns;
}

plugin::NoteRecord read_note(const store::Statement& row) {
    plugin::NoteRecord note;
    note.note_id = std::to_string(row.integer(0));
    note.root_id = std::to_string(row.integer(1));
    note.version = static_cast<int>(row.integer(2));
    note.module_id = row.text(3);
    note.kind = row.text(4);
    note.child_id = row.text(5);
    note.occurred_on = plugin::parse_iso_date(row.text(6)).value_or(plugin::Date{});
    note.author_id = row.text(7);
    note.author_role = row.text(8);
    note.reason = row.text(9);
    note.body = nlohmann::json::parse(row.text(10));
    note.recorded_at = row.text(11);
    return note;
}

namespace {

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0) {
        return std::nullopt;
    }
    return id;
}

}  // namespace

std::vector<plugin::NoteRecord> note_versions(store::Database& db, std::string_view note_id) {
    std::vector<plugin::NoteRecord> versions;
    const auto id = parse_id(note_id);
    if (!id) {
        return versions;
    }
    auto stmt = db.prepare("SELECT " + std::string(kColumns) +
                           " FROM notes WHERE root_id = (SELECT root_id FROM notes WHERE "
                           "note_id = ?) ORDER BY version");
    stmt.bind(1, *id);
    while (stmt.step()) {
        versions.push_back(read_note(stmt));
    }
    return versions;
}

plugin::NoteRecord store_note(store::Database& db, const NewVersion& v) {
    const plugin::NoteDraft& d = v.draft;
    if (d.kind.empty()) {
        throw plugin::HostError("note refused: kind is empty");
    }
    if (d.child_id.empty()) {
        throw plugin::HostError("note refused: child_id is empty");
    }
    if (v.require_known_child && !store::child_exists(db, d.child_id)) {
        throw plugin::HostError("note refused: child '" + d.child_id +
                                "' is not in the case records");
    }
    store::Savepoint unit(db);
    auto next = db.prepare("SELECT coalesce(max(note_id), 0) + 1 FROM notes");
    next.step();
    const std::int64_t note_id = next.integer(0);
    std::int64_t root_id = note_id;
    std::int64_t version = 1;
    if (v.amends) {
        const auto earlier = note_versions(db, *v.amends);
        if (earlier.empty()) {
            throw plugin::HostError("amendment refused: there is no note " + *v.amends);
        }
        const plugin::NoteRecord& latest = earlier.back();
        if (latest.module_id != v.module_id) {
            throw plugin::HostError("amendment refused: note " + *v.amends + " was recorded by " +
                                    latest.module_id + ", not by " + v.module_id);
        }
        if (latest.child_id != d.child_id || latest.kind != d.kind) {
            throw plugin::HostError("amendment refused: note " + *v.amends + " is a " +
                                    latest.kind + " note on child " + latest.child_id +
                                    "; an amendment keeps its child and kind");
        }
        if (v.reason.empty()) {
            throw plugin::HostError("amendment refused: give the reason for the change");
        }
        root_id = *parse_id(latest.root_id);
        version = latest.version + 1;
    }
    db.prepare(
          "INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, "
          "author_id, author_role, reason, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?)")
        .bind(1, note_id)
        .bind(2, root_id)
        .bind(3, version)
        .bind(4, v.module_id)
        .bind(5, d.kind)
        .bind(6, d.child_id)
        .bind(7, plugin::to_iso(d.occurred_on))
        .bind(8, v.author_id)
        .bind(9, v.author_role)
        .bind(10, v.amends ? std::optional<std::string>(v.reason) : std::nullopt)
        .bind(11, d.body.dump())
        .bind(12, v.recorded_at)
        .run();
    const std::string id_text = std::to_string(note_id);
    store::enqueue_case_event(db, {"note:" + id_text,
                                   "note_recorded",
                                   d.child_id,
                                   plugin::to_iso(d.occurred_on),
                                   {{"note_id", id_text},
                                    {"root_id", std::to_string(root_id)},
                                    {"module_id", v.module_id},
                                    {"kind", d.kind},
                                    {"author_role", v.author_role}},
                                   "host",
                                   v.recorded_at});
    auto stored = note_versions(db, id_text);
    unit.commit();
    return stored.back();
}

std::vector<plugin::NoteRecord> latest_notes(store::Database& db, const NoteQuery& query) {
    store::Conditions where;
    where.add("version = (SELECT max(version) FROM notes WHERE root_id = n.root_id)")
        .equal_if_set("child_id", query.child_id)
        .equal_if_set("kind", query.kind);
    store::CachedUse stmt(db, "SELECT " + std::string(kColumns) + " FROM notes n" + where.where() +
                                  " ORDER BY occurred_on DESC, root_id DESC");
    where.bind(*stmt);
    std::vector<plugin::NoteRecord> notes;
    while (stmt->step()) {
        notes.push_back(read_note(*stmt));
    }
    return notes;
}

nlohmann::json to_json(const plugin::NoteRecord& note) {
    nlohmann::json j{{"note_id", note.note_id},
                     {"root_id", note.root_id},
                     {"version", note.version},
                     {"module_id", note.module_id},
                     {"kind", note.kind},
                     {"child_id", note.child_id},
                     {"occurred_on", plugin::to_iso(note.occurred_on)},
                     {"author_id", note.author_id},
                     {"author_role", note.author_role},
                     {"recorded_at", note.recorded_at},
                     {"body", note.body}};
    if (!note.reason.empty()) {
        j["reason"] = note.reason;
    }
    return j;
}

}  // namespace iro::notes
