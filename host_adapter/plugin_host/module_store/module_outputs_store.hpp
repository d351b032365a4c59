#pragma once
// Notes and questionnaire responses a module records, attributed to it by the host. (Prompts and
// alerts have services of their own: services/module_prompts, services/module_alerts.)

#include <optional>
#include <string>

#include "iro/plugin_api/requests.hpp"
#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

/// Outputs attributed to one module. Notes are authored by the actor of the request the module is
/// handling (`actor`, set by the host around each request) or, outside a request, by the module.
class ModuleOutputsStore final : public plugin::Outputs {
  public:
    ModuleOutputsStore(Database& db, std::string module_id, const plugin::Clock& clock,
                       const std::optional<plugin::Actor>& actor)
        : db_(db), module_id_(std::move(module_id)), clock_(clock), actor_(actor) {}

    std::string emit_note(const plugin::OutputDraft& note) override;
    std::string emit_prompt(const plugin::OutputDraft& prompt) override;
    std::string emit_alert(const plugin::OutputDraft& alert) override;

    plugin::NoteRecord record_note(const plugin::NoteDraft& note) override;
    plugin::NoteRecord amend_note(std::string_view note_id, const plugin::NoteDraft& note,
                                  std::string_view reason) override;
    std::vector<plugin::NoteRecord> note_versions(std::string_view note_id) const override;
    std::vector<plugin::NoteRecord> notes(std::string_view child_id) const override;
    plugin::ResponseRecord record_response(const plugin::ResponseDraft& response) override;
    std::vector<plugin::ResponseRecord> responses(std::string_view child_id) const override;

  private:
    plugin::NoteRecord store(const plugin::NoteDraft& note, std::optional<std::string> amends,
                             std::string_view reason, bool require_known_child = true);
    Database& db_;
    std::string module_id_;
    const plugin::Clock& clock_;
    const std::optional<plugin::Actor>& actor_;
};

}  // namespace iro::store
