#pragma once
// Notes, prompts and alerts a module emits, attributed to it by the host.

#include <string>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

class ModuleOutputsStore final : public plugin::Outputs {
  public:
    ModuleOutputsStore(Database& db, std::string module_id, const plugin::Clock& clock)
        : db_(db), module_id_(std::move(module_id)), clock_(clock) {}

    std::string emit_note(const plugin::OutputDraft& note) override;
    std::string emit_prompt(const plugin::OutputDraft& prompt) override;
    std::string emit_alert(const plugin::OutputDraft& alert) override;

  private:
    std::string insert(std::string_view category, const plugin::OutputDraft& draft);
    Database& db_;
    std::string module_id_;
    const plugin::Clock& clock_;
};

}  // namespace iro::store
