#include "annual_report/annual_render.hpp"

#include "report_tables/csv_tables.hpp"
#include "text/date_words.hpp"

namespace iro::reports::annual {

namespace {

const char* kind_name(Cell::Kind kind) {
    switch (kind) {
        case Cell::Kind::count:
            return "count";
        case Cell::Kind::percent:
            return "percent";
        case Cell::Kind::ratio:
            return "ratio";
        case Cell::Kind::text:
            return "text";
        case Cell::Kind::no_data:
            break;
    }
    return "no_data";
}

nlohmann::json cell_json(const Cell& cell) {
    nlohmann::json out{{"text", cell_text(cell)}, {"kind", kind_name(cell.kind)}};
    if (cell.suppressed) {
        out["suppressed"] = true;
    } else if (cell.kind == Cell::Kind::count || cell.kind == Cell::Kind::percent ||
               cell.kind == Cell::Kind::ratio) {
        out["value"] = cell.value;
    }
    return out;
}

}  // namespace

std::string annual_report_title(const AnnualReport& report) {
    return (report.council.empty() ? std::string() : report.council + ": ") +
           (report.title.empty() ? "IRO annual report " + report.year : report.title);
}

std::string measured_to_words(const AnnualReport& report) {
    const auto day = plugin::parse_iso_date(report.measured_to);
    return day ? text::date_in_words(*day) : report.measured_to;
}

nlohmann::json annual_report_json(const AnnualReport& report) {
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& section : report.sections) {
        nlohmann::json tables = nlohmann::json::array();
        for (const auto& t : section.tables) {
            nlohmann::json rows = nlohmann::json::array();
            for (const auto& row : t.rows) {
                nlohmann::json cells = nlohmann::json::array();
                for (const auto& cell : row.cells) {
                    cells.push_back(cell_json(cell));
                }
                rows.push_back({{"label", row.label}, {"total", row.total}, {"cells", cells}});
            }
            tables.push_back({{"number", t.number},
                              {"title", t.title},
                              {"definition", t.definition},
                              {"source", t.source},
                              {"row_heading", t.row_heading},
                              {"columns", t.columns},
                              {"rows", rows},
                              {"notes", t.notes}});
        }
        sections.push_back({{"title", section.title}, {"tables", tables}});
    }
    return {{"title", annual_report_title(report)},
            {"year", report.year},
            {"compare", report.compare},
            {"measured_to", report.measured_to},
            {"suppress_below", report.suppress_below},
            {"sections", sections}};
}

std::string annual_report_csv(const AnnualReport& report) {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads the en dashes
    out += csv_field(annual_report_title(report)) + "\r\n\r\n";
    for (const auto& section : report.sections) {
        for (const auto& t : section.tables) {
            out += csv_field("Table " + t.number + ": " + t.title) + "\r\n";
            out += csv_field(t.row_heading);
            for (const auto& c : t.columns) {
                out += "," + csv_field(c);
            }
            out += "\r\n";
            for (const auto& row : t.rows) {
                out += csv_field(row.label);
                for (const auto& cell : row.cells) {
                    out += "," + csv_field(cell_text(cell));
                }
                out += "\r\n";
            }
            out += csv_field("Definition: " + t.definition) + "\r\n";
            out += csv_field("Source: " + t.source) + "\r\n";
            for (const auto& note : t.notes) {
                out += csv_field(note) + "\r\n";
            }
            out += "\r\n";
        }
    }
    return out;
}

}  // namespace iro::reports::annual
