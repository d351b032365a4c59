#pragma once
// The Prompts one module instance receives: its own prompts only, attributed to it, refused when
// its manifest does not list "prompts" under records.writes. The day a change is "as of" is the
// day the module evaluated; the timestamp is the host's clock. Writes join the host's unit of
// work (services/write_unit).

#include <deque>
#include <functional>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "midpoint_prompts/go_live_backlog.hpp"
#include "midpoint_prompts/prompt_store.hpp"
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
          configured_go_live_(go_live),
          opened_("module:" + module_id_) {}

    /// A prompt due before go-live is not opened: it joins the go-live backlog (recorded once,
    /// by record_backlog) and comes back dismissed as backlog.
    plugin::PromptRecord raise(const plugin::PromptDraft& draft, plugin::Date day) override;
    std::optional<plugin::PromptRecord> close(std::string_view key, plugin::PromptState outcome,
                                              const plugin::PromptClosure& closure) override;
    std::vector<plugin::OpenPrompt> open_prompts(std::string_view child_id) const override;
    std::optional<plugin::Date> go_live() const override;

    /// Writes what the unit of work just run left aside: the "opened" history rows kept back and
    /// the go-live backlog it gathered. Call before committing the unit.
    void finish_unit();
    /// Forgets what the unit left aside: it failed and is rolled back.
    void abandon_unit() noexcept;

  private:
    // Looks keys up by string_view, without building a string for the lookup.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const noexcept {
            return std::hash<std::string_view>{}(key);
        }
    };

    void require_write() const;
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    bool may_write_;
    std::optional<plugin::Date> configured_go_live_;
    mutable std::optional<plugin::Date> go_live_;  // resolved once a tick has set it
    prompts::OpenedHistory opened_;
    // Whether this module's backlog was recorded before this instance: then it is never
    // counted again. Otherwise the instance counts each backlog prompt once, by its key.
    std::optional<bool> backlog_recorded_before_;
    // At go-live these are most of a council's prompts: the keys live in an arena, freed at
    // once with the instance rather than one by one.
    std::pmr::monotonic_buffer_resource backlog_arena_;
    std::pmr::unordered_set<std::pmr::string, KeyHash, std::equal_to<>> backlog_keys_{
        &backlog_arena_};
    // The unit's backlog, and its keys in backlog_keys_ (whose elements stay where they are).
    // A deque: it never has to move what it holds as it grows.
    std::deque<prompts::BacklogItem> backlog_;
    std::vector<const std::pmr::string*> backlog_unit_keys_;
    plugin::Date backlog_as_of_{};
};

}  // namespace iro::services
