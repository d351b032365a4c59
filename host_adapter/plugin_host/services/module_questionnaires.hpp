#pragma once
// The Questionnaires one module instance receives: definitions it owns (manifest writes
// "questionnaires"), responses it submits (writes "questionnaire_responses") attributed by the
// host to the person whose request is being handled, and reading responses (reads or writes
// "questionnaire_responses"). Writes join the host's unit of work (services/write_unit).

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "iro/plugin_api/questionnaires.hpp"
#include "iro/plugin_api/requests.hpp"
#include "iro/plugin_api/services.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "services/write_unit.hpp"
#include "store/sqlite.hpp"

namespace iro::services {

struct QuestionnairePermissions {
    bool define = false;
    bool submit = false;
    bool read = false;
};

class ModuleQuestionnaires final : public plugin::Questionnaires {
  public:
    ModuleQuestionnaires(store::Database& db, WriteUnit& unit, std::string module_id,
                         const plugin::Clock& clock, const plugin::CaseRecords& records,
                         const std::optional<plugin::Actor>& actor,
                         QuestionnairePermissions permissions)
        : db_(db),
          unit_(unit),
          module_id_(std::move(module_id)),
          clock_(clock),
          records_(records),
          actor_(actor),
          permissions_(permissions) {}

    void define(const nlohmann::json& definition) override;
    std::optional<nlohmann::json> definition(std::string_view id, int version) const override;
    std::vector<std::string> defined_ids() const override;
    plugin::SubmittedResponse submit(const plugin::Submission& submission) override;
    std::optional<plugin::SubmittedResponse> find(std::string_view response_id) const override;
    std::vector<plugin::SubmittedResponse> of_review(std::string_view review_id) const override;
    std::optional<plugin::SubmittedResponse> find_external(
        std::string_view questionnaire, std::string_view source,
        std::string_view external_id) const override;

  private:
    void require(bool allowed, const char* what) const;
    // Definitions parsed once per instance; a version with responses never changes.
    const questionnaires::Definition* cached(std::string_view id, int version) const;
    store::Database& db_;
    WriteUnit& unit_;
    std::string module_id_;
    const plugin::Clock& clock_;
    const plugin::CaseRecords& records_;
    const std::optional<plugin::Actor>& actor_;
    QuestionnairePermissions permissions_;
    mutable std::map<std::pair<std::string, int>, questionnaires::Definition, std::less<>> cache_;
};

}  // namespace iro::services
