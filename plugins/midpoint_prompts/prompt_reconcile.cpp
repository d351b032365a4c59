#include "prompt_reconcile.hpp"

#include <algorithm>
#include <map>

namespace iro::midpoint_prompts {

namespace {

using plugin::Date;
using plugin::PromptState;

void close(plugin::Prompts& prompts, const std::string& key, PromptState outcome, const Closing& c,
           Tally& tally) {
    if (prompts.close(key, outcome, {c.record_type, c.record_id, c.on, c.reason, {}})) {
        ++(outcome == PromptState::done ? tally.done : tally.dismissed);
    }
}

plugin::PromptDraft draft_of(const std::string& child_id, const Obligation& o, Date as_of) {
    return {o.key, child_id, o.kind, o.audience, o.visible_to, o.due_on, as_of > o.due_on, o.body};
}

bool same(const plugin::PromptRecord& p, const plugin::PromptDraft& d) {
    return p.due_on == d.due_on && p.overdue == d.overdue && p.kind == d.kind &&
           p.audience == d.audience && p.visible_to == d.visible_to && p.body == d.body;
}

// Why a stored prompt the plan no longer holds stops applying.
std::string withdrawn_because(const plugin::PromptRecord& p, Date as_of, bool qaf_enabled) {
    if (p.kind == kQafOutstanding && !qaf_enabled) {
        return "the QAF module is not enabled";
    }
    if (p.kind == kOversightQuarter) {
        return "the quarter after it has ended too (as of " + plugin::to_iso(as_of) + ")";
    }
    return "the review schedule moved on (as of " + plugin::to_iso(as_of) + ")";
}

}  // namespace

void reconcile(const std::string& child_id, const ChildPlan& plan,
               const std::vector<plugin::PromptRecord>& open, Date as_of, bool qaf_enabled,
               plugin::Prompts& prompts, Tally& tally) {
    if (plan.not_looked_after) {
        for (const auto& p : open) {
            close(prompts, p.key, PromptState::dismissed, *plan.not_looked_after, tally);
        }
        return;
    }
    std::map<std::string_view, const plugin::PromptRecord*> stored;
    for (const auto& p : open) {
        stored.emplace(p.key, &p);
    }
    for (const auto& o : plan.obligations) {
        const auto it = stored.find(o.key);
        const plugin::PromptRecord* existing = it == stored.end() ? nullptr : it->second;
        if (existing != nullptr) {
            stored.erase(it);
        }
        if (o.satisfied_by) {
            if (existing != nullptr) {
                close(prompts, o.key, PromptState::done, *o.satisfied_by, tally);
            }
            continue;
        }
        if (o.lapsed_by) {
            if (existing != nullptr) {
                close(prompts, o.key, PromptState::dismissed, *o.lapsed_by, tally);
            }
            continue;
        }
        if (existing == nullptr && o.opens_on > as_of) {
            continue;  // not yet
        }
        const auto draft = draft_of(child_id, o, as_of);
        if (existing != nullptr && same(*existing, draft)) {
            continue;
        }
        // A prompt people already closed stays closed: raise() leaves it as it is.
        const auto stored_now = prompts.raise(draft, as_of);
        if (stored_now.state == PromptState::open ||
            stored_now.state == PromptState::acknowledged) {
            ++(existing == nullptr ? tally.opened : tally.updated);
        }
    }
    for (const auto& [key, p] : stored) {
        // A prompt from a cycle that starts after the day belongs to a later evaluation.
        const auto from = plugin::parse_iso_date(p->body.value("cycle_from", ""));
        if (from && *from > as_of) {
            continue;
        }
        close(prompts, p->key, PromptState::dismissed,
              {"module", {}, as_of, withdrawn_because(*p, as_of, qaf_enabled)}, tally);
    }
}

}  // namespace iro::midpoint_prompts
