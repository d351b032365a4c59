#pragma once
// The qaf module's requests read from their JSON input: which field is wrong and why, before
// anything is recorded.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "iro/plugin_api/questionnaires.hpp"

namespace iro::qaf {

/// A field of a request's input that is missing or malformed; the message names it.
class BadInput : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// "york-qaf@2" -> {"york-qaf", 2}; "york-qaf" -> {"york-qaf", 0}. Throws BadInput.
std::pair<std::string, int> questionnaire_reference(const std::string& text);

/// A submission from {review_id, questionnaire?, answers, other?}; `fallback` names the
/// questionnaire when the input does not.
plugin::Submission submission_from(const nlohmann::json& input, const std::string& fallback);

/// A row of history from another system: {line, external_id, review_id?, review_date,
/// submitted_at?, answers, other?}, for `source`.
plugin::Submission history_row_from(const nlohmann::json& row, const std::string& questionnaire,
                                    const std::string& source);

/// The input's string field, or "" when absent. Throws BadInput when it is not a string.
std::string text_field(const nlohmann::json& input, const char* field);

}  // namespace iro::qaf
