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
