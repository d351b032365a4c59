#pragma once
// Who may acknowledge, complete or dismiss a prompt: the one rule the command line, the JSON API
// and the panel apply. A person acts on a prompt addressed to the role by which they reach the
// child (access/child_access.hpp: their allocation to the child on the day, or their team's), and
// an IRO manager on any of the child's prompts. Nobody acts on a prompt for a role they do not
// hold with that child: it would close another person's task under their name.

#include <string>

#include "access/roles.hpp"
#include "iro/plugin_api/services.hpp"

namespace iro::prompts {

/// Whether someone reaching the prompt's child as `role` may act on it.
bool may_act(access::Role role, const plugin::PromptRecord& prompt);

/// Throws iro::Error (forbidden), naming `who`, unless may_act.
void require_may_act(access::Role role, const plugin::PromptRecord& prompt, const std::string& who);

}  // namespace iro::prompts
