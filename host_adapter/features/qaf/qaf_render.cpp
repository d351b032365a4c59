#include "qaf/qaf_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report_tables/csv_tables.hpp"

namespace iro::reports {

namespace {

nlohmann::json count_json(const QafCell& cell) {
    return cell.suppressed ? nlohmann::json("c") : nlohmann::json(cell.count);
}

// Display width of UTF-8 text: code points, which is right for the labels we print.
std::size_t width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string pad(const std::string& text, std::size_t to) {
    const std::size_t w = width(text);
    return w >= to ? text : text + std::string(to - w, ' ');
}

std::string period_line(const QafReport& r) {
    return fmt::format("{} ({} to {})", r.period, plugin::to_iso(r.from), plugin::to_iso(r.to));
}

}  // namespace

std::string total_label(const QafQuestionTable& table) {
    return table.multiple() ? "Total Respondents" : "Total";
}

std::string ranking_title(const QafReport& report, const QafQuestionTable& table) {
    std::string out = fmt::format("Top {}", table.top_n);
    if (report.columns.size() > 1) {
        out += " (" + report.columns.back() + ")";
    }
    if (!table.top_left_out.empty()) {
        out += fmt::format(", leaving out {}", fmt::join(table.top_left_out, "; "));
    }
    return out;
}

std::string qaf_text(const QafReport& r) {
    std::string out = fmt::format("{}: {}\n", r.title, period_line(r));
    out += fmt::format("Questionnaire version(s) drawn on: {}.\n",
                       r.versions.empty() ? std::string("none (no responses)")
                                          : fmt::format("{}", fmt::join(r.versions, ", ")));
    std::string responses;
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        responses +=
            fmt::format("{}{} {}", c == 0 ? "" : ", ", r.columns[c], qaf_count(r.responses[c]));
    }
    out += "Responses: " + responses + ".\n";
    for (const auto& t : r.questions) {
        out += "\n" + t.title + "\n" + t.section + "\n";
        if (!t.is_choice()) {
            for (std::size_t c = 0; c < r.columns.size(); ++c) {
                out += fmt::format("  {}: answered {}, skipped {}\n", r.columns[c],
                                   qaf_count(t.answered[c]), qaf_count(t.skipped[c]));
            }
            continue;
        }
        std::size_t label_width = 14;
        for (const auto& row : t.rows) {
            label_width = std::max(label_width, width(row.label) + 2);
        }
        label_width = std::max(label_width, width(total_label(t)) + 2);
        std::string head = pad("Answer Choices", label_width);
        for (const auto& column : r.columns) {
            head += fmt::format("{:>18}", column);
        }
        out += head + "\n";
        for (const auto& row : t.rows) {
            std::string line = pad(row.label, label_width);
            for (std::size_t c = 0; c < r.columns.size(); ++c) {
                line += fmt::format("{:>10} {:>7}", qaf_percent(row.cells[c], t.answered[c]),
                                    qaf_count(row.cells[c]));
            }
            out += line + "\n";
        }
        if (t.multiple()) {
            std::string line;
            for (std::size_t c = 0; c < r.columns.size(); ++c) {
                line += fmt::format("{}{}{}: {}", c == 0 ? "" : "   ", total_label(t),
                                    r.columns.size() > 1 ? " (" + r.columns[c] + ")" : "",
                                    qaf_count(t.answered[c]));
            }
            out += line + "\n";
        } else {
            std::string line = pad(total_label(t), label_width);
            for (std::size_t c = 0; c < r.columns.size(); ++c) {
                line += fmt::format("{:>10} {:>7}", "", qaf_count(t.answered[c]));
            }
            out += line + "\n";
        }
        std::string counts;
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            counts += fmt::format("{}Answered: {}  Skipped: {}{}", c == 0 ? "" : "   ",
                                  qaf_count(t.answered[c]), qaf_count(t.skipped[c]),
                                  r.columns.size() > 1 ? " (" + r.columns[c] + ")" : "");
        }
        out += counts + "\n";
        if (!t.top.empty()) {
            out += ranking_title(r, t) + ":\n";
            for (const auto& ranked : t.top) {
                out += fmt::format("  {}. {} ({})\n", ranked.rank, ranked.label,
                                   qaf_count(ranked.cell));
            }
        }
    }
    if (const auto note = suppression_note(r); !note.empty()) {
        out += "\n" + note + "\n";
    }
    if (!r.other_texts.empty()) {
        out += "\n'Other (please specify)' texts - for internal use only, never published:\n";
        for (const auto& o : r.other_texts) {
            out += fmt::format("  {} response {} ({}): {}\n", o.question_id, o.response_id,
                               o.review_date, o.text);
        }
    }
    return out;
}

std::string qaf_csv(const QafReport& r) {
    std::string out =
        "question_id,question_number,question,section,row,option_code,option,column,count,"
        "percent\n";
    for (const auto& t : r.questions) {
        const std::string number = t.number ? std::to_string(*t.number) : std::string();
        const std::string prefix = fmt::format("{},{},{},{},", csv_field(t.id), number,
                                               csv_field(t.title), csv_field(t.section));
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            const std::string column = csv_field(r.columns[c]);
            for (const auto& row : t.rows) {
                out += fmt::format("{}{},{},{},{},{},{}\n", prefix,
                                   row.combined ? "combined" : "option", csv_field(row.code),
                                   csv_field(row.label), column, qaf_count(row.cells[c]),
                                   qaf_percent(row.cells[c], t.answered[c]));
            }
            out +=
                fmt::format("{}{},,,{},{},\n", prefix, t.multiple() ? "total_respondents" : "total",
                            column, qaf_count(t.answered[c]));
            out += fmt::format("{}skipped,,,{},{},\n", prefix, column, qaf_count(t.skipped[c]));
        }
        for (const auto& ranked : t.top) {
            out += fmt::format("{}top_{},{},{},{},{},\n", prefix, ranked.rank,
                               csv_field(ranked.code), csv_field(ranked.label),
                               csv_field(r.columns.back()), qaf_count(ranked.cell));
        }
    }
    return out;
}

std::string qaf_json(const QafReport& r) {
    nlohmann::json questions = nlohmann::json::array();
    for (const auto& t : r.questions) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : t.rows) {
            nlohmann::json cells = nlohmann::json::array();
            for (std::size_t c = 0; c < r.columns.size(); ++c) {
                cells.push_back({{"count", count_json(row.cells[c])},
                                 {"percent", qaf_percent(row.cells[c], t.answered[c])}});
            }
            rows.push_back({{"code", row.code},
                            {"label", row.label},
                            {"combined", row.combined},
                            {"cells", cells}});
        }
        nlohmann::json answered = nlohmann::json::array();
        nlohmann::json skipped = nlohmann::json::array();
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            answered.push_back(count_json(t.answered[c]));
            skipped.push_back(count_json(t.skipped[c]));
        }
        nlohmann::json top = nlohmann::json::array();
        for (const auto& ranked : t.top) {
            top.push_back({{"rank", ranked.rank},
                           {"code", ranked.code},
                           {"label", ranked.label},
                           {"count", count_json(ranked.cell)}});
        }
        questions.push_back({{"id", t.id},
                             {"number", t.number ? nlohmann::json(*t.number) : nlohmann::json()},
                             {"title", t.title},
                             {"section", t.section},
                             {"type", questionnaires::to_string(t.type)},
                             {"rows", rows},
                             {"total_label", total_label(t)},
                             {"answered", answered},
                             {"skipped", skipped},
                             {"top", top}});
    }
    nlohmann::json responses = nlohmann::json::array();
    for (const auto& cell : r.responses) {
        responses.push_back(count_json(cell));
    }
    nlohmann::json out = {{"title", r.title},
                          {"questionnaire", r.questionnaire},
                          {"versions", r.versions},
                          {"period", r.period},
                          {"from", plugin::to_iso(r.from)},
                          {"to", plugin::to_iso(r.to)},
                          {"by", to_string(r.by)},
                          {"columns", r.columns},
                          {"responses", responses},
                          {"suppress_below", r.suppress_below},
                          {"note", suppression_note(r)},
                          {"questions", questions}};
    if (!r.other_texts.empty()) {
        nlohmann::json texts = nlohmann::json::array();
        for (const auto& o : r.other_texts) {
            texts.push_back({{"question_id", o.question_id},
                             {"response_id", o.response_id},
                             {"review_date", o.review_date},
                             {"text", o.text}});
        }
        out["other_texts_internal_only"] = texts;
    }
    return out.dump(2) + "\n";
}

}  // namespace iro::reports
