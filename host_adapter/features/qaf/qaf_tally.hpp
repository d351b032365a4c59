#pragma once
// The QAF aggregation engine: counts of every answer to a questionnaire over a date range, per
// group (quarter, IRO, team, legal status, age band or questionnaire version). It reads only the
// packed codes from one covering index, one pass, and folds the versions it meets into the
// latest version's questions and options, so a report spans versions by question id and option
// code. Each amended response counts once, as last amended.

#include <cstdint>
#include <string>
#include <vector>

#include "iro/plugin_api/dates.hpp"
#include "qaf/questionnaire_definition.hpp"
#include "store/sqlite.hpp"

namespace iro::reports {

enum class QafGrouping { none, quarter, iro, team, legal_status, age_band, version };

/// "quarter", "iro", ... -> the grouping; throws std::invalid_argument naming the choices.
QafGrouping qaf_grouping(const std::string& text);
std::string_view to_string(QafGrouping grouping);

struct QafQuery {
    std::string questionnaire;  ///< id, e.g. "york-qaf"
    plugin::Date from{};
    plugin::Date to{};  ///< inclusive
    QafGrouping by = QafGrouping::none;
};

/// One question's counts in one group.
struct QuestionCounts {
    std::int64_t answered = 0;          ///< respondents who answered (chose at least one option)
    std::vector<std::int64_t> options;  ///< per option of the merged question, in its order
};

struct GroupCounts {
    std::string key;  ///< "2015-16 Q1", an IRO's id, "(not recorded)", "york-qaf@1", "All"
    std::int64_t responses = 0;
    std::vector<QuestionCounts> questions;  ///< per question of QafTally::layout
};

struct QafTally {
    /// The latest version met (or defined), with questions and options of earlier versions met
    /// appended where it lacks them.
    questionnaires::Definition layout;
    std::vector<std::string> versions;  ///< "york-qaf@1", ... the responses came from
    std::vector<GroupCounts> groups;    ///< in key order (quarters in time order)
    GroupCounts all;                    ///< every response in the range
};

/// A group with every count of `layout`'s questions and options at zero.
GroupCounts empty_group(const questionnaires::Definition& layout, std::string key);

/// Counts the responses. Throws std::invalid_argument when the questionnaire is not defined.
QafTally tally_responses(store::Database& db, const QafQuery& query);

}  // namespace iro::reports
