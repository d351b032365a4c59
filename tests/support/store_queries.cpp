#include "support/store_queries.hpp"

namespace iro::test {

std::vector<std::string> query_rows(store::Database& db, const std::string& sql, int columns) {
    auto stmt = db.prepare(sql);
    std::vector<std::string> out;
    while (stmt.step()) {
        std::string line;
        for (int i = 0; i < columns; ++i) {
            line += (i ? "|" : "") + stmt.optional_text(i).value_or("-");
        }
        out.push_back(line);
    }
    return out;
}

std::string table_counts(store::Database& db, std::initializer_list<const char*> tables) {
    std::string text;
    for (const char* table : tables) {
        text += std::string(table) + "=" +
                query_rows(db, std::string("SELECT count(*) FROM ") + table).at(0) + " ";
    }
    return text;
}

}  // namespace iro::test
