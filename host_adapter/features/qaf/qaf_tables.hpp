#pragma once
// The QAF report: survey-style tables built from the engine's counts, the way York's annual
// report prints them (SurveyMonkey's conventions, research/seed-001-part2.md section 1.6). Per
// question, each option's count and its percentage of that question's own answered count (of
// respondents for a multiple choice, footed "Total Respondents: N"), to two decimals, zeros kept,
// rounding never adjusted; answered and skipped; combined rows ("Good or Outstanding"); top-N
// rankings; columns per group or per year. Renderers only format what is here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qaf/qaf_tally.hpp"
#include "qaf/questionnaire_definition.hpp"

namespace iro::reports {

/// A count as published: shown, or "c" (withheld by --suppress-below).
struct QafCell {
    std::int64_t count = 0;
    bool suppressed = false;
};

struct QafRow {
    std::string code;  ///< option code; for a combined row the codes joined with "+"
    std::string label;
    bool combined = false;
    std::vector<QafCell> cells;  ///< per column
};

/// One entry of a top-N ranking (over the last column).
struct QafRanked {
    int rank = 0;
    std::string code;
    std::string label;
    QafCell cell;
};

struct QafQuestionTable {
    std::string id;
    std::optional<int> number;
    std::string title;    ///< display_title: "Q20: Is the current ..."
    std::string section;  ///< its section's title
    questionnaires::QuestionType type = questionnaires::QuestionType::single_choice;
    std::vector<QafRow> rows;               ///< options in order, then combined rows
    std::vector<QafCell> answered;          ///< per column: Total, or Total Respondents
    std::vector<QafCell> skipped;           ///< per column
    std::vector<QafRanked> top;             ///< empty unless asked for
    int top_n = 0;                          ///< the N asked for
    std::vector<std::string> top_left_out;  ///< labels of the options rankings leave out
    bool is_choice() const {
        return type == questionnaires::QuestionType::single_choice ||
               type == questionnaires::QuestionType::multiple_choice;
    }
    bool multiple() const { return type == questionnaires::QuestionType::multiple_choice; }
};

/// "Other (please specify)" texts: for the IRO manager's own reading, never published.
struct QafOtherText {
    std::string question_id;
    std::string response_id;
    std::string review_date;
    std::string text;
};

struct QafReport {
    std::string title;          ///< the questionnaire's title
    std::string questionnaire;  ///< id
    std::vector<std::string> versions;
    std::string period;  ///< "2015-16", or "2015-04-01 to 2015-09-30"
    plugin::Date from{};
    plugin::Date to{};
    QafGrouping by = QafGrouping::none;
    std::vector<std::string> columns;  ///< group keys then "All", or years, or one
    std::vector<QafCell> responses;    ///< per column
    std::vector<QafQuestionTable> questions;
    int suppress_below = 0;                 ///< 0: nothing withheld
    std::vector<QafOtherText> other_texts;  ///< filled only when asked for
};

/// "q29:Good or outstanding=good+outstanding": a row adding up options of a question.
struct QafCombination {
    std::string question;  ///< id or number
    std::string label;
    std::vector<std::string> codes;
};

/// The non-empty parts of `text` between `separator`s: "20,,21" -> {"20", "21"}.
std::vector<std::string> split_list(std::string_view text, char separator);

/// Reads a --combine option. Throws std::invalid_argument saying what is wrong.
QafCombination parse_combination(const std::string& text);

struct QafReportRequest {
    std::string questionnaire;
    std::string period_label;
    plugin::Date from{};
    plugin::Date to{};
    QafGrouping by = QafGrouping::none;
    /// Further periods as columns beside the first (year on year); only without `by`.
    std::vector<std::tuple<std::string, plugin::Date, plugin::Date>> compare;
    /// Question ids or numbers ("20", "q20"); empty: every question.
    std::vector<std::string> questions;
    std::vector<QafCombination> combinations;
    int top = 0;                           ///< top-N of each multiple choice question
    std::vector<std::string> top_exclude;  ///< further option codes left out of rankings
    int suppress_below = 0;
    bool other_texts = false;
    /// The quarters the period covers, listed even when nobody answered in one.
    std::vector<std::string> expected_groups;
};

/// Builds the report. Throws std::invalid_argument for an unknown question, option or
/// combination.
QafReport build_qaf_report(store::Database& db, const QafReportRequest& request);

/// count / of as a percentage, rounded half up to two decimals: "98.96%"; "c" when withheld.
std::string qaf_percent(const QafCell& count, const QafCell& of);

/// The count as published: "478" or "c".
std::string qaf_count(const QafCell& cell);

/// The sentence under a table that says what `c` means; empty when nothing is withheld.
std::string suppression_note(const QafReport& report);

}  // namespace iro::reports
