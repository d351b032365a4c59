#pragma once
// The notes table: every version of every note, append-only (the store's triggers refuse any
// UPDATE or DELETE). Storing a version also queues its note_recorded case event, in one savepoint.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::notes {

/// A version to store. For an original, amends is empty; for an amendment it names any version
/// of the note being amended and reason says why.
struct NewVersion {
    std::string module_id;
    plugin::NoteDraft draft;
    std::string author_id;
    std::string author_role;
    std::string recorded_at;
    std::optional<std::string> amends;
    std::string reason;
    /// API 1.0's emit_note never asked for the child to be known; it keeps that behaviour.
    bool require_known_child = true;
};

/// Stores the version and queues note_recorded. Throws plugin::HostError when the child is not in
/// the case records, the note to amend does not exist, belongs to another module, child or kind,
/// or an amendment gives no reason.
plugin::NoteRecord store_note(store::Database& db, const NewVersion& version);

/// Every version of the note `note_id` belongs to, oldest first; empty when there is none.
std::vector<plugin::NoteRecord> note_versions(store::Database& db, std::string_view note_id);

/// What a listing selects.
struct NoteQuery {
    std::string child_id;  ///< empty: every child
    std::string kind;      ///< empty: every kind
};

/// The latest version of each note matching the query, most recent oversight first.
std::vector<plugin::NoteRecord> latest_notes(store::Database& db, const NoteQuery& query);

/// The columns read_note expects, for a SELECT from notes.
std::string_view note_columns();
/// The note in the current row of a SELECT of note_columns().
plugin::NoteRecord read_note(const store::Statement& row);

/// The record as JSON (the CLI's and, later, the HTTP API's form).
nlohmann::json to_json(const plugin::NoteRecord& note);

}  // namespace iro::notes
