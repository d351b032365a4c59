#pragma once
// Bringing a child's stored prompts in line with their plan as of a day. Only forward: a prompt
// opens, is updated (due day, overdue), or closes; a closed prompt never reopens, and a prompt of
// a cycle later than the day is left as it is. Evaluating the same day twice writes nothing.

#include <vector>

#include "cycle_plan.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::midpoint_prompts {

struct Tally {
    int opened = 0;
    int updated = 0;
    int done = 0;
    int dismissed = 0;
};

/// `open` holds the child's open and acknowledged prompts (from Prompts::open_prompts).
void reconcile(const std::string& child_id, const ChildPlan& plan,
               const std::vector<plugin::PromptRecord>& open, plugin::Date as_of, bool qaf_enabled,
               plugin::Prompts& prompts, Tally& tally);

}  // namespace iro::midpoint_prompts
