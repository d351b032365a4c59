#pragma once
// What a questionnaire response is judged and reported by, read from the case records as they
// stood on the day of the review: which of the child's reviews it was, their age, their IRO and
// social work team, and their legal status.

#include <string>
#include <string_view>

#include "iro/plugin_api/case_records.hpp"
#include "qaf/answer_check.hpp"

namespace iro::questionnaires {

struct ReviewContext {
    std::string child_id;
    std::string review_id;
    plugin::Date review_date{};
    ReviewFacts facts;
    std::string iro_id;
    std::string team_id;       ///< the social worker's team (the IRO's when none)
    std::string legal_status;  ///< SSDA903 LS of the episode open that day
    std::string age_band;      ///< "under 1", "1-4", "5-9", "10-15", "16 and over"
};

/// The review's context (`review_id` as the CMS names it, or as stored). Throws plugin::HostError
/// for an unknown review, or one not yet held.
ReviewContext review_context(const plugin::CaseRecords& records, std::string_view review_id);

/// Whole years from `born` to `on`.
int age_in_years(plugin::Date born, plugin::Date on);

/// The DfE's looked-after age bands: "under 1", "1-4", "5-9", "10-15", "16 and over".
std::string age_band(int years);

}  // namespace iro::questionnaires
