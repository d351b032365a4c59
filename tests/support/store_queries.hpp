#pragma once
// Reading a test's SQLite store back as text, so expectations read like the rows they check.

#include <initializer_list>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::test {

/// Each row's first `columns` values joined by "|", NULL as "-".
std::vector<std::string> query_rows(store::Database& db, const std::string& sql, int columns = 1);

/// "children=3 episodes=4 ..." for the tables named: equal before and after means untouched.
std::string table_counts(store::Database& db, std::initializer_list<const char*> tables);

}  // namespace iro::test
