#include "midpoint_prompts/who_may_act.hpp"

#include "common/error.hpp"

namespace iro::prompts {

bool may_act(access::Role role, const plugin::PromptRecord& prompt) {
    return role == access::Role::iro_manager || access::to_string(role) == prompt.audience;
}

void require_may_act(access::Role role, const plugin::PromptRecord& prompt,
                     const std::string& who) {
    if (!may_act(role, prompt)) {
        throw Error(ErrorKind::forbidden, "prompt " + prompt.prompt_id + " is addressed to the " +
                                              prompt.audience + " (or an IRO manager); " + who +
                                              " reaches child " + prompt.child_id + " as " +
                                              std::string(access::to_string(role)));
    }
}

}  // namespace iro::prompts
