#pragma once
// Questionnaire definitions in the store (table questionnaire_definitions). A version is fixed
// once it has responses: the same content again is accepted, other content is refused.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qaf/questionnaire_definition.hpp"
#include "store/sqlite.hpp"

namespace iro::questionnaires {

/// Records the definition for `module_id`, or confirms it. Throws DefinitionError when another
/// module owns the questionnaire, or the version differs from the recorded one and has responses.
/// Returns true when something was written.
bool store_definition(store::Database& db, std::string_view module_id, const Definition& definition,
                      std::string_view defined_at);

/// The definition at `version`, or the latest when `version` is 0; nullopt when not defined.
std::optional<Definition> load_definition(store::Database& db, std::string_view questionnaire,
                                          int version);

struct DefinitionSummary {
    std::string questionnaire;
    int version = 0;
    std::string module_id;
    std::string title;
    std::string defined_at;
    std::int64_t responses = 0;  ///< current responses (amended ones not counted twice)
};

/// Every version of every questionnaire, by id then version.
std::vector<DefinitionSummary> list_definitions(store::Database& db);

}  // namespace iro::questionnaires
