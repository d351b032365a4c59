#include "report_tables/csv_tables.hpp"

#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>

#include "report_tables/xlsx_workbook.hpp"
#include "text/html_text.hpp"

namespace iro::reports {

namespace {

std::vector<std::vector<std::string>> parse_records(std::string_view csv) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n') {
            if (any || !field.empty()) {
                record.push_back(std::move(field));
            }
            records.push_back(std::move(record));
            record.clear();
            field.clear();
            any = false;
        } else if (c != '\r') {
            field.push_back(c);
        }
    }
    if (quoted) {
        throw std::invalid_argument("CSV: a quoted field is not closed");
    }
    if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

std::optional<double> number(const std::string& text) {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::vector<CsvTable> parse_csv_tables(std::string_view csv) {
    std::vector<CsvTable> tables;
    bool start_new = true;
    for (auto& record : parse_records(csv)) {
        if (record.empty()) {
            start_new = true;
            continue;
        }
        if (start_new) {
            tables.push_back({std::move(record), {}});
            start_new = false;
        } else {
            tables.back().rows.push_back(std::move(record));
        }
    }
    return tables;
}

std::string csv_tables_html(const std::string& title, const std::vector<CsvTable>& tables) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{0}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;margin:1rem;"
        "color:#1b1b1b}}\ntable{{border-collapse:collapse;margin:0 0 1.5rem}}\n"
        "caption{{text-align:left;font-weight:bold;padding:.25rem 0}}\n"
        "th,td{{border:1px solid #6f6f6f;padding:.25rem .5rem}}\ntd.n{{text-align:right}}\n"
        "</style>\n</head>\n<body>\n<main>\n<h1>{0}</h1>\n",
        html_escape(title));
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const auto& table = tables[t];
        out += fmt::format("<table>\n<caption>Table {}</caption>\n<thead><tr>", t + 1);
        for (const auto& h : table.header) {
            out += "<th scope=\"col\">" + html_escape(h) + "</th>";
        }
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : table.rows) {
            out += "<tr>";
            for (std::size_t c = 0; c < row.size(); ++c) {
                const bool numeric = number(row[c]).has_value();
                out += c == 0 ? "<th scope=\"row\">" + html_escape(row[c]) + "</th>"
                              : std::string(numeric ? "<td class=\"n\">" : "<td>") +
                                    html_escape(row[c]) + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
}

void write_csv_tables_xlsx(const std::string& title, const std::vector<CsvTable>& tables,
                           const std::filesystem::path& file) {
    auto book = open_workbook(file);
    lxw_format* bold = workbook_add_format(book.get());
    format_set_bold(bold);
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const auto name = fmt::format("Table {}", t + 1);
        lxw_worksheet* sheet = workbook_add_worksheet(book.get(), name.c_str());
        worksheet_write_string(sheet, 0, 0, title.c_str(), bold);
        const auto& table = tables[t];
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), table.header[c].c_str(),
                                   bold);
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r + 3);
            for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                if (const auto value = number(table.rows[r][c])) {
                    worksheet_write_number(sheet, row, col, *value, nullptr);
                } else {
                    worksheet_write_string(sheet, row, col, table.rows[r][c].c_str(), nullptr);
                }
            }
        }
    }
    finish_workbook(std::move(book), file);
}

}  // namespace iro::reports
