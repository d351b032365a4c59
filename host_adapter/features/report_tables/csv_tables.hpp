#pragma once
// The measure reports' CSV is the source of their other published forms: each block of lines
// (blocks are separated by a blank line) is a table whose first line is its header, rendered as
// an accessible HTML document or as one XLSX sheet per table. One source, so the forms never
// disagree.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace iro::reports {

/// A field quoted for CSV when it needs to be (RFC 4180).
std::string csv_field(const std::string& text);

struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

/// The tables of `csv`. Throws std::invalid_argument for an unterminated quote.
std::vector<CsvTable> parse_csv_tables(std::string_view csv);

/// A self-contained HTML page: the title as its heading, a captioned table per table.
std::string csv_tables_html(const std::string& title, const std::vector<CsvTable>& tables);

/// A workbook with one sheet per table, numbers written as numbers.
void write_csv_tables_xlsx(const std::string& title, const std::vector<CsvTable>& tables,
                           const std::filesystem::path& file);

}  // namespace iro::reports
