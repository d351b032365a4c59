#include "store/module_outputs_store.hpp"

#include "clock/timestamps.hpp"

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
    return insert("note", note);
}
std::string ModuleOutputsStore::emit_prompt(const plugin::OutputDraft& prompt) {
    return insert("prompt", prompt);
}
std::string ModuleOutputsStore::emit_alert(const plugin::OutputDraft& alert) {
    return insert("alert", alert);
}

}  // namespace iro::store
