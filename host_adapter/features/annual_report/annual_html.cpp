// The annual report as one HTML page for the Board's papers: numbered tables with their
// definitions and sources, an SVG chart beside the tables a reader would rather look at (each
// chart names its table, which holds its figures), and print rules for A4 portrait: tables wider
// than a page are split into parts that repeat the row labels, and no table or chart is cut.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "annual_report/annual_render.hpp"
#include "text/html_text.hpp"

namespace iro::reports::annual {

namespace {

// Value columns per printed part: with the row labels, as many as fit 180 mm at 10 pt.
constexpr std::size_t kColumnsPerPart = 6;

// Colours from the GOV.UK palette, with at least 3:1 contrast against white (WCAG 1.4.11).
constexpr std::array<const char*, 3> kSeriesColours{"#1d70b8", "#f47738", "#0f7a52"};

constexpr const char* kStyle = R"css(
body{font-family:arial,sans-serif;color:#0b0c0c;margin:1.5rem auto;max-width:60rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2rem;border-bottom:2px solid #1d70b8}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .4rem;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left}
thead th{border-bottom:2px solid #0b0c0c}
tr.total th,tr.total td{font-weight:bold;border-top:2px solid #0b0c0c}
.definition,.source,.note{font-size:.85rem;margin:.2rem 0;color:#0b0c0c}
figure{margin:.5rem 0 1rem}figcaption{font-size:.85rem}figure svg{max-width:40rem;display:block}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
svg text{font-family:arial,sans-serif;font-size:12px;fill:#0b0c0c}
.table-block{break-inside:avoid}
@page{size:A4 portrait;margin:15mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}h2{break-before:page}
  h2:first-of-type{break-before:auto}table{font-size:9pt}thead{display:table-header-group}
  tr,figure{break-inside:avoid}}
)css";

using reports::html_escape;

std::optional<double> shown_value(const Cell& cell) {
    if (cell.suppressed || cell.kind == Cell::Kind::no_data || cell.kind == Cell::Kind::text) {
        return std::nullopt;
    }
    return cell.value;
}

struct ChartData {
    std::vector<std::string> categories;
    std::vector<std::string> series_names;
    std::vector<std::vector<std::optional<double>>> values;  ///< [category][series]
    std::vector<std::vector<std::string>> labels;            ///< as the table prints them
};

ChartData chart_data(const ReportTable& t) {
    ChartData d;
    if (t.chart.row) {
        const auto& row = t.rows.at(*t.chart.row);
        d.series_names.push_back(row.label);
        for (std::size_t c = 0; c < t.columns.size() && c < row.cells.size(); ++c) {
            d.categories.push_back(t.columns[c]);
            d.values.push_back({shown_value(row.cells[c])});
            d.labels.push_back({cell_text(row.cells[c])});
        }
        return d;
    }
    for (const auto s : t.chart.series) {
        d.series_names.push_back(t.columns.at(s));
    }
    // The rows above the first total: what the total is made of (rows after it say other things).
    for (const auto& row : t.rows) {
        if (row.total) {
            break;
        }
        d.categories.push_back(row.label);
        std::vector<std::optional<double>> values;
        std::vector<std::string> labels;
        for (const auto s : t.chart.series) {
            const bool has = s < row.cells.size();
            values.push_back(has ? shown_value(row.cells[s]) : std::nullopt);
            labels.push_back(has ? cell_text(row.cells[s]) : std::string());
        }
        d.values.push_back(std::move(values));
        d.labels.push_back(std::move(labels));
    }
    return d;
}

// Text in lines of at most `width` characters, as SVG tspans under `x`.
std::string wrapped(const std::string& text, std::size_t width, double x, double line_height) {
    std::vector<std::string> lines{""};
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string word = text.substr(start, end - start);
        if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width) {
            lines.emplace_back();
        }
        lines.back() += (lines.back().empty() ? "" : " ") + word;
        start = end + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += fmt::format("<tspan x=\"{:.1f}\" dy=\"{:.0f}\">{}</tspan>", x,
                           i == 0 ? 0.0 : line_height, html_escape(lines[i]));
    }
    return out;
}

// The largest value shown: the full length of a bar or height of a column.
double largest(const ChartData& d) {
    double top = 0;
    for (const auto& values : d.values) {
        for (const auto& v : values) {
            top = std::max(top, v.value_or(0));
        }
    }
    return top;
}

// An SVG image of `width` by `height` units, labelled by the element `title_id`, scaled to fit.
std::string svg_open(const std::string& title_id, double width, double height) {
    return fmt::format(
        "<svg role=\"img\" aria-labelledby=\"{}\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"100%\" "
        "preserveAspectRatio=\"xMinYMin meet\">\n",
        title_id, width, height);
}

// Horizontal bars: one per category (and series), the label above the bar.
std::string bars_svg(const ChartData& d, const std::string& title_id) {
    const double top = largest(d);
    const double width = 640;
    const double bar_area = 460;
    const double step = 16.0 * static_cast<double>(d.series_names.size()) + 22;
    const double height = step * static_cast<double>(d.categories.size()) + 10;
    std::string out = svg_open(title_id, width, height);
    for (std::size_t c = 0; c < d.categories.size(); ++c) {
        const double y = step * static_cast<double>(c);
        out += fmt::format("<text x=\"0\" y=\"{:.0f}\">{}</text>\n", y + 12,
                           html_escape(d.categories[c]));
        for (std::size_t s = 0; s < d.series_names.size(); ++s) {
            const double by = y + 16 + 16.0 * static_cast<double>(s);
            const auto& v = d.values[c][s];
            const double length = v && top > 0 ? *v / top * bar_area : 0;
            out += fmt::format(
                "<rect x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"12\" fill=\"{}\"/>"
                "<text x=\"{:.1f}\" y=\"{:.0f}\">{}</text>\n",
                by, length, kSeriesColours.at(s % kSeriesColours.size()), length + 6, by + 11,
                v ? html_escape(d.labels[c][s]) : std::string("not shown"));
        }
    }
    return out + "</svg>\n";
}

// Vertical columns: categories along the bottom, each with a column per series.
std::string columns_svg(const ChartData& d, const std::string& title_id) {
    const double top = largest(d);
    const double width = 640;
    const double plot = 200;
    const double slot = width / static_cast<double>(std::max<std::size_t>(1, d.categories.size()));
    const double column = std::min(28.0, (slot - 8) / static_cast<double>(d.series_names.size()));
    std::string out = svg_open(title_id, width, plot + (d.series_names.size() > 1 ? 110 : 70));
    for (std::size_t c = 0; c < d.categories.size(); ++c) {
        const double x = slot * static_cast<double>(c) + 4;
        for (std::size_t s = 0; s < d.series_names.size(); ++s) {
            const auto& v = d.values[c][s];
            const double h = v && top > 0 ? *v / top * plot : 0;
            const double cx = x + column * static_cast<double>(s);
            out += fmt::format(
                "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                "fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">{}</text>\n",
                cx, 20 + plot - h, column - 2, h, kSeriesColours.at(s % kSeriesColours.size()), cx,
                16 + plot - h, v ? html_escape(d.labels[c][s]) : std::string("-"));
        }
        // The category's name under its columns, in lines that fit the slot.
        out +=
            fmt::format("<text y=\"{:.1f}\" font-size=\"10\">{}</text>\n", plot + 34,
                        wrapped(d.categories[c],
                                static_cast<std::size_t>(std::max(4.0, (slot - 6) / 6.5)), x, 12));
    }
    // The key, when there is more than one series.
    for (std::size_t s = 0; d.series_names.size() > 1 && s < d.series_names.size(); ++s) {
        const double kx = 160.0 * static_cast<double>(s);
        out += fmt::format(
            "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"12\" height=\"12\" fill=\"{}\"/><text "
            "x=\"{:.0f}\" y=\"{:.0f}\">{}</text>\n",
            kx, plot + 90, kSeriesColours.at(s % kSeriesColours.size()), kx + 16, plot + 101,
            html_escape(d.series_names[s]));
    }
    return out + "</svg>\n";
}

std::string chart_html(const ReportTable& t) {
    if (t.chart.kind == Chart::none) {
        return "";
    }
    const auto d = chart_data(t);
    if (d.categories.empty()) {
        return "";  // nothing to draw: the table says so
    }
    const std::string id = "chart-" + t.number;
    std::string names;
    for (const auto& n : d.series_names) {
        names += (names.empty() ? "" : ", ") + n;
    }
    const std::string title =
        fmt::format("Chart for table {}: {} ({}). The figures are in table {}.", t.number, t.title,
                    names, t.number);
    return fmt::format("<figure>\n<figcaption id=\"{}\">{}</figcaption>\n{}</figure>\n", id,
                       html_escape(title),
                       t.chart.kind == Chart::bars ? bars_svg(d, id) : columns_svg(d, id));
}

// The table, in parts of at most kColumnsPerPart value columns, each repeating the row labels.
std::string table_html(const ReportTable& t) {
    std::string out;
    const std::size_t width = t.columns.size();
    const std::size_t parts =
        std::max<std::size_t>(1, (width + kColumnsPerPart - 1) / kColumnsPerPart);
    for (std::size_t p = 0; p < parts; ++p) {
        const std::size_t from = p * kColumnsPerPart;
        const std::size_t to = std::min(width, from + kColumnsPerPart);
        // The heading above names the table; the caption says so to a screen reader, and
        // which part of a split table this is to everyone.
        out += fmt::format(
            "<table>\n<caption{}>Table {}: {}{}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
            parts > 1 ? "" : " class=\"vh\"", html_escape(t.number), html_escape(t.title),
            parts > 1 ? fmt::format(" (part {} of {})", p + 1, parts) : "",
            html_escape(t.row_heading));
        for (std::size_t c = from; c < to; ++c) {
            out += "<th scope=\"col\">" + html_escape(t.columns[c]) + "</th>";
        }
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            out += fmt::format("<tr{}><th scope=\"row\">{}</th>",
                               row.total ? " class=\"total\"" : "", html_escape(row.label));
            for (std::size_t c = from; c < to; ++c) {
                out += "<td>" + (c < row.cells.size() ? html_escape(cell_text(row.cells[c])) : "") +
                       "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    return out;
}

}  // namespace

std::string annual_report_html(const AnnualReport& report) {
    const std::string title = annual_report_title(report);
    std::string body = fmt::format(
        "<h1>{}</h1>\n<p>1 April to 31 March{}; measured to {}{}.</p>\n", html_escape(title),
        report.compare.empty() ? "" : ", compared with " + html_escape(report.compare),
        html_escape(measured_to_words(report)),
        report.suppress_below > 1
            ? fmt::format("; counts below {} are withheld (c)", report.suppress_below)
            : "");
    // Contents: every table by number.
    body += "<nav aria-labelledby=\"contents-h\"><h2 id=\"contents-h\">Contents</h2>\n<ol>\n";
    for (const auto& section : report.sections) {
        for (const auto& t : section.tables) {
            body +=
                fmt::format("<li value=\"{0}\"><a href=\"#table-{0}\">Table {0}: {1}</a></li>\n",
                            html_escape(t.number), html_escape(t.title));
        }
    }
    body += "</ol>\n</nav>\n";
    for (const auto& section : report.sections) {
        body += "<h2>" + html_escape(section.title) + "</h2>\n";
        for (const auto& t : section.tables) {
            body += fmt::format(
                "<section class=\"table-block\" id=\"table-{0}\">\n<h3>Table {0}: {1}</h3>\n",
                html_escape(t.number), html_escape(t.title));
            body += table_html(t);
            body += "<p class=\"definition\"><strong>Definition.</strong> " +
                    html_escape(t.definition) + "</p>\n";
            body +=
                "<p class=\"source\"><strong>Source.</strong> " + html_escape(t.source) + "</p>\n";
            for (const auto& note : t.notes) {
                body += "<p class=\"note\">" + html_escape(note) + "</p>\n";
            }
            body += chart_html(t);
            body += "</section>\n";
        }
    }
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n"
        "</html>\n",
        html_escape(title), kStyle, body);
}

}  // namespace iro::reports::annual
