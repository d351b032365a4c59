#include "services/permission_gates.hpp"

namespace iro::services {

namespace {
// `verb` is "read" or "write"; the manifest's list is records.reads or records.writes.
void require_listed(const std::set<std::string>& listed, const std::string& module_id,
                    const char* kind, const std::string& verb) {
    if (listed.count(kind) == 0) {
        throw plugin::HostError("module " + module_id + " may not " + verb + " " + kind +
                                ": its manifest does not list it in records." + verb + "s");
    }
}
}  // namespace

void GatedCaseRecords::require(const char* kind) const {
    require_listed(reads_, module_id_, kind, "read");
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
std::optional<plugin::Review> GatedCaseRecords::review(std::string_view review_id) const {
    require("reviews");
    return records_.review(review_id);
}
std::vector<plugin::ReviewDistribution> GatedCaseRecords::review_distributions(
    std::string_view child_id) const {
    require("reviews");
    return records_.review_distributions(child_id);
}
std::vector<plugin::Allocation> GatedCaseRecords::allocations(std::string_view child_id) const {
    require("allocations");
    return records_.allocations(child_id);
}

void GatedCaseRecords::scan_case_files(plugin::Date since, plugin::CaseFileVisitor& visitor) const {
    const auto reads = [&](const char* kind) { return reads_.count(kind) != 0; };
    store::ScanParts parts{reads("episodes"), reads("reviews"), reads("allocations"),
                           reads("notes"), reads("questionnaire_responses")};
    records_.scan(since, parts, visitor);
}

void GatedOutputs::require(const char* kind) const {
    require_listed(writes_, module_id_, kind, "write");
}

void GatedOutputs::require_read(const char* kind) const {
    require_listed(reads_, module_id_, kind, "read");
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

plugin::ResponseRecord GatedOutputs::record_response(const plugin::ResponseDraft& response) {
    require("questionnaire_responses");
    return outputs_.record_response(response);
}
std::vector<plugin::ResponseRecord> GatedOutputs::responses(std::string_view child_id) const {
    require_read("questionnaire_responses");
    return outputs_.responses(child_id);
}

std::string GatedOutputs::emit_note(const plugin::OutputDraft& note) {
    require("notes");
    return outputs_.emit_note(note);
}
std::string GatedOutputs::emit_prompt(const plugin::OutputDraft& prompt) {
    return outputs_.emit_prompt(prompt);  // withdrawn: refused whatever the manifest lists
}
std::string GatedOutputs::emit_alert(const plugin::OutputDraft& alert) {
    return outputs_.emit_alert(alert);  // withdrawn: refused whatever the manifest lists
}

}  // namespace iro::services
