#include "qaf/qaf_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "qaf/small_counts.hpp"

namespace iro::reports {

namespace {

using questionnaires::Definition;
using questionnaires::Question;

// A tally's counts for a question and option of the report's layout, wherever that tally's own
// layout put them.
struct Source {
    const QafTally* tally;
    const GroupCounts* group;
};

const QuestionCounts* counts_of(const Source& s, const std::string& question_id) {
    const Question* q = s.tally->layout.question(question_id);
    if (q == nullptr) {
        return nullptr;
    }
    return &s.group->questions[static_cast<std::size_t>(q - s.tally->layout.questions.data())];
}

std::int64_t option_count(const Source& s, const std::string& question_id,
                          const std::string& code) {
    const QuestionCounts* counts = counts_of(s, question_id);
    if (counts == nullptr) {
        return 0;
    }
    const Question* q = s.tally->layout.question(question_id);
    const auto index = q->option_index(code);
    return index ? counts->options[*index] : 0;
}

const Question& question_named(const Definition& layout, const std::string& name) {
    const Question* q = layout.question(name);
    if (q == nullptr && !name.empty()) {
        std::string digits = name;
        if (digits[0] == 'q' || digits[0] == 'Q') {
            digits = digits.substr(1);
        }
        if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos &&
            digits.size() < 5) {
            q = layout.question_numbered(std::stoi(digits));
        }
    }
    if (q == nullptr) {
        throw std::invalid_argument(fmt::format(
            "'{}' is neither a question id nor a question number of {}", name, layout.reference()));
    }
    return *q;
}

std::string section_title(const Definition& layout, const std::string& id) {
    for (const auto& s : layout.sections) {
        if (s.id == id) {
            return s.title;
        }
    }
    return id;
}

void rank_options(QafQuestionTable& table, const Question& q, int top,
                  const std::vector<std::string>& exclude) {
    std::vector<const QafRow*> candidates;
    table.top_n = top;
    for (const auto& row : table.rows) {
        const auto* o = q.option(row.code);
        if (row.combined || o == nullptr) {
            continue;
        }
        if (!o->rank || std::find(exclude.begin(), exclude.end(), row.code) != exclude.end()) {
            table.top_left_out.push_back(row.label);
            continue;
        }
        if (row.cells.back().count == 0) {
            continue;
        }
        candidates.push_back(&row);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const QafRow* a, const QafRow* b) {
        return a->cells.back().count > b->cells.back().count;
    });
    int rank = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i == 0 || candidates[i]->cells.back().count != candidates[i - 1]->cells.back().count) {
            rank = static_cast<int>(i) + 1;
        }
        if (rank > top) {
            break;
        }
        table.top.push_back(
            {rank, candidates[i]->code, candidates[i]->label, candidates[i]->cells.back()});
    }
}

std::vector<QafOtherText> other_texts_of(store::Database& db, const QafReportRequest& r) {
    auto s = db.prepare(
        "SELECT response_id, completed_on, other_texts FROM questionnaire_responses WHERE "
        "questionnaire = ? AND completed_on >= ? AND completed_on <= ? AND other_texts <> '{}' "
        "AND codes IS NOT NULL AND response_id NOT IN (SELECT amends FROM "
        "questionnaire_responses WHERE amends IS NOT NULL) ORDER BY completed_on, response_id");
    s.bind(1, r.questionnaire).bind(2, plugin::to_iso(r.from)).bind(3, plugin::to_iso(r.to));
    std::vector<QafOtherText> out;
    while (s.step()) {
        const auto texts = nlohmann::json::parse(s.text_view(2));
        for (const auto& [question, text] : texts.items()) {
            out.push_back(
                {question, std::to_string(s.integer(0)), s.text(1), text.get<std::string>()});
        }
    }
    return out;
}

}  // namespace

QafCombination parse_combination(const std::string& text) {
    const auto colon = text.find(':');
    const auto equals = text.rfind('=');
    if (colon == std::string::npos || equals == std::string::npos || equals < colon) {
        throw std::invalid_argument("--combine '" + text +
                                    "' is QUESTION:LABEL=CODE+CODE, e.g. "
                                    "'29:Good or outstanding=good+outstanding'");
    }
    QafCombination c;
    c.question = text.substr(0, colon);
    c.label = text.substr(colon + 1, equals - colon - 1);
    c.codes = split_list(text.substr(equals + 1), '+');
    if (c.question.empty() || c.label.empty() || c.codes.size() < 2) {
        throw std::invalid_argument("--combine '" + text +
                                    "': a question, a label and two or more option codes");
    }
    return c;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(separator, start), text.size());
        if (end > start) {
            out.emplace_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

std::string qaf_count(const QafCell& cell) {
    return cell.suppressed ? std::string("c") : std::to_string(cell.count);
}

std::string qaf_percent(const QafCell& count, const QafCell& of) {
    if (count.suppressed || of.suppressed) {
        return "c";
    }
    if (of.count == 0) {
        return "-";
    }
    // Hundredths of a percent, rounded half up in whole numbers: no floating point drift.
    const std::int64_t hundredths = (count.count * 20000 + of.count) / (2 * of.count);
    return fmt::format("{}.{:02}%", hundredths / 100, hundredths % 100);
}

std::string suppression_note(const QafReport& report) {
    if (report.suppress_below <= 1) {
        return {};
    }
    return fmt::format(
        "c: withheld. Counts from 1 to {} are not published, nor any count, percentage or total "
        "from which one could be worked out.",
        report.suppress_below - 1);
}

QafReport build_qaf_report(store::Database& db, const QafReportRequest& request) {
    if (request.by != QafGrouping::none && !request.compare.empty()) {
        throw std::invalid_argument("--compare puts years side by side; it does not go with --by");
    }
    std::vector<QafTally> tallies;
    tallies.push_back(
        tally_responses(db, {request.questionnaire, request.from, request.to, request.by}));
    for (const auto& [label, from, to] : request.compare) {
        tallies.push_back(
            tally_responses(db, {request.questionnaire, from, to, QafGrouping::none}));
    }
    QafReport report;
    const Definition& layout = tallies.front().layout;
    report.title = layout.title;
    report.questionnaire = layout.id;
    report.period = request.period_label;
    report.from = request.from;
    report.to = request.to;
    report.by = request.by;
    report.suppress_below = request.suppress_below;
    std::set<std::string> versions;
    for (const auto& t : tallies) {
        versions.insert(t.versions.begin(), t.versions.end());
    }
    report.versions.assign(versions.begin(), versions.end());

    std::vector<Source> sources;
    const GroupCounts none_group = empty_group(layout, {});
    if (request.by == QafGrouping::none) {
        report.columns.push_back(request.period_label);
        sources.push_back({&tallies.front(), &tallies.front().all});
        for (std::size_t i = 0; i < request.compare.size(); ++i) {
            report.columns.push_back(std::get<0>(request.compare[i]));
            sources.push_back({&tallies[i + 1], &tallies[i + 1].all});
        }
    } else {
        std::set<std::string> keys(request.expected_groups.begin(), request.expected_groups.end());
        for (const auto& g : tallies.front().groups) {
            keys.insert(g.key);
        }
        for (const auto& key : keys) {
            report.columns.push_back(key);
            const auto& groups = tallies.front().groups;
            const auto found = std::find_if(groups.begin(), groups.end(),
                                            [&](const GroupCounts& g) { return g.key == key; });
            sources.push_back({&tallies.front(), found == groups.end() ? &none_group : &*found});
        }
        report.columns.emplace_back("All");
        sources.push_back({&tallies.front(), &tallies.front().all});
    }
    for (const auto& s : sources) {
        report.responses.push_back({s.group->responses, false});
    }

    std::vector<const Question*> chosen;
    if (request.questions.empty()) {
        for (const auto& q : layout.questions) {
            chosen.push_back(&q);
        }
    } else {
        for (const auto& name : request.questions) {
            chosen.push_back(&question_named(layout, name));
        }
    }
    for (const auto& c : request.combinations) {
        const Question& q = question_named(layout, c.question);
        for (const auto& code : c.codes) {
            if (q.option(code) == nullptr) {
                throw std::invalid_argument(
                    fmt::format("--combine: '{}' is not an option of {}", code, q.id));
            }
        }
    }
    const bool all_column = request.by != QafGrouping::none;
    for (const Question* q : chosen) {
        QafQuestionTable t;
        t.id = q->id;
        t.number = q->number;
        t.title = questionnaires::display_title(*q);
        t.section = section_title(layout, q->section);
        t.type = q->type;
        for (const auto& o : q->options) {
            QafRow row{o.code, o.label, false, {}};
            for (const auto& s : sources) {
                row.cells.push_back({option_count(s, q->id, o.code), false});
            }
            t.rows.push_back(std::move(row));
        }
        for (const auto& c : request.combinations) {
            if (&question_named(layout, c.question) != q) {
                continue;
            }
            QafRow row{fmt::format("{}", fmt::join(c.codes, "+")), c.label, true, {}};
            for (const auto& s : sources) {
                std::int64_t sum = 0;
                for (const auto& code : c.codes) {
                    sum += option_count(s, q->id, code);
                }
                row.cells.push_back({sum, false});
            }
            t.rows.push_back(std::move(row));
        }
        for (const auto& s : sources) {
            const QuestionCounts* counts = counts_of(s, q->id);
            const std::int64_t answered = counts != nullptr ? counts->answered : 0;
            t.answered.push_back({answered, false});
            t.skipped.push_back({s.group->responses - answered, false});
        }
        if (request.top > 0 && q->type == questionnaires::QuestionType::multiple_choice) {
            rank_options(t, *q, request.top, request.top_exclude);
        }
        suppress_small_counts(t, request.suppress_below, all_column);
        report.questions.push_back(std::move(t));
    }
    if (request.suppress_below > 1) {
        for (auto& cell : report.responses) {
            if (cell.count >= 1 && cell.count < request.suppress_below) {
                cell.suppressed = true;
            }
        }
    }
    if (request.other_texts) {
        report.other_texts = other_texts_of(db, request);
    }
    return report;
}

}  // namespace iro::reports
