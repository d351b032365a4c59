#pragma once
// The published forms of a report from the command line: CSV (with a byte-order mark), HTML that
// prints on A4, or an XLSX workbook with charts (features/annual_report/annual_render.hpp), to a
// file or, but for XLSX, to stdout; and the options every report command offers for them.

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "annual_report/report_table.hpp"

namespace iro::cli {

/// What a report command is asked for: its format, where to write, and disclosure control.
struct PublicationOptions {
    std::string format = "table";
    std::string out;
    int suppress_below = 0;

    /// csv, html or xlsx: the forms that come from the report's published tables.
    bool published() const;
};

/// Adds --format (table, json, then the published forms), --out and --suppress-below to `command`.
void add_publication_options(CLI::App& command, PublicationOptions& options);

/// Refuses what cannot be done before any work: XLSX with no file to write, or withholding small
/// counts from the working views (table, json), which are not for publication.
void check_publication_options(const PublicationOptions& options);

/// Writes `report` in the options' published format.
void write_publication(const reports::annual::AnnualReport& report,
                       const PublicationOptions& options);

/// Prints a report in the form asked for: its published tables (`publication(suppress_below)`,
/// built only then); else the working view, `json` with --json or --format json, or `text()`.
void write_report(const PublicationOptions& options, bool json_flag,
                  const std::function<reports::annual::AnnualReport(int)>& publication,
                  const nlohmann::json& json, const std::function<std::string()>& text);

}  // namespace iro::cli
