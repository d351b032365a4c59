#pragma once
// A response's answers checked against its questionnaire version, and packed into the codes the
// report engine counts. Checking also brings answers to one form: option codes (a label is
// accepted for a code), dates as YYYY-MM-DD.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "qaf/questionnaire_definition.hpp"

namespace iro::questionnaires {

/// What applicability rules are judged on. Unknown facts (history kept without a child) leave
/// the rules that need them unjudged.
struct ReviewFacts {
    std::optional<int> review_number;  ///< 1 for the child's first review
    std::optional<int> age_years;      ///< on the review date
};

struct CheckedAnswers {
    nlohmann::json answers = nlohmann::json::object();  ///< codes, in the definition's order
    nlohmann::json other = nlohmann::json::object();
    std::vector<std::string> problems;  ///< "q20: 'maybe' is not one of: yes (Yes), no (No)"
};

/// Why `q` does not apply to the review `facts` describe (the child's review number, their
/// age), or empty when it does or the facts cannot tell. Rules that turn on another answer are
/// not judged here.
std::string not_applicable_to_review(const Question& q, const ReviewFacts& facts);

/// Checks answers and "Other" texts. Problems name the question and why; the answers are
/// usable only when there are none. `complete`: every question that applies and offers options
/// must be answered (a QAF completed in the product; history from elsewhere may skip). A
/// participation code (PN0-PN7) must fit the child's age on the review day (DfE rules 440/441).
CheckedAnswers check_answers(const Definition& definition, const nlohmann::json& answers,
                             const nlohmann::json& other, const ReviewFacts& facts,
                             bool complete = false);

/// The packed codes of checked answers: definition.code_width bytes; per single choice the
/// option's number from 1 (0 skipped), per multiple choice option 1 when ticked, per other
/// question 1 when answered.
std::string pack_answers(const Definition& definition, const nlohmann::json& answers);

}  // namespace iro::questionnaires
