#pragma once
// Days as the host stores them: ISO text ("2024-04-15") it wrote itself, so a column that does not
// parse is a damaged store, reported as one, never read as "no day".

#include <optional>
#include <string_view>

#include "iro/plugin_api/dates.hpp"
#include "store/sqlite.hpp"

namespace iro::store {

/// The day in `column`. Throws SqliteError naming `table` and the text when it is not a day.
plugin::Date date_column(const Statement& stmt, int column, std::string_view table);

/// The same, or nullopt when the column is NULL.
std::optional<plugin::Date> optional_date_column(const Statement& stmt, int column,
                                                 std::string_view table);

}  // namespace iro::store
