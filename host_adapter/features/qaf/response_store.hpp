#pragma once
// Completed questionnaires (table questionnaire_responses), never changed once stored. Storing one
// also queues its questionnaire_completed case event, in one savepoint.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/services.hpp"
#include "store/sqlite.hpp"

namespace iro::questionnaires {

struct NewResponse {
    std::string module_id;
    plugin::ResponseDraft draft;
    std::string author_id;
    std::string author_role;
    std::string recorded_at;
};

/// Stores the response and queues questionnaire_completed. Throws plugin::HostError for an
/// unknown child, an empty questionnaire name, or a review that is not one of the child's.
plugin::ResponseRecord store_response(store::Database& db, const NewResponse& response);

/// Every response about the child, oldest first.
std::vector<plugin::ResponseRecord> responses_of(store::Database& db, std::string_view child_id);

/// A review held and not cancelled that no questionnaire has been completed for.
struct ReviewAwaitingResponse {
    std::string review_id;  ///< as the CMS names it (without the "event:" of a review learnt of
                            ///< from an event)
    std::string held_on;    ///< YYYY-MM-DD
};

/// The child's `limit` latest reviews awaiting a response, newest first.
std::vector<ReviewAwaitingResponse> reviews_awaiting_response(store::Database& db,
                                                              std::string_view child_id,
                                                              std::int64_t limit);

/// The columns read_response expects, for a SELECT from questionnaire_responses.
std::string_view response_columns();
/// The response in the current row of a SELECT of response_columns().
plugin::ResponseRecord read_response(const store::Statement& row);

}  // namespace iro::questionnaires
