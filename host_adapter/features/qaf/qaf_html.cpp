// The QAF report as one self-contained HTML page that reads like a page of the IRO annual report:
// each question a numbered table in SurveyMonkey's layout with a horizontal bar chart drawn in
// inline SVG. No script, no external font, image or style sheet; prints on A4.

#include <fmt/format.h>

#include <algorithm>

#include "qaf/qaf_render.hpp"
#include "text/html_text.hpp"

namespace iro::reports {

namespace {

// Column colours: dark enough for white text and distinct in grey print.
constexpr const char* kColours[] = {"#1d4f91", "#8a5a00", "#2e6b30", "#7a2b6b",
                                    "#4d4d4d", "#a0341f", "#005f73", "#5c4d9a"};

double percent_value(const QafCell& count, const QafCell& of) {
    const std::string text = qaf_percent(count, of);
    if (text == "c" || text == "-") {
        return -1;
    }
    return std::stod(text.substr(0, text.size() - 1));
}

// Horizontal bars, one group per option, one bar per column; withheld values have no bar.
std::string bar_chart(const QafReport& r, const QafQuestionTable& t) {
    const std::size_t columns = r.columns.size();
    const double bar = 14;
    const double gap = 10;
    const double label_width = 300;
    const double plot_width = 330;
    double top = 0;
    for (const auto& row : t.rows) {
        top = std::max(top, percent_value(row.cells.back(), t.answered.back()));
        for (std::size_t c = 0; c < columns; ++c) {
            top = std::max(top, percent_value(row.cells[c], t.answered[c]));
        }
    }
    const double scale_max = top > 100 ? top : 100;
    const double group = bar * static_cast<double>(columns) + gap;
    const double height = group * static_cast<double>(t.rows.size()) + 30;
    std::string svg = fmt::format(
        "<svg class=\"chart\" role=\"img\" aria-label=\"Bar chart of the percentages in the "
        "table above\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"100%\" "
        "xmlns=\"http://www.w3.org/2000/svg\">",
        label_width + plot_width + 70, height);
    for (int tick = 0; tick <= 100; tick += 25) {
        const double x = label_width + plot_width * tick / scale_max;
        svg += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1:.0f}\" stroke=\"#ccc\" "
            "stroke-width=\"0.5\"/><text x=\"{0:.1f}\" y=\"{2:.0f}\" font-size=\"9\" "
            "text-anchor=\"middle\" fill=\"#555\">{3}%</text>",
            x, height - 20, height - 8, tick);
    }
    double y = 0;
    for (const auto& row : t.rows) {
        std::string label = row.label;
        if (label.size() > 58) {
            label.resize(55);
            label += "...";
        }
        svg += fmt::format(
            "<text x=\"{:.0f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\" "
            "fill=\"#222\"{}>{}</text>",
            label_width - 6, y + group / 2, row.combined ? " font-weight=\"bold\"" : "",
            html_escape(label));
        for (std::size_t c = 0; c < columns; ++c) {
            const double value = percent_value(row.cells[c], t.answered[c]);
            const double by = y + bar * static_cast<double>(c);
            if (value < 0) {
                svg += fmt::format(
                    "<text x=\"{:.0f}\" y=\"{:.1f}\" font-size=\"9\" fill=\"#555\">c</text>",
                    label_width + 2, by + bar - 4);
                continue;
            }
            const double w = plot_width * value / scale_max;
            svg += fmt::format(
                "<rect x=\"{:.0f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" "
                "fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" "
                "fill=\"#222\">{}</text>",
                label_width, by, w, bar - 2, kColours[c % std::size(kColours)], label_width + w + 3,
                by + bar - 4, html_escape(qaf_percent(row.cells[c], t.answered[c])));
        }
        y += group;
    }
    return svg + "</svg>";
}

std::string legend(const QafReport& r) {
    if (r.columns.size() < 2) {
        return {};
    }
    std::string out = "<p class=\"legend\">";
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        out += fmt::format("<span><i style=\"background:{}\"></i>{}</span>",
                           kColours[c % std::size(kColours)], html_escape(r.columns[c]));
    }
    return out + "</p>";
}

std::string question_table(const QafReport& r, const QafQuestionTable& t, int number) {
    // The section is the h2 above the table: not repeated under its title.
    std::string out = fmt::format(
        "<section class=\"question\" aria-labelledby=\"q-{0}\">\n"
        "<h3 id=\"q-{0}\">Table {1}: {2}</h3>\n",
        html_escape(t.id), number, html_escape(t.title));
    out += "<table>\n<thead><tr><th scope=\"col\" rowspan=\"2\">Answer Choices</th>";
    for (const auto& column : r.columns) {
        out += fmt::format("<th scope=\"colgroup\" colspan=\"2\">{}</th>", html_escape(column));
    }
    out += "</tr><tr>";
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        out += "<th scope=\"col\">Responses</th><th scope=\"col\">Count</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += fmt::format("<tr{}><th scope=\"row\">{}</th>",
                           row.combined ? " class=\"combined\"" : "", html_escape(row.label));
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            out += fmt::format("<td>{}</td><td>{}</td>",
                               html_escape(qaf_percent(row.cells[c], t.answered[c])),
                               qaf_count(row.cells[c]));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n<tfoot>";
    if (t.multiple()) {
        out += fmt::format("<tr><td colspan=\"{}\">", 1 + 2 * r.columns.size());
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            out += fmt::format("{}<strong>Total Respondents: {}</strong>{}",
                               c == 0 ? "" : " &middot; ", qaf_count(t.answered[c]),
                               r.columns.size() > 1 ? " (" + html_escape(r.columns[c]) + ")" : "");
        }
        out += "</td></tr>";
    } else {
        out += "<tr><th scope=\"row\">Total</th>";
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            out += fmt::format("<td></td><td>{}</td>", qaf_count(t.answered[c]));
        }
        out += "</tr>";
    }
    out += "</tfoot>\n</table>\n";
    std::string counts;
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        counts += fmt::format("{}Answered: {} &middot; Skipped: {}{}", c == 0 ? "" : "; ",
                              qaf_count(t.answered[c]), qaf_count(t.skipped[c]),
                              r.columns.size() > 1 ? " (" + html_escape(r.columns[c]) + ")" : "");
    }
    out += "<p class=\"counts\">" + counts + "</p>\n";
    out += bar_chart(r, t) + "\n";
    if (!t.top.empty()) {
        out += fmt::format("<h4>{}</h4>\n<ol class=\"top\">", html_escape(ranking_title(r, t)));
        for (const auto& ranked : t.top) {
            out += fmt::format("<li value=\"{}\">{} ({})</li>", ranked.rank,
                               html_escape(ranked.label), qaf_count(ranked.cell));
        }
        out += "</ol>\n";
    }
    return out + "</section>\n";
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; max-width: 46rem;
       margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; background: #fff; }
header { border-bottom: 3px solid #1d4f91; margin-bottom: 1.5rem; }
header p.kicker { font-family: Arial, Helvetica, sans-serif; text-transform: uppercase;
                  letter-spacing: .08em; font-size: .8rem; color: #1d4f91; margin: 0; }
h1 { font-size: 1.7rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.25rem; color: #1d4f91; border-bottom: 1px solid #c9d3e3; padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1rem; margin: 1.6rem 0 .1rem; }
h4 { font-size: .9rem; margin: .8rem 0 .2rem; }
p.section, p.counts, p.meta, p.note, p.legend { font-family: Arial, Helvetica, sans-serif;
     font-size: .8rem; color: #444; margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; font-family: Arial, Helvetica, sans-serif;
        font-size: .82rem; margin: .4rem 0; }
th, td { border: 1px solid #b8c2d1; padding: .22rem .45rem; }
thead th { background: #1d4f91; color: #fff; font-weight: bold; text-align: center; }
tbody th, tfoot th { text-align: left; font-weight: normal; }
td { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f2f5fa; }
tr.combined th, tr.combined td { font-weight: bold; background: #e6ecf5; }
tfoot td, tfoot th { font-weight: bold; background: #f7f7f7; }
svg.chart { display: block; margin: .5rem 0 .2rem; max-width: 100%; height: auto; }
p.legend span { margin-right: 1rem; }
p.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem;
             vertical-align: middle; }
section.question { break-inside: avoid; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9d3e3; font-family: Arial, sans-serif;
         font-size: .75rem; color: #555; }
)css";

}  // namespace

std::string qaf_html(const QafReport& r) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>{}: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                       html_escape(r.title), html_escape(r.period), kStyle);
    out += fmt::format(
        "<header>\n<p class=\"kicker\">Independent Reviewing Officer Service &middot; Annual "
        "Report</p>\n<h1>{}</h1>\n<p class=\"meta\">Reporting period {} ({} to {}). Completed "
        "by the IRO after each review. Questionnaire version(s): {}.</p>\n</header>\n<main>\n",
        html_escape(r.title), html_escape(r.period), plugin::to_iso(r.from), plugin::to_iso(r.to),
        html_escape(r.versions.empty() ? std::string("none")
                                       : fmt::format("{}", fmt::join(r.versions, ", "))));
    std::string responses;
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
        responses += fmt::format("{}{}: {}", c == 0 ? "" : "; ", html_escape(r.columns[c]),
                                 qaf_count(r.responses[c]));
    }
    out += "<p class=\"meta\">Responses &mdash; " + responses +
           ". Each percentage is of those who answered that question; for a question where "
           "several answers may be chosen it is of the respondents, so a column may pass "
           "100%.</p>\n" +
           legend(r);
    std::string current_section;
    int number = 0;
    for (const auto& t : r.questions) {
        if (t.section != current_section) {
            current_section = t.section;
            out += "<h2>" + html_escape(current_section) + "</h2>\n";
        }
        out += question_table(r, t, ++number);
    }
    if (const auto note = suppression_note(r); !note.empty()) {
        out += "<p class=\"note\">" + html_escape(note) + "</p>\n";
    }
    out +=
        "</main>\n<footer><p>Figures are counted from the QAF responses held by IRO "
        "Oversight; percentages are rounded to two decimal places and are not adjusted to "
        "total 100.</p></footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace iro::reports
