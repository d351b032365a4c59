#include "qaf/qaf_tally.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "qaf/definition_store.hpp"

namespace iro::reports {

namespace {

using questionnaires::Definition;
using questionnaires::Question;
using questionnaires::QuestionType;

// How one version's packed codes are counted: per question, where its bytes are and where its
// counters start. Counters per question: single choice 1 + options (skipped first); multiple
// choice options + 1 (answered last); other types 2 (skipped, answered).
struct Step {
    QuestionType type;
    std::uint32_t offset;
    std::uint32_t width;
    std::uint32_t base;
};

struct VersionPlan {
    Definition definition;
    std::vector<Step> steps;
    std::size_t counters = 0;
    // Where each question and option lands in the layout.
    std::vector<std::size_t> question_in_layout;
    std::vector<std::vector<std::size_t>> option_in_layout;
};

VersionPlan plan_for(Definition d) {
    VersionPlan p;
    std::uint32_t base = 0;
    for (const auto& q : d.questions) {
        const auto width = static_cast<std::uint32_t>(q.width);
        p.steps.push_back({q.type, static_cast<std::uint32_t>(q.offset), width, base});
        base += q.type == QuestionType::single_choice
                    ? 1 + static_cast<std::uint32_t>(q.options.size())
                : q.type == QuestionType::multiple_choice ? width + 1
                                                          : 2;
    }
    p.counters = base;
    p.definition = std::move(d);
    return p;
}

// Adds version `p`'s questions and options missing from the layout, and records where each of
// its own lands.
void merge_into(Definition& layout, VersionPlan& p) {
    for (const auto& q : p.definition.questions) {
        const Question* in = layout.question(q.id);
        if (in == nullptr) {
            Question copy = q;
            copy.options.clear();
            layout.questions.push_back(std::move(copy));
            in = &layout.questions.back();
        }
        auto& target = layout.questions[static_cast<std::size_t>(in - layout.questions.data())];
        p.question_in_layout.push_back(static_cast<std::size_t>(in - layout.questions.data()));
        std::vector<std::size_t> options;
        for (const auto& o : q.options) {
            auto index = target.option_index(o.code);
            if (!index) {
                target.options.push_back(o);
                index = target.options.size() - 1;
            }
            options.push_back(*index);
        }
        p.option_in_layout.push_back(std::move(options));
    }
}

void count_row(const VersionPlan& p, std::string_view codes, std::uint32_t* counters) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(codes.data());
    for (const Step& s : p.steps) {
        switch (s.type) {
            case QuestionType::single_choice:
                ++counters[s.base + bytes[s.offset]];
                break;
            case QuestionType::multiple_choice: {
                unsigned any = 0;
                for (std::uint32_t j = 0; j < s.width; ++j) {
                    counters[s.base + j] += bytes[s.offset + j];
                    any |= bytes[s.offset + j];
                }
                counters[s.base + s.width] += any;
                break;
            }
            default:
                ++counters[s.base + bytes[s.offset]];
                break;
        }
    }
}

// Adds one version's raw counters of one group into that group's layout counts.
void fold(const VersionPlan& p, const std::vector<std::uint32_t>& raw, std::int64_t responses,
          GroupCounts& into) {
    into.responses += responses;
    for (std::size_t qi = 0; qi < p.definition.questions.size(); ++qi) {
        const Question& q = p.definition.questions[qi];
        const Step& s = p.steps[qi];
        auto& target = into.questions[p.question_in_layout[qi]];
        const auto& where = p.option_in_layout[qi];
        if (q.type == QuestionType::single_choice) {
            for (std::size_t j = 0; j < q.options.size(); ++j) {
                target.options[where[j]] += raw[s.base + 1 + j];
                target.answered += raw[s.base + 1 + j];
            }
        } else if (q.type == QuestionType::multiple_choice) {
            for (std::size_t j = 0; j < q.options.size(); ++j) {
                target.options[where[j]] += raw[s.base + j];
            }
            target.answered += raw[s.base + s.width];
        } else {
            target.answered += raw[s.base + 1];
        }
    }
}

int two_digits(std::string_view s, std::size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

std::string quarter_key(int key) {
    const int year = key / 4;
    return fmt::format("{}-{:02} Q{}", year, (year + 1) % 100, key % 4 + 1);
}

const char* dimension_column(QafGrouping by) {
    switch (by) {
        case QafGrouping::iro:
            return "iro_id";
        case QafGrouping::team:
            return "team_id";
        case QafGrouping::legal_status:
            return "legal_status";
        case QafGrouping::age_band:
            return "age_band";
        default:
            return "''";
    }
}

}  // namespace

GroupCounts empty_group(const Definition& layout, std::string key) {
    GroupCounts g;
    g.key = std::move(key);
    for (const auto& q : layout.questions) {
        g.questions.push_back({0, std::vector<std::int64_t>(q.options.size(), 0)});
    }
    return g;
}

QafGrouping qaf_grouping(const std::string& text) {
    for (const auto g :
         {QafGrouping::none, QafGrouping::quarter, QafGrouping::iro, QafGrouping::team,
          QafGrouping::legal_status, QafGrouping::age_band, QafGrouping::version}) {
        if (text == to_string(g)) {
            return g;
        }
    }
    throw std::invalid_argument("--by '" + text +
                                "' is not one of: quarter, iro, team, legal_status, age_band, "
                                "version");
}

std::string_view to_string(QafGrouping grouping) {
    switch (grouping) {
        case QafGrouping::none:
            return "none";
        case QafGrouping::quarter:
            return "quarter";
        case QafGrouping::iro:
            return "iro";
        case QafGrouping::team:
            return "team";
        case QafGrouping::legal_status:
            return "legal_status";
        case QafGrouping::age_band:
            return "age_band";
        case QafGrouping::version:
            return "version";
    }
    return "none";
}

QafTally tally_responses(store::Database& db, const QafQuery& query) {
    auto latest = questionnaires::load_definition(db, query.questionnaire, 0);
    if (!latest) {
        throw std::invalid_argument("questionnaire " + query.questionnaire + " is not defined");
    }
    QafTally tally;
    tally.layout = std::move(*latest);
    std::map<int, VersionPlan> plans;  // by version, made when first met
    // raw counters per (version, group index)
    std::map<std::pair<int, std::size_t>, std::pair<std::vector<std::uint32_t>, std::int64_t>> raw;
    std::map<int, std::size_t> quarter_groups;
    std::map<std::string, std::size_t, std::less<>> named_groups;
    std::vector<std::string> group_keys;

    auto rows = db.prepare(fmt::format(
        "SELECT questionnaire_version, completed_on, {}, codes FROM questionnaire_responses "
        "WHERE questionnaire = ? AND completed_on >= ? AND completed_on <= ? AND codes IS NOT "
        "NULL AND response_id NOT IN (SELECT amends FROM questionnaire_responses WHERE amends "
        "IS NOT NULL)",
        dimension_column(query.by)));
    rows.bind(1, query.questionnaire)
        .bind(2, plugin::to_iso(query.from))
        .bind(3, plugin::to_iso(query.to));
    int current_version = -1;
    VersionPlan* plan = nullptr;
    std::size_t last_group = 0;
    std::pair<std::vector<std::uint32_t>, std::int64_t>* cell = nullptr;
    std::pair<int, std::size_t> cell_key{-1, 0};
    while (rows.step()) {
        const int version = static_cast<int>(rows.integer(0));
        if (version != current_version) {
            auto it = plans.find(version);
            if (it == plans.end()) {
                auto d = questionnaires::load_definition(db, query.questionnaire, version);
                if (!d) {
                    throw std::runtime_error(fmt::format("{}@{} has responses but no definition",
                                                         query.questionnaire, version));
                }
                it = plans.emplace(version, plan_for(std::move(*d))).first;
            }
            plan = &it->second;
            current_version = version;
        }
        std::size_t group = 0;
        switch (query.by) {
            case QafGrouping::none:
                break;
            case QafGrouping::quarter: {
                const std::string_view day = rows.text_view(1);
                const int year = two_digits(day, 0) * 100 + two_digits(day, 2);
                const int month = two_digits(day, 5);
                const int key = (month >= 4 ? year : year - 1) * 4 + ((month + 8) % 12) / 3;
                auto [it, added] = quarter_groups.try_emplace(key, group_keys.size());
                if (added) {
                    group_keys.push_back(quarter_key(key));
                }
                group = it->second;
                break;
            }
            case QafGrouping::version: {
                const std::string key = fmt::format("{}@{}", query.questionnaire, version);
                auto [it, added] = named_groups.try_emplace(key, group_keys.size());
                if (added) {
                    group_keys.push_back(key);
                }
                group = it->second;
                break;
            }
            default: {
                std::string_view value = rows.text_view(2);
                if (value.empty()) {
                    value = "(not recorded)";
                }
                auto it = named_groups.find(value);
                if (it == named_groups.end()) {
                    it = named_groups.emplace(std::string(value), group_keys.size()).first;
                    group_keys.emplace_back(value);
                }
                group = it->second;
            }
        }
        if (cell == nullptr || cell_key.first != version || group != last_group) {
            cell_key = {version, group};
            auto& slot = raw[cell_key];
            if (slot.first.empty()) {
                slot.first.assign(plan->counters, 0);
            }
            cell = &slot;
            last_group = group;
        }
        const std::string_view codes = rows.blob_view(3);
        if (codes.size() != plan->definition.code_width) {
            throw std::runtime_error(fmt::format(
                "a {} response holds {} bytes of codes where its version has {}",
                plan->definition.reference(), codes.size(), plan->definition.code_width));
        }
        count_row(*plan, codes, cell->first.data());
        ++cell->second;
    }
    // The layout: the latest version, widened by what older versions met add.
    for (auto& [version, p] : plans) {
        tally.versions.push_back(p.definition.reference());
    }
    for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
        merge_into(tally.layout, it->second);
    }
    std::vector<std::size_t> order(group_keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return group_keys[a] < group_keys[b]; });
    std::vector<std::size_t> position(group_keys.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        tally.groups.push_back(empty_group(tally.layout, group_keys[order[i]]));
        position[order[i]] = i;
    }
    tally.all = empty_group(tally.layout, "All");
    for (const auto& [key, counts] : raw) {
        const auto& p = plans.at(key.first);
        fold(p, counts.first, counts.second, tally.all);
        if (query.by != QafGrouping::none) {
            fold(p, counts.first, counts.second, tally.groups[position[key.second]]);
        }
    }
    return tally;
}

}  // namespace iro::reports
