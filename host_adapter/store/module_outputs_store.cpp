#include "store/module_outputs_store.hpp"

#include "clock/timestamps.hpp"
#include "notes/note_store.hpp"
#include "questionnaires/response_store.hpp"

namespace iro::store {

std::string ModuleOutputsStore::insert(std::string_view category,
                                       const plugin::OutputDraft& draft) {
    if (draft.child_id.empty()) {
        throw plugin::HostError(std::string(category) + " refused: child_id is empty");
    }
    if (draft.kind.empty()) {
        throw plugin::HostError(std::string(category) + " refused: kind is empty");
    }
    db_.prepare(
           "INSERT INTO module_outputs (module_id, category, kind, child_id, due_on, body, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, module_id_)
        .bind(2, category)
        .bind(3, draft.kind)
        .bind(4, draft.child_id)
        .bind(5, draft.due_on ? std::optional<std::string>(plugin::to_iso(*draft.due_on))
                              : std::nullopt)
        .bind(6, draft.body.dump())
        .bind(7, clock::utc_timestamp(clock_.now()))
        .run();
    return std::to_string(db_.last_insert_rowid());
}

std::string ModuleOutputsStore::emit_note(const plugin::OutputDraft& note) {
    // The 1.0 call: a note about today, in the notes table like every other, without the 1.1
    // requirement that the child be in the case records.
    return store({note.child_id, note.kind, clock_.today(), note.body}, std::nullopt, {},
                 /*require_known_child=*/false)
        .note_id;
}

plugin::NoteRecord ModuleOutputsStore::store(const plugin::NoteDraft& note,
                                             std::optional<std::string> amends,
                                             std::string_view reason, bool require_known_child) {
    notes::NewVersion version{module_id_,
                              note,
                              actor_ ? actor_->worker_id : "module:" + module_id_,
                              actor_ ? actor_->role : std::string("module"),
                              clock::utc_timestamp(clock_.now()),
                              std::move(amends),
                              std::string(reason),
                              require_known_child};
    return notes::store_note(db_, version);
}

plugin::NoteRecord ModuleOutputsStore::record_note(const plugin::NoteDraft& note) {
    return store(note, std::nullopt, {});
}

plugin::NoteRecord ModuleOutputsStore::amend_note(std::string_view note_id,
                                                  const plugin::NoteDraft& note,
                                                  std::string_view reason) {
    return store(note, std::string(note_id), reason);
}

std::vector<plugin::NoteRecord> ModuleOutputsStore::note_versions(std::string_view note_id) const {
    return notes::note_versions(db_, note_id);
}

std::vector<plugin::NoteRecord> ModuleOutputsStore::notes(std::string_view child_id) const {
    return notes::latest_notes(db_, {std::string(child_id), {}});
}
plugin::ResponseRecord ModuleOutputsStore::record_response(const plugin::ResponseDraft& response) {
    return questionnaires::store_response(
        db_, {module_id_, response, actor_ ? actor_->worker_id : "module:" + module_id_,
              actor_ ? actor_->role : std::string("module"), clock::utc_timestamp(clock_.now())});
}

std::vector<plugin::ResponseRecord> ModuleOutputsStore::responses(std::string_view child_id) const {
    return questionnaires::responses_of(db_, child_id);
}

std::string ModuleOutputsStore::emit_prompt(const plugin::OutputDraft& prompt) {
    return insert("prompt", prompt);
}
std::string ModuleOutputsStore::emit_alert(const plugin::OutputDraft& alert) {
    return insert("alert", alert);
}

}  // namespace iro::store
