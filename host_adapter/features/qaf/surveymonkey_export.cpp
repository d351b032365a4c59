#include "qaf/surveymonkey_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "importers/csv_reader.hpp"
#include "iro/plugin_api/dates.hpp"
#include "iro/plugin_api/text_match.hpp"

namespace iro::importers {

namespace {

using questionnaires::Definition;
using questionnaires::Question;
using questionnaires::QuestionType;

constexpr std::array<std::string_view, 9> kRespondentColumns{
    "Respondent ID", "Collector ID", "Start Date", "End Date",     "IP Address",
    "Email Address", "First Name",   "Last Name",  "Custom Data 1"};
constexpr std::string_view kResponse = "Response";
constexpr std::string_view kOpenEnded = "Open-Ended Response";

// "Q20. Is the ..." and "20: Is the ..." are the same title as "Is the ...".
std::string without_number(const std::string& title) {
    std::size_t i = 0;
    if (i < title.size() && (title[i] == 'Q' || title[i] == 'q')) {
        ++i;
    }
    const std::size_t digits = i;
    while (i < title.size() && title[i] >= '0' && title[i] <= '9') {
        ++i;
    }
    if (i == digits || i >= title.size() ||
        (title[i] != '.' && title[i] != ':' && title[i] != ')')) {
        return title;
    }
    return title.substr(i + 1);
}

std::vector<const Question*> questions_titled(const Definition& d, const std::string& title) {
    const std::string wanted = plugin::normalised_text(without_number(title));
    std::vector<const Question*> found;
    for (const auto& q : d.questions) {
        bool same = plugin::normalised_text(q.text) == wanted ||
                    (!q.short_title.empty() && plugin::normalised_text(q.short_title) == wanted);
        for (const auto& alias : q.aliases) {
            same = same || plugin::normalised_text(alias) == wanted;
        }
        if (same) {
            found.push_back(&q);
        }
    }
    return found;
}

const questionnaires::Option* option_labelled(const Question& q, const std::string& label) {
    const std::string wanted = plugin::normalised_text(label);
    for (const auto& o : q.options) {
        if (plugin::normalised_text(o.label) == wanted) {
            return &o;
        }
    }
    return nullptr;
}

const questionnaires::Option* other_option(const Question& q) {
    for (const auto& o : q.options) {
        if (o.other) {
            return &o;
        }
    }
    return nullptr;
}

// What each column of a matched group holds.
struct ColumnRole {
    enum class Kind { response, option, other_text, open } kind = Kind::response;
    const questionnaires::Option* option = nullptr;
};

struct MatchedGroup {
    const ColumnGroup* group;
    const Question* question;
    std::vector<ColumnRole> roles;
};

// Reads the DD/MM/YYYY or YYYY-MM-DD a date question was answered with.
std::optional<plugin::Date> answered_date(const std::string& text) {
    if (auto iso = plugin::parse_iso_date(text)) {
        return iso;
    }
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        return plugin::parse_iso_date(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" +
                                      text.substr(0, 2));
    }
    return std::nullopt;
}

}  // namespace

std::string surveymonkey_timestamp(const std::string& text) {
    // MM/DD/YYYY hh:mm:ss AM
    if (text.size() != 22 || text[2] != '/' || text[5] != '/' || text[10] != ' ' ||
        text[13] != ':' || text[16] != ':' || text[19] != ' ') {
        return {};
    }
    const std::string suffix = text.substr(20);
    if (suffix != "AM" && suffix != "PM") {
        return {};
    }
    const auto day = plugin::parse_iso_date(text.substr(6, 4) + "-" + text.substr(0, 2) + "-" +
                                            text.substr(3, 2));
    const std::string hh = text.substr(11, 2);
    const std::string mm = text.substr(14, 2);
    const std::string ss = text.substr(17, 2);
    for (const auto& part : {hh, mm, ss}) {
        if (part.find_first_not_of("0123456789") != std::string::npos) {
            return {};
        }
    }
    int hour = std::stoi(hh);
    if (!day || hour < 1 || hour > 12 || std::stoi(mm) > 59 || std::stoi(ss) > 59) {
        return {};
    }
    hour = hour % 12 + (suffix == "PM" ? 12 : 0);
    return fmt::format("{}T{:02}:{}:{}", plugin::to_iso(*day), hour, mm, ss);
}

SurveyMonkeyExport read_surveymonkey_export(const std::filesystem::path& file,
                                            const Definition& d) try {
    CsvReader reader(file);  // blank titles, which continue a question, may repeat
    const auto titles = reader.header();
    for (std::size_t i = 0; i < kRespondentColumns.size(); ++i) {
        if (i >= titles.size() || titles[i] != kRespondentColumns[i]) {
            throw std::invalid_argument(fmt::format(
                "{}:1: not a SurveyMonkey expanded export: column {} is '{}', expected '{}'",
                file.string(), i + 1, i < titles.size() ? titles[i] : std::string(),
                kRespondentColumns[i]));
        }
    }
    CsvRecord second;
    if (!reader.next(second)) {
        throw std::invalid_argument(file.string() + ": row 2 (what each column holds) is missing");
    }
    std::vector<std::string> held = second.fields;
    held.resize(titles.size());
    SurveyMonkeyExport out;
    // Columns into groups: a titled column starts a question, blank titles continue it.
    for (std::size_t c = kRespondentColumns.size(); c < titles.size(); ++c) {
        if (!titles[c].empty() || out.groups.empty()) {
            ColumnGroup g;
            g.first_column = c + 1;
            g.width = 1;
            g.title = titles[c];
            out.groups.push_back(std::move(g));
        } else {
            ++out.groups.back().width;
        }
    }
    std::map<const Question*, std::size_t> claimed;  // question -> group index
    std::vector<MatchedGroup> matched;
    for (std::size_t gi = 0; gi < out.groups.size(); ++gi) {
        auto& g = out.groups[gi];
        const auto found = questions_titled(d, g.title);
        if (found.empty()) {
            g.note = "no question of " + d.reference() + " has this text";
            continue;
        }
        if (found.size() > 1) {
            g.match = ColumnGroup::Match::ambiguous;
            g.note = fmt::format("matches {} questions", found.size());
            out.problems.push_back(fmt::format("{}:1: column {} '{}' {}: {}", file.string(),
                                               g.first_column, g.title, g.note,
                                               found[0]->id + ", " + found[1]->id));
            continue;
        }
        const Question& q = *found.front();
        if (const auto earlier = claimed.find(&q); earlier != claimed.end()) {
            g.match = ColumnGroup::Match::ambiguous;
            g.note = fmt::format("{} is also the question of column {}", q.id,
                                 out.groups[earlier->second].first_column);
            out.problems.push_back(fmt::format("{}:1: column {} '{}': {}", file.string(),
                                               g.first_column, g.title, g.note));
            continue;
        }
        claimed.emplace(&q, gi);
        g.match = ColumnGroup::Match::matched;
        g.question_id = q.id;
        MatchedGroup m{&g, &q, {}};
        for (std::size_t k = 0; k < g.width; ++k) {
            const std::size_t c = g.first_column - 1 + k;
            const std::string& what = held[c];
            ColumnRole role;
            if (what == kResponse && q.type == QuestionType::single_choice) {
                role.kind = ColumnRole::Kind::response;
            } else if (what == kOpenEnded) {
                role.kind = q.is_choice() ? ColumnRole::Kind::other_text : ColumnRole::Kind::open;
                role.option = q.is_choice() ? other_option(q) : nullptr;
                if (q.is_choice() && role.option == nullptr) {
                    out.problems.push_back(fmt::format(
                        "{}:2: column {}: an 'Other (please specify)' text, but {} has no such "
                        "option",
                        file.string(), c + 1, q.id));
                }
            } else if (q.type == QuestionType::multiple_choice) {
                role.kind = ColumnRole::Kind::option;
                role.option = option_labelled(q, what);
                if (role.option == nullptr) {
                    out.problems.push_back(
                        fmt::format("{}:2: column {}: '{}' is not an option of {}", file.string(),
                                    c + 1, what, q.id));
                }
            } else {
                out.problems.push_back(fmt::format(
                    "{}:2: column {}: '{}' does not fit {}, a {} question", file.string(), c + 1,
                    what, q.id, questionnaires::to_string(q.type)));
            }
            m.roles.push_back(role);
        }
        matched.push_back(std::move(m));
    }
    for (const auto& q : d.questions) {
        if (claimed.count(&q) == 0) {
            out.questions_without_column.push_back(q.id + " (" + display_title(q) + ")");
            if (q.required) {
                out.problems.push_back(
                    fmt::format("{}: {} is required by {} and no column matches it", file.string(),
                                q.id, d.reference()));
            }
        }
    }
    if (!out.problems.empty()) {
        return out;  // the mapping is wrong: no row is worth reading
    }
    CsvRecord record;
    while (reader.next(record)) {
        auto& f = record.fields;
        f.resize(titles.size());
        const auto bad = [&](std::size_t column, const std::string& why) {
            out.problems.push_back(
                fmt::format("{}:{}: column {}: {}", file.string(), record.line, column, why));
        };
        nlohmann::json row = {{"line", record.line}, {"external_id", f[0]}};
        if (!f[8].empty()) {
            row["review_id"] = f[8];
        }
        const std::string ended = surveymonkey_timestamp(f[3]);
        if (ended.empty()) {
            bad(4, "End Date '" + f[3] + "' is not MM/DD/YYYY hh:mm:ss AM or PM");
            continue;
        }
        if (f[0].empty()) {
            bad(1, "the Respondent ID is empty");
        }
        row["submitted_at"] = ended;
        row["review_date"] = ended.substr(0, 10);
        nlohmann::json answers = nlohmann::json::object();
        nlohmann::json other = nlohmann::json::object();
        for (const auto& m : matched) {
            const Question& q = *m.question;
            nlohmann::json ticked = nlohmann::json::array();
            // A ticked "Other (please specify)" column and the text column after it are one
            // answer: the option once, with its text.
            const auto tick = [&ticked](const std::string& code) {
                if (std::find(ticked.begin(), ticked.end(), code) == ticked.end()) {
                    ticked.push_back(code);
                }
            };
            for (std::size_t k = 0; k < m.roles.size(); ++k) {
                const std::size_t c = m.group->first_column - 1 + k;
                const std::string& value = f[c];
                if (value.empty()) {
                    continue;
                }
                const ColumnRole& role = m.roles[k];
                switch (role.kind) {
                    case ColumnRole::Kind::response:
                        if (const auto* o = option_labelled(q, value)) {
                            answers[q.id] = o->code;
                        } else {
                            bad(c + 1, fmt::format("'{}' is not an option of {}", value, q.id));
                        }
                        break;
                    case ColumnRole::Kind::option:
                        tick(role.option->code);
                        break;
                    case ColumnRole::Kind::other_text:
                        other[q.id] = value;
                        if (q.type == QuestionType::multiple_choice) {
                            tick(role.option->code);
                        } else if (!answers.contains(q.id)) {
                            answers[q.id] = role.option->code;
                        }
                        break;
                    case ColumnRole::Kind::open:
                        if (q.type == QuestionType::number) {
                            try {
                                std::size_t used = 0;
                                const double n = std::stod(value, &used);
                                if (used != value.size()) {
                                    throw std::invalid_argument(value);
                                }
                                answers[q.id] = n;
                            } catch (const std::exception&) {
                                bad(c + 1, fmt::format("'{}' is not a number ({})", value, q.id));
                            }
                        } else if (q.type == QuestionType::date) {
                            if (const auto day = answered_date(value)) {
                                answers[q.id] = plugin::to_iso(*day);
                                if (q.review_date) {
                                    row["review_date"] = plugin::to_iso(*day);
                                }
                            } else {
                                bad(c + 1, fmt::format("'{}' is not a date, DD/MM/YYYY ({})", value,
                                                       q.id));
                            }
                        } else {
                            answers[q.id] = value;
                        }
                        break;
                }
            }
            if (!ticked.empty()) {
                answers[q.id] = std::move(ticked);
            }
        }
        row["answers"] = std::move(answers);
        if (!other.empty()) {
            row["other"] = std::move(other);
        }
        out.rows.push_back(std::move(row));
    }
    if (out.rows.empty() && out.problems.empty()) {
        out.problems.push_back(file.string() + ": no responses after the two header rows");
    }
    return out;
} catch (const CsvError& e) {
    throw std::invalid_argument(e.what());
}

std::string mapping_report(const SurveyMonkeyExport& x, const Definition& d) {
    std::string out =
        fmt::format("Mapping of the export's columns to {} ({}):\n", d.reference(), d.title);
    std::size_t matched = 0;
    std::size_t unmatched = 0;
    std::size_t ambiguous = 0;
    for (const auto& g : x.groups) {
        const std::string columns = g.width == 1 ? fmt::format("column {}", g.first_column)
                                                 : fmt::format("columns {}-{}", g.first_column,
                                                               g.first_column + g.width - 1);
        switch (g.match) {
            case ColumnGroup::Match::matched:
                ++matched;
                out += fmt::format("  matched    {:<14} -> {}\n", columns, g.question_id);
                break;
            case ColumnGroup::Match::unmatched:
                ++unmatched;
                out += fmt::format("  unmatched  {:<14} '{}': {}; ignored\n", columns, g.title,
                                   g.note);
                break;
            case ColumnGroup::Match::ambiguous:
                ++ambiguous;
                out += fmt::format("  ambiguous  {:<14} '{}': {}\n", columns, g.title, g.note);
                break;
        }
    }
    for (const auto& q : x.questions_without_column) {
        out += "  no column  " + q + "\n";
    }
    out += fmt::format(
        "{} matched, {} unmatched, {} ambiguous; {} question(s) of {} without a column.\n", matched,
        unmatched, ambiguous, x.questions_without_column.size(), d.reference());
    return out;
}

}  // namespace iro::importers
