// The midpoint-prompts module: mid-point scheduling and review prompts arrive with their own issue.
// Its manifest subscribes to no events yet, so the host loads, starts and stops it and nothing
// else; the hooks arrive with the module's behaviour.

#include "iro/plugin_api/module.hpp"

namespace {

class MidpointPromptsModule final : public iro::plugin::Module {
  public:
    using Module::Module;
};

}  // namespace

IRO_DEFINE_PLUGIN(MidpointPromptsModule)
