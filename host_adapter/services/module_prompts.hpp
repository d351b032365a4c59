#pragma once
// The Prompts one module instance receives: its own prompts only, attributed to it, refused when
// its manifest does not list "prompts" under records.writes. The day a change is "as of" is the
// day the module evaluated; the timestamp is the host's clock.
//
// Writes join the unit of work the host opened for the hook or request (prompts/prompt_store says
// why). A write that fails partway has then left the unit half-done, so it is remembered, and the
// host rolls the whole unit back even when the module catches the error and carries on. Outside a
// unit (a module's start()), each write is a transaction of its own.

#include <optional>
#include <string>
#include <utility>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

class ModulePrompts final : public plugin::Prompts {
  public:
    ModulePrompts(store::Database& db, std::string module_id, const plugin::Clock& clock,
                  bool may_write)
        : db_(db), module_id_(std::move(module_id)), clock_(clock), may_write_(may_write) {}

    plugin::PromptRecord raise(const plugin::PromptDraft& draft, plugin::Date day) override;
    std::optional<plugin::PromptRecord> close(std::string_view key, plugin::PromptState outcome,
                                              const plugin::PromptClosure& closure) override;
    std::vector<plugin::OpenPrompt> open_prompts(std::string_view child_id) const override;

    /// The first write that failed inside the current unit of work, and forgets it: the host asks
    /// once the hook or request returns.
    std::optional<std::string> take_failed_write() { return std::exchange(failed_write_, {}); }

  private:
    void require_write() const;
    template <typename Write>
    auto in_unit(Write&& write);
    std::optional<std::string> failed_write_;
    store::Database& db_;
    std::string module_id_;
    const plugin::Clock& clock_;
    bool may_write_;
};

}  // namespace iro::services
