#include "services/module_prompts.hpp"

#include "clock/timestamps.hpp"
#include "midpoint_prompts/prompt_store.hpp"

namespace iro::services {

using prompts::OpenedHistory;

void ModulePrompts::require_write() const {
    if (!may_write_) {
        throw plugin::HostError("module " + module_id_ +
                                " may not write prompts: its manifest does not list them in "
                                "records.writes");
    }
}

std::optional<plugin::Date> ModulePrompts::go_live() const {
    if (!go_live_) {
        go_live_ = prompts::go_live_day(db_, configured_go_live_);
    }
    return go_live_;
}

plugin::PromptRecord ModulePrompts::raise(const plugin::PromptDraft& draft, plugin::Date day) {
    require_write();
    if (const auto live = go_live(); live && draft.due_on < *live) {
        if (!backlog_recorded_before_) {
            backlog_recorded_before_ = prompts::backlog_recorded(db_, module_id_);
        }
        if (!*backlog_recorded_before_) {
            if (!backlog_keys_.contains(std::string_view(draft.key))) {
                backlog_unit_keys_.push_back(&*backlog_keys_.emplace(draft.key).first);
                backlog_.push_back({draft.kind, draft.child_id, draft.due_on});
                backlog_as_of_ = day;
            }
        }
        const std::string why = "go-live backlog: due " + plugin::to_iso(draft.due_on) +
                                ", before go-live on " + plugin::to_iso(*live);
        return prompts::record_of(module_id_, draft, day, plugin::PromptState::dismissed,
                                  plugin::PromptClosure{"backlog", "", day, why, "iro-host"});
    }
    // Inside the host's unit of work the "opened" history row waits for the unit's end; outside
    // one (a module's start()), the write is a transaction of its own and takes its row along.
    OpenedHistory* opened = db_.in_transaction() ? &opened_ : nullptr;
    return unit_.run([&] {
        return prompts::raise_prompt(
            db_, module_id_, draft,
            {"module:" + module_id_, day, clock::utc_timestamp(clock_.now())}, opened);
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
            {stamped.by, closure.closed_on, clock::utc_timestamp(clock_.now())}, &opened_);
    });
}

void ModulePrompts::finish_unit() {
    opened_.write(db_);
    if (backlog_.empty()) {
        return;
    }
    prompts::record_backlog(db_, module_id_, *go_live_, backlog_as_of_, backlog_);
    backlog_.clear();
    backlog_unit_keys_.clear();
}

void ModulePrompts::abandon_unit() noexcept {
    opened_.drop();
    for (const std::pmr::string* key : backlog_unit_keys_) {
        backlog_keys_.erase(backlog_keys_.find(std::string_view(*key)));
    }
    backlog_.clear();
    backlog_unit_keys_.clear();
}

std::vector<plugin::OpenPrompt> ModulePrompts::open_prompts(std::string_view child_id) const {
    require_write();
    return prompts::open_prompts(db_, module_id_, child_id);
}

}  // namespace iro::services
