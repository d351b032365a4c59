#include "store/date_columns.hpp"

#include <string>

namespace iro::store {

plugin::Date date_column(const Statement& stmt, int column, std::string_view table) {
    const std::string_view text = stmt.text_view(column);
    if (const auto day = plugin::parse_iso_date(text)) {
        return *day;
    }
    throw SqliteError(std::string(table) + ": '" + std::string(text) +
                      "' in the store is not a date");
}

std::optional<plugin::Date> optional_date_column(const Statement& stmt, int column,
                                                 std::string_view table) {
    if (stmt.is_null(column)) {
        return std::nullopt;
    }
    return date_column(stmt, column, table);
}

}  // namespace iro::store
