#pragma once
// SurveyMonkey's "expanded" CSV export read against a questionnaire definition. Row 1 holds the
// nine respondent columns (Respondent ID ... Custom Data 1), then each question's text over its
// first column; row 2 says what each column holds ("Response" for a single choice, the option's
// label for each multiple choice column, "Open-Ended Response" for an open question or an
// "Other (please specify)" text). Questions and options are matched by text after evening out
// dashes, quotes and white space. Nothing is applied here: the result is the mapping report and
// the rows, or the problems that refuse the file.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qaf/questionnaire_definition.hpp"

namespace iro::importers {

/// One question's columns in the export and what became of them.
struct ColumnGroup {
    std::size_t first_column = 0;  ///< 1-based
    std::size_t width = 1;
    std::string title;
    enum class Match { matched, unmatched, ambiguous } match = Match::unmatched;
    std::string question_id;  ///< when matched
    std::string note;         ///< why unmatched or ambiguous
};

struct SurveyMonkeyExport {
    std::vector<ColumnGroup> groups;
    std::vector<std::string> questions_without_column;  ///< "q12 (Indicator 12: ...)"
    /// What refuses the file: a required question without a column, an ambiguous match, an
    /// unknown option, a bad date; each with its line and column.
    std::vector<std::string> problems;
    /// For the qaf module's import_history: {line, external_id, review_id?, review_date,
    /// submitted_at, answers, other}.
    nlohmann::json rows = nlohmann::json::array();
};

/// Reads the export. Throws std::invalid_argument when the file is not an expanded export at all
/// (unreadable, or the respondent columns are not where SurveyMonkey puts them).
SurveyMonkeyExport read_surveymonkey_export(const std::filesystem::path& file,
                                            const questionnaires::Definition& definition);

/// The mapping report: matched, unmatched and ambiguous columns, questions without a column.
std::string mapping_report(const SurveyMonkeyExport& export_,
                           const questionnaires::Definition& definition);

/// "MM/DD/YYYY hh:mm:ss AM" -> "YYYY-MM-DDThh:mm:ss"; empty when it is not that.
std::string surveymonkey_timestamp(const std::string& text);

}  // namespace iro::importers
