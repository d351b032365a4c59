#pragma once
// Responses to a defined questionnaire version (API 1.4): checked against the definition and its
// applicability rules, stored with their report facts and packed codes, and announced with the
// questionnaire_completed case event when they follow a review, all in one savepoint.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iro/plugin_api/case_records.hpp"
#include "iro/plugin_api/questionnaires.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "store/sqlite.hpp"

namespace iro::questionnaires {

struct SubmissionAuthor {
    std::string module_id;
    std::string author_id;
    std::string author_role;
    std::string recorded_at;  ///< now, UTC
};

/// Stores the submission against `definition`. Throws plugin::HostError listing every problem
/// (answers, review, a second response to the same review, an amendment of something else, an
/// external id already imported); nothing is stored then.
plugin::SubmittedResponse submit_response(store::Database& db, const plugin::CaseRecords& records,
                                          const Definition& definition,
                                          const plugin::Submission& submission,
                                          const SubmissionAuthor& author);

std::optional<plugin::SubmittedResponse> find_submitted(store::Database& db,
                                                        std::string_view response_id);
std::vector<plugin::SubmittedResponse> submitted_for_review(store::Database& db,
                                                            std::string_view review_id);
std::optional<plugin::SubmittedResponse> find_by_external_id(store::Database& db,
                                                             std::string_view questionnaire,
                                                             std::string_view source,
                                                             std::string_view external_id);
/// The current response (the last of its amendment chain) following the review, if any.
std::optional<plugin::SubmittedResponse> current_for_review(store::Database& db,
                                                            std::string_view questionnaire,
                                                            std::string_view review_id);

}  // namespace iro::questionnaires
