// The oversight-notes module: oversight notes and their write-back to the CMS arrive with their own
// issue. Its manifest subscribes to no events yet, so the host loads, starts and stops it and
// nothing else; the hooks arrive with the module's behaviour.

#include "iro/plugin_api/module.hpp"

namespace {

class OversightNotesModule final : public iro::plugin::Module {
  public:
    using Module::Module;
};

}  // namespace

IRO_DEFINE_PLUGIN(OversightNotesModule)
