#include "services/module_prompts.hpp"

#include "clock/timestamps.hpp"
#include "prompts/prompt_store.hpp"

namespace iro::services {

void ModulePrompts::require_write() const {
    if (!may_write_) {
        throw plugin::HostError("module " + module_id_ +
                                " may not write prompts: its manifest does not list them in "
                                "records.writes");
    }
}

plugin::PromptRecord ModulePrompts::raise(const plugin::PromptDraft& draft, plugin::Date day) {
    require_write();
    return unit_.run([&] {
        return prompts::raise_prompt(
            db_, module_id_, draft,
            {"module:" + module_id_, day, clock::utc_timestamp(clock_.now())});
    });
}

std::optional<plugin::PromptRecord> ModulePrompts::close(std::string_view key,
                                                         plugin::PromptState outcome,
                                                         const plugin::PromptClosure& closure) {
    require_write();
    plugin::PromptClosure stamped = closure;
    stamped.by = "module:" + module_id_;
    return unit_.run([&] {
        return prompts::close_prompt(
            db_, module_id_, key, outcome, stamped,
            {stamped.by, closure.closed_on, clock::utc_timestamp(clock_.now())});
    });
}

std::vector<plugin::OpenPrompt> ModulePrompts::open_prompts(std::string_view child_id) const {
    require_write();
    return prompts::open_prompts(db_, module_id_, child_id);
}

}  // namespace iro::services
