#pragma once
// The Prompts one module instance receives: its own prompts only, attributed to it, refused when
// its manifest does not list "prompts" under records.writes. The day a change is "as of" is the
// day the module evaluated; the timestamp is the host's clock. Writes join the host's unit of
// work (services/write_unit).

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "prompts/go_live_backlog.hpp"
#include "services/write_unit.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class ModulePrompts final : public plugin::Prompts {
  public:
    ModulePrompts(store::Database& db, WriteUnit& unit, std::string module_id,
                  const plugin::Clock& clock, bool may_write,
                  std::optional<plugin::Date> go_live = std::nullopt)
        : db_(db),
          unit_(unit),
          module_id_(std::move(module_id)),
          clock_(clock),
          may_write_(may_write),
          configured_go_live_(go_live) {}

    /// A prompt due before go-live is not opened: it joins the go-live backlog (recorded once,
    /// by record_backlog) and comes back dismissed as backlog.
    plugin::PromptRecord raise(const plugin::PromptDraft& draft, plugin::Date day) override;
    std::optional<plugin::PromptRecord> close(std::string_view key, plugin::PromptState outcome,
                                              const plugin::PromptClosure& closure) override;
    std::vector<plugin::OpenPrompt> open_prompts(std::string_view child_id) const override;
    std::optional<plugin::Date> go_live() const override;

    /// Records the backlog the unit of work just run gathered (call before committing it), or
    /// drops it (the unit failed and is rolled back).
    void record_backlog();
    void drop_backlog() {
        for (const auto& item : backlog_) {
            backlog_keys_.erase(item.key);
        }
        backlog_.clear();
    }

  private:
    void require_write() const;
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    bool may_write_;
    std::optional<plugin::Date> configured_go_live_;
    mutable std::optional<plugin::Date> go_live_;  // resolved once a tick has set it
    // Whether this module's backlog was recorded before this instance: then it is never
    // counted again. Otherwise the instance counts each backlog prompt once, by its key.
    std::optional<bool> backlog_recorded_before_;
    std::unordered_set<std::string> backlog_keys_;
    std::vector<prompts::BacklogItem> backlog_;
    plugin::Date backlog_as_of_{};
};

}  // namespace iro::services
