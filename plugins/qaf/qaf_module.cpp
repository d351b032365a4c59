// The qaf module. The questionnaire and its reports arrive with their own issue; until then it
// loads, starts and handles nothing.

#include "iro/plugin_api/module.hpp"

namespace {

class QafModule final : public iro::plugin::Module {
  public:
    using Module::Module;

    void start() override {
        host().logger().log(iro::plugin::LogLevel::info,
                            "started; no behaviour yet, so no events are subscribed");
    }
};

}  // namespace

IRO_DEFINE_PLUGIN(QafModule)
