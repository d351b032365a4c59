#pragma once
// Reading the annual report's JSON in tests: a table by its title, its rows as text.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace iro::test {

/// The table titled `title` in `report` (schemas/api/annual-report.schema.json); fails the test
/// and returns null when there is none.
const nlohmann::json* report_table(const nlohmann::json& report, const std::string& title);

/// Each row as "label: text text ...", with the cells in `columns`, or every cell when empty.
std::vector<std::string> report_rows(const nlohmann::json& report, const std::string& title,
                                     const std::vector<std::size_t>& columns = {});

}  // namespace iro::test
