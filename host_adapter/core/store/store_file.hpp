#pragma once
// Opening the store file, whatever state it is in.

#include <filesystem>
#include <string_view>

#include "store/sqlite.hpp"

namespace iro::store {

/// The store at `path`, ready for use: written from the template image of the latest schema when
/// no file is there (store_template.hpp), then opened and brought to the latest schema version (a
/// store made by an older iro-host is migrated; one made by a newer is refused). `applied_at`
/// (UTC, "YYYY-MM-DDTHH:MM:SSZ") is recorded with each migration applied.
Database open_store(const std::filesystem::path& path, std::string_view applied_at);

/// Reads from the store's case records, so a readiness probe fails when the store cannot be read;
/// throws store::SqliteError.
void check_readable(Database& db);

/// Sizes the connection's page cache for serving: every request reads the same few tables, so up
/// to 64 MiB of their pages stay in memory.
void use_serving_cache(Database& db);

}  // namespace iro::store
