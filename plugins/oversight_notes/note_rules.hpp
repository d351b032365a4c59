#pragma once
// What a note must satisfy beyond its schema: rules about days and about the child, checked as of
// the council's today. Each broken rule is reported with the field it concerns.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/dates.hpp"

namespace iro::oversight_notes {

struct RuleBreach {
    std::string pointer;  ///< JSON pointer of the field, e.g. "/actions/0/by_when"
    std::string message;
};

/// Checks a schema-valid body of `kind` for `child` as of `today`. Fills what the rules imply
/// when the author left it out (a RAG rating's follow-up day) into `body`.
std::vector<RuleBreach> apply_rules(const std::string& kind, nlohmann::json& body,
                                    const plugin::Child& child, plugin::Date today);

/// The note's day (its "date" field), which the schema requires of every kind.
plugin::Date note_day(const nlohmann::json& body);

}  // namespace iro::oversight_notes
