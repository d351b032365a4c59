#include "module_store/module_outputs_store.hpp"

#include "clock/timestamps.hpp"
#include "oversight_notes/note_store.hpp"
#include "qaf/response_store.hpp"

namespace iro::store {

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

// Withdrawn from API 1.0: what they stored (table module_outputs) reached no person, no report
// and no face, so a module calling them is told where prompts and alerts are made now, rather
// than having them silently lost. The slots stay, so modules built against 1.0 to 1.4 still load.
std::string ModuleOutputsStore::emit_prompt(const plugin::OutputDraft& /*prompt*/) {
    throw plugin::HostError(
        "emit_prompt is withdrawn (its prompts reached no one): raise prompts with "
        "host().prompts().raise(...) (API 1.2)");
}

std::string ModuleOutputsStore::emit_alert(const plugin::OutputDraft& /*alert*/) {
    throw plugin::HostError(
        "emit_alert is withdrawn (its alerts reached no one): raise alerts with "
        "host().alerts().open(...) (API 1.3)");
}

}  // namespace iro::store
