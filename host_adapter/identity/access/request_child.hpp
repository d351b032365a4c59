#pragma once
// Which child a person's request to a module concerns, read from the request itself: on the
// command line no path names the child (as /api/v1/children/{id}/... does over HTTP), so the
// child is the one the input names, or the one whose record it names. The caller then decides
// who may act with access/child_access.hpp, as the HTTP service does for the child in the path.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace iro::access {

/// The child of the request's input: its "child_id", and the child of each record it names
/// ("note_id", "alert_id", "review_id", "response_id", "prompt_id"), which must all be the same
/// child. nullopt
/// for a request that names no child and no such record (an import of many children's records).
/// Throws iro::Error: not_found for a named record the store does not hold, or one that is
/// another child's than the one named.
std::optional<std::string> child_of_request(store::Database& db, const nlohmann::json& input);

/// The child whose record `field` ("note_id", "alert_id", "review_id", "response_id",
/// "prompt_id") names as `id`; nullopt when the store holds no such record.
std::optional<std::string> child_of_record(store::Database& db, std::string_view field,
                                           const std::string& id);

}  // namespace iro::access
