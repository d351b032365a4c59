#pragma once
// The kinds of oversight note this module records, each with its JSON Schema (schemas/notes/,
// built into the module) and the title the child's file shows.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro::oversight_notes {

struct NoteKind {
    std::string_view name;   ///< as given to --kind: "midpoint"
    std::string_view title;  ///< as the CMS shows it: "IRO mid-point check"
    nlohmann::json schema;
};

/// Every kind, in the order the CLI lists them.
const std::vector<NoteKind>& note_kinds();

/// The kind called `name`; nullopt when there is none.
const NoteKind* find_kind(std::string_view name);

/// "midpoint, consultation, ..." for error messages.
std::string kind_names();

}  // namespace iro::oversight_notes
