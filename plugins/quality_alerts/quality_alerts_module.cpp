// The quality-alerts module: quality alerts and the dispute ladder arrive with their own issue.
// Its manifest subscribes to no events yet, so the host loads, starts and stops it and nothing
// else; the hooks arrive with the module's behaviour.

#include "iro/plugin_api/module.hpp"

namespace {

class QualityAlertsModule final : public iro::plugin::Module {
  public:
    using Module::Module;
};

}  // namespace

IRO_DEFINE_PLUGIN(QualityAlertsModule)
