#pragma once
// Versioned schema migrations. Each runs once, in order, in its own transaction; the database's
// PRAGMA user_version records the last one applied.

#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace iro::store {

/// One schema step.
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
    /// The step rewrites a table's definition in sqlite_schema: SQLite's documented procedure
    /// for changes that leave every stored row valid (lang_altertable.html, "Making Other Kinds
    /// Of Table Schema Changes"). migrate() lets `sql` write the schema table and then moves the
    /// schema version on, so every connection reads the new definition.
    bool edits_schema_text = false;
};

/// All migrations this build knows, in version order.
const std::vector<Migration>& migrations();

/// Brings `db` up to the latest version. Throws SqliteError when the file was written by a newer
/// iro-host (its version is above ours): we never guess at a schema we do not know.
/// Returns the number of migrations applied.
int migrate(Database& db, std::string_view applied_at);

/// The schema version stored in the file.
int schema_version(Database& db);

}  // namespace iro::store
