#include "prompt_reconcile.hpp"

#include <vector>

namespace iro::midpoint_prompts {

namespace {

using plugin::Date;
using plugin::PromptState;

void close(const ReconcileContext& c, const std::string& key, PromptState outcome,
           const Closing& closing, Tally& tally) {
    if (c.prompts.close(key, outcome,
                        {std::string(closing.record_type),
                         closing.record_id,
                         closing.on,
                         closing.reason(),
                         {}})) {
        ++(outcome == PromptState::done ? tally.done : tally.dismissed);
    }
}

// Why a stored prompt the plan no longer holds stops applying.
Closing withdrawn(const plugin::OpenPrompt& p, Date as_of, bool qaf_enabled) {
    if (p.kind == kQafOutstanding && !qaf_enabled) {
        return {"module", {}, as_of, "the QAF module is not enabled", std::nullopt, {}};
    }
    if (p.kind == kOversightQuarter) {
        return {"module", {}, as_of, "the quarter after it has ended too (as of ", as_of, ")"};
    }
    return {"module", {}, as_of, "the review schedule moved on (as of ", as_of, ")"};
}

}  // namespace

void reconcile(const std::string& child_id, const ChildPlan& plan,
               std::span<const plugin::OpenPrompt> open, const ReconcileContext& c, Tally& tally) {
    if (plan.not_looked_after) {
        for (const auto& p : open) {
            close(c, p.key, PromptState::dismissed, *plan.not_looked_after, tally);
        }
        return;
    }
    // A child has a handful of open prompts: a linear search beats building a map.
    std::vector<bool> planned(open.size(), false);
    const auto stored = [&](const std::string& key) -> const plugin::OpenPrompt* {
        for (std::size_t i = 0; i < open.size(); ++i) {
            if (open[i].key == key) {
                planned[i] = true;
                return &open[i];
            }
        }
        return nullptr;
    };
    for (const auto& o : plan.obligations) {
        const plugin::OpenPrompt* existing = stored(o.key);
        if (o.satisfied_by || o.lapsed_by) {
            if (existing != nullptr) {
                close(c, o.key, o.satisfied_by ? PromptState::done : PromptState::dismissed,
                      o.satisfied_by ? *o.satisfied_by : *o.lapsed_by, tally);
            }
            continue;
        }
        if (existing == nullptr && o.opens_on > c.as_of) {
            continue;  // not yet
        }
        if (existing != nullptr && existing->due_on == o.due_on &&
            existing->overdue == (c.as_of > o.due_on) && existing->kind == o.kind &&
            existing->revision == revision_of(o, c.settings)) {
            continue;
        }
        if (existing == nullptr && c.go_live && o.due_on < *c.go_live) {
            // Go-live backlog: the host counts it and keeps nothing else, so what the prompt
            // would say is not worth building (at go-live, for most of a council's prompts).
            plugin::PromptDraft backlog;
            backlog.key = o.key;
            backlog.child_id = child_id;
            backlog.kind = std::string(o.kind);
            backlog.due_on = o.due_on;
            c.prompts.raise(backlog, c.as_of);
            continue;
        }
        // A prompt people already closed stays closed: raise() leaves it as it is.
        const auto stored_now =
            c.prompts.raise(draft_of(child_id, o, c.settings, c.as_of), c.as_of);
        if (stored_now.state == PromptState::open ||
            stored_now.state == PromptState::acknowledged) {
            ++(existing == nullptr ? tally.opened : tally.updated);
        }
    }
    for (std::size_t i = 0; i < open.size(); ++i) {
        // What an evaluation as of a later day opened is not this evaluation's to withdraw.
        if (planned[i] || open[i].opened_on > c.as_of) {
            continue;
        }
        close(c, open[i].key, PromptState::dismissed, withdrawn(open[i], c.as_of, c.qaf_enabled),
              tally);
    }
}

}  // namespace iro::midpoint_prompts
