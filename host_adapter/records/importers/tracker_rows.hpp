#pragma once
// A council's quality-alert tracker, exported from its spreadsheet as CSV (docs/quality-alerts.md):
// one row per raise or later action, read into the rows the quality-alerts module's import_alerts
// request plans from.

#include <nlohmann/json.hpp>
#include <string>

namespace iro::importers {

/// The rows of the tracker export at `file`: [{"line": N, "<column>": "<text>", ...}], empty
/// fields left out. Throws std::invalid_argument naming the file, line and why for a malformed
/// file, an unknown or missing column, a row of the wrong width, or no rows at all.
nlohmann::json read_tracker_rows(const std::string& file);

}  // namespace iro::importers
