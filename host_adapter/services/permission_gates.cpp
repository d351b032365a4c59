#include "services/permission_gates.hpp"

namespace iro::services {

void GatedCaseRecords::require(const char* kind) const {
    if (reads_.count(kind) == 0) {
        throw plugin::HostError("module " + module_id_ + " may not read " + kind +
                                ": its manifest does not list it in records.reads");
    }
}

std::optional<plugin::Child> GatedCaseRecords::child(std::string_view child_id) const {
    require("children");
    return records_.child(child_id);
}
std::vector<plugin::Episode> GatedCaseRecords::episodes(std::string_view child_id) const {
    require("episodes");
    return records_.episodes(child_id);
}
std::vector<plugin::Review> GatedCaseRecords::reviews(std::string_view child_id) const {
    require("reviews");
    return records_.reviews(child_id);
}
std::vector<plugin::Allocation> GatedCaseRecords::allocations(std::string_view child_id) const {
    require("allocations");
    return records_.allocations(child_id);
}

void GatedOutputs::require(const char* kind) const {
    if (writes_.count(kind) == 0) {
        throw plugin::HostError("module " + module_id_ + " may not write " + kind +
                                ": its manifest does not list it in records.writes");
    }
}

void GatedOutputs::require_read(const char* kind) const {
    if (reads_.count(kind) == 0) {
        throw plugin::HostError("module " + module_id_ + " may not read " + kind +
                                ": its manifest does not list it in records.reads");
    }
}

plugin::NoteRecord GatedOutputs::record_note(const plugin::NoteDraft& note) {
    require("notes");
    return outputs_.record_note(note);
}
plugin::NoteRecord GatedOutputs::amend_note(std::string_view note_id, const plugin::NoteDraft& note,
                                            std::string_view reason) {
    require("notes");
    return outputs_.amend_note(note_id, note, reason);
}
std::vector<plugin::NoteRecord> GatedOutputs::note_versions(std::string_view note_id) const {
    require_read("notes");
    return outputs_.note_versions(note_id);
}
std::vector<plugin::NoteRecord> GatedOutputs::notes(std::string_view child_id) const {
    require_read("notes");
    return outputs_.notes(child_id);
}

std::string GatedOutputs::emit_note(const plugin::OutputDraft& note) {
    require("notes");
    return outputs_.emit_note(note);
}
std::string GatedOutputs::emit_prompt(const plugin::OutputDraft& prompt) {
    require("prompts");
    return outputs_.emit_prompt(prompt);
}
std::string GatedOutputs::emit_alert(const plugin::OutputDraft& alert) {
    require("alerts");
    return outputs_.emit_alert(alert);
}

}  // namespace iro::services
