#pragma once
// Bringing a child's stored prompts in line with their plan as of a day. Only forward: a prompt
// opens, is updated (due day, overdue, what it says), or closes; a closed prompt never reopens,
// and a prompt opened by an evaluation as of a later day is left as it is. Evaluating the same day
// twice writes nothing.

#include <span>
#include <string>

#include "cycle_plan.hpp"
#include "iro/plugin_api/services.hpp"
#include "prompt_settings.hpp"

namespace iro::midpoint_prompts {

struct Tally {
    int opened = 0;
    int updated = 0;
    int done = 0;
    int dismissed = 0;
};

/// What reconcile needs besides the child: the day, the settings the plan was made with, whether
/// the QAF module is on, and where prompts are kept.
struct ReconcileContext {
    plugin::Date as_of{};
    const PromptSettings& settings;
    bool qaf_enabled = false;
    plugin::Prompts& prompts;
    std::optional<plugin::Date> go_live;  ///< prompts due before it are backlog (Prompts::go_live)
};

/// `open` holds the child's open and acknowledged prompts (from Prompts::open_prompts).
void reconcile(const std::string& child_id, const ChildPlan& plan,
               std::span<const plugin::OpenPrompt> open, const ReconcileContext& context,
               Tally& tally);

}  // namespace iro::midpoint_prompts
