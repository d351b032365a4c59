#pragma once
// The Prompts one module instance receives: its own prompts only, attributed to it, refused when
// its manifest does not list "prompts" under records.writes. The day a change is "as of" is the
// day the module evaluated; the timestamp is the host's clock. Writes join the host's unit of
// work (services/write_unit).

#include <optional>
#include <string>
#include <utility>

#include "iro/plugin_api/services.hpp"
#include "services/write_unit.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class ModulePrompts final : public plugin::Prompts {
  public:
    ModulePrompts(store::Database& db, WriteUnit& unit, std::string module_id,
                  const plugin::Clock& clock, bool may_write)
        : db_(db),
          unit_(unit),
          module_id_(std::move(module_id)),
          clock_(clock),
          may_write_(may_write) {}

    plugin::PromptRecord raise(const plugin::PromptDraft& draft, plugin::Date day) override;
    std::optional<plugin::PromptRecord> close(std::string_view key, plugin::PromptState outcome,
                                              const plugin::PromptClosure& closure) override;
    std::vector<plugin::OpenPrompt> open_prompts(std::string_view child_id) const override;

  private:
    void require_write() const;
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    bool may_write_;
};

}  // namespace iro::services
