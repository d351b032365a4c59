#pragma once
// The write-back service one module sees: items go to the outbox, attributed to the module, in
// whatever transaction the module's request or hook is running in.

#include <optional>
#include <string>

#include "config/cms_config.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class ModuleWriteBack final : public plugin::CmsWriteBack {
  public:
    ModuleWriteBack(store::Database& db, const std::optional<writeback::CmsConfig>& cms,
                    std::string module_id, const plugin::Clock& clock)
        : db_(db), cms_(cms), module_id_(std::move(module_id)), clock_(clock) {}

    bool sends(std::string_view route) const override;
    std::optional<std::string> queue(const plugin::WriteBackItem& item) override;

  private:
    store::Database& db_;
    const std::optional<writeback::CmsConfig>& cms_;
    std::string module_id_;
    const plugin::Clock& clock_;
};

}  // namespace iro::services
