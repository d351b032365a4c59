#include "importers/tracker_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

#include "importers/csv_reader.hpp"

namespace iro::importers {

namespace {

// The tracker export's columns (docs/quality-alerts.md); ref, action, on and actor on every row.
constexpr std::array<std::string_view, 15> kImportColumns{
    "ref",   "action",     "on",         "actor",       "child_id",
    "kind",  "categories", "other_text", "description", "responder",
    "stage", "comment",    "outcome",    "new_due_on",  "to_stage"};

}  // namespace

nlohmann::json read_tracker_rows(const std::string& file) try {
    CsvReader reader(file);
    const auto& header = reader.header();
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (std::find(kImportColumns.begin(), kImportColumns.end(), header[i]) ==
            kImportColumns.end()) {
            throw std::invalid_argument(fmt::format(
                "{}:1: column {} '{}' is not one of: ref, action, on, actor, child_id, kind, "
                "categories, other_text, description, responder, stage, comment, outcome, "
                "new_due_on, to_stage",
                file, i + 1, header[i]));
        }
    }
    for (const char* needed : {"ref", "action", "on", "actor"}) {
        if (std::find(header.begin(), header.end(), needed) == header.end()) {
            throw std::invalid_argument(file + ":1: the column '" + needed + "' is missing");
        }
    }
    nlohmann::json rows = nlohmann::json::array();
    CsvRecord record;
    while (reader.next(record)) {
        if (record.fields.size() != header.size()) {
            throw std::invalid_argument(fmt::format("{}:{}: {} fields where the header has {}",
                                                    file, record.line, record.fields.size(),
                                                    header.size()));
        }
        nlohmann::json row = {{"line", record.line}};
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (!record.fields[i].empty()) {
                row[header[i]] = record.fields[i];
            }
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        throw std::invalid_argument(file + ": no rows to import");
    }
    return rows;
} catch (const CsvError& e) {
    throw std::invalid_argument(e.what());  // a malformed file: refused, nothing imported
}

}  // namespace iro::importers
